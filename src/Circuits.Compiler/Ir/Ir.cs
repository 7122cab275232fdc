using System;
using System.Globalization;

namespace Circuits.Compiler
{
    /// <summary>
    /// The IR's node constructors, untyped. The language (<c>Circuits.Rasp</c>, typed) builds every node through these;
    /// compiler passes, tests and the fuzzer use them directly to reach corners the typed surface forbids.
    /// </summary>
    internal static class Ir
    {
        /// <summary>The input tokens (vocabulary ids).</summary>
        public static SOp Tokens => TokensOp.Instance;

        /// <summary>The positions 0..n-1.</summary>
        public static SOp Indices => IndicesOp.Instance;

        /// <summary>A constant sequence.</summary>
        public static SOp Constant(double value, ValueKind kind = ValueKind.Categorical)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) throw new ArgumentException("A constant must be finite, got " + value + ".", nameof(value));
            return new ConstantOp(value, kind);
        }

        /// <summary>Applies <paramref name="f"/> at every position (⊥ stays ⊥ for categorical outputs, becomes 0 for numerical ones).</summary>
        public static SOp Map(SOp input, Func<double, double> f, ValueKind kind, string label = "f")
            => new MapOp(input ?? throw new ArgumentNullException(nameof(input)), f ?? throw new ArgumentNullException(nameof(f)), kind, label);

        /// <summary>Applies <paramref name="f"/> to two sequences position by position.</summary>
        public static SOp SequenceMap(SOp left, SOp right, Func<double, double, double> f, ValueKind kind, string label = "f")
            => new SequenceMapOp(left ?? throw new ArgumentNullException(nameof(left)), right ?? throw new ArgumentNullException(nameof(right)),
                f ?? throw new ArgumentNullException(nameof(f)), kind, label);

        /// <summary>Applies <paramref name="f"/> to three or more sequences position by position (⊥ when any input is ⊥).</summary>
        public static SOp NaryMap(SOp[] inputs, Func<double[], double> f, ValueKind kind, string label = "f")
        {
            if (inputs is null) throw new ArgumentNullException(nameof(inputs));
            if (inputs.Length < 3) throw new ArgumentException("An n-ary map takes three or more inputs; use Map or SequenceMap.", nameof(inputs));
            foreach (var i in inputs) if (i is null) throw new ArgumentNullException(nameof(inputs));
            return new NaryMapOp((SOp[])inputs.Clone(), f ?? throw new ArgumentNullException(nameof(f)), kind, label);
        }

        /// <summary>Elementwise arithmetic: numerical when either side is numerical.</summary>
        public static SOp Arithmetic(SOp a, SOp b, Func<double, double, double> f, string symbol)
        {
            if (a is null) throw new ArgumentNullException(nameof(a));
            if (b is null) throw new ArgumentNullException(nameof(b));
            var kind = a.Kind == ValueKind.Numerical || b.Kind == ValueKind.Numerical ? ValueKind.Numerical : ValueKind.Categorical;
            return SequenceMap(a, b, f, kind, symbol);
        }

        /// <summary>Reinterprets a sequence as numerical (identity map).</summary>
        public static SOp Numerical(SOp input) => (input ?? throw new ArgumentNullException(nameof(input))).Kind == ValueKind.Numerical ? input : Map(input, x => x, ValueKind.Numerical, "numerical");

        /// <summary>Query i reads key j when <paramref name="predicate"/>(keys[j], queries[i]).</summary>
        public static Selector Select(SOp keys, SOp queries, Predicate predicate)
            => new SelectSelector(keys ?? throw new ArgumentNullException(nameof(keys)), queries ?? throw new ArgumentNullException(nameof(queries)),
                predicate ?? throw new ArgumentNullException(nameof(predicate)));

        /// <summary>Both selectors hold.</summary>
        public static Selector And(Selector a, Selector b) => new AndSelector(a ?? throw new ArgumentNullException(nameof(a)), b ?? throw new ArgumentNullException(nameof(b)));

        /// <summary>Either selector holds.</summary>
        public static Selector Or(Selector a, Selector b) => new OrSelector(a ?? throw new ArgumentNullException(nameof(a)), b ?? throw new ArgumentNullException(nameof(b)));

        /// <summary>The selector does not hold.</summary>
        public static Selector Not(Selector a) => new NotSelector(a ?? throw new ArgumentNullException(nameof(a)));

        /// <summary>Reads <paramref name="values"/> at the selected positions (categorical: the one value or ⊥; numerical: the mean or 0).</summary>
        public static SOp Aggregate(Selector selector, SOp values)
            => new AggregateOp(selector ?? throw new ArgumentNullException(nameof(selector)), values ?? throw new ArgumentNullException(nameof(values)));

        /// <summary>The number of selected positions.</summary>
        public static SOp SelectorWidth(Selector selector) => new SelectorWidthOp(selector ?? throw new ArgumentNullException(nameof(selector)));

        /// <summary>Invariant, round-trip formatting of numbers in labels.</summary>
        public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    }
}
