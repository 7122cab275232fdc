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
        private readonly int _dims, _blocks;
        private readonly T[] _least, _largest; // [c * blocks + g]

        /// <summary>Bounds for <paramref name="dims"/> score dimensions over up to <paramref name="positions"/> keys.</summary>
        /// <param name="dims">Score dimensions (columns of W_Q and W_K).</param>
        /// <param name="positions">Keys of a full-length pass (BOS included).</param>
        public KeyBlockBounds(int dims, int positions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dims);
            ArgumentOutOfRangeException.ThrowIfLessThan(positions, 1);
            _dims = dims;
            _blocks = (positions + SoftmaxLanes<T>.KeyBlock - 1) / SoftmaxLanes<T>.KeyBlock;
            _least = new T[dims * _blocks];
            _largest = new T[dims * _blocks];
        }

        /// <summary>Score dimensions.</summary>
        public int Dims => _dims;

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
                    // TensorPrimitives.Min and Max return NaN when any key is NaN.
                    _least[c * _blocks + g] = TensorPrimitives.Min<T>(keys);
                    _largest[c * _blocks + g] = TensorPrimitives.Max<T>(keys);
                }
        }

        /// <summary>
        /// An upper bound on Σ_c q_c·k_cj over the keys of blocks [<paramref name="first"/>, <paramref name="last"/>], computed
        /// in double (NaN when a bound or q is NaN), and the largest Σ_c |q_c|·|k_cj| there (the scale of the sum's rounding).
        /// </summary>
        internal (double Bound, double Magnitude) Of(ReadOnlySpan<T> q, int first, int last)
        {
            double bound = double.NegativeInfinity, magnitude = 0;
            for (int g = first; g <= last; g++)
            {
                double b = 0, m = 0;
                for (int c = 0; c < _dims; c++)
                {
                    double qc = double.CreateTruncating(q[c]);
                    double least = double.CreateTruncating(_least[c * _blocks + g]), largest = double.CreateTruncating(_largest[c * _blocks + g]);
                    // A zero q_c still multiplies: 0·∞ is NaN in the score too, and NaN must not be skipped.
                    b += qc >= 0 ? qc * largest : qc * least;
                    m += Math.Abs(qc) * Math.Max(Math.Abs(least), Math.Abs(largest));
                }
                bound = double.IsNaN(b) || b > bound ? b : bound;
                if (double.IsNaN(bound)) return (double.NaN, double.NaN);
                magnitude = Math.Max(magnitude, m);
            }
            return (bound, magnitude);
        }

        /// <summary>The key block that holds key <paramref name="j"/>.</summary>
        internal static int BlockOf(int j) => j / SoftmaxLanes<T>.KeyBlock;
    }
}
