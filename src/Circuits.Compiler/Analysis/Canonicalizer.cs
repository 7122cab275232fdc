using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// Maps structurally equal nodes to one representative (same operation, same canonical inputs, same function object),
    /// so that library calls repeated in a program (e.g. two Length()) share one head.
    /// </summary>
    internal sealed class Canonicalizer
    {
        private readonly Dictionary<object, int> _functionIds = new Dictionary<object, int>(ReferenceComparer<object>.Instance);
        private readonly Dictionary<string, SOp> _sops = new Dictionary<string, SOp>();
        private readonly Dictionary<string, Selector> _selectors = new Dictionary<string, Selector>();
        private readonly Dictionary<SOp, string> _sopKeys = new Dictionary<SOp, string>(ReferenceComparer<SOp>.Instance);
        private readonly Dictionary<Selector, string> _selectorKeys = new Dictionary<Selector, string>(ReferenceComparer<Selector>.Instance);

        public SOp Canonical(SOp s) => _sops[Key(s)];
        public Selector Canonical(Selector s) => _selectors[Key(s)];

        public string Key(SOp s)
        {
            if (_sopKeys.TryGetValue(s, out var k)) return k;
            switch (s)
            {
                case TokensOp _: k = "T"; break;
                case IndicesOp _: k = "I"; break;
                case ConstantOp c: k = "C" + c.Kind + Ir.Format(c.Value); break;
                case MapOp m: k = "M" + m.Kind + "#" + Fn(m.Function) + "(" + Key(m.Input) + ")"; break;
                case SequenceMapOp m: k = "S" + m.Kind + "#" + Fn(m.Function) + "(" + Key(m.Left) + "," + Key(m.Right) + ")"; break;
                case NaryMapOp m: k = "N" + m.Kind + "#" + Fn(m.Function) + "(" + string.Join(",", m.Arguments.Select(Key)) + ")"; break;
                case AggregateOp a: k = "A(" + Key(a.Selector) + "," + Key(a.Values) + ")"; break;
                case SelectorWidthOp w: k = "W(" + Key(w.Selector) + ")"; break;
                default: throw new CompileException(CompileError.Internal, "internal: unknown sequence operation " + s.GetType().Name + ".");
            }
            k = Intern(k);
            _sopKeys[s] = k;
            if (!_sops.ContainsKey(k)) _sops[k] = s;
            return k;
        }

        public string Key(Selector s)
        {
            if (_selectorKeys.TryGetValue(s, out var k)) return k;
            switch (s)
            {
                case SelectSelector x:
                    k = "sel(" + Key(x.Keys) + "," + Key(x.Queries) + "," + x.Predicate.Kind + (x.Predicate.Function is null ? "" : "#" + Fn(x.Predicate.Function)) + ")";
                    break;
                case AndSelector x: k = "and(" + Key(x.Left) + "," + Key(x.Right) + ")"; break;
                case OrSelector x: k = "or(" + Key(x.Left) + "," + Key(x.Right) + ")"; break;
                case NotSelector x: k = "not(" + Key(x.Inner) + ")"; break;
                case TieBreakSelector x: k = x.Mode + "(" + Key(x.Inner) + ")"; break;
                default: throw new CompileException(CompileError.Internal, "internal: unknown selector " + s.GetType().Name + ".");
            }
            k = Intern(k);
            _selectorKeys[s] = k;
            if (!_selectors.ContainsKey(k)) _selectors[k] = s;
            return k;
        }

        // Long structural keys are replaced by short ids to keep deep programs (k-hop) linear in size.
        private readonly Dictionary<string, string> _interned = new Dictionary<string, string>();
        private string Intern(string k)
        {
            if (_interned.TryGetValue(k, out var id)) return id;
            id = "@" + _interned.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _interned[k] = id;
            return id;
        }

        private int Fn(object f)
        {
            if (!_functionIds.TryGetValue(f, out var id)) { id = _functionIds.Count; _functionIds[f] = id; }
            return id;
        }

        /// <summary>All canonical nodes reachable from <paramref name="output"/>, inputs before users (deterministic order).</summary>
        public List<SOp> TopologicalOrder(SOp output)
        {
            var order = new List<SOp>();
            var seen = new HashSet<SOp>(ReferenceComparer<SOp>.Instance);
            Visit(Canonical(output), order, seen);
            return order;
        }

        private void Visit(SOp s, List<SOp> order, HashSet<SOp> seen)
        {
            if (!seen.Add(s)) return;
            foreach (var input in s.Inputs) Visit(Canonical(input), order, seen);
            foreach (var sel in s.Selectors) foreach (var leaf in SelectLeaves(sel)) { Visit(Canonical(leaf.Keys), order, seen); Visit(Canonical(leaf.Queries), order, seen); }
            order.Add(s);
        }

        public static IEnumerable<SelectSelector> SelectLeaves(Selector s)
        {
            if (s is SelectSelector x) return new[] { x };
            return s.Children.SelectMany(SelectLeaves);
        }
    }
}
