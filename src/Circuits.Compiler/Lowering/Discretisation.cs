using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// The inputs of a discretise-then-table MLP (Tracr's numerical MLP, made exact). A fused map of several numerical inputs
    /// becomes a function of finitely many buckets: each numerical input is an affine form of scalar slots (a numerical leaf,
    /// or the highest map node that is affine in its numerical leaves, such as opens − closes) cut into intervals of its
    /// values on which the map does not change; each value of a categorical leaf is a bucket of its own (its code detects
    /// it; a class of values would need a test that ±1 codes cannot make linearly). The table has one row per combination.
    /// </summary>
    internal sealed class Discretisation
    {
        /// <summary>One input of the table.</summary>
        internal sealed class Input
        {
            /// <summary>The canonical node whose value the input holds (a leaf, or a numerical map node affine in its leaves).</summary>
            public SOp Node = null!;
            /// <summary>Numerical: read as an affine form of scalar slots; categorical: a leaf read through its code.</summary>
            public bool Numeric;
            /// <summary>Numerical: the point Σ a·coordinate + <see cref="Constant"/> the input's value sits at in the residual.</summary>
            public List<(LeafRead Leaf, double Coefficient)> Form = new List<(LeafRead, double)>();
            public double Constant;
            /// <summary>Categorical: the leaf and its code.</summary>
            public LeafRead? Leaf;
            /// <summary>Logical values (⊥ excluded); numerical inputs in increasing <see cref="Points"/> order.</summary>
            public double[] Values = Array.Empty<double>();
            public double[] Points = Array.Empty<double>();
            /// <summary>The bucket of each value: contiguous runs for numerical inputs, the value itself for categorical ones.</summary>
            public int[] BucketOf = Array.Empty<int>();
            public int Buckets;
            /// <summary>One value per bucket: the map is the same on every value of a bucket, whatever the other inputs hold.</summary>
            public double[] Representative = Array.Empty<double>();
            public bool HasBottom;

            /// <summary>Values and ⊥, as the map can see them.</summary>
            public double[] WithBottom => HasBottom ? Values.Concat(new[] { Bottom.Value }).ToArray() : Values;
        }

        private readonly Context _ctx;
        private readonly MlpJob _job;
        private readonly Func<IReadOnlyDictionary<SOp, double>, double> _eval;
        private readonly Dictionary<SOp, double> _assignment = new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance);

        private Discretisation(Context ctx, MlpJob job, Func<IReadOnlyDictionary<SOp, double>, double> eval)
        {
            _ctx = ctx; _job = job; _eval = eval;
        }

        /// <summary>The table's inputs, in first-use order.</summary>
        public List<Input> Inputs { get; } = new List<Input>();

        /// <summary>Number of bucket combinations (table rows before default rows are dropped).</summary>
        public long Rows => Inputs.Aggregate(1L, (a, i) => a * i.Buckets);

        /// <summary>
        /// Cuts the job's map into table inputs and buckets. Null, with the reason, when the form does not apply (a numerical leaf
        /// that can be ⊥); CIRC0212 when the map cannot be enumerated or the table is too large.
        /// </summary>
        public static Discretisation? Plan(Context ctx, MlpJob job, Func<IReadOnlyDictionary<SOp, double>, double> eval, out string why, long rowLimit = 0)
        {
            var d = new Discretisation(ctx, job, eval);
            why = "";
            var bottom = job.Leaves.FirstOrDefault(l => l.Slot.Code.Encoding == Encoding.Scalar && l.HasBottom);
            if (bottom != null)
            {
                why = $"numerical input '{ctx.Label(bottom.Leaf)}' can be ⊥, which its scalar slot cannot tell from 0";
                return null;
            }
            d.Cut(ctx.C(job.Target), new HashSet<SOp>(ReferenceComparer<SOp>.Instance));
            long combinations = d.Inputs.Aggregate(1L, (a, i) => Math.Min(long.MaxValue / 4, a * i.WithBottom.Length));
            // With a row limit the table is one option among others: too large means "not this form", not an error.
            if (rowLimit > 0 && (combinations > SizeLimits.MaxTableEvaluations || d.Inputs.Aggregate(1L, (a, i) => Math.Min(long.MaxValue / 4, a * i.Values.Length)) > rowLimit))
            {
                why = $"a table would need up to {combinations:N0} rows";
                return null;
            }
            if (combinations > SizeLimits.MaxTableEvaluations)
                throw d.Refuse($"enumerating it needs {combinations:N0} input combinations ({d.Sizes(i => i.WithBottom.Length + " values")}), more than the limit {SizeLimits.MaxTableEvaluations:N0}");
            for (int i = 0; i < d.Inputs.Count; i++) d.Bucket(i);
            d.CheckBottom();
            if (d.Rows > SizeLimits.MaxTableRows)
                throw d.Refuse($"a discretise-then-table MLP would need {d.Rows:N0} rows ({d.Sizes(i => i.Buckets + " buckets")}), more than the limit {SizeLimits.MaxTableRows:N0}");
            return d;
        }

        /// <summary>Every combination of buckets (one per input), with the representatives' assignment.</summary>
        public IEnumerable<(int[] Buckets, Dictionary<SOp, double> Assignment)> Combinations()
        {
            var k = new int[Inputs.Count];
            // An input with no values (a leaf that is always ⊥) matches no row.
            if (Inputs.Any(i => i.Buckets == 0)) yield break;
            while (true)
            {
                var a = new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance);
                for (int i = 0; i < k.Length; i++) a[Inputs[i].Node] = Inputs[i].Representative[k[i]];
                yield return ((int[])k.Clone(), a);
                int j = 0;
                while (j < k.Length && ++k[j] == Inputs[j].Buckets) k[j++] = 0;
                if (j == k.Length) yield break;
            }
        }

        /// <summary>The inputs as "name: size" for messages.</summary>
        public string Sizes(Func<Input, string> size) => string.Join(", ", Inputs.Select(i => _ctx.Label(i.Node) + ": " + size(i)));

        private CompileException Refuse(string why)
            => new CompileException(CompileError.NoExactMlp, $"map '{_ctx.Label(_job.Target)}' combines {_job.Leaves.Count(l => l.Slot.Code.Encoding == Encoding.Scalar)} numerical inputs in a way that is neither additive nor affine, and {why}. Lower MaxLength, or make an input categorical.", _ctx.Label(_job.Target), _job.Target);

        // ---- the cut ----

        /// <summary>
        /// Walks the map chain from the target down: a numerical map node affine in its (scalar, non-count) leaves is read as
        /// that affine form, so the map is tabulated over it instead of over its leaves (balance = opens − closes has three
        /// buckets for balance == 0; opens and closes have N²/3 values each); anything else is opened up to its leaves.
        /// </summary>
        private void Cut(SOp s, HashSet<SOp> seen)
        {
            s = _ctx.C(s);
            if (!seen.Add(s) || s is ConstantOp) return;
            if (!MapFusion.IsMap(s))
            {
                var leaf = _job.Leaves.First(l => ReferenceEquals(_ctx.C(l.Leaf), s));
                bool numeric = leaf.Slot.Code.Encoding == Encoding.Scalar;
                var input = new Input { Node = s, Numeric = numeric, Leaf = numeric ? null : leaf, HasBottom = !numeric && leaf.HasBottom };
                if (numeric)
                {
                    var order = Enumerable.Range(0, leaf.Points.Length).OrderBy(t => leaf.Points[t]).ToArray();
                    input.Values = order.Select(t => leaf.Values[t]).ToArray();
                    input.Points = order.Select(t => leaf.Points[t]).ToArray();
                    input.Form.Add((leaf, 1));
                }
                else input.Values = leaf.Values;
                Inputs.Add(input);
                return;
            }
            if (s.Kind == ValueKind.Numerical && TryAffine(s, out var form, out var constant))
            {
                var values = _ctx.Values[s].Values;
                Inputs.Add(new Input { Node = s, Numeric = true, Form = form, Constant = constant, Values = values, Points = values });
                return;
            }
            foreach (var i in s.Inputs) Cut(i, seen);
        }

        /// <summary>Whether map node <paramref name="s"/> equals Σ a·leaf + c on every combination of its leaves' values.</summary>
        private bool TryAffine(SOp s, out List<(LeafRead, double)> form, out double constant)
        {
            form = new List<(LeafRead, double)>();
            constant = 0;
            var leaves = new List<LeafRead>();
            foreach (var node in MapFusion.Leaves(_ctx, s))
            {
                var l = _job.Leaves.First(x => ReferenceEquals(_ctx.C(x.Leaf), node));
                // A count held as 1/(1+c) is not affine in c.
                if (l.Slot.Code.Encoding != Encoding.Scalar || l.Slot.WidthFraction || l.Values.Length == 0) return false;
                leaves.Add(l);
            }
            if (leaves.Count == 0 || leaves.Aggregate(1L, (a, l) => Math.Min(long.MaxValue / 4, a * l.Values.Length)) > SizeLimits.MaxTableEvaluations) return false;
            var anchor = leaves.ToDictionary(l => _ctx.C(l.Leaf), l => l.Values[0], ReferenceComparer<SOp>.Instance);
            double f0 = MapFusion.Evaluate(_ctx, s, anchor);
            var a = new double[leaves.Count];
            for (int i = 0; i < leaves.Count; i++)
            {
                var l = leaves[i];
                if (l.Values.Length < 2) continue;
                var probe = new Dictionary<SOp, double>(anchor, ReferenceComparer<SOp>.Instance) { [_ctx.C(l.Leaf)] = l.Values[l.Values.Length - 1] };
                a[i] = (MapFusion.Evaluate(_ctx, s, probe) - f0) / (l.Values[l.Values.Length - 1] - l.Values[0]);
            }
            double c = f0;
            for (int i = 0; i < leaves.Count; i++) c -= a[i] * leaves[i].Values[0];
            var sets = leaves.Select(l => l.Values).ToList();
            var env = new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance);
            foreach (var combo in Enumeration.Product(sets))
            {
                double linear = c;
                for (int i = 0; i < leaves.Count; i++) { env[_ctx.C(leaves[i].Leaf)] = combo[i]; linear += a[i] * combo[i]; }
                if (!MlpBuilder.Fits(linear, MapFusion.Evaluate(_ctx, s, env))) return false;
            }
            for (int i = 0; i < leaves.Count; i++) if (a[i] != 0) form.Add((leaves[i], a[i]));
            constant = c;
            return true;
        }

        // ---- buckets ----

        /// <summary>
        /// Input i's buckets: runs of neighbouring values whose column (the map over every combination of the other inputs) is
        /// the same, so each bucket is an interval between two thresholds. Inputs before i are already bucketed, so their
        /// representatives stand for them; inputs after i take all their values. A categorical input keeps one bucket per value.
        /// </summary>
        private void Bucket(int i)
        {
            var input = Inputs[i];
            input.BucketOf = new int[input.Values.Length];
            if (!input.Numeric)
            {
                for (int t = 0; t < input.Values.Length; t++) input.BucketOf[t] = t;
                input.Buckets = input.Values.Length;
                input.Representative = input.Values;
                return;
            }
            var others = Enumerable.Range(0, Inputs.Count).Where(j => j != i).ToList();
            var sets = others.Select(j => j < i ? Inputs[j].Representative : Inputs[j].Values).ToList();
            double[] Column(double v)
            {
                var column = new List<double>();
                _assignment.Clear();
                _assignment[input.Node] = v;
                foreach (var combo in Enumeration.Product(sets))
                {
                    for (int k = 0; k < others.Count; k++) _assignment[Inputs[others[k]].Node] = combo[k];
                    column.Add(_eval(_assignment));
                }
                return column.ToArray();
            }
            var representatives = new List<double>();
            double[]? first = null;   // the column of the current bucket's first value
            for (int t = 0; t < input.Values.Length; t++)
            {
                var column = Column(input.Values[t]);
                if (first == null || !Same(first, column))
                {
                    first = column;
                    representatives.Add(input.Values[t]);
                }
                input.BucketOf[t] = representatives.Count - 1;
            }
            input.Buckets = representatives.Count;
            input.Representative = representatives.ToArray();
        }

        /// <summary>A categorical input at ⊥ matches no bucket, so no row fires and the output keeps the default: the map must give it.</summary>
        private void CheckBottom()
        {
            for (int i = 0; i < Inputs.Count; i++)
            {
                if (!Inputs[i].HasBottom) continue;
                var sets = Inputs.Select((x, j) => j == i ? new[] { Bottom.Value } : x.WithBottom).ToList();
                foreach (var combo in Enumeration.Product(sets))
                {
                    _assignment.Clear();
                    for (int j = 0; j < Inputs.Count; j++) _assignment[Inputs[j].Node] = combo[j];
                    double f = _eval(_assignment);
                    if (_job.Target.Kind == ValueKind.Categorical ? !Bottom.Is(f) : f != 0)
                        throw new CompileException(CompileError.NonDefaultOnBottom, $"map '{_ctx.Label(_job.Target)}' gives {Ir.Format(f)} when '{_ctx.Label(Inputs[i].Node)}' is ⊥; an exact MLP can only give the default (⊥, or 0 for numerical maps) there.", _ctx.Label(_job.Target), _job.Target);
                }
            }
        }

        /// <summary>Equal columns, ⊥ included (NaN = NaN here).</summary>
        private static bool Same(double[] a, double[] b)
        {
            for (int t = 0; t < a.Length; t++)
                if (Bottom.Is(a[t]) ? !Bottom.Is(b[t]) : a[t] != b[t]) return false;
            return true;
        }
    }
}
