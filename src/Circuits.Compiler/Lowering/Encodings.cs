using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>The residual representation of one categorical value class (or a numerical scalar).</summary>
    internal sealed class Code
    {
        public Encoding Encoding;
        /// <summary>Logical values, in code order (one-hot coordinate t or binary code index t).</summary>
        public double[] Domain = new double[0];
        public int Dims;

        public static readonly Code Scalar = new Code { Encoding = Encoding.Scalar, Dims = 1 };

        /// <summary>The coordinates of value v (zeros for ⊥).</summary>
        public double[] Encode(double v)
        {
            var e = new double[Dims];
            if (Encoding == Encoding.Scalar) { e[0] = Bottom.Is(v) ? 0 : v; return e; }
            if (Bottom.Is(v)) return e;
            int t = Array.BinarySearch(Domain, v);
            if (t < 0) throw new InvalidOperationException("value " + v + " outside its code domain");
            if (Encoding == Encoding.OneHot) { e[t] = 1; return e; }
            for (int b = 0; b < Dims; b++) e[b] = ((t >> b) & 1) == 1 ? 1 : -1;
            return e;
        }

        /// <summary>The match score m = code(v)·x reaches <see cref="MatchMax"/> only when x encodes v.</summary>
        public double[] MatchWeights(double v) => Encoding == Encoding.OneHot ? Encode(v) : Encode(v);

        /// <summary>B in the detection rule: 1 for one-hot, the code length for binary.</summary>
        public int MatchMax => Encoding == Encoding.OneHot ? 1 : Dims;
    }

    /// <summary>
    /// Chooses a code per categorical value class: sequences that are copied into each other (aggregates) or compared
    /// for equality share a domain; a class is one-hot only when a predicate table needs it, binary ±1 otherwise
    /// (ceil(log2 |V|) coordinates, so widths grow like log N).
    /// </summary>
    internal sealed class Encodings
    {
        private readonly Dictionary<SOp, SOp> _parent = new Dictionary<SOp, SOp>(ReferenceComparer<SOp>.Instance);
        private readonly Dictionary<SOp, Code> _codes = new Dictionary<SOp, Code>(ReferenceComparer<SOp>.Instance);
        private readonly Context _ctx;

        public Encodings(Context ctx, IEnumerable<SelectorPlan> plans)
        {
            _ctx = ctx;
            var oneHot = new HashSet<SOp>(ReferenceComparer<SOp>.Instance);
            foreach (var s in ctx.Order)
                if (s is AggregateOp a && a.Kind == ValueKind.Categorical) Union(s, ctx.C(a.Values));
            foreach (var p in plans)
                foreach (var g in p.Groups)
                {
                    if (g.Kind == GroupKind.Equal) Union(g.Keys, g.Queries);
                    else { oneHot.Add(g.Keys); oneHot.Add(g.Queries); }
                }
            var members = new Dictionary<SOp, List<SOp>>(ReferenceComparer<SOp>.Instance);
            foreach (var s in ctx.Order)
            {
                if (s.Kind != ValueKind.Categorical) continue;
                var r = Find(s);
                if (!members.TryGetValue(r, out var list)) members[r] = list = new List<SOp>();
                list.Add(s);
            }
            foreach (var kv in members)
            {
                var domain = kv.Value.SelectMany(m => ctx.Values[m].Values).Distinct().OrderBy(x => x).ToArray();
                bool hot = kv.Value.Any(oneHot.Contains);
                var code = new Code { Domain = domain, Encoding = hot ? Encoding.OneHot : Encoding.Binary };
                code.Dims = hot ? Math.Max(1, domain.Length) : Math.Max(1, CeilLog2(domain.Length));
                foreach (var m in kv.Value) _codes[m] = code;
            }
        }

        public Code Of(SOp s)
        {
            s = _ctx.C(s);
            if (s.Kind == ValueKind.Numerical) return Code.Scalar;
            return _codes[s];
        }

        public static int CeilLog2(int n)
        {
            int b = 0;
            while ((1L << b) < n) b++;
            return b;
        }

        private SOp Find(SOp s)
        {
            s = _ctx.C(s);
            if (!_parent.TryGetValue(s, out var p)) { _parent[s] = s; return s; }
            if (ReferenceEquals(p, s)) return s;
            var r = Find(p);
            _parent[s] = r;
            return r;
        }

        private void Union(SOp a, SOp b)
        {
            if (a.Kind != ValueKind.Categorical || b.Kind != ValueKind.Categorical) return;
            var ra = Find(a); var rb = Find(b);
            if (!ReferenceEquals(ra, rb)) _parent[ra] = rb;
        }
    }
}
