using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>The IR's meaning, recomputed for the validator: map chains with the ⊥ convention, selector predicates, codes.</summary>
    internal static class IrSemantics
    {
        /// <summary>Evaluates a map chain given values of the nodes in <paramref name="env"/>; false when it needs a node not there.</summary>
        public static bool TryEval(LayoutClaim c, SOp s, Dictionary<SOp, double> env, out double v)
        {
            s = c.Canon(s);
            if (env.TryGetValue(s, out v)) return true;
            switch (s)
            {
                case ConstantOp k: v = k.Value; return true;
                case MapOp m:
                    if (!TryEval(c, m.Input, env, out var x)) return false;
                    v = Bottom.Is(x) ? Default(m.Kind) : m.Function(x);
                    return true;
                case SequenceMapOp m:
                    if (!TryEval(c, m.Left, env, out var a) || !TryEval(c, m.Right, env, out var b)) return false;
                    v = Bottom.Is(a) || Bottom.Is(b) ? Default(m.Kind) : m.Function(a, b);
                    return true;
                case NaryMapOp m:
                {
                    var xs = new double[m.Arguments.Length];
                    for (int i = 0; i < xs.Length; i++)
                        if (!TryEval(c, m.Arguments[i], env, out xs[i])) return false;
                    v = xs.Any(Bottom.Is) ? Default(m.Kind) : m.Function(xs);
                    return true;
                }
                default: v = 0; return false;
            }
        }

        private static double Default(ValueKind k) => k == ValueKind.Numerical ? 0.0 : Bottom.Value;

        /// <summary>The non-map, non-constant nodes a map chain reads.</summary>
        public static void Roots(LayoutClaim c, SOp s, List<SOp> into)
        {
            s = c.Canon(s);
            if (s is ConstantOp) return;
            if (MapFusion.IsMap(s)) { foreach (var i in s.Inputs) Roots(c, i, into); return; }
            if (!into.Any(x => ReferenceEquals(x, s))) into.Add(s);
        }

        /// <summary>The values a root node can take (⊥ appended when possible). Positions are handled by the caller.</summary>
        public static double[] RootValues(LayoutClaim c, SOp root)
        {
            if (root is TokensOp) return Enumerable.Range(0, c.S).Select(x => (double)x).ToArray();
            if (root is IndicesOp) return Enumerable.Range(0, c.N).Select(x => (double)x).ToArray();
            return c.Values(root).WithBottom().ToArray();
        }

        /// <summary>Residual coordinates of value <paramref name="v"/> in a slot's code; null when v is outside the code's domain.</summary>
        public static double[]? Encode(ClaimSlot slot, double v)
        {
            var e = new double[slot.Dims];
            if (slot.Encoding == Encoding.Scalar)
            {
                if (double.IsInfinity(v)) return null;
                e[0] = Bottom.Is(v) ? 0 : slot.WidthFraction ? 1.0 / (1.0 + v) : v;
                return e;
            }
            if (Bottom.Is(v)) return e;
            int t = Array.BinarySearch(slot.Domain, v);
            if (t < 0) return null;
            switch (slot.Encoding)
            {
                case Encoding.OneHot: e[t] = 1; break;
                case Encoding.Quadratic: e[0] = 1; e[1] = v; e[2] = v * v; break;
                default: for (int b = 0; b < slot.Dims; b++) e[b] = ((t >> b) & 1) == 1 ? 1 : -1; break;
            }
            return e;
        }

        /// <summary>Largest |coordinate b| of a slot over the given values (⊥ = 0 included).</summary>
        public static double[] CoordinateBounds(ClaimSlot slot, IEnumerable<double> values)
        {
            var m = new double[slot.Dims];
            foreach (var v in values)
            {
                var e = Encode(slot, v);
                if (e == null) continue;
                for (int b = 0; b < e.Length; b++) m[b] = Math.Max(m[b], Math.Abs(e[b]));
            }
            return m;
        }

        /// <summary>A selector body (tie-break removed) compiled against per-config leaf value arrays.</summary>
        public sealed class CompiledSelector
        {
            public readonly List<SOp> KeyNodes = new List<SOp>(), QueryNodes = new List<SOp>();
            public SelectorTerm Term = null!;
            public TieBreak TieBreak;

            /// <summary>Whether the body holds for one key's and one query's leaf values.</summary>
            public bool Holds(double[] keyLeaves, double[] queryLeaves) => Term.Holds(keyLeaves, queryLeaves);
        }

        public static CompiledSelector Compile(LayoutClaim c, Selector selector)
        {
            var r = new CompiledSelector();
            selector = c.CanonSelector(selector);
            if (selector is TieBreakSelector tb) { r.TieBreak = tb.Mode; selector = tb.Inner; }
            r.Term = Build(c, selector, r);
            return r;
        }

        private static int IndexOf(List<SOp> list, SOp s)
        {
            for (int i = 0; i < list.Count; i++) if (ReferenceEquals(list[i], s)) return i;
            list.Add(s);
            return list.Count - 1;
        }

        private static SelectorTerm Build(LayoutClaim c, Selector s, CompiledSelector r)
        {
            switch (s)
            {
                case SelectSelector x:
                {
                    int k = IndexOf(r.KeyNodes, c.Canon(x.Keys)), q = IndexOf(r.QueryNodes, c.Canon(x.Queries));
                    return new SelectorTerm.Atom(k, q, x.Predicate);
                }
                case AndSelector x: return new SelectorTerm.Both(Build(c, x.Left, r), Build(c, x.Right, r), or: false);
                case OrSelector x: return new SelectorTerm.Both(Build(c, x.Left, r), Build(c, x.Right, r), or: true);
                case NotSelector x: return new SelectorTerm.Not(Build(c, x.Inner, r));
                default: throw new ValidationFailure("selector", "a tie-break inside a combined selector has no single-head meaning", "");
            }
        }
    }

    /// <summary>A failed check: where, what, and the witness.</summary>
    internal sealed class ValidationFailure : Exception
    {
        public ValidationFailure(string where, string what, string witness) : base(where + ": " + what + (witness.Length > 0 ? " (witness: " + witness + ")" : ""))
        {
            Where = where; What = what; Witness = witness;
        }
        public string Where { get; }
        public string What { get; }
        public string Witness { get; }
    }

    /// <summary>An affine form c + Σ a_k·δ_k + [−r, r] with δ_k ∈ [−1, 1]: interval arithmetic that keeps shared input errors correlated.</summary>
    internal struct Affine
    {
        public double C;
        public double[]? A;
        public double R;

        public double Radius { get { double s = R; if (A != null) foreach (var a in A) s += Math.Abs(a); return s; } }
        public double Lo => C - Radius;
        public double Hi => C + Radius;
    }
}
