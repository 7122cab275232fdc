using System;
using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>
    /// A sequence operation: one value per token position. Nodes are immutable; programs are DAGs of them.
    /// </summary>
    public abstract class SOp
    {
        private protected SOp(ValueKind kind) { Kind = kind; }

        /// <summary>Categorical or numerical.</summary>
        public ValueKind Kind { get; }

        /// <summary>The user's name for this sequence, used in residual labels and the card; null when unnamed.</summary>
        public string? Name { get; internal set; }

        /// <summary>The direct inputs of this node.</summary>
        public abstract IReadOnlyList<SOp> Inputs { get; }

        /// <summary>The selectors this node reads (empty unless an aggregate or a selector width).</summary>
        public virtual IReadOnlyList<Selector> Selectors => Array.Empty<Selector>();

        /// <summary>A short description of the operation ("map", "aggregate", ...).</summary>
        public abstract string Operation { get; }

        /// <summary>
        /// A copy of this node with a name (labels in the residual layout and the card), as Tracr's <c>annotate</c>: the node
        /// itself is not changed, so naming a shared node (<c>Tokens</c>, a library result) never renames it for other programs.
        /// </summary>
        public SOp Named(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A name must be non-empty.", nameof(name));
            var copy = Copy();
            copy.Name = name;
            return copy;
        }

        /// <summary>The same operation on the same inputs, unnamed.</summary>
        private protected abstract SOp Copy();

        /// <inheritdoc />
        public override string ToString() => Name ?? Operation;
    }

    /// <summary>The input tokens, as vocabulary ids 0..|Σ|-1.</summary>
    public sealed class TokensOp : SOp
    {
        internal static readonly TokensOp Instance = new TokensOp();
        private TokensOp() : base(ValueKind.Categorical) { }
        private protected override SOp Copy() => new TokensOp();
        /// <inheritdoc />
        public override IReadOnlyList<SOp> Inputs => Array.Empty<SOp>();
        /// <inheritdoc />
        public override string Operation => "tokens";
    }

    /// <summary>The positions 0..n-1 of the input tokens.</summary>
    public sealed class IndicesOp : SOp
    {
        internal static readonly IndicesOp Instance = new IndicesOp();
        private IndicesOp() : base(ValueKind.Categorical) { }
        private protected override SOp Copy() => new IndicesOp();
        /// <inheritdoc />
        public override IReadOnlyList<SOp> Inputs => Array.Empty<SOp>();
        /// <inheritdoc />
        public override string Operation => "indices";
    }

    /// <summary>The same value at every position.</summary>
    public sealed class ConstantOp : SOp
    {
        internal ConstantOp(double value, ValueKind kind) : base(kind) { Value = value; }
        private protected override SOp Copy() => new ConstantOp(Value, Kind);
        /// <summary>The constant.</summary>
        public double Value { get; }
        /// <inheritdoc />
        public override IReadOnlyList<SOp> Inputs => Array.Empty<SOp>();
        /// <inheritdoc />
        public override string Operation => "const " + Ir.Format(Value);
    }

    /// <summary>A per-token function of one sequence.</summary>
    public sealed class MapOp : SOp
    {
        internal MapOp(SOp input, Func<double, double> f, ValueKind kind, string label) : base(kind)
        {
            Input = input; Function = f; Label = label;
        }
        private protected override SOp Copy() => new MapOp(Input, Function, Kind, Label);
        /// <summary>The input sequence.</summary>
        public SOp Input { get; }
        /// <summary>The function, applied to non-⊥ values.</summary>
        public Func<double, double> Function { get; }
        /// <summary>A short label of the function.</summary>
        public string Label { get; }
        /// <inheritdoc />
        public override IReadOnlyList<SOp> Inputs => new[] { Input };
        /// <inheritdoc />
        public override string Operation => "map " + Label;
    }

    /// <summary>A per-token function of two sequences.</summary>
    public sealed class SequenceMapOp : SOp
    {
        internal SequenceMapOp(SOp left, SOp right, Func<double, double, double> f, ValueKind kind, string label) : base(kind)
        {
            Left = left; Right = right; Function = f; Label = label;
        }
        private protected override SOp Copy() => new SequenceMapOp(Left, Right, Function, Kind, Label);
        /// <summary>The first input.</summary>
        public SOp Left { get; }
        /// <summary>The second input.</summary>
        public SOp Right { get; }
        /// <summary>The function, applied when neither input is ⊥.</summary>
        public Func<double, double, double> Function { get; }
        /// <summary>A short label of the function.</summary>
        public string Label { get; }
        /// <inheritdoc />
        public override IReadOnlyList<SOp> Inputs => new[] { Left, Right };
        /// <inheritdoc />
        public override string Operation => "sequence-map " + Label;
    }

    /// <summary>A per-token function of three or more sequences (an n-ary map; a tuple's fields mapped to one value).</summary>
    public sealed class NaryMapOp : SOp
    {
        internal NaryMapOp(SOp[] inputs, Func<double[], double> f, ValueKind kind, string label) : base(kind)
        {
            Arguments = inputs; Function = f; Label = label;
        }
        private protected override SOp Copy() => new NaryMapOp(Arguments, Function, Kind, Label);
        /// <summary>The inputs, in argument order.</summary>
        internal SOp[] Arguments { get; }
        /// <summary>The function, applied when no input is ⊥.</summary>
        public Func<double[], double> Function { get; }
        /// <summary>A short label of the function.</summary>
        public string Label { get; }
        /// <inheritdoc />
        public override IReadOnlyList<SOp> Inputs => Arguments;
        /// <inheritdoc />
        public override string Operation => "nary-map " + Label;
    }

    /// <summary>
    /// Attention: each query position reads the values at the positions its selector picks.
    /// Categorical: the single selected value (⊥ when none). Numerical: the mean (0 when none).
    /// </summary>
    public sealed class AggregateOp : SOp
    {
        internal AggregateOp(Selector selector, SOp values) : base(values.Kind)
        {
            Selector = selector; Values = values;
        }
        private protected override SOp Copy() => new AggregateOp(Selector, Values);
        /// <summary>Which positions each query reads.</summary>
        public Selector Selector { get; }
        /// <summary>The values read.</summary>
        public SOp Values { get; }
        /// <inheritdoc />
        public override IReadOnlyList<SOp> Inputs => new[] { Values };
        /// <inheritdoc />
        public override IReadOnlyList<Selector> Selectors => new[] { Selector };
        /// <inheritdoc />
        public override string Operation => "aggregate";
    }

    /// <summary>The number of positions each query selects (a categorical integer).</summary>
    public sealed class SelectorWidthOp : SOp
    {
        internal SelectorWidthOp(Selector selector) : base(ValueKind.Categorical) { Selector = selector; }
        private protected override SOp Copy() => new SelectorWidthOp(Selector);
        /// <summary>The selector counted.</summary>
        public Selector Selector { get; }
        /// <inheritdoc />
        public override IReadOnlyList<SOp> Inputs => Array.Empty<SOp>();
        /// <inheritdoc />
        public override IReadOnlyList<Selector> Selectors => new[] { Selector };
        /// <inheritdoc />
        public override string Operation => "selector-width";
    }
}
