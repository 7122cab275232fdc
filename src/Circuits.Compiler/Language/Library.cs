using System;
using System.Collections.Generic;
using System.Linq;
using static Circuits.Rasp;

namespace Circuits.Compiler
{
    /// <summary>
    /// Library programs, written only with the language's primitives (<see cref="Rasp"/>): the seed's constructions
    /// (shift, find, the induction head, k-hop by pointer doubling) and every program of Tracr's <c>lib.py</c>, written
    /// line by line as Tracr writes them. Tokens are vocabulary ids: where Tracr names a token ("("), these take its id.
    /// The task definitions they are checked against live in <c>Circuits.Tasks</c>.
    /// </summary>
    public static class Library
    {
        /// <summary>The number of tokens visible to each position (n, or i+1 in a causal circuit). Tracr's <c>make_length</c>.</summary>
        public static Categorical<int> Length()
            => SelectorWidth(Select(Tokens, Tokens, True)).Named("length");

        /// <summary>The value <paramref name="by"/> positions to the left (⊥ for the first <paramref name="by"/> positions).</summary>
        public static Categorical<T> Shift<T>(Categorical<T> sequence, int by = 1)
            => Aggregate(ShiftSelector(by), sequence ?? throw new ArgumentNullException(nameof(sequence))).Named("shift" + by + "(" + sequence + ")");

        /// <summary>The number <paramref name="by"/> positions to the left (0 for the first <paramref name="by"/> positions).</summary>
        public static Numerical Shift(Numerical sequence, int by = 1)
            => Aggregate(ShiftSelector(by), sequence ?? throw new ArgumentNullException(nameof(sequence))).Named("shift" + by + "(" + sequence + ")");

        private static Selector ShiftSelector(int by)
        {
            if (by < 1) throw new ArgumentOutOfRangeException(nameof(by), by, "Shift distance must be at least 1.");
            // Key index == query index − by, written as an exact match against a positional map (folded into the position
            // embedding) rather than a lambda over index pairs, which the compiler would have to scan N² times.
            var target = Ir.Map(Ir.Indices, i => i >= by ? i - by : Bottom.Value, ValueKind.Categorical, "-" + by).Named("index-" + by);
            return Ir.Select(Ir.Indices, target, Predicate.Equal).Named("prev-" + by);
        }

        /// <summary>
        /// find(i): the position right after the rightmost earlier occurrence of token i, or ⊥.
        /// One layer: exact match on raw tokens under a strict (j &lt; i) mask, rightmost wins (THEORY §3.2, construction B).
        /// </summary>
        public static Categorical<int> Find()
        {
            var earlierSame = And(Select(Tokens, Tokens, Equal), Select(Indices, Indices, Less)).Rightmost().Named("previous-occurrence");
            var next = (Indices + 1).Named("index+1");
            return Aggregate(earlierSame, next).Named("find");
        }

        /// <summary>
        /// Induction head: the token after the rightmost earlier occurrence of the current token, or ⊥.
        /// Two layers: a previous-token head, then an exact-match head with a rightmost tie-break (THEORY §3.1).
        /// </summary>
        public static Categorical<int> InductionHead()
        {
            var prev = Shift(Tokens).Named("prev");
            var match = And(Select(prev, Tokens, Equal), Select(Indices, Indices, LessOrEqual)).Rightmost().Named("induction");
            return Aggregate(match, Tokens).Named("induction-head");
        }

        /// <summary>
        /// k-hop induction: x at find^k(i), ⊥ once a hop fails. Pointer doubling after a one-layer find:
        /// floor(log2 k) + 2 layers, one head per layer (THEORY §3.2, construction B).
        /// </summary>
        public static Categorical<int> Hop(int k)
        {
            if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be non-negative.");
            if (k == 0) return Tokens;
            var pointer = Find();              // find^(2^j)
            var answer = Tokens;               // x at find^(k mod 2^j)
            int steps = FloorLog2(k) + 1;
            for (int j = 0; j < steps; j++)
            {
                var lookup = Select(Indices, pointer, Equal).Named("hop-" + (1 << j));
                if (((k >> j) & 1) == 1) answer = Aggregate(lookup, answer).Named("answer@" + (k & ((2 << j) - 1)));
                if (j < steps - 1) pointer = Aggregate(lookup, pointer).Named("find^" + (2 << j));
            }
            return answer.Named("hop" + k);
        }

        /// <summary>The sequence reversed: position i reads position length-1-i. Tracr's <c>make_reverse</c>.</summary>
        public static Categorical<T> Reverse<T>(Categorical<T> sequence)
            => Aggregate(ReverseSelector(), sequence ?? throw new ArgumentNullException(nameof(sequence))).Named("reverse");

        /// <summary>The numbers reversed.</summary>
        public static Numerical Reverse(Numerical sequence)
            => Aggregate(ReverseSelector(), sequence ?? throw new ArgumentNullException(nameof(sequence))).Named("reverse");

