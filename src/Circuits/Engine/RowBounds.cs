using System;
using System.ComponentModel;
using System.Numerics;

namespace Circuits
{
    /// <summary>
    /// One query row's plan over its key blocks: an upper bound on every score of each block (from
    /// <see cref="KeyBlockBounds{T}"/>), the block to score first (the highest bound, so the running maximum is high early),
    /// and the test that skips a block none of whose keys can reach the row's softmax floor.
    /// </summary>
    /// <remarks>
    /// Skipping is exact: a skipped block holds neither the row maximum (its scores are below the running maximum) nor a key
    /// within the floor of it, so the maximum, every weight and every sum are the ones scoring it would give, bit for bit.
    /// The bound is on computed scores: Σ_c q_c·k_cj rounded in any order is within (d + 1)·u·Σ_c |q_c·k_cj| of the exact sum
    /// (d dimensions, unit roundoff u of T), and fl(s − m) within u·|s − m| of s − m; the margin is four times both. NaN
    /// anywhere makes the bound NaN, which skips nothing, so a NaN score still reaches the maximum and the readout refuses it.
    /// Used by the engine and by generated code; not meant to be called directly.
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class RowBounds<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static readonly double Roundoff = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);

        private readonly double[] _bound, _magnitude; // per block, in the visiting order of the row (as BlockMax)
        private double[] _query = Array.Empty<double>(); // the row's query in double, padded with zeros
        private int _dims, _seeded = -1;

        /// <summary>A plan for rows of up to <paramref name="positions"/> keys.</summary>
        /// <param name="positions">Keys of a full-length pass (BOS included).</param>
        public RowBounds(int positions)
        {
            int blocks = positions / SoftmaxLanes<T>.KeyBlock + 3;
            _bound = new double[blocks];
            _magnitude = new double[blocks];
        }

        /// <summary>First key of the block <see cref="Plan"/> chose.</summary>
        public int BestStart { get; private set; }

        /// <summary>End (exclusive) of the block <see cref="Plan"/> chose.</summary>
        public int BestEnd { get; private set; }

        /// <summary>
        /// Bounds every block of the row's key ranges — [0, <paramref name="firstEnd"/>) numbered from 0, then, when
        /// <paramref name="second"/>, [<paramref name="lo"/>, <paramref name="hi"/>) numbered from 1, as the softmax passes
        /// number them — for the query <paramref name="q"/> (all of the head's score dimensions, zeros included).
        /// </summary>
        /// <param name="q">The query row.</param>
        /// <param name="keys">The head's key-block bounds for this call.</param>
        /// <param name="firstEnd">End of the first range.</param>
        /// <param name="lo">Start of the second range.</param>
        /// <param name="hi">End of the second range.</param>
        /// <param name="second">Whether the second range exists.</param>
        /// <returns>The number of the block with the highest bound (its keys: <see cref="BestStart"/>, <see cref="BestEnd"/>), or −1 when the row has no key.</returns>
        public int Plan(ReadOnlySpan<T> q, KeyBlockBounds<T> keys, int firstEnd, int lo, int hi, bool second)
        {
            ArgumentNullException.ThrowIfNull(keys);
            _dims = keys.Dims;
            _seeded = -1;
            if (_query.Length < keys.Padded) _query = new double[keys.Padded]; // once per head width, then reused
            var query = _query.AsSpan(0, keys.Padded);
            query.Clear();
            for (int c = 0; c < _dims; c++) query[c] = double.CreateTruncating(q[c]);
            int best = -1;
            Visit(query, keys, 0, firstEnd, 0, ref best);
            if (second) Visit(query, keys, lo, hi, 1, ref best);
            return best;
        }

        private void Visit(ReadOnlySpan<double> q, KeyBlockBounds<T> keys, int start, int end, int firstBlock, ref int best)
        {
            for (int b = start, n = firstBlock; b < end; b += SoftmaxLanes<T>.KeyBlock, n++)
            {
                int e = Math.Min(b + SoftmaxLanes<T>.KeyBlock, end);
                (_bound[n], _magnitude[n]) = keys.Of(q, KeyBlockBounds<T>.BlockOf(b), KeyBlockBounds<T>.BlockOf(e - 1));
                if (best < 0 || _bound[n] > _bound[best])
                {
                    best = n;
                    BestStart = b;
                    BestEnd = e;
                }
            }
        }

        /// <summary>Records that block <paramref name="n"/> has been scored (first, to seed the maximum).</summary>
        /// <param name="n">The block <see cref="Plan"/> returned.</param>
        public void Seed(int n) => _seeded = n;

        /// <summary>
        /// Whether the scoring pass passes over block <paramref name="n"/>: it was scored first, or no key of it can reach
        /// <paramref name="max"/> + <paramref name="floor"/> (then its maximum is recorded as −∞, so the weighing pass skips it too).
        /// </summary>
        /// <param name="n">The block's number in the row.</param>
        /// <param name="max">The running row maximum.</param>
        /// <param name="floor">The head's softmax floor.</param>
        /// <param name="blockMax">The row's per-block maxima.</param>
        /// <returns>True when the block is not to be scored.</returns>
        public bool Skips(int n, T max, T floor, T[] blockMax)
        {
            if (n == _seeded) return true;
            double m = double.CreateTruncating(max), f = double.CreateTruncating(floor);
            double margin = 4 * Roundoff * ((_dims + 1) * _magnitude[n] + Math.Abs(m) + Math.Abs(f));
            if (!(_bound[n] + margin < m + f)) return false;
            blockMax[n] = T.NegativeInfinity;
            return true;
        }
    }
}
