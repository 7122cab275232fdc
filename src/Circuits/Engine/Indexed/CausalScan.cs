using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The prefix scan of a causal head whose key codes span a small range, without branches that depend on the data: per
    /// code (direct-addressed, cleared per scan) the first and last key position seen and how many. A query reads its code's
    /// slot after (causal) or before (strict causal) its own key is added; a position with no key of its code reads an empty
    /// slot, whose positions are 0, the BOS sink. ⊥ codes go to two spare slots, one written by keys and one read by queries.
    /// Shared by the heads of a pass, which scan one at a time.
    /// </summary>
    internal sealed class CausalScan
    {
        private readonly int[] _first, _last, _counts;

        public CausalScan(int slots)
        {
            _first = new int[slots + 2];
            _last = new int[slots + 2];
            _counts = new int[slots + 2];
        }

        /// <summary>Whether codes in [<paramref name="min"/>, <paramref name="max"/>] fit the slots.</summary>
        public bool Fits(long min, long max) => max < min || max - min < _first.Length - 2;

        /// <summary>
        /// Fills <paramref name="chosen"/>[i] for the first <paramref name="count"/> positions: the rightmost / leftmost / only
        /// key j ≥ 1 visible to i (j ≤ i, or j &lt; i when <paramref name="strict"/>) whose code equals i's, else 0. Returns false
        /// when some query without a tie-break sees several such keys. Codes are ≥ 0 within a range that <see cref="Fits"/>, or ⊥ (negative).
        /// </summary>
        public bool Run(ReadOnlySpan<long> queries, ReadOnlySpan<long> keys, int count, long min, long max, bool strict, TieBreak tie, Span<int> chosen)
        {
            int range = max < min ? 0 : (int)(max - min + 1);
            int keyBottom = range, queryBottom = range + 1;
            _first.AsSpan(0, range + 2).Clear();
            _last.AsSpan(0, range + 2).Clear();
            _counts.AsSpan(0, range + 2).Clear();
            bool ambiguous = false;
            for (int i = 0; i < count; i++)
            {
                long k = keys[i] - min, q = queries[i] - min;
                // The sink (position 0) is never a key of its code; a query code no key has reads an empty slot.
                int ks = i == 0 || keys[i] < 0 ? keyBottom : (int)k;
                int qs = queries[i] < 0 || (ulong)q >= (ulong)range ? queryBottom : (int)q;
                if (!strict) Add(ks, i);
                switch (tie)
                {
                    case TieBreak.Rightmost: chosen[i] = _last[qs]; break;
                    case TieBreak.Leftmost: chosen[i] = _first[qs]; break;
                    default:
                        // Several keys tie at the top: softmax averages them, which a lookup of one key does not.
                        ambiguous |= _counts[qs] > 1;
                        chosen[i] = _last[qs];
                        break;
                }
                if (strict) Add(ks, i);
            }
            return !ambiguous;
        }

        private void Add(int slot, int j)
        {
            _first[slot] = _counts[slot] == 0 ? j : _first[slot];
            _last[slot] = j;
            _counts[slot]++;
        }
    }
}
