using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// A hand-written vectorised exp(x) for float, to measure what the machine allows beyond TensorPrimitives.Exp: range
    /// reduction x = k·ln2 + r (Cody–Waite, two-part ln2), a degree-6 polynomial for e^r on |r| ≤ ln2/2, and 2^k built in
    /// the exponent bits. Inputs are clamped to [−87.3, 88.7] (no denormals or infinities). About 2 ulp; used only as a
    /// throughput bound, never by a forward pass.
    /// </summary>
    public static class FastExp
    {
        private const float Log2E = 1.44269504f, Ln2Hi = 0.693359375f, Ln2Lo = -2.12194440e-4f, Low = -87.3f, High = 88.7f;
        private const float C2 = 0.5f, C3 = 1.66666672e-1f, C4 = 4.16666679e-2f, C5 = 8.33333377e-3f, C6 = 1.38888893e-3f;

        /// <summary>destination[i] = exp(source[i]), 512-bit vectors where the hardware has them, else 256-bit.</summary>
        public static void Exp(ReadOnlySpan<float> source, Span<float> destination)
        {
            if (destination.Length < source.Length) throw new ArgumentException("destination is shorter than source", nameof(destination));
            ref float x = ref MemoryMarshal.GetReference(source);
            ref float y = ref MemoryMarshal.GetReference(destination);
            int i = 0, n = source.Length;
            if (Vector512.IsHardwareAccelerated)
                for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                    Vector512.StoreUnsafe(Exp(Vector512.LoadUnsafe(ref x, (nuint)i)), ref y, (nuint)i);
            if (Vector256.IsHardwareAccelerated)
                for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                    Vector256.StoreUnsafe(Exp(Vector256.LoadUnsafe(ref x, (nuint)i)), ref y, (nuint)i);
            for (; i < n; i++) destination[i] = MathF.Exp(source[i]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Exp(Vector512<float> x)
        {
            x = Vector512.Min(Vector512.Max(x, Vector512.Create(Low)), Vector512.Create(High));
            var k = Vector512.Round(x * Vector512.Create(Log2E));
            var r = x - k * Vector512.Create(Ln2Hi) - k * Vector512.Create(Ln2Lo);
            var p = Vector512.Create(C6);
            p = p * r + Vector512.Create(C5);
            p = p * r + Vector512.Create(C4);
            p = p * r + Vector512.Create(C3);
            p = p * r + Vector512.Create(C2);
            p = p * r + Vector512<float>.One;
            p = p * r + Vector512<float>.One;
            var scale = (Vector512.ConvertToInt32(k) + Vector512.Create(127)) << 23;
            return p * scale.AsSingle();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Exp(Vector256<float> x)
        {
            x = Vector256.Min(Vector256.Max(x, Vector256.Create(Low)), Vector256.Create(High));
            var k = Vector256.Round(x * Vector256.Create(Log2E));
            var r = x - k * Vector256.Create(Ln2Hi) - k * Vector256.Create(Ln2Lo);
            var p = Vector256.Create(C6);
            p = p * r + Vector256.Create(C5);
            p = p * r + Vector256.Create(C4);
            p = p * r + Vector256.Create(C3);
            p = p * r + Vector256.Create(C2);
            p = p * r + Vector256<float>.One;
            p = p * r + Vector256<float>.One;
            var scale = (Vector256.ConvertToInt32(k) + Vector256.Create(127)) << 23;
            return p * scale.AsSingle();
        }

        /// <summary>The largest relative error against <see cref="MathF.Exp"/> over <paramref name="inputs"/>.</summary>
        public static double MaxRelativeError(ReadOnlySpan<float> inputs)
        {
            var results = new float[inputs.Length];
            Exp(inputs, results);
            double worst = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                double exact = Math.Exp(inputs[i]);
                worst = Math.Max(worst, Math.Abs(results[i] - exact) / exact);
            }
            return worst;
        }
    }
}
