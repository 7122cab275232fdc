using System;
using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>Which position wins when a selector picks several.</summary>
    public enum TieBreak
    {
        /// <summary>No tie-break: all selected positions count.</summary>
        None,
        /// <summary>The largest selected position.</summary>
        Rightmost,
        /// <summary>The smallest selected position.</summary>
        Leftmost,
    }

    /// <summary>A boolean attention pattern: for each query position, the set of key positions it reads.</summary>
    public abstract class Selector
    {
        private protected Selector() { }

        /// <summary>The user's name, if any.</summary>
        public string? Name { get; internal set; }

        /// <summary>A copy of this selector with a name; the selector itself is not changed (nodes are immutable).</summary>
        public Selector Named(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A name must be non-empty.", nameof(name));
            var copy = Copy();
            copy.Name = name;
            return copy;
        }

        /// <summary>The same selector, unnamed.</summary>
        private protected abstract Selector Copy();

        /// <summary>Keeps only the rightmost selected position.</summary>
        public Selector Rightmost() => new TieBreakSelector(this, TieBreak.Rightmost);

        /// <summary>Keeps only the leftmost selected position.</summary>
        public Selector Leftmost() => new TieBreakSelector(this, TieBreak.Leftmost);

        /// <summary>Both selectors hold.</summary>
        public static Selector operator &(Selector a, Selector b) => Ir.And(a, b);
        /// <summary>Either selector holds.</summary>
        public static Selector operator |(Selector a, Selector b) => Ir.Or(a, b);
        /// <summary>The selector does not hold.</summary>
        public static Selector operator !(Selector a) => Ir.Not(a);

        /// <summary>The sub-selectors of this node.</summary>
        public abstract IReadOnlyList<Selector> Children { get; }

        /// <summary>A short description.</summary>
        public abstract string Operation { get; }

        /// <inheritdoc />
        public override string ToString() => Name ?? Operation;
    }

    /// <summary>select(keys, queries, predicate): query i reads key j when predicate(keys[j], queries[i]).</summary>
    public sealed class SelectSelector : Selector
    {
        internal SelectSelector(SOp keys, SOp queries, Predicate predicate)
        {
            Keys = keys; Queries = queries; Predicate = predicate;
        }
        private protected override Selector Copy() => new SelectSelector(Keys, Queries, Predicate);
        /// <summary>The key sequence.</summary>
        public SOp Keys { get; }
        /// <summary>The query sequence.</summary>
        public SOp Queries { get; }
        /// <summary>The predicate P(key, query).</summary>
        public Predicate Predicate { get; }
        /// <inheritdoc />
        public override IReadOnlyList<Selector> Children => Array.Empty<Selector>();
        /// <inheritdoc />
        public override string Operation => "select(" + Keys + ", " + Queries + ", " + Predicate.Name + ")";
    }

    /// <summary>Both selectors hold.</summary>
    public sealed class AndSelector : Selector
    {
        internal AndSelector(Selector left, Selector right) { Left = left; Right = right; }
        private protected override Selector Copy() => new AndSelector(Left, Right);
        /// <summary>First operand.</summary>
        public Selector Left { get; }
        /// <summary>Second operand.</summary>
        public Selector Right { get; }
        /// <inheritdoc />
        public override IReadOnlyList<Selector> Children => new[] { Left, Right };
        /// <inheritdoc />
        public override string Operation => "(" + Left + " and " + Right + ")";
    }

    /// <summary>Either selector holds.</summary>
    public sealed class OrSelector : Selector
    {
        internal OrSelector(Selector left, Selector right) { Left = left; Right = right; }
        private protected override Selector Copy() => new OrSelector(Left, Right);
        /// <summary>First operand.</summary>
        public Selector Left { get; }
        /// <summary>Second operand.</summary>
        public Selector Right { get; }
        /// <inheritdoc />
        public override IReadOnlyList<Selector> Children => new[] { Left, Right };
        /// <inheritdoc />
        public override string Operation => "(" + Left + " or " + Right + ")";
    }

    /// <summary>The selector does not hold.</summary>
    public sealed class NotSelector : Selector
    {
        internal NotSelector(Selector inner) { Inner = inner; }
        private protected override Selector Copy() => new NotSelector(Inner);
        /// <summary>The negated selector.</summary>
        public Selector Inner { get; }
        /// <inheritdoc />
        public override IReadOnlyList<Selector> Children => new[] { Inner };
        /// <inheritdoc />
        public override string Operation => "not " + Inner;
    }

    /// <summary>Keeps one of the selected positions: the rightmost or the leftmost.</summary>
    public sealed class TieBreakSelector : Selector
    {
        internal TieBreakSelector(Selector inner, TieBreak mode) { Inner = inner; Mode = mode; }
        private protected override Selector Copy() => new TieBreakSelector(Inner, Mode);
        /// <summary>The selector being narrowed.</summary>
        public Selector Inner { get; }
        /// <summary>Which position wins.</summary>
        public TieBreak Mode { get; }
        /// <inheritdoc />
        public override IReadOnlyList<Selector> Children => new[] { Inner };
        /// <inheritdoc />
        public override string Operation => Inner + "." + Mode.ToString().ToLowerInvariant() + "()";
    }
}
