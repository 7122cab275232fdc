using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Circuits
{
    /// <summary>destination[i] = source[index[i]]: the indexed pass's one non-contiguous read.</summary>
    internal static class Gather
    {
        /// <summary>
        /// Copies <paramref name="source"/>[<paramref name="index"/>[i]] into <paramref name="destination"/>[i] for every i of
        /// <paramref name="destination"/>; an index outside <paramref name="source"/> throws.
        /// </summary>
        public static void Run<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> index, Span<T> destination) where T : unmanaged
        {
            int n = destination.Length;
            if (index.Length < n) throw new ArgumentException("fewer indices than destinations", nameof(index));
            ref T s = ref MemoryMarshal.GetReference(source);
            ref int at = ref MemoryMarshal.GetReference(index);
            ref T d = ref MemoryMarshal.GetReference(destination);
            // One unsigned compare per element instead of the span's checks: the loop is then four independent loads wide.
            uint length = (uint)source.Length;
            int i = 0;
            for (; i + 4 <= n; i += 4)
            {
                int a = Unsafe.Add(ref at, i), b = Unsafe.Add(ref at, i + 1), c = Unsafe.Add(ref at, i + 2), e = Unsafe.Add(ref at, i + 3);
                if ((uint)a >= length || (uint)b >= length || (uint)c >= length || (uint)e >= length) throw new ArgumentOutOfRangeException(nameof(index), "an index lies outside the source");
                Unsafe.Add(ref d, i) = Unsafe.Add(ref s, a);
                Unsafe.Add(ref d, i + 1) = Unsafe.Add(ref s, b);
                Unsafe.Add(ref d, i + 2) = Unsafe.Add(ref s, c);
                Unsafe.Add(ref d, i + 3) = Unsafe.Add(ref s, e);
            }
            for (; i < n; i++) destination[i] = source[index[i]];
        }
    }
}
