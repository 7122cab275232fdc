using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Circuits
{
    /// <summary>
    /// The bulk of a key block's scores s_j = q_0 k_0j + q_1 k_1j + … in 512-bit registers, shared by the generic engine and
    /// the generated pass so that both score keys with one routine: four vectors of keys at a time, each dimension's q and key
    /// row looked up once for all four, dimensions in ascending order, one rounding per product and per sum (the floats do
    /// not depend on the vector width). Used by the engine and by generated code; not meant to be called directly.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KeyScores<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Keys one step of <see cref="Block512"/> scores: four 512-bit vectors.</summary>
        public static int Step => 4 * Vector512<T>.Count;

        /// <summary>
        /// Scores keys from <paramref name="j"/> on, <see cref="Step"/> at a time while a whole step fits before
        /// <paramref name="blockEnd"/>, into <paramref name="scores"/> (by key position); advances <paramref name="j"/> to the
        /// first key left unscored (the caller scores the rest, fewer than a step) and returns the largest score written
        /// (−∞ when none; NaN when any is NaN). Does nothing when the machine has no 512-bit vectors.
        /// </summary>
        /// <param name="keys">The keys transposed: dimension c's row of keys starts at <paramref name="rows"/>[c].</param>
        /// <param name="q">The query's values, dimension c at <paramref name="qStart"/> + c.</param>
        /// <param name="qStart">Where the query starts in <paramref name="q"/>.</param>
        /// <param name="rows">Per dimension, where its key row starts in <paramref name="keys"/>.</param>
        /// <param name="dims">How many dimensions enter the scores (0: every score is 0).</param>
        /// <param name="scores">The row's scores, by key position.</param>
        /// <param name="j">The first key to score; on return, the first key not scored.</param>
        /// <param name="blockEnd">One past the block's last key.</param>
        /// <returns>The maximum of the scores written.</returns>
        /// <remarks>
        /// Reads are unchecked (they are the hot loop): the caller guarantees qStart + dims ≤ q.Length, dims ≤ rows.Length,
        /// rows[c] + blockEnd ≤ keys.Length and blockEnd ≤ scores.Length, which the engine's and the generated pass's padded
        /// key rows (dimension × stride, blockEnd ≤ the row's keys ≤ stride) and score rows satisfy.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Block512(T[] keys, T[] q, int qStart, int[] rows, int dims, T[] scores, ref int j, int blockEnd)
        {
            if (!Vector512.IsHardwareAccelerated) return T.NegativeInfinity;
            Debug.Assert(qStart + dims <= q.Length && dims <= rows.Length && blockEnd <= scores.Length);
            var vmax = Vector512.Create(T.NegativeInfinity);
            ref T keys0 = ref MemoryMarshal.GetArrayDataReference(keys);
            ref T q0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(q), qStart);
            ref int rows0 = ref MemoryMarshal.GetArrayDataReference(rows);
            ref T scores0 = ref MemoryMarshal.GetArrayDataReference(scores);
            int at = j;
            for (; at + 4 * Vector512<T>.Count <= blockEnd; at += 4 * Vector512<T>.Count)
            {
                Vectors(ref keys0, ref q0, ref rows0, dims, at, out var s0, out var s1, out var s2, out var s3);
                ref T to = ref Unsafe.Add(ref scores0, at);
                s0.StoreUnsafe(ref to);
                s1.StoreUnsafe(ref to, (nuint)Vector512<T>.Count);
                s2.StoreUnsafe(ref to, (nuint)(2 * Vector512<T>.Count));
                s3.StoreUnsafe(ref to, (nuint)(3 * Vector512<T>.Count));
                vmax = Vector512.Max(Vector512.Max(vmax, Vector512.Max(s0, s1)), Vector512.Max(s2, s3));
            }
            j = at;
            return HorizontalMax(vmax);
        }

        /// <summary>The scores of keys [j, j + <see cref="Step"/>): four 512-bit vectors, each Σ_c q_c·k_c in ascending c (0 with no dimension).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Vectors(ref T keys, ref T q, ref int rows, int dims, int j, out Vector512<T> s0, out Vector512<T> s1, out Vector512<T> s2, out Vector512<T> s3)
        {
            s0 = s1 = s2 = s3 = Vector512<T>.Zero;
            if (dims == 0) return;
            var qc = Vector512.Create(q);
            ref T k = ref Unsafe.Add(ref keys, rows + j);
            s0 = qc * Vector512.LoadUnsafe(ref k);
            s1 = qc * Vector512.LoadUnsafe(ref k, (nuint)Vector512<T>.Count);
            s2 = qc * Vector512.LoadUnsafe(ref k, (nuint)(2 * Vector512<T>.Count));
            s3 = qc * Vector512.LoadUnsafe(ref k, (nuint)(3 * Vector512<T>.Count));
            for (int c = 1; c < dims; c++)
            {
                qc = Vector512.Create(Unsafe.Add(ref q, c));
                k = ref Unsafe.Add(ref keys, Unsafe.Add(ref rows, c) + j);
                s0 += qc * Vector512.LoadUnsafe(ref k);
                s1 += qc * Vector512.LoadUnsafe(ref k, (nuint)Vector512<T>.Count);
                s2 += qc * Vector512.LoadUnsafe(ref k, (nuint)(2 * Vector512<T>.Count));
                s3 += qc * Vector512.LoadUnsafe(ref k, (nuint)(3 * Vector512<T>.Count));
            }
        }

        /// <summary>The largest lane (NaN when any lane is NaN), as <see cref="SoftmaxLanes{T}.HorizontalMax"/>.</summary>
        private static T HorizontalMax(Vector512<T> v)
        {
            T m = v[0];
            for (int l = 1; l < Vector512<T>.Count; l++) m = SoftmaxLanes<T>.Max(m, v[l]);
            return m;
        }
    }
}
