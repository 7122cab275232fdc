using System;

namespace Circuits.Compiler
{
    /// <summary>
    /// The language's surface, one member per <c>Circuits.Rasp</c> member with the same name and signature. The runtime
    /// facade forwards here and the build-time generator's staging interpreter calls here, so a program written against
    /// <c>Rasp</c> builds the same IR (same nodes, same labels, same wrapped lambdas) at run time and at build time.
    /// </summary>
    public static class Dsl
    {
        /// <summary>The input tokens (vocabulary ids).</summary>
        public static SOp Tokens => Ir.Tokens;
        /// <summary>The positions 0..n-1.</summary>
        public static SOp Indices => Ir.Indices;
        /// <summary>key == query.</summary>
        public static Predicate Equal => Predicate.Equal;
        /// <summary>key != query.</summary>
        public static Predicate NotEqual => Predicate.NotEqual;
        /// <summary>key &lt; query.</summary>
        public static Predicate Less => Predicate.Less;
        /// <summary>key &lt;= query.</summary>
        public static Predicate LessOrEqual => Predicate.LessOrEqual;
        /// <summary>key &gt; query.</summary>
        public static Predicate Greater => Predicate.Greater;
        /// <summary>key &gt;= query.</summary>
        public static Predicate GreaterOrEqual => Predicate.GreaterOrEqual;
        /// <summary>Always selected.</summary>
        public static Predicate True => Predicate.True;

        /// <summary>A constant categorical sequence.</summary>
        public static SOp Constant(int value) => Ir.Constant(value);
        /// <summary>A constant numerical sequence.</summary>
        public static SOp Constant(double value) => Ir.Constant(value, ValueKind.Numerical);
        /// <summary>A categorical per-token map.</summary>
        public static SOp Map(SOp sop, Func<int, int> f, string label = "f") { NotNull(f, nameof(f)); return Ir.Map(sop, x => f((int)x), ValueKind.Categorical, label); }
        /// <summary>A numerical per-token map.</summary>
        public static SOp NumericalMap(SOp sop, Func<double, double> f, string label = "f") => Ir.Map(sop, f, ValueKind.Numerical, label);
        /// <summary>A categorical per-token map of two sequences.</summary>
        public static SOp SequenceMap(SOp a, SOp b, Func<int, int, int> f, string label = "f") { NotNull(f, nameof(f)); return Ir.SequenceMap(a, b, (x, y) => f((int)x, (int)y), ValueKind.Categorical, label); }
        /// <summary>A numerical per-token map of two sequences.</summary>
        public static SOp NumericalSequenceMap(SOp a, SOp b, Func<double, double, double> f, string label = "f") => Ir.SequenceMap(a, b, f, ValueKind.Numerical, label);
        /// <summary>Marks a sequence numerical.</summary>
        public static SOp Numerical(SOp sop) => Ir.Numerical(sop);
        /// <summary>Query i reads key j when predicate(keys[j], queries[i]).</summary>
        public static Selector Select(SOp keys, SOp queries, Predicate predicate) => Ir.Select(keys, queries, predicate);
        /// <summary>Select with a lambda predicate over (key, query).</summary>
        public static Selector Select(SOp keys, SOp queries, Func<int, int, bool> predicate, string label = "λ")
        {
            NotNull(predicate, nameof(predicate));
            return Ir.Select(keys, queries, Predicate.Custom((k, q) => predicate((int)k, (int)q), label));
        }
        /// <summary>Both hold.</summary>
        public static Selector And(Selector a, Selector b) => Ir.And(a, b);
        /// <summary>Either holds.</summary>
        public static Selector Or(Selector a, Selector b) => Ir.Or(a, b);
        /// <summary>Negation.</summary>
        public static Selector Not(Selector a) => Ir.Not(a);
        /// <summary>Reads values at the selected positions.</summary>
        public static SOp Aggregate(Selector selector, SOp values) => Ir.Aggregate(selector, values);
        /// <summary>Counts the selected positions.</summary>
        public static SOp SelectorWidth(Selector selector) => Ir.SelectorWidth(selector);

        // Lambdas are wrapped (int casts) before the IR sees them, so a null must be caught here, not at the first call.
        private static void NotNull(object? f, string name)
        {
            if (f is null) throw new ArgumentNullException(name, "The function must not be null.");
        }

        /// <summary>The number of visible tokens.</summary>
        public static SOp Length => Library.Length();
        /// <summary>The value <paramref name="by"/> positions to the left.</summary>
        public static SOp Shift(SOp sop, int by = 1) => Library.Shift(sop, by);
        /// <summary>The position after the previous occurrence of the current token.</summary>
        public static SOp Find() => Library.Find();
        /// <summary>The induction head.</summary>
        public static SOp InductionHead() => Library.InductionHead();
        /// <summary>k-hop induction by pointer doubling.</summary>
        public static SOp Hop(int k) => Library.Hop(k);
        /// <summary>Reversal.</summary>
        public static SOp Reverse(SOp sop) => Library.Reverse(sop);
        /// <summary>Stable sort by key.</summary>
        public static SOp Sort(SOp values, SOp keys) => Library.Sort(values, keys);
        /// <summary>Sort assuming unique keys.</summary>
        public static SOp SortUnique(SOp values, SOp keys) => Library.SortUnique(values, keys);
        /// <summary>Token histogram.</summary>
        public static SOp Histogram() => Library.Histogram();
        /// <summary>Fraction of previous positions where the input is 1.</summary>
        public static SOp FracPrevs(SOp bools) => Library.FracPrevs(bools);
        /// <summary>Prefix sums.</summary>
        public static SOp PrefixSum(SOp values) => Library.PrefixSum(values);
    }
}
