using System;
using System.Numerics;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The readout decoded by table where its coordinates are clean, the common case: each coordinate ±0, +1 or −1 is a base-3
    /// digit (0, 1, 2), a vector of positions gets its index in a few vector operations, and the value is the decoder's on
    /// those coordinates, computed once here (decoding is a pure function of the coordinates, as <see cref="ReadoutMemo{T}"/>
    /// relies on too; −0 and +0 decode alike). Any other value, or a clean pattern the decoder refuses, goes to the memo, which
    /// decodes it or reports it at its position. Shared by a pass's threads (read-only).
    /// </summary>
    internal sealed class ReadoutTable<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>At most 3⁶ = 729 entries.</summary>
        private const int MaxDims = 6;

        private readonly int _offset, _dims;
        private readonly double[] _values;
        private readonly bool[] _decodes;

        private ReadoutTable(int offset, int dims, double[] values, bool[] decodes)
        {
            _offset = offset;
            _dims = dims;
            _values = values;
            _decodes = decodes;
        }

        /// <summary>The table of <paramref name="decoder"/>, or null when its readout has more than <see cref="MaxDims"/> coordinates.</summary>
        public static ReadoutTable<T>? TryCreate(ReadoutDecoder decoder)
        {
            int dims = decoder.Dims;
            if (dims > MaxDims) return null;
            int entries = 1;
            for (int d = 0; d < dims; d++) entries *= 3;
            var values = new double[entries];
            var decodes = new bool[entries];
            var coordinates = new double[dims];
            for (int index = 0; index < entries; index++)
            {
                for (int d = 0, rest = index; d < dims; d++, rest /= 3) coordinates[d] = (rest % 3) switch { 0 => 0.0, 1 => 1.0, _ => -1.0 };
                try
                {
                    values[index] = decoder.Decode(coordinates, 0);
                    decodes[index] = true;
                }
                catch (InvalidOperationException)
                {
                    // Left to the memo, which reports it at the position it occurs.
                }
            }
            return new ReadoutTable<T>(decoder.Offset, dims, values, decodes);
        }

        /// <summary>
        /// Decodes positions [<paramref name="p0"/>, <paramref name="p0"/> + <paramref name="length"/>) of the transposed residual
        /// (whole vectors) into <paramref name="decoded"/> (token t at position t + 1; the sink and positions from
        /// <paramref name="count"/> on are skipped). Throws, through the memo, at a position that does not decode.
        /// </summary>
        public void Decode(T[] x, int stride, int p0, int length, int count, double[] decoded, ReadoutMemo<T> memo)
        {
            ref T xs = ref x[0];
            for (int p = p0; p < p0 + length && p < count; p += Vector<T>.Count)
            {
                Vector<T> index = Vector<T>.Zero, bad = Vector<T>.Zero;
                T digit = T.One;
                for (int d = 0; d < _dims; d++)
                {
                    Vector<T> v = Vector.LoadUnsafe(ref xs, (nuint)((_offset + d) * stride + p));
                    Vector<T> one = Vector.Equals(v, Vector<T>.One), minusOne = Vector.Equals(v, -Vector<T>.One);
                    bad |= ~(one | minusOne | Vector.Equals(v, Vector<T>.Zero));
                    index += (one & new Vector<T>(digit)) + (minusOne & new Vector<T>(digit + digit));
                    digit *= T.CreateTruncating(3);
                }
                for (int l = 0; l < Vector<T>.Count; l++)
                {
                    int q = p + l;
                    if (q < 1 || q >= count) continue;
                    int entry = int.CreateTruncating(index[l]);
                    decoded[q - 1] = bad[l] == T.Zero && _decodes[entry] ? _values[entry] : memo.Decode(x, stride, q, q - 1);
                }
            }
        }
    }
}
