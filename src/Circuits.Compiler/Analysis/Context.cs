using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>Everything the compiler knows about one program: canonical nodes, value sets, selector plans.</summary>
    internal sealed class Context
    {
        public Context(SOp output, CompileOptions options)
        {
            Options = options;
            N = options.MaxLength;
            S = options.Vocabulary.Length;
            Canon = new Canonicalizer();
            output = Normalizer.Normalize(output, _origins);
            Output = Canon.Canonical(output);
            Order = Canon.TopologicalOrder(output);
        }

        /// <summary>
        /// Starts over on <paramref name="program"/>, an equivalent rewrite of <see cref="Output"/> whose rebuilt nodes are in
        /// <see cref="Origins"/>: canonical nodes, order, value sets and plans are recomputed.
        /// </summary>
        public void Replace(SOp program)
        {
            Canon = new Canonicalizer();
            program = Normalizer.Normalize(program, _origins);
            Output = Canon.Canonical(program);
            Order = Canon.TopologicalOrder(program);
            Values.Clear();
            Plans.Clear();
        }

        private readonly Dictionary<object, object> _origins = new Dictionary<object, object>(ReferenceComparer<object>.Instance);

        /// <summary>The program's own node behind a compiler node (canonical or rebuilt), or null for nodes the compiler derived.</summary>
        public object? Origin(object? node)
        {
            switch (node)
            {
                case SOp s: node = C(s); break;
                case Selector s: node = C(s); break;
                default: return null;
            }
            // A node rebuilt twice (normalized, then folded and normalized again) leads back in steps.
            for (int step = 0; step < 4 && _origins.TryGetValue(node, out var original) && !ReferenceEquals(original, node); step++) node = original;
            return node;
        }

        /// <summary>Rebuilt node → the node it replaces, for <see cref="Origin"/>.</summary>
        public Dictionary<object, object> Origins => _origins;

        public CompileOptions Options { get; }
        public int N { get; }
        public int S { get; }
        public Canonicalizer Canon { get; private set; }
        public SOp Output { get; private set; }
        /// <summary>Canonical nodes, inputs first. Planning may insert derived query maps.</summary>
        public List<SOp> Order { get; private set; }
        public Dictionary<SOp, ValueSet> Values { get; } = new Dictionary<SOp, ValueSet>(ReferenceComparer<SOp>.Instance);
        public Dictionary<Selector, SelectorPlan> Plans { get; } = new Dictionary<Selector, SelectorPlan>(ReferenceComparer<Selector>.Instance);

        public SOp C(SOp s) => Canon.Canonical(s);
        public Selector C(Selector s) => Canon.Canonical(s);
        public bool IsIndices(SOp s) => C(s) is IndicesOp;
        public bool IsTokens(SOp s) => C(s) is TokensOp;

        /// <summary>A human-readable label for a node: its name, else its operation and a short id.</summary>
        public string Label(SOp s)
        {
            s = C(s);
            if (s.Name != null) return s.Name;
            if (s is TokensOp) return "tokens";
            if (s is IndicesOp) return "indices";
            int id = Order.IndexOf(s);
            return s.Operation + "#" + id;
        }

        public string Label(Selector s) => s.Name ?? s.Operation;
    }
}
