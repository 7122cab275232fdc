using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The language, for C# code: primitives and library combinators. Every member forwards to the compiler core's
    /// <see cref="Dsl"/> (same name, same signature), which the build-time generator's interpreter calls too, so run-time
    /// and build-time programs produce the same IR.
    /// </summary>
    public static class Rasp
    {
        /// <summary>The input tokens (vocabulary ids).</summary>
        public static SOp Tokens => Dsl.Tokens;
        /// <summary>The positions 0..n-1.</summary>
        public static SOp Indices => Dsl.Indices;
        /// <summary>key == query.</summary>
        public static Predicate Equal => Dsl.Equal;
        /// <summary>key != query.</summary>
        public static Predicate NotEqual => Dsl.NotEqual;
        /// <summary>key &lt; query.</summary>
        public static Predicate Less => Dsl.Less;
        /// <summary>key &lt;= query.</summary>
        public static Predicate LessOrEqual => Dsl.LessOrEqual;
        /// <summary>key &gt; query.</summary>
        public static Predicate Greater => Dsl.Greater;
        /// <summary>key &gt;= query.</summary>
        public static Predicate GreaterOrEqual => Dsl.GreaterOrEqual;
        /// <summary>Always selected.</summary>
        public static Predicate True => Dsl.True;

        /// <summary>A constant categorical sequence.</summary>
        public static SOp Constant(int value) => Dsl.Constant(value);
        /// <summary>A constant numerical sequence.</summary>
        public static SOp Constant(double value) => Dsl.Constant(value);
        /// <summary>A categorical per-token map.</summary>
        public static SOp Map(SOp sop, Func<int, int> f, string label = "f") => Dsl.Map(sop, f, label);
        /// <summary>A numerical per-token map.</summary>
        public static SOp NumericalMap(SOp sop, Func<double, double> f, string label = "f") => Dsl.NumericalMap(sop, f, label);
        /// <summary>A categorical per-token map of two sequences.</summary>
        public static SOp SequenceMap(SOp a, SOp b, Func<int, int, int> f, string label = "f") => Dsl.SequenceMap(a, b, f, label);
        /// <summary>A numerical per-token map of two sequences.</summary>
        public static SOp NumericalSequenceMap(SOp a, SOp b, Func<double, double, double> f, string label = "f") => Dsl.NumericalSequenceMap(a, b, f, label);
        /// <summary>Marks a sequence numerical.</summary>
        public static SOp Numerical(SOp sop) => Dsl.Numerical(sop);
        /// <summary>Query i reads key j when predicate(keys[j], queries[i]).</summary>
        public static Selector Select(SOp keys, SOp queries, Predicate predicate) => Dsl.Select(keys, queries, predicate);
        /// <summary>Select with a lambda predicate over (key, query).</summary>
        public static Selector Select(SOp keys, SOp queries, Func<int, int, bool> predicate, string label = "λ")
            => Dsl.Select(keys, queries, predicate, label);
        /// <summary>Both hold.</summary>
        public static Selector And(Selector a, Selector b) => Dsl.And(a, b);
        /// <summary>Either holds.</summary>
        public static Selector Or(Selector a, Selector b) => Dsl.Or(a, b);
        /// <summary>Negation.</summary>
        public static Selector Not(Selector a) => Dsl.Not(a);
        /// <summary>Reads values at the selected positions.</summary>
        public static SOp Aggregate(Selector selector, SOp values) => Dsl.Aggregate(selector, values);
        /// <summary>Counts the selected positions.</summary>
        public static SOp SelectorWidth(Selector selector) => Dsl.SelectorWidth(selector);

        /// <summary>The number of visible tokens.</summary>
        public static SOp Length => Dsl.Length;
        /// <summary>The value <paramref name="by"/> positions to the left.</summary>
        public static SOp Shift(SOp sop, int by = 1) => Dsl.Shift(sop, by);
        /// <summary>The position after the previous occurrence of the current token.</summary>
        public static SOp Find() => Dsl.Find();
        /// <summary>The induction head.</summary>
        public static SOp InductionHead() => Dsl.InductionHead();
        /// <summary>k-hop induction by pointer doubling.</summary>
        public static SOp Hop(int k) => Dsl.Hop(k);
        /// <summary>Reversal.</summary>
        public static SOp Reverse(SOp sop) => Dsl.Reverse(sop);
        /// <summary>Stable sort by key.</summary>
        public static SOp Sort(SOp values, SOp keys) => Dsl.Sort(values, keys);
        /// <summary>Sort assuming unique keys.</summary>
        public static SOp SortUnique(SOp values, SOp keys) => Dsl.SortUnique(values, keys);
        /// <summary>Token histogram.</summary>
        public static SOp Histogram() => Dsl.Histogram();
        /// <summary>Fraction of previous positions where the input is 1.</summary>
        public static SOp FracPrevs(SOp bools) => Dsl.FracPrevs(bools);
        /// <summary>Prefix sums.</summary>
        public static SOp PrefixSum(SOp values) => Dsl.PrefixSum(values);
    }
}
