using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// Semantics-preserving rewrites applied before analysis, so each construction sees only the forms it was built for.
    /// A tie-break of a tie-broken selector is the inner one. A count of a tie-broken selector is 1 when the inner selector picks anything and 0 otherwise: it becomes
    /// "any" of the inner count, instead of a count head whose tie-break bonus would move selected keys off the sink's level.
    /// A selector comparing numerical sequences compares them as symbols (a categorical identity map in front).
    /// Nodes are rebuilt only where something below them changed, so unchanged programs keep their identity.
    /// </summary>
    internal static class Normalizer
    {
        private static readonly System.Func<double, double> Any = c => c > 0 ? 1 : 0;

        public static SOp Normalize(SOp program) => new Pass(null).Rewrite(program);

        /// <summary>Normalizes and records, for every rebuilt node, the node of the program it replaces.</summary>
        public static SOp Normalize(SOp program, Dictionary<object, object> origins) => new Pass(origins).Rewrite(program);

        /// <summary>
        /// Normalizes with one more rewrite: <paramref name="fold"/> may replace a node of the program (given the rewrite of its
        /// inputs) by an equivalent one, or return null to keep it (see <see cref="Folding"/>).
        /// </summary>
        public static SOp Normalize(SOp program, Dictionary<object, object> origins, System.Func<SOp, System.Func<SOp, SOp>, SOp?> fold)
            => new Pass(origins, fold).Rewrite(program);

        private sealed class Pass
        {
            private readonly Dictionary<object, object>? _origins;
            private readonly System.Func<SOp, System.Func<SOp, SOp>, SOp?>? _fold;
            public Pass(Dictionary<object, object>? origins, System.Func<SOp, System.Func<SOp, SOp>, SOp?>? fold = null) { _origins = origins; _fold = fold; }

            private readonly Dictionary<SOp, SOp> _sops = new Dictionary<SOp, SOp>(ReferenceComparer<SOp>.Instance);
            private readonly Dictionary<SOp, SOp> _symbols = new Dictionary<SOp, SOp>(ReferenceComparer<SOp>.Instance);
            private readonly Dictionary<Selector, Selector> _selectors = new Dictionary<Selector, Selector>(ReferenceComparer<Selector>.Instance);

            public SOp Rewrite(SOp s)
            {
                if (_sops.TryGetValue(s, out var done)) return done;
                // A fold replaces the node outright; otherwise the node is rebuilt from its rewritten inputs.
                SOp? result = _fold?.Invoke(s, x => Rewrite(x));
                if (result is null) switch (s)
                    {
                        case MapOp m:
                        {
                            var input = Rewrite(m.Input);
                            result = ReferenceEquals(input, m.Input) ? m : new MapOp(input, m.Function, m.Kind, m.Label);
                            break;
                        }
                        case SequenceMapOp m:
                        {
                            var left = Rewrite(m.Left);
                            var right = Rewrite(m.Right);
                            result = ReferenceEquals(left, m.Left) && ReferenceEquals(right, m.Right) ? m : new SequenceMapOp(left, right, m.Function, m.Kind, m.Label);
                            break;
                        }
                        case NaryMapOp m:
                        {
                            var inputs = m.Arguments.Select(Rewrite).ToArray();
                            result = inputs.Zip(m.Arguments, ReferenceEquals).All(x => x) ? m : new NaryMapOp(inputs, m.Function, m.Kind, m.Label);
                            break;
                        }
                        case AggregateOp a:
                        {
                            var selector = Rewrite(a.Selector);
                            var values = Rewrite(a.Values);
                            result = ReferenceEquals(selector, a.Selector) && ReferenceEquals(values, a.Values) ? a : new AggregateOp(selector, values);
                            break;
                        }
                        case SelectorWidthOp w:
                        {
                            var selector = Rewrite(w.Selector);
                            if (selector is TieBreakSelector t) result = new MapOp(new SelectorWidthOp(t.Inner), Any, ValueKind.Categorical, "any");
                            else result = ReferenceEquals(selector, w.Selector) ? w : new SelectorWidthOp(selector);
                            break;
                        }
                        default:
                            result = s;
                            break;
                    }
                if (!ReferenceEquals(result, s)) { result!.Name = s.Name; Remember(result, s); }
                _sops[s] = result!;
                return result;
            }

            private void Remember(object rebuilt, object original)
            {
                if (_origins != null && !_origins.ContainsKey(rebuilt)) _origins[rebuilt] = original;
            }

            private SOp AsSymbols(SOp s, Predicate p)
            {
                if (s.Kind != ValueKind.Numerical || p.Kind == Comparison.True || p.Kind == Comparison.False) return s;
                if (_symbols.TryGetValue(s, out var done)) return done;
                var symbols = new MapOp(s, x => x, ValueKind.Categorical, "categorical") { Name = s.Name is null ? null : s.Name + " (symbols)" };
                _symbols[s] = symbols;
                return symbols;
            }

            private Selector Rewrite(Selector s)
            {
                if (_selectors.TryGetValue(s, out var done)) return done;
                Selector result;
                switch (s)
                {
                    case SelectSelector x:
                    {
                        // A comparison of numbers reads them as symbols: the finite set of values a numerical sequence
                        // takes becomes its alphabet (one discretising MLP), so the head compares codes as for any symbol.
                        var keys = AsSymbols(Rewrite(x.Keys), x.Predicate);
                        var queries = AsSymbols(Rewrite(x.Queries), x.Predicate);
                        result = ReferenceEquals(keys, x.Keys) && ReferenceEquals(queries, x.Queries) ? x : new SelectSelector(keys, queries, x.Predicate);
                        break;
                    }
                    case AndSelector x:
                    {
                        var l = Rewrite(x.Left); var r = Rewrite(x.Right);
                        result = ReferenceEquals(l, x.Left) && ReferenceEquals(r, x.Right) ? x : new AndSelector(l, r);
                        break;
                    }
                    case OrSelector x:
                    {
                        var l = Rewrite(x.Left); var r = Rewrite(x.Right);
                        result = ReferenceEquals(l, x.Left) && ReferenceEquals(r, x.Right) ? x : new OrSelector(l, r);
                        break;
                    }
                    case NotSelector x:
                    {
                        var inner = Rewrite(x.Inner);
                        result = ReferenceEquals(inner, x.Inner) ? x : new NotSelector(inner);
                        break;
                    }
                    case TieBreakSelector x:
                    {
                        // After one tie-break at most one key is selected, so an outer one changes nothing.
                        var inner = Rewrite(x.Inner);
                        result = inner is TieBreakSelector ? inner : ReferenceEquals(inner, x.Inner) ? x : new TieBreakSelector(inner, x.Mode);
                        break;
                    }
                    default:
                        result = s;
                        break;
                }
                if (!ReferenceEquals(result, s)) { result.Name = s.Name; Remember(result, s); }
                _selectors[s] = result;
                return result;
            }
        }
    }
}
