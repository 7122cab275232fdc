using System;

namespace Circuits.Compiler
{
    /// <summary>
    /// Library programs, written only with the primitives of <see cref="Ir"/>. Each is the construction the
    /// card and the README describe; the task definitions they are checked against live in the runtime.
    /// </summary>
    public static class Library
    {
        /// <summary>The number of tokens visible to each position (n, or i+1 in a causal circuit).</summary>
        public static SOp Length()
            => Ir.SelectorWidth(Ir.Select(Ir.Tokens, Ir.Tokens, Predicate.True)).Named("length");

        /// <summary>The value <paramref name="by"/> positions to the left (⊥ for the first <paramref name="by"/> positions).</summary>
        public static SOp Shift(SOp sop, int by = 1)
        {
            if (by < 1) throw new ArgumentOutOfRangeException(nameof(by), by, "Shift distance must be at least 1.");
            // Key index == query index − by, written as an exact match against a positional map (folded into the position
            // embedding) rather than a lambda over index pairs, which the compiler would have to scan N² times.
            var target = Ir.Map(Ir.Indices, i => i >= by ? i - by : Bottom.Value, ValueKind.Categorical, "-" + by).Named("index-" + by);
            var previous = Ir.Select(Ir.Indices, target, Predicate.Equal).Named("prev-" + by);
            return Ir.Aggregate(previous, sop).Named("shift" + by + "(" + sop + ")");
        }

        /// <summary>
        /// find(i): the position right after the rightmost earlier occurrence of token i, or ⊥.
        /// One layer: exact match on raw tokens under a strict (j &lt; i) mask, rightmost wins (THEORY §3.2, construction B).
        /// </summary>
        public static SOp Find()
        {
            var earlierSame = Ir.And(Ir.Select(Ir.Tokens, Ir.Tokens, Predicate.Equal), Ir.Select(Ir.Indices, Ir.Indices, Predicate.Less)).Rightmost().Named("previous-occurrence");
            var next = Ir.Map(Ir.Indices, i => i + 1, ValueKind.Categorical, "+1").Named("index+1");
            return Ir.Aggregate(earlierSame, next).Named("find");
        }

        /// <summary>
        /// Induction head: the token after the rightmost earlier occurrence of the current token, or ⊥.
        /// Two layers: a previous-token head, then an exact-match head with a rightmost tie-break (THEORY §3.1).
        /// </summary>
        public static SOp InductionHead()
        {
            var prev = Shift(Ir.Tokens).Named("prev");
            var match = Ir.And(Ir.Select(prev, Ir.Tokens, Predicate.Equal), Ir.Select(Ir.Indices, Ir.Indices, Predicate.LessOrEqual)).Rightmost().Named("induction");
            return Ir.Aggregate(match, Ir.Tokens).Named("induction-head");
        }

        /// <summary>
        /// k-hop induction: x at find^k(i), ⊥ once a hop fails. Pointer doubling after a one-layer find:
        /// floor(log2 k) + 2 layers, one head per layer (THEORY §3.2, construction B).
        /// </summary>
        public static SOp Hop(int k)
        {
            if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be non-negative.");
            if (k == 0) return Ir.Tokens;
            SOp pointer = Find();              // find^(2^j)
            SOp answer = Ir.Tokens;            // x at find^(k mod 2^j)
            int steps = FloorLog2(k) + 1;
            for (int j = 0; j < steps; j++)
            {
                var lookup = Ir.Select(Ir.Indices, pointer, Predicate.Equal).Named("hop-" + (1 << j));
                if (((k >> j) & 1) == 1) answer = Ir.Aggregate(lookup, answer).Named("answer@" + (k & ((2 << j) - 1)));
                if (j < steps - 1) pointer = Ir.Aggregate(lookup, pointer).Named("find^" + (2 << j));
            }
            return answer.Named("hop" + k);
        }

        /// <summary>The sequence reversed: position i reads position length-1-i.</summary>
        public static SOp Reverse(SOp sop)
        {
            var opposite = (Length() - Ir.Indices - 1).Named("opp-index");
            var flip = Ir.Select(Ir.Indices, opposite, Predicate.Equal).Named("reverse");
            return Ir.Aggregate(flip, sop).Named("reverse");
        }

        /// <summary>Sorts <paramref name="values"/> by <paramref name="keys"/>, assuming unique keys (duplicates leave ⊥ gaps).</summary>
        public static SOp SortUnique(SOp values, SOp keys)
        {
            var target = Ir.SelectorWidth(Ir.Select(keys, keys, Predicate.Less)).Named("target-position");
            return Ir.Aggregate(Ir.Select(target, Ir.Indices, Predicate.Equal).Rightmost(), values).Named("sort");
        }

        /// <summary>Stable sort of <paramref name="values"/> by <paramref name="keys"/>: ties keep their input order.</summary>
        public static SOp Sort(SOp values, SOp keys)
        {
            var smaller = Ir.SelectorWidth(Ir.Select(keys, keys, Predicate.Less)).Named("smaller");
            var earlierEqual = Ir.SelectorWidth(Ir.And(Ir.Select(keys, keys, Predicate.Equal), Ir.Select(Ir.Indices, Ir.Indices, Predicate.Less))).Named("earlier-equal");
            var target = (smaller + earlierEqual).Named("target-position");
            return Ir.Aggregate(Ir.Select(target, Ir.Indices, Predicate.Equal).Rightmost(), values).Named("sort");
        }

        /// <summary>For each position, how many tokens equal it (RASP's hist).</summary>
        public static SOp Histogram()
            => Ir.SelectorWidth(Ir.Select(Ir.Tokens, Ir.Tokens, Predicate.Equal)).Named("hist");

        /// <summary>The fraction of positions j ≤ i where <paramref name="bools"/> is 1 (numerical).</summary>
        public static SOp FracPrevs(SOp bools)
            => Ir.Aggregate(Ir.Select(Ir.Indices, Ir.Indices, Predicate.LessOrEqual), Ir.Numerical(bools)).Named("frac-prevs");

        /// <summary>The sum of <paramref name="values"/> over positions j ≤ i: a prefix mean times (i+1).</summary>
        public static SOp PrefixSum(SOp values)
        {
            var mean = Ir.Aggregate(Ir.Select(Ir.Indices, Ir.Indices, Predicate.LessOrEqual), Ir.Numerical(values)).Named("prefix-mean");
            // Integer values: the exact sum is an integer, so rounding removes the mean's representation error.
            return Ir.SequenceMap(mean, Ir.Indices, (m, i) => Math.Round(m * (i + 1)), ValueKind.Numerical, "*(i+1)").Named("prefix-sum");
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