        private static Selector ReverseSelector()
        {
            var opposite = (Length() - Indices - 1).Named("opp-index");
            return Select(Indices, opposite, Equal).Named("reverse");
        }

        /// <summary>
        /// Tracr's <c>make_sort_unique</c>: <paramref name="values"/> sorted by <paramref name="keys"/>, for unique keys.
        /// Position p reads the position whose key has exactly p smaller keys. With repeated keys the compiler accepts it
        /// only when that position's value is determined anyway (values a function of the keys: repeats leave ⊥ gaps);
        /// otherwise it refuses (CIRC0214) rather than average different values.
        /// </summary>
        public static Categorical<TV> SortUnique<TV, TK>(Categorical<TV> values, Categorical<TK> keys)
        {
            var smaller = Select(keys, keys, Less).Named("smaller");
            var targetPos = SelectorWidth(smaller).Named("target_pos");
            var selNew = Select(targetPos, Indices, Equal);
            return Aggregate(selNew, values).Named("sort");
        }

        /// <summary>Stable sort of <paramref name="values"/> by <paramref name="keys"/>: ties keep their input order.</summary>
        public static Categorical<TV> Sort<TV, TK>(Categorical<TV> values, Categorical<TK> keys)
        {
            var smaller = SelectorWidth(Select(keys, keys, Less)).Named("smaller");
            var earlierEqual = SelectorWidth(And(Select(keys, keys, Equal), Select(Indices, Indices, Less))).Named("earlier-equal");
            var target = (smaller + earlierEqual).Named("target-position");
            return Aggregate(Select(target, Indices, Equal).Rightmost(), values).Named("sort");
        }

        /// <summary>
        /// Tracr's <c>make_sort</c>: keys made unique as key + minKey·i/maxSeqLen (non-integer symbols), then
        /// <see cref="SortUnique{TV, TK}"/>. Exact when minKey is at most the gap between distinct keys.
        /// </summary>
        public static Categorical<TV> Sort<TV>(Categorical<TV> values, Categorical<int> keys, int maxSeqLen, double minKey)
        {
            if (maxSeqLen < 1) throw new ArgumentOutOfRangeException(nameof(maxSeqLen), maxSeqLen, "maxSeqLen must be at least 1.");
            var unique = SequenceMap(keys, Indices, (x, i) => x + minKey * i / maxSeqLen, "+minKey·i/N").Named("unique-keys");
            return SortUnique(values, unique);
        }

        /// <summary>Tracr's <c>make_sort_freq</c>: tokens sorted by how often they occur, most frequent first (ties in input order).</summary>
        public static Categorical<int> SortFreq(int maxSeqLen)
        {
            var hist = (-1 * Histogram()).Named("neg-hist");
            return Sort(Tokens, hist, maxSeqLen, minKey: 1).Named("sort_freq");
        }

        /// <summary>For each position, how many tokens equal it (RASP's hist, Tracr's <c>make_hist</c>).</summary>
        public static Categorical<int> Histogram()
            => SelectorWidth(Select(Tokens, Tokens, Equal)).Named("hist");

        /// <summary>The fraction of positions j ≤ i where <paramref name="bools"/> holds (Tracr's <c>make_frac_prevs</c>).</summary>
        public static Numerical FracPrevs(Categorical<bool> bools)
            => FracPrevs(Numerical(bools ?? throw new ArgumentNullException(nameof(bools))));

        /// <summary>The mean of <paramref name="values"/> (0/1 indicators) over positions j ≤ i.</summary>
        public static Numerical FracPrevs(Numerical values)
            => Aggregate(Select(Indices, Indices, LessOrEqual), values ?? throw new ArgumentNullException(nameof(values))).Named("frac-prevs");

        /// <summary>The sum of <paramref name="values"/> over positions j ≤ i: a prefix mean times (i+1).</summary>
        public static Numerical PrefixSum(Categorical<int> values)
        {
            var mean = Aggregate(Select(Indices, Indices, LessOrEqual), Numerical(values ?? throw new ArgumentNullException(nameof(values)))).Named("prefix-mean");
            // Integer values: the exact sum is an integer, so rounding removes the mean's representation error.
            return SequenceMap(mean, Indices, (m, i) => Math.Round(m * (i + 1)), "*(i+1)").Named("prefix-sum");
        }

        /// <summary>
        /// Tracr's <c>make_pair_balance</c>: the fraction of positions so far holding <paramref name="open"/> minus the
        /// fraction holding <paramref name="close"/>.
        /// </summary>
        public static Numerical PairBalance(Categorical<int> sequence, int open, int close)
        {
            var boolsOpen = Numerical(sequence == open).Named("bools_open");
            var opens = FracPrevs(boolsOpen).Named("opens");
            var boolsClose = Numerical(sequence == close).Named("bools_close");
            var closes = FracPrevs(boolsClose).Named("closes");
            return LinearSequenceMap(opens, closes, 1, -1).Named("pair_balance");
        }

