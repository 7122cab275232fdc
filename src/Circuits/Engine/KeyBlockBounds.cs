using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;

namespace Circuits
{
    /// <summary>
    /// One head's keys summarised per key block: for each score dimension c and block g (keys [g·KeyBlock, (g+1)·KeyBlock)),
    /// the least and the largest k_cj. A query row bounds every score of a block from these before computing any
    /// (<see cref="RowBounds{T}"/>), so blocks that cannot reach the row's softmax floor are never scored. Filled once per
    /// layer after the projections (<see cref="Compute"/>); read by every row.
    /// Used by the engine and by generated code; not meant to be called directly.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KeyBlockBounds<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly int _dims, _padded, _blocks;
        private readonly double[] _least, _largest; // [g * padded + c]: a block's dimensions side by side, zero past dims

        /// <summary>Bounds for <paramref name="dims"/> score dimensions over up to <paramref name="positions"/> keys.</summary>
        /// <param name="dims">Score dimensions (columns of W_Q and W_K).</param>
        /// <param name="positions">Keys of a full-length pass (BOS included).</param>
        public KeyBlockBounds(int dims, int positions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dims);
            ArgumentOutOfRangeException.ThrowIfLessThan(positions, 1);
            _dims = dims;
            _padded = (dims + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;
            _blocks = (positions + SoftmaxLanes<T>.KeyBlock - 1) / SoftmaxLanes<T>.KeyBlock;
            _least = new double[_padded * _blocks];
            _largest = new double[_padded * _blocks];
        }

        /// <summary>Score dimensions.</summary>
        public int Dims => _dims;

        /// <summary>Score dimensions rounded up to whole double vectors (a query is passed padded with zeros).</summary>
        internal int Padded => _padded;

        /// <summary>
        /// Summarises keys [0, <paramref name="count"/>) of the transposed key layout <paramref name="keysT"/> (row c holds
        /// k_cj at c·<paramref name="stride"/> + j). A NaN key makes its block's bounds NaN, so no bound built on them lets
        /// the block be skipped and the NaN still reaches the row maximum.
        /// </summary>
        /// <param name="keysT">K transposed.</param>
        /// <param name="stride">Row stride of <paramref name="keysT"/>.</param>
        /// <param name="count">Keys of this call.</param>
        public void Compute(T[] keysT, int stride, int count)
        {
            int blocks = (count + SoftmaxLanes<T>.KeyBlock - 1) / SoftmaxLanes<T>.KeyBlock;
            for (int c = 0; c < _dims; c++)
                for (int g = 0; g < blocks; g++)
                {
                    int start = g * SoftmaxLanes<T>.KeyBlock;
                    var keys = keysT.AsSpan(c * stride + start, Math.Min(SoftmaxLanes<T>.KeyBlock, count - start));
                    // TensorPrimitives.Min and Max return NaN when any key is NaN; float to double is exact.
                    _least[g * _padded + c] = double.CreateTruncating(TensorPrimitives.Min<T>(keys));
                    _largest[g * _padded + c] = double.CreateTruncating(TensorPrimitives.Max<T>(keys));
                }
        }

        /// <summary>
        /// An upper bound on Σ_c q_c·k_cj over the keys of blocks [<paramref name="first"/>, <paramref name="last"/>], computed
        /// in double (NaN when a bound or q is NaN: Vector.Max propagates NaN, and 0·∞ is NaN as in the score), and the largest
        /// Σ_c |q_c·k_cj| there (the scale of the score's rounding). <paramref name="q"/> is the query in double, padded with
        /// zeros to <see cref="Padded"/>.
        /// </summary>
        internal (double Bound, double Magnitude) Of(ReadOnlySpan<double> q, int first, int last)
        {
            double bound = double.NegativeInfinity, magnitude = 0;
            for (int g = first; g <= last; g++)
            {
                // q_c·k for k in [least, largest] is largest at an end: the larger of the two products.
                var b = Vector<double>.Zero;
                var m = Vector<double>.Zero;
                for (int c = 0; c < _padded; c += Vector<double>.Count)
                {
                    var qc = new Vector<double>(q.Slice(c));
                    var low = qc * new Vector<double>(_least, g * _padded + c);
                    var high = qc * new Vector<double>(_largest, g * _padded + c);
                    b += Vector.Max(low, high);
                    m += Vector.Max(Vector.Abs(low), Vector.Abs(high));
                }
                double sum = Vector.Sum(b);
                if (double.IsNaN(sum)) return (double.NaN, double.NaN);
                bound = Math.Max(bound, sum);
                magnitude = Math.Max(magnitude, Vector.Sum(m));
            }
            return (bound, magnitude);
        }

        /// <summary>The key block that holds key <paramref name="j"/>.</summary>
        internal static int BlockOf(int j) => j / SoftmaxLanes<T>.KeyBlock;
    }
}
