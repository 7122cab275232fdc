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
        public double[] Domain = Array.Empty<double>();
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
            if (Encoding == Encoding.Quadratic) { e[0] = 1; e[1] = v; e[2] = v * v; return e; }
            for (int b = 0; b < Dims; b++) e[b] = ((t >> b) & 1) == 1 ? 1 : -1;
            return e;
        }

        /// <summary>
        /// Weights w with m = w·x equal to <see cref="MatchMax"/> when x encodes v and at most MatchMax − 1 otherwise (⊥ included):
        /// the code itself for one-hot and ±1 codes; for the quadratic code m = 2v·x₁ − x₂ − (v² − 1)·x₀ = 1 − (x₁ − v)² on present values.
        /// </summary>
        public double[] MatchWeights(double v)
            => Encoding == Encoding.Quadratic ? new[] { -(v * v - 1), 2 * v, -1 } : Encode(v);

        /// <summary>B in the detection rule: 1 for one-hot and quadratic, the code length for binary.</summary>
        public int MatchMax => Encoding == Encoding.Binary ? Dims : 1;

        /// <summary>How much a unit error per coordinate can move a match score: Σ|w| of the largest match weights.</summary>
        public double MatchGain
        {
            get
            {
                if (Encoding != Encoding.Quadratic) return MatchMax;
                double vmax = Domain.Length == 0 ? 0 : Math.Max(Math.Abs(Domain[0]), Math.Abs(Domain[Domain.Length - 1]));
                return vmax * vmax + 2 * vmax + 2;
            }
        }

        /// <summary>Bound on |coordinate| over all coordinates of this code.</summary>
        public double CoordinateBound => CoordinateBoundAt(Dims - 1);

        /// <summary>Bound on |coordinate b|: 1 for one-hot and ±1 codes; 1, |v|max, v²max for the quadratic code.</summary>
        public double CoordinateBoundAt(int b)
        {
            if (Encoding != Encoding.Quadratic) return 1;
            double vmax = Domain.Length == 0 ? 0 : Math.Max(Math.Abs(Domain[0]), Math.Abs(Domain[Domain.Length - 1]));
            return b == 0 ? 1 : b == 1 ? Math.Max(1, vmax) : Math.Max(1, vmax * vmax);
        }
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

        public Encodings(Context ctx, IEnumerable<SelectorPlan> plans, bool quadratic)
        {
            _ctx = ctx;
            int mantissa = ctx.Options.Precision == NumericType.Float32 ? 24 : 53;
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
                // A class with no values (always ⊥) needs no table rows: one zero coordinate holds its ⊥.
                bool hot = domain.Length > 0 && kv.Value.Any(oneHot.Contains);
                int binaryDims = Math.Max(1, CeilLog2(domain.Length));
                // The quadratic code is narrower than ±1 codes for large integer domains (positions, pointers); the compiler
                // tries it first and falls back to ±1 codes when it cannot be certified at the requested precision.
                // Its coordinates (1, v, v²) must be exact in the target type, or distinct values would collapse (16777217² in float32).
                double vmax = domain.Length == 0 ? 0 : Math.Max(Math.Abs(domain[0]), Math.Abs(domain[domain.Length - 1]));
                bool quad = !hot && quadratic && binaryDims > 3 && domain.All(v => v == Math.Floor(v)) && vmax * vmax < Math.Pow(2, mantissa);
                var code = new Code { Domain = domain, Encoding = hot ? Encoding.OneHot : quad ? Encoding.Quadratic : Encoding.Binary };
                code.Dims = hot ? Math.Max(1, domain.Length) : quad ? 3 : binaryDims;
                if (quad) UsesQuadratic = true;
                foreach (var m in kv.Value) _codes[m] = code;
            }
        }

        /// <summary>Whether any class got the quadratic code.</summary>
        public bool UsesQuadratic { get; private set; }

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