        /// <summary>
        /// Tracr's <c>make_shuffle_dyck</c>: true when every pair (open id, close id) is balanced — no prefix closes more
        /// than it opened and the whole input closes everything it opened.
        /// </summary>
        public static Categorical<bool> ShuffleDyck(params (int Open, int Close)[] pairs)
        {
            if (pairs is null || pairs.Length < 1) throw new ArgumentException("At least one pair is needed.", nameof(pairs));
            var balances = pairs.Select(p => PairBalance(Tokens, p.Open, p.Close).Named("balance_" + p.Open + p.Close)).ToList();

            var anyNegative = balances[0] < 0;
            foreach (var balance in balances.Skip(1)) anyNegative = anyNegative | (balance < 0);
            var anyNegativeNumber = Numerical(anyNegative).Named("any_negative");

            var selectAll = Select(Indices, Indices, True).Named("select_all");
            var hasNeg = Aggregate(selectAll, anyNegativeNumber).Named("has_neg");

            var allZero = balances[0] == 0;
            foreach (var balance in balances.Skip(1)) allZero = allZero & (balance == 0);

            var selectLast = Select(Indices, Length() - 1, Equal).Named("select_last");
            var lastZero = Aggregate(selectLast, allZero).Named("last_zero");

            var notHasNeg = (~hasNeg).Named("not_has_neg");
            return (lastZero & notHasNeg).Named("shuffle_dyck");
        }

        /// <summary>Tracr's <c>make_shuffle_dyck2</c>: two bracket pairs, ids 0/1 and 2/3 (vocabulary "(){}").</summary>
        public static Categorical<bool> ShuffleDyck2() => ShuffleDyck((0, 1), (2, 3)).Named("shuffle_dyck2");

        /// <summary>Tracr's <c>make_count_less_freq</c>: how many tokens occur at most <paramref name="n"/> times.</summary>
        public static Categorical<int> CountLessFreq(int n)
        {
            var hist = Histogram().Named("hist");
            var selectLess = Select(hist, hist, (x, y) => x <= n, "≤" + n).Named("select_less");
            return SelectorWidth(selectLess).Named("count_less_freq");
        }

        /// <summary>Tracr's <c>make_count</c>: how many positions hold <paramref name="token"/>.</summary>
        public static Categorical<int> Count<T>(Categorical<T> sequence, T token)
            => SelectorWidth(Select(sequence, sequence, (k, q) => EqualityComparer<T>.Default.Equals(k, token), "=" + token)).Named("count_" + token);

        /// <summary>Tracr's <c>shift_by</c>: the sequence shifted right by <paramref name="offset"/>, ⊥-padded.</summary>
        public static Categorical<T> ShiftBy<T>(int offset, Categorical<T> sequence)
        {
            var selectOffByOffset = Select(Indices, Indices, (k, q) => q == k + offset, "q=k+" + offset);
            return Aggregate(selectOffByOffset, sequence).Named("shift_by(" + offset + ")");
        }

        /// <summary>
        /// Tracr's <c>detect_pattern</c>: true at the last position of each occurrence of <paramref name="pattern"/>; the
        /// first pattern-length − 1 positions are ⊥.
        /// </summary>
        public static Categorical<bool> DetectPattern<T>(Categorical<T> sequence, params T[] pattern)
        {
            if (pattern is null || pattern.Length < 1) throw new ArgumentException("The pattern needs at least one element.", nameof(pattern));
            var detectors = new List<Categorical<bool>>();
            int i = 0;
            foreach (var element in Enumerable.Reverse(pattern))
            {
                var detector = sequence == element;
                if (i != 0) detector = ShiftBy(i, detector);
                detectors.Add(detector);
                i++;
            }
            var patternDetected = detectors[detectors.Count - 1];
            detectors.RemoveAt(detectors.Count - 1);
            while (detectors.Count > 0)
            {
                patternDetected = patternDetected & detectors[detectors.Count - 1];
                detectors.RemoveAt(detectors.Count - 1);
            }
            return patternDetected.Named("detect_pattern(" + string.Join("", pattern) + ")");
        }

        /// <summary>
        /// Tracr's <c>make_nary_sequencemap</c>: f of several sequences at each position. Tracr pairs the inputs into
        /// tuples with binary SequenceMaps; here the tuple is a product code (one residual field per input) and one MLP
        /// computes f from all fields.
        /// </summary>
        public static Categorical<U> NarySequenceMap<T, U>(Func<T[], U> f, params Categorical<T>[] sequences)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (sequences is null || sequences.Length < 1) throw new ArgumentException("At least one sequence is needed.", nameof(sequences));
            int arity = ValueCodec<T>.Arity;
            return Typed.Categorical(Lift.Concat(sequences),
                xs => f(Enumerable.Range(0, sequences.Length).Select(k => Categorical<T>.Decode(xs, k * arity)).ToArray()), "nary");
        }

        /// <summary>floor(log2 k) for k ≥ 1.</summary>
        public static int FloorLog2(int k)
        {
            int r = 0;
            while ((k >>= 1) > 0) r++;
            return r;
        }
    }
}
