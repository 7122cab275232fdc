using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// Turns one MLP job into exact ReLU units. Every decision is a clamped ramp ReLU(p) − ReLU(p − 1) whose
    /// pre-activation p sits at ≤ −0.5 or ≥ 1.5 for every admissible input, so inputs may be off by the
    /// tolerance recorded on their slot and the output is still exact:
    /// detection of a categorical value (p = 2·code·x − 2B + 1.5), thresholds between consecutive numeric
    /// values (gain 2/gap), gates by categorical leaves (a large negative term when they do not match).
    /// </summary>
    internal sealed class MlpBuilder
    {
        /// <summary>What a build returns: the units it added, its form, how raw errors pass through, and what its inputs must meet.</summary>
        internal sealed class Result
        {
            public Result(List<Unit> units, MlpForm form, string description, double affineGain, IReadOnlyDictionary<Slot, double> tolerances, IReadOnlyDictionary<Slot, double> relativeTolerances)
            {
                Units = units; Form = form; Description = description; AffineGain = affineGain; Tolerances = tolerances; RelativeTolerances = relativeTolerances;
            }
            public List<Unit> Units { get; }
            public MlpForm Form { get; }
            /// <summary>The form as the card prints it ("threshold ladder", "sum of 2 per-input parts", ...).</summary>
            public string Description { get; }
            /// <summary>Gain by which a raw input's error reaches the output (linear pass-through only; 0 otherwise).</summary>
            public double AffineGain { get; }
            /// <summary>The largest error each input slot may carry for this MLP to be exact.</summary>
            public IReadOnlyDictionary<Slot, double> Tolerances { get; }
            /// <summary>
            /// For count slots 1/(1+c): the largest error each may carry relative to its value. A ladder's decision at point x
            /// only needs the error below the margin to its nearest threshold, which shrinks with x like the gaps do.
            /// </summary>
            public IReadOnlyDictionary<Slot, double> RelativeTolerances { get; }
        }

        private readonly Context _ctx;
        private readonly MlpAssembly _mlp;
        private readonly MlpJob _job;
        private readonly Slot _bos, _one;
        private readonly bool _isOutput;
        private readonly List<Unit> _units = new List<Unit>();

        private readonly Dictionary<Slot, double> _tolerances = new Dictionary<Slot, double>();
        private readonly Dictionary<Slot, double> _relative = new Dictionary<Slot, double>();
        private double _affineGain;
        private MlpForm _form;
        private string _description = "";

        public MlpBuilder(Context ctx, MlpAssembly mlp, MlpJob job, Slot one, Slot bos, bool isOutput)
        {
            _ctx = ctx; _mlp = mlp; _job = job; _one = one; _bos = bos; _isOutput = isOutput;
        }

        public Result Build()
        {
            Construct();
            return new Result(_units, _form, _description, _affineGain, _tolerances, _relative);
        }

        private void Form(MlpForm form, string description) { _form = form; _description = description; }

        private void Construct()
        {
            var leaves = _job.Leaves;
            var target = _job.Target;
            var outCode = _job.Output.Code;
            if (_job.Cleanup && target.Kind == ValueKind.Categorical && !(target is SelectorWidthOp) && _job.Output.Code.Encoding != Encoding.Quadratic)
            {
                Form(MlpForm.Cleanup, "per-coordinate clean-up");
                Quantize(leaves[0], _job.Output);
                return;
            }
            int numeric = leaves.Count(l => l.Slot.Code.Encoding == Encoding.Scalar);
            if (numeric == 0 && leaves.Count >= 1)
            {
                // Additive maps of several inputs cost Σ|V| units instead of Π|V|.
                if (leaves.Count >= 2 && TrySeparable(leaves)) return;
                Form(MlpForm.LookupTable, "lookup table over " + leaves.Count + " input(s)");
                Table(leaves);
                return;
            }
            // A raw count 1/(1+c) combined with other inputs: a sum of parts or gated ladders would add ramp pairs whose saturated
            // side is exact only up to rounding at gain ~c²; a small discretise-then-table MLP is exact (violations, then exact rows).
            if (leaves.Count >= 2 && leaves.Any(l => l.Slot.WidthFraction) && TryDiscretisedTable(out _, SizeLimits.ExactTableRows)) return;
            if (numeric >= 1 && leaves.Count >= 2 && TrySeparable(leaves)) return;
            if (numeric == 1)
            {
                Gated(leaves);
                return;
            }
            if (numeric == 2 && leaves.Count == 2 && TryMinMax(leaves[0], leaves[1])) return;
            if (leaves.Count == 0)
            {
                Form(MlpForm.Constant, "constant");
                var u = Constant(Eval(new Dictionary<SOp, double>()));
                return;
            }
            if (TryDiscretisedTable(out var why)) return;
            throw new CompileException(CompileError.NoExactMlp, $"map '{_ctx.Label(target)}' combines {numeric} numerical inputs ({string.Join(", ", leaves.Where(l => l.Slot.Code.Encoding == Encoding.Scalar).Select(l => _ctx.Label(l.Leaf)))}) in a way that is neither additive nor affine, and no exact one-MLP form applies: {why}. Make that input categorical.", _ctx.Label(target), target);
        }

        // ---- forms ----

        private void Quantize(LeafRead leaf, Slot output)
        {
            var slot = leaf.Slot;
            Require(slot, Margins.Code);
            for (int b = 0; b < slot.Dims; b++)
            {
                AddRamp(new Dictionary<int, double> { [slot.Offset + b] = 2 }, Margins.RampOff, new Dictionary<int, double> { [output.Offset + b] = 1 });
                if (slot.Code.Encoding == Encoding.Binary)
                    AddRamp(new Dictionary<int, double> { [slot.Offset + b] = -2 }, Margins.RampOff, new Dictionary<int, double> { [output.Offset + b] = -1 });
            }
        }

        /// <summary>One unit pair per combination of categorical leaf values.</summary>
        private void Table(List<LeafRead> leaves)
        {
            double gain = leaves.Sum(l => l.Slot.Code.MatchGain);
            foreach (var l in leaves) Require(l.Slot, Margins.Code / gain);
            long combos = leaves.Aggregate(1L, (a, l) => a * (l.Values.Length + (l.HasBottom ? 1 : 0)));
            if (combos > (1 << 17))
                throw new CompileException(CompileError.TableTooLarge, $"map '{_ctx.Label(_job.Target)}' needs a lookup table of {combos} entries (limit {1 << 17}); lower MaxLength or simplify the map.", _ctx.Label(_job.Target), _job.Target);
            foreach (var assignment in Combos(leaves, includeBottom: true))
            {
                double f = Eval(assignment);
                bool anyBottom = assignment.Values.Any(Bottom.Is);
                if (anyBottom)
                {
                    if (!IsDefault(f))
                        throw new CompileException(CompileError.NonDefaultOnBottom, $"map '{_ctx.Label(_job.Target)}' gives {Ir.Format(f)} when an input is ⊥; an exact MLP can only give the default (⊥, or 0 for numerical maps) there.", _ctx.Label(_job.Target), _job.Target);
                    continue;
                }
                if (IsDefault(f)) continue;
                var (w, bias) = Detection(leaves, assignment, 1.0);
                int u = AddRamp(w, bias, Out(f));
                _mlp.Stage1[u].Exclusive = _mlp.Stage1[u + 1].Exclusive = 1;
            }
        }

        /// <summary>f = Σ h_l(leaf_l): each part is a small table or threshold ladder; categorical outputs decode the sum in a second stage.</summary>
        private bool TrySeparable(List<LeafRead> leaves)
        {
            if (leaves.Any(l => l.HasBottom)) return false;
            var target = _job.Target;
            if (target.Kind == ValueKind.Categorical && !_ctx.Values[target].IsIntegral) return false;
            var anchor = leaves.ToDictionary(l => l.Leaf, l => l.Values[0], ReferenceComparer<SOp>.Instance);
            double f0 = Eval(anchor);
            var parts = new List<double[]>();
            foreach (var l in leaves)
            {
                var h = new double[l.Values.Length];
                for (int t = 0; t < h.Length; t++) { var a = new Dictionary<SOp, double>(anchor, ReferenceComparer<SOp>.Instance) { [l.Leaf] = l.Values[t] }; h[t] = Eval(a) - f0; }
                parts.Add(h);
            }
            long checks = leaves.Aggregate(1L, (a, l) => a * l.Values.Length);
            if (checks > (1 << 22)) return false;
            foreach (var assignment in Combos(leaves, includeBottom: false))
            {
                double sum = f0;
                for (int i = 0; i < leaves.Count; i++) sum += parts[i][Array.IndexOf(leaves[i].Values, assignment[leaves[i].Leaf])];
                if (!Fits(sum, Eval(assignment))) return false;
            }

            bool secondStage = target.Kind == ValueKind.Categorical;
            if (secondStage && leaves.Any(l => l.Slot.WidthFraction) && leaves.All(l => l.Slot.WidthFraction || l.Slot.Code.Encoding != Encoding.Scalar)
                && Whole(f0) && parts.All(h => h.All(Whole)))
            {
                ExactSum(leaves, parts, f0, _ctx.Values[target].Values);
                return true;
            }
            Form(MlpForm.SumOfParts, "sum of " + leaves.Count + " per-input parts" + (secondStage ? ", decoded by a threshold ladder" : ""));
            var sumForm = new Dictionary<int, double>();   // stage-1 units → the sum (second stage only)
            int firstUnit = _mlp.Stage1.Count;
            // The constant f0 rides on a unit that is 1 away from BOS.
            if (f0 != 0)
            {
                int unit = Constant(f0, secondStage);
                if (secondStage) sumForm[unit] = f0;
            }
            for (int i = 0; i < leaves.Count; i++)
            {
                var l = leaves[i];
                if (l.Slot.Code.Encoding == Encoding.Scalar) NumericPart(l, parts[i], secondStage, sumForm);
                else
                {
                    Require(l.Slot, Margins.Code / l.Slot.Code.MatchGain);
                    for (int t = 0; t < l.Values.Length; t++)
                    {
                        if (parts[i][t] == 0) continue;
                        var (w, bias) = Detection(new List<LeafRead> { l }, new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance) { [l.Leaf] = l.Values[t] }, 1.0);
                        int u = AddRamp(w, bias, secondStage ? new Dictionary<int, double>() : Out(parts[i][t]));
                        if (secondStage) { sumForm[u] = parts[i][t]; sumForm[u + 1] = -parts[i][t]; }
                    }
                }
            }
            if (secondStage) Ladder(sumForm, _ctx.Values[target].Values);
            return true;
        }

        /// <summary>A numeric leaf's contribution h(x): linear pass-through when affine and exact, otherwise a threshold ladder.</summary>
        private void NumericPart(LeafRead l, double[] h, bool secondStage, Dictionary<int, double> sumForm)
        {
            var order = Enumerable.Range(0, l.Points.Length).OrderBy(t => l.Points[t]).ToArray();
            var xs = order.Select(t => l.Points[t]).ToArray();
            var hs = order.Select(t => h[t]).ToArray();
            if (!secondStage && TryAffine(xs, hs, out var a, out var b) && (!l.Slot.Raw || _isOutput))
            {
                Linear(l.Slot, a, null, 0);
                if (b != 0) Constant(b);
                if (l.Slot.Raw) _affineGain = Math.Max(_affineGain, Math.Abs(a));
                return;
            }
            if (!secondStage && (!l.Slot.Raw || _isOutput) && TryPiecewiseLinear(l.Slot, xs, hs)) return;
            Steps(l.Slot, xs, hs, secondStage, sumForm, new Dictionary<int, double>(), 0, 0);
        }

        /// <summary>One numeric leaf, gated by any categorical leaves: per categorical combination, a linear pass-through or a threshold ladder.</summary>
        private void Gated(List<LeafRead> leaves)
        {
            var x = leaves.Single(l => l.Slot.Code.Encoding == Encoding.Scalar);
            var cats = leaves.Where(l => l != x).ToList();
            double sumB = cats.Sum(c => c.Slot.Code.MatchGain);
            var order = Enumerable.Range(0, x.Points.Length).OrderBy(t => x.Points[t]).ToArray();
            var xs = order.Select(t => x.Points[t]).ToArray();
            double xmax = xs.Length == 0 ? 0 : Math.Max(Math.Abs(xs[0]), Math.Abs(xs[xs.Length - 1]));
            bool numericOut = _job.Output.Code.Encoding == Encoding.Scalar;
            int combosCount = 0, linearCount = 0;
            foreach (var assignment in Combos(cats, includeBottom: true))
            {
                var values = order.Select(t => { var a = new Dictionary<SOp, double>(assignment, ReferenceComparer<SOp>.Instance) { [x.Leaf] = x.Values[t] }; return Eval(a); }).ToArray();
                if (assignment.Values.Any(Bottom.Is))
                {
                    if (values.Any(v => !IsDefault(v)))
                        throw new CompileException(CompileError.NonDefaultOnBottom, $"map '{_ctx.Label(_job.Target)}' gives a non-default value when an input is ⊥; an exact MLP can only give the default there.", _ctx.Label(_job.Target), _job.Target);
                    continue;
                }
                combosCount++;
                var (gw, gb) = cats.Count == 0 ? (new Dictionary<int, double>(), 0.0) : Detection(cats, assignment, 1.0);
                // gw·x + gb is 1.5 when the categorical leaves match this combination and ≤ -0.5 otherwise;
                // shifted by -1.5 it becomes 0 on a match and ≤ -2 elsewhere: a gate once scaled by G.
                if (numericOut && TryAffine(xs, values, out var a, out var b) && (!x.Slot.Raw || _isOutput))
                {
                    linearCount++;
                    Linear(x.Slot, a, cats.Count == 0 ? null : gw, gb - Margins.RampOn);
                    if (b != 0)
                    {
                        if (cats.Count == 0) Constant(b);
                        else AddRamp(gw, gb, Out(b));
                    }
                    if (x.Slot.Raw) _affineGain = Math.Max(_affineGain, Math.Abs(a));
                    continue;
                }
                if (cats.Count == 0 && numericOut && (!x.Slot.Raw || _isOutput) && TryPiecewiseLinear(x.Slot, xs, values)) { linearCount++; continue; }
                Steps(x.Slot, xs, values, false, null, gw, gb - Margins.RampOn, cats.Count == 0 ? 0 : 1);
            }
            if (cats.Count > 0) foreach (var c in cats) Require(c.Slot, Margins.Code / (sumB * Math.Max(1, _gateScale)));
            if (linearCount == combosCount)
            {
                if (cats.Count > 0) Form(MlpForm.GatedLinear, "gated linear (one pair per input combination)");
                else if (_breakpoints > 0) Form(MlpForm.PiecewiseLinear, "piecewise linear (" + _breakpoints + " breakpoints)");
                else Form(MlpForm.Linear, "linear pass-through");
            }
            else if (cats.Count == 0) Form(MlpForm.ThresholdLadder, "threshold ladder");
            else Form(MlpForm.GatedThresholdLadders, "gated threshold ladders");
        }

        /// <summary>Largest gate gain used: categorical leaves read through a gate must be that much more precise.</summary>
        private double _gateScale = 1;
        private int _breakpoints;

        /// <summary>
        /// Exact ReLU form of a piecewise-linear map of a clean number (abs, clamp, ...): f(x0) + s0·(x − x0) + Σ Δs_t·ReLU(x − x_t),
        /// with a breakpoint wherever the slope between consecutive values changes. Used when it is smaller than a threshold ladder.
        /// </summary>
        private bool TryPiecewiseLinear(Slot x, double[] xs, double[] fs)
        {
            if (xs.Length < 3) return false;
            var slopes = new double[xs.Length - 1];
            for (int t = 0; t + 1 < xs.Length; t++) slopes[t] = (fs[t + 1] - fs[t]) / (xs[t + 1] - xs[t]);
            var breaks = new List<int>();
            for (int t = 1; t < slopes.Length; t++)
                if (!Fits(slopes[t - 1], slopes[t])) breaks.Add(t);
            if (2 + breaks.Count >= 2 * (xs.Length - 1)) return false;
            double xmax = Math.Max(Math.Abs(xs[0]), Math.Abs(xs[xs.Length - 1]));
            Linear(x, slopes[0], null, 0);
            double c = fs[0] - slopes[0] * xs[0];
            if (c != 0) Constant(c);
            double gain = Math.Abs(slopes[0]);
            foreach (int t in breaks)
            {
                double ds = slopes[t] - slopes[t - 1];
                var u = new Unit { Bias = -xs[t], MaxPre = xmax + Math.Abs(xs[t]) };
                u.Gate = u.MaxPre + 1;
                u.In[x.Offset] = 1;
                u.Out[_job.Output.Offset] = ds;
                _mlp.Stage1.Add(u);
                _units.Add(u);
                gain += Math.Abs(ds);
            }
            _breakpoints += breaks.Count;
            if (x.Raw) _affineGain = Math.Max(_affineGain, gain);
            return true;
        }

        /// <summary>
        /// α·min(a, b) + β, α·max(a, b) + β or α·|a − b| + β: a ± ReLU(±(a − b)). On clean numbers the hinges read the residual
        /// (three or four units). A count held as 1/(1+c) is not c, so when an input is a raw count, stage 1 first decodes
        /// each input into an exact linear form of units (a threshold ladder for the count, a ± pair for a clean number)
        /// and the hinges sit in stage 2 over those forms.
        /// </summary>
        private bool TryMinMax(LeafRead a, LeafRead b)
        {
            if (_job.Output.Code.Encoding != Encoding.Scalar) return false;
            // Inside the model a head's raw output is not a clean number, so the hinges cannot read it: stage 1 decodes it
            // (a threshold ladder, as for a count) and the hinges sit in stage 2. Only the output may pass raw numbers through.
            bool decode = a.Slot.WidthFraction || b.Slot.WidthFraction || ((a.Slot.Raw || b.Slot.Raw) && !_isOutput);
            bool RawValue(LeafRead l) => l.Slot.Raw && !l.Slot.WidthFraction;
            if ((long)a.Values.Length * b.Values.Length > (1 << 22)) return false;
            var candidates = new (string Name, Func<double, double, double> G)[] { ("min", Math.Min), ("max", Math.Max), ("|a-b|", (x, y) => Math.Abs(x - y)) };
            foreach (var (name, g) in candidates)
            {
                if (!FitsThroughHinge(a, b, g, out var al, out var be)) continue;
                if (decode)
                {
                    DecodedHinges(a, b, name, al);
                    // A raw number passes through its ± pair and the hinges: its head must meet the output's tolerance over this gain.
                    if ((RawValue(a) || RawValue(b)) && _isOutput) _affineGain = Math.Max(_affineGain, 2 * Math.Abs(al));
                }
                else
                {
                    double range = Math.Max(a.Slot.Bound, b.Slot.Bound) * 2 + 1;
                    void Hinge(double wa, double wb, double outW)
                    {
                        var u = new Unit { MaxPre = range };
                        u.Gate = range + 1;
                        u.In[a.Slot.Offset] = wa;
                        u.In[b.Slot.Offset] = (u.In.TryGetValue(b.Slot.Offset, out var e) ? e : 0) + wb;
                        u.Out[_job.Output.Offset] = outW;
                        _mlp.Stage1.Add(u);
                        _units.Add(u);
                    }
                    if (name == "min") { Linear(a.Slot, al, null, 0); Hinge(1, -1, -al); }
                    else if (name == "max") { Linear(a.Slot, al, null, 0); Hinge(-1, 1, al); }
                    else { Hinge(1, -1, al); Hinge(-1, 1, al); }
                    if (a.Slot.Raw || b.Slot.Raw) _affineGain = Math.Max(_affineGain, 2 * Math.Abs(al));
                }
                if (be != 0) Constant(be);
                Form(MlpForm.Hinge, "exact ReLU form of " + name + (decode ? " (inputs decoded in stage 1)" : ""));
                return true;
            }
            return false;
        }

        /// <summary>
        /// Discretise-then-table (<see cref="Discretisation"/> chooses the inputs and buckets). Stage 1 has violation units:
        /// per threshold between two buckets of a numerical input, one that fires when the input is above it and one when below;
        /// per value of a categorical leaf, one that fires when the leaf holds something else. Stage 2 has one row unit per
        /// bucket combination whose value is not the default: ReLU(1 − 2·Σ its violations), writing that value's code.
        /// The error analysis is in <see cref="Margins"/>.
        /// </summary>
        private bool TryDiscretisedTable(out string why, long rowLimit = 0)
        {
            var plan = Discretisation.Plan(_ctx, _job, Eval, out why, rowLimit);
            if (plan == null) return false;
            var violations = plan.Inputs.Select(i => i.Numeric ? Thresholds(i) : Detections(i)).ToList();
            int rows = 0;
            foreach (var (buckets, assignment) in plan.Combinations())
            {
                double f = Eval(assignment);
                if (IsDefault(f)) continue;
                var form = new Dictionary<int, double>();
                for (int i = 0; i < buckets.Length; i++)
                    foreach (int v in violations[i][buckets[i]]) form[v] = -2;
                // At BOS every violation unit is gated to 0, so the gate must silence the bias.
                var u = new Unit { In = form, Bias = 1, Gate = 2, MaxPre = RowBound(form), Ramp = true, Exact = true, Exclusive = 1 };
                Accumulate(u.Out, Out(f));
                _mlp.Stage2.Add(u);
                _units.Add(u);
                rows++;
            }
            int numeric = plan.Inputs.Count(i => i.Numeric), categorical = plan.Inputs.Count - numeric;
            Form(MlpForm.DiscretisedTable, $"discretise-then-table over {numeric} numerical input{(numeric == 1 ? "" : "s")}"
                + (categorical > 0 ? $" and {categorical} categorical" : "") + $" ({plan.Sizes(i => i.Buckets + (i.Numeric ? " buckets" : " values"))}), {rows} table rows");
            return true;
        }

        /// <summary>
        /// Per bucket of a numerical input, the stage-1 units that fire when the input is outside it. Between the last value a
        /// of one bucket and the first value b of the next (gap γ, gain g = 2/γ), "above" is ReLU(g·(x − a) − 0.5) and "below"
        /// is ReLU(g·(b − x) − 0.5), x read through the input's affine form: each is at most −0.5 before the ReLU on its own
        /// side and at least 1.5 on the other.
        /// </summary>
        private List<int>[] Thresholds(Discretisation.Input input)
        {
            var result = Enumerable.Range(0, input.Buckets).Select(_ => new List<int>()).ToArray();
            double minGap = double.PositiveInfinity;
            for (int t = 1; t < input.Values.Length; t++)
            {
                int k = input.BucketOf[t];
                if (k == input.BucketOf[t - 1]) continue;
                double a = input.Points[t - 1], b = input.Points[t], g = 2 / (b - a);
                minGap = Math.Min(minGap, b - a);
                var w = new Dictionary<int, double>();
                foreach (var (leaf, c) in input.Form) Accumulate(w, new Dictionary<int, double> { [leaf.Slot.Offset] = g * c });
                result[k - 1].Add(Violation(w, g * (input.Constant - a) + Margins.RampOff));
                result[k].Add(Violation(Scale(w, -1), -g * (input.Constant - b) + Margins.RampOff));
            }
            // An error e_l on each slot moves a violation's pre-activation by g·Σ|a_l|·e_l: within 2·Code when e_l ≤ Code·γ / Σ|a|.
            double scale = input.Form.Sum(f => Math.Abs(f.Coefficient));
            if (input.Form.Count == 1 && input.Form[0].Leaf.Slot.WidthFraction && input.Form[0].Coefficient == 1 && input.Constant == 0)
            {
                // A count 1/(1+c) with relative error ρ: at x = b (the worst point above a threshold, and symmetrically at a below it)
                // ρ·b ≤ Code·(b − a) keeps both violations within their margins; points further away only gain distance.
                double rho = double.PositiveInfinity;
                for (int t = 1; t < input.Values.Length; t++)
                    if (input.BucketOf[t] != input.BucketOf[t - 1]) rho = Math.Min(rho, Margins.Code * (input.Points[t] - input.Points[t - 1]) / input.Points[t]);
                if (!double.IsInfinity(rho)) RequireRelative(input.Form[0].Leaf.Slot, rho);
            }
            else if (!double.IsInfinity(minGap)) foreach (var (leaf, _) in input.Form) Require(leaf.Slot, Margins.Code * minGap / scale);
            return result;
        }

        /// <summary>Per value of a categorical leaf, the stage-1 unit that fires when the leaf holds anything else (⊥ included): ReLU(1 − detection).</summary>
        private List<int>[] Detections(Discretisation.Input input)
        {
            var leaf = input.Leaf!;
            Require(leaf.Slot, Margins.Code / leaf.Slot.Code.MatchGain);
            var result = new List<int>[input.Values.Length];
            for (int t = 0; t < input.Values.Length; t++)
            {
                var (w, bias) = Detection(new List<LeafRead> { leaf }, new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance) { [leaf.Leaf] = input.Values[t] }, 1.0);
                // Detection is 1.5 on a match and ≤ −0.5 elsewhere; 1 − detection is −0.5 and ≥ 1.5.
                result[t] = new List<int> { Violation(Scale(w, -1), 1 - bias) };
            }
            return result;
        }

        /// <summary>A single ReLU with the margins of a ramp: exactly 0 where its pre-activation is ≤ −0.5, at least 1 where it is ≥ 1.5.</summary>
        private int Violation(Dictionary<int, double> w, double bias)
        {
            double maxPre = PreBound(w, bias);
            var u = new Unit { In = w, Bias = bias, Gate = maxPre + 1, MaxPre = maxPre, Ramp = true, Violation = true };
            _mlp.Stage1.Add(u);
            _units.Add(u);
            return _mlp.Stage1.Count - 1;
        }

        /// <summary>
        /// A row's bound on |pre-activation| where it matters, off its row (see <see cref="Margins"/>): the analysis charges a unit
        /// (k + 1)·u·bound, and the row's error is its own (k + 1)·u·(1 + Σ|w_j|·pre_j) plus Σ|w_j|·(k_j + 1)·u·pre_j from its inputs.
        /// </summary>
        private double RowBound(Dictionary<int, double> form)
        {
            double bound = 1;
            foreach (var kv in form)
            {
                var input = _mlp.Stage1[kv.Key];
                bound += Math.Abs(kv.Value) * input.MaxPre * (1 + (input.In.Count + 1.0) / (form.Count + 1));
            }
            return bound;
        }

        /// <summary>Whether f(a, b) = α·g(a, b) + β on every pair of logical values (α ≠ 0 found from the first pair where g changes).</summary>
        private bool FitsThroughHinge(LeafRead a, LeafRead b, Func<double, double, double> g, out double alpha, out double beta)
        {
            double? al = null, be = null;
            double g0 = 0, f0 = 0;
            bool first = true;
            alpha = beta = 0;
            foreach (var x in a.Values)
                foreach (var y in b.Values)
                {
                    double f = Eval(new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance) { [a.Leaf] = x, [b.Leaf] = y });
                    double gv = g(x, y);
                    if (first) { g0 = gv; f0 = f; first = false; continue; }
                    if (al == null && gv != g0) { al = (f - f0) / (gv - g0); be = f0 - al * g0; }
                    if (!Fits((al ?? 0) * gv + (be ?? f0), f)) return false;
                }
            if (al == null) return false;
            alpha = al.Value; beta = be!.Value;
            return true;
        }

        /// <summary>The hinges of <see cref="TryMinMax"/> in stage 2, over exact stage-1 forms of both inputs.</summary>
        private void DecodedHinges(LeafRead a, LeafRead b, string name, double al)
        {
            var fa = StageOneForm(a);
            var fb = StageOneForm(b);
            double range = 2 * Math.Max(MaxAbs(a.Values), MaxAbs(b.Values)) + 1;
            var diff = new Dictionary<int, double>(fa);
            Accumulate(diff, Scale(fb, -1));
            void Hinge(Dictionary<int, double> form, double outW)
            {
                var u = new Unit { In = form, MaxPre = range, Gate = range + 1 };
                u.Out[_job.Output.Offset] = outW;
                _mlp.Stage2.Add(u);
                _units.Add(u);
            }
            if (name != "|a-b|") { Hinge(fa, al); Hinge(Scale(fa, -1), -al); }
            if (name == "min") Hinge(diff, -al);
            else if (name == "max") Hinge(Scale(diff, -1), al);
            else { Hinge(diff, al); Hinge(Scale(diff, -1), al); }
        }

        /// <summary>
        /// An input's logical value as an exact linear form of stage-1 units: a threshold ladder for a count held as 1/(1+c)
        /// or for a head's raw output inside the model, ReLU(x) − ReLU(−x) for a clean number (or a raw one at the output).
        /// </summary>
        private Dictionary<int, double> StageOneForm(LeafRead l)
        {
            var form = new Dictionary<int, double>();
            if (l.Slot.WidthFraction || (l.Slot.Raw && !_isOutput))
            {
                var order = Enumerable.Range(0, l.Points.Length).OrderBy(t => l.Points[t]).ToArray();
                Steps(l.Slot, order.Select(t => l.Points[t]).ToArray(), order.Select(t => l.Values[t]).ToArray(), true, form, new Dictionary<int, double>(), 0, 0);
                return form;
            }
            double maxPre = MaxAbs(l.Slot) + 1;
            foreach (var sign in new[] { 1.0, -1.0 })
            {
                var u = new Unit { Gate = maxPre + 1, MaxPre = maxPre };
                u.In[l.Slot.Offset] = sign;
                _mlp.Stage1.Add(u);
                _units.Add(u);
                form[_mlp.Stage1.Count - 1] = sign;
            }
            return form;
        }

        private static double MaxAbs(double[] values) => values.Length == 0 ? 0 : values.Max(Math.Abs);

        /// <summary>Threshold ladder over sorted points: output = f(x_0) + Σ ramp_t·(f(x_{t+1}) − f(x_t)).</summary>
        private void Steps(Slot slot, double[] xs, double[] fs, bool secondStage, Dictionary<int, double>? sumForm, Dictionary<int, double> gateW, double gateB, int gated)
        {
            // Only thresholds where the map changes become ramps, so only their gaps bound the input's tolerance.
            double minGap = double.PositiveInfinity;
            for (int t = 1; t < xs.Length; t++)
                if (!SameOutput(fs[t - 1], fs[t])) minGap = Math.Min(minGap, xs[t] - xs[t - 1]);
            if (!double.IsInfinity(minGap))
            {
                if (slot.WidthFraction && xs[0] > 0) RequireRelative(slot, RelativeLadderTolerance(xs, fs));
                else Require(slot, Margins.Code * minGap);
            }
            if (xs.Length > (1 << 18))
                throw new CompileException(CompileError.TableTooLarge, $"map '{_ctx.Label(_job.Target)}' needs a threshold ladder of {xs.Length} steps (limit {1 << 18}); lower MaxLength.", _ctx.Label(_job.Target), _job.Target);
            double xmax = xs.Length == 0 ? 0 : Math.Max(Math.Abs(xs[0]), Math.Abs(xs[xs.Length - 1]));
            // Base value f(x_0): a constant (gated by the categorical combination when there is one).
            if (!IsDefault(fs[0]) || secondStage)
            {
                int u;
                if (gated == 0) u = Constant(fs[0], secondStage);
                else u = AddRamp(Scale(gateW, 1), gateB + Margins.RampOn, secondStage ? new Dictionary<int, double>() : Out(fs[0]));
                if (secondStage && sumForm != null) { sumForm[u] = fs[0]; if (gated != 0) sumForm[u + 1] = -fs[0]; }
            }
            if (!secondStage && gated == 0)
            {
                ExactSteps(slot, xs, fs);
                return;
            }
            for (int t = 0; t + 1 < xs.Length; t++)
            {
                if (SameOutput(fs[t], fs[t + 1])) continue;
                double delta = fs[t + 1] - fs[t];
                double g = 2 / (xs[t + 1] - xs[t]);
                double gateGain = gated == 0 ? 0 : g * (xmax + Math.Abs(xs[t])) + 2;
                _gateScale = Math.Max(_gateScale, gateGain);
                var w = new Dictionary<int, double> { [slot.Offset] = g };
                double bias = -g * xs[t] + Margins.RampOff;
                if (gated != 0) { foreach (var kv in gateW) w[kv.Key] = (w.TryGetValue(kv.Key, out var e) ? e : 0) + gateGain * kv.Value; bias += gateGain * gateB; }
                int u = AddRamp(w, bias, secondStage ? new Dictionary<int, double>() : OutDelta(fs[t], fs[t + 1]));
                if (secondStage && sumForm != null) { sumForm[u] = delta; sumForm[u + 1] = -delta; }
            }
        }

        /// <summary>
        /// The steps of a ladder, each exactly 0 or 1: per threshold between a = x_t and b = x_{t+1}, a violation
        /// V = ReLU(g·(b − x) − 0.5) (g = 2/(b − a): an exact 0 from x = b up, at least 1.5 at x = a and below) in stage 1, and a row
        /// S = ReLU(1 − 2V) in stage 2 writing the step f(b) − f(a). A ramp pair ReLU(p) − ReLU(p − 1) is 1 only up to the rounding
        /// of p, which grows with the gain (2(c + 2) for a count c read as 1/(1 + c), but g·x up to 2(c+1)(c+2) where x is large);
        /// a row reads an exact 0 or a number ≥ 0.5, so it is exactly 1 or exactly 0, and the output is a sum of exact steps.
        /// </summary>
        private void ExactSteps(Slot slot, double[] xs, double[] fs)
        {
            for (int t = 0; t + 1 < xs.Length; t++)
            {
                if (SameOutput(fs[t], fs[t + 1])) continue;
                double g = 2 / (xs[t + 1] - xs[t]);
                int v = Violation(new Dictionary<int, double> { [slot.Offset] = -g }, g * xs[t + 1] + Margins.RampOff);
                // Its inputs have one sign (V ≥ 0), so the rounding of 1 − 2V is within γ(|pre| + 2): a pre-activation bound of 4 covers the margin.
                var row = new Unit { Bias = 1, Gate = 2, MaxPre = 4, Ramp = true, Exact = true };
                row.In[v] = -2;
                Accumulate(row.Out, OutDelta(fs[t], fs[t + 1]));
                _mlp.Stage2.Add(row);
                _units.Add(row);
            }
        }

        private static bool Whole(double v) => v == Math.Floor(v) && Math.Abs(v) < (1 << 30);

        /// <summary>
        /// f = f0 + Σ h(leaf) with integer parts, a raw count among the leaves, decoded exactly in four stages. Stage 1: violations
        /// (a count's thresholds as in <see cref="ExactSteps"/>; "the leaf holds another value" for each value of a categorical
        /// leaf). Stage 2: rows ReLU(1 − 2V), each exactly 0 or 1 (a count's steps, a categorical leaf's one-hot), and a constant 1.
        /// The integer s = f is then an exact sum of rows with integer weights. Stage 3: V'_t = ReLU(v_{t+1} − s), an exact
        /// integer, 0 exactly when s ≥ v_{t+1}. Stage 4: rows ReLU(1 − V'_t) = [s ≥ v_{t+1}] write the steps of the output code.
        /// A sum-of-parts ladder would instead sum ramp pairs over the count, whose saturated side is 1 only up to rounding at gain ~c².
        /// </summary>
        private void ExactSum(List<LeafRead> leaves, List<double[]> parts, double f0, double[] values)
        {
            Form(MlpForm.SumOfParts, "sum of " + leaves.Count + " per-input parts, exact rows decoded by exact thresholds (4 stages)");
            var sum = new Dictionary<int, double>(); // stage-2 unit → its weight in s
            Unit Row(int violation, double weight)
            {
                var row = new Unit { Bias = 1, Gate = 2, MaxPre = 4, Ramp = true, Exact = true };
                if (violation >= 0) row.In[violation] = weight;
                _mlp.Stage2.Add(row);
                _units.Add(row);
                return row;
            }
            double constant = f0;
            for (int i = 0; i < leaves.Count; i++)
            {
                var l = leaves[i];
                if (l.Slot.WidthFraction)
                {
                    var order = Enumerable.Range(0, l.Points.Length).OrderBy(t => l.Points[t]).ToArray();
                    var xs = order.Select(t => l.Points[t]).ToArray();
                    var hs = order.Select(t => parts[i][t]).ToArray();
                    if (xs.Length == 0) continue;
                    constant += hs[0];
                    if (xs[0] > 0 && hs.Distinct().Count() > 1) RequireRelative(l.Slot, RelativeLadderTolerance(xs, hs));
                    for (int t = 0; t + 1 < xs.Length; t++)
                    {
                        if (hs[t] == hs[t + 1]) continue;
                        double g = 2 / (xs[t + 1] - xs[t]);
                        int v = Violation(new Dictionary<int, double> { [l.Slot.Offset] = -g }, g * xs[t + 1] + Margins.RampOff);
                        Row(v, -2);
                        sum[_mlp.Stage2.Count - 1] = hs[t + 1] - hs[t];
                    }
                }
                else
                {
                    Require(l.Slot, Margins.Code / l.Slot.Code.MatchGain);
                    for (int t = 0; t < l.Values.Length; t++)
                    {
                        if (parts[i][t] == 0) continue;
                        var (w, bias) = Detection(new List<LeafRead> { l }, new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance) { [l.Leaf] = l.Values[t] }, 1.0);
                        // Detection is 1.5 on a match and ≤ −0.5 elsewhere; 1 − detection is −0.5 and ≥ 1.5.
                        int v = Violation(Scale(w, -1), 1 - bias);
                        Row(v, -2);
                        sum[_mlp.Stage2.Count - 1] = parts[i][t];
                    }
                }
            }
            if (constant != 0)
            {
                Row(-1, 0);
                sum[_mlp.Stage2.Count - 1] = constant;
            }
            // Stage 4's base: the code of the smallest value, on a row that is 1 away from BOS.
            var baseRow = new Unit { Bias = 1, Gate = 2, MaxPre = 1, Exact = true, Integral = true };
            Accumulate(baseRow.Out, Out(values[0]));
            _mlp.Stage4.Add(baseRow);
            _units.Add(baseRow);
            for (int t = 0; t + 1 < values.Length; t++)
            {
                var above = new Unit { Bias = values[t + 1], Integral = true };
                foreach (var kv in sum) above.In[kv.Key] = -kv.Value;
                above.MaxPre = Math.Abs(above.Bias) + sum.Values.Sum(Math.Abs);
                _mlp.Stage3.Add(above);
                _units.Add(above);
                var step = new Unit { Bias = 1, Gate = 2, MaxPre = above.MaxPre + 1, Exact = true, Integral = true };
                step.In[_mlp.Stage3.Count - 1] = -1;
                Accumulate(step.Out, OutDelta(values[t], values[t + 1]));
                _mlp.Stage4.Add(step);
                _units.Add(step);
            }
        }

        /// <summary>Second stage: decode an exact integer sum s (a linear form of stage-1 units) into the output code.</summary>
        private void Ladder(Dictionary<int, double> sumForm, double[] values)
        {
            double smax = values.Length == 0 ? 0 : Math.Max(Math.Abs(values[0]), Math.Abs(values[values.Length - 1]));
            // Base code of the smallest value, on a stage-2 unit that is 1 away from BOS.
            var baseUnit = new Unit { Bias = 1, Gate = 2, MaxPre = 1 };
            Accumulate(baseUnit.Out, Out(values[0]));
            _mlp.Stage2.Add(baseUnit);
            for (int t = 0; t + 1 < values.Length; t++)
            {
                double g = 2 / (values[t + 1] - values[t]);
                double bias = -g * values[t] + Margins.RampOff;
                var w = sumForm.ToDictionary(kv => kv.Key, kv => kv.Value * g);
                double pre = g * (smax + Math.Abs(values[t])) + 1;
                var up = new Unit { In = w, Bias = bias, Gate = pre + 1, MaxPre = pre, Ramp = true };
                var down = new Unit { In = w, Bias = bias - 1, Gate = pre + 1, MaxPre = pre, Ramp = true };
                var d = OutDelta(values[t], values[t + 1]);
                Accumulate(up.Out, d);
                Accumulate(down.Out, Scale(d, -1));
                _mlp.Stage2.Add(up); _mlp.Stage2.Add(down);
                _units.Add(up); _units.Add(down);
            }
        }

        // ---- primitives ----

        /// <summary>Adds ReLU(p) and ReLU(p − 1) with outputs +out and −out. Returns the index of the first unit.</summary>
        private int AddRamp(Dictionary<int, double> w, double bias, Dictionary<int, double> output)
        {
            double maxPre = PreBound(w, bias);
            var up = new Unit { In = w, Bias = bias, Gate = maxPre + 1, MaxPre = maxPre, Ramp = true };
            var down = new Unit { In = new Dictionary<int, double>(w), Bias = bias - 1, Gate = maxPre + 1, MaxPre = maxPre, Ramp = true };
            Accumulate(up.Out, output);
            Accumulate(down.Out, Scale(output, -1));
            _mlp.Stage1.Add(up); _mlp.Stage1.Add(down);
            _units.Add(up); _units.Add(down);
            return _mlp.Stage1.Count - 2;
        }

        /// <summary>Bound on |pre-activation| over admissible inputs (raw inputs included): sets the BOS gate and the rounding analysis.</summary>
        private double PreBound(Dictionary<int, double> w, double bias)
        {
            double maxPre = Math.Abs(bias) + 1;
            foreach (var kv in w) maxPre += Math.Abs(kv.Value) * CoordinateBound(kv.Key);
            return maxPre;
        }

        /// <summary>
        /// a·x, exactly. Ungated (<paramref name="gateW"/> null): ReLU(a·x) − ReLU(−a·x). Gated by a detection pre-activation g
        /// (0 on a match, ≤ −2 otherwise, each off by its inputs' error e): ReLU(a·x + C + G·g) − ReLU(C + G·g) with C = G = |a·x|max + 1.
        /// On a match both units are in their linear part, so G·e cancels exactly (a symmetric pair ReLU(±a·x + G·g) would
        /// lose an a·x smaller than G·e, or double it); off a match both are 0.
        /// </summary>
        private void Linear(Slot x, double a, Dictionary<int, double>? gateW, double gateB)
        {
            double ax = Math.Abs(a) * MaxAbs(x);
            if (gateW is null)
            {
                double maxPre = ax + 1;
                foreach (var sign in new[] { 1.0, -1.0 })
                {
                    var u = new Unit { Gate = maxPre + 1, MaxPre = maxPre };
                    u.In[x.Offset] = sign * a;
                    Accumulate(u.Out, Scale(Out(1), sign));
                    _mlp.Stage1.Add(u);
                    _units.Add(u);
                }
                return;
            }
            double gateGain = ax + 1, offset = ax + 1;
            double gatePre = Math.Abs(gateB) + gateW.Values.Sum(w => 1.2 * Math.Abs(w));
            foreach (bool signal in new[] { true, false })
            {
                var u = new Unit { Bias = offset + gateGain * gateB, MaxPre = (signal ? ax : 0) + offset + gateGain * gatePre };
                u.Gate = u.MaxPre + 1;
                foreach (var kv in gateW) u.In[kv.Key] = gateGain * kv.Value;
                if (signal) u.In[x.Offset] = (u.In.TryGetValue(x.Offset, out var e) ? e : 0) + a;
                Accumulate(u.Out, Scale(Out(1), signal ? 1 : -1));
                _mlp.Stage1.Add(u);
                _units.Add(u);
            }
            _gateScale = Math.Max(_gateScale, gateGain);
        }

        /// <summary>A unit that is 1 at every real position and 0 at BOS, writing value·code.</summary>
        private int Constant(double value, bool stage2Only = false)
        {
            var u = new Unit { Bias = 0, Gate = 2, MaxPre = 1 };
            u.In[_one.Offset] = 1;
            if (!stage2Only) Accumulate(u.Out, Out(value));
            _mlp.Stage1.Add(u);
            _units.Add(u);
            return _mlp.Stage1.Count - 1;
        }

        /// <summary>Detection pre-activation: 1.5 when every leaf holds its assigned value, ≤ −0.5 otherwise (scaled by <paramref name="scale"/>).</summary>
        private static (Dictionary<int, double>, double) Detection(List<LeafRead> leaves, IDictionary<SOp, double> assignment, double scale)
        {
            var w = new Dictionary<int, double>();
            double sumB = 0;
            foreach (var l in leaves)
            {
                var code = l.Slot.Code;
                var v = assignment[l.Leaf];
                var m = Bottom.Is(v) ? new double[code.Dims] : code.MatchWeights(v);
                for (int b = 0; b < m.Length; b++) if (m[b] != 0) w[l.Slot.Offset + b] = 2 * scale * m[b];
                sumB += code.MatchMax;
            }
            return (w, scale * (-2 * sumB + Margins.RampOn));
        }

        private static IEnumerable<Dictionary<SOp, double>> Combos(List<LeafRead> leaves, bool includeBottom)
        {
            var current = new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance);
            return Recurse(0);
            IEnumerable<Dictionary<SOp, double>> Recurse(int i)
            {
                if (i == leaves.Count) { yield return new Dictionary<SOp, double>(current, ReferenceComparer<SOp>.Instance); yield break; }
                var l = leaves[i];
                var vals = includeBottom && l.HasBottom ? l.Values.Concat(new[] { Bottom.Value }) : l.Values;
                foreach (var v in vals)
                {
                    current[l.Leaf] = v;
                    foreach (var c in Recurse(i + 1)) yield return c;
                }
            }
        }

        private double Eval(IReadOnlyDictionary<SOp, double> assignment)
            => _job.Cleanup ? assignment[_job.Target] : MapFusion.Evaluate(_ctx, _job.Target, assignment);

        private bool IsDefault(double f) => _job.Target.Kind == ValueKind.Categorical ? Bottom.Is(f) : f == 0;

        private Dictionary<int, double> Out(double value)
        {
            var e = _job.Output.Code.Encode(value);
            var d = new Dictionary<int, double>();
            for (int b = 0; b < e.Length; b++) if (e[b] != 0) d[_job.Output.Offset + b] = e[b];
            return d;
        }

        private Dictionary<int, double> OutDelta(double from, double to)
        {
            var a = _job.Output.Code.Encode(from);
            var b = _job.Output.Code.Encode(to);
            var d = new Dictionary<int, double>();
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) d[_job.Output.Offset + i] = b[i] - a[i];
            return d;
        }

        private static Dictionary<int, double> Scale(Dictionary<int, double> d, double s) => d.ToDictionary(kv => kv.Key, kv => kv.Value * s);

        private static void Accumulate(Dictionary<int, double> into, Dictionary<int, double> add)
        {
            foreach (var kv in add) into[kv.Key] = (into.TryGetValue(kv.Key, out var e) ? e : 0) + kv.Value;
        }

        /// <summary>|x| bound of a residual coordinate read by this job (its leaf slots; 1.2 for codes to cover raw errors).</summary>
        private double CoordinateBound(int coordinate)
        {
            foreach (var l in _job.Leaves)
                if (coordinate >= l.Slot.Offset && coordinate < l.Slot.Offset + l.Slot.Dims)
                    return 1.2 * (l.Slot.Code.Encoding == Encoding.Scalar ? Math.Max(1, l.Slot.Bound) : l.Slot.Code.CoordinateBoundAt(coordinate - l.Slot.Offset));
            return 1;
        }

        private static double MaxAbs(Slot s) => s.Code.Encoding == Encoding.Scalar ? 1 + s.Bound : 1.2 * s.Code.CoordinateBound;

        /// <summary>
        /// min over points x of tol(x)/x, where tol(x) = Code·gap_t + d(x, t) for the nearest threshold t (a ramp) on either side:
        /// the ramp at t has gain 2/gap_t, and a point d beyond its pair of values sits 2d/gap_t further from the decision.
        /// </summary>
        private static double RelativeLadderTolerance(double[] xs, double[] fs)
        {
            int n = xs.Length;
            var tol = new double[n];
            for (int i = 0; i < n; i++) tol[i] = double.PositiveInfinity;
            int last = -1; // nearest ramp t (between t and t + 1) at or below point i
            for (int i = 0; i < n; i++)
            {
                if (i > 0 && !SameOutput(fs[i - 1], fs[i])) last = i - 1;
                if (last >= 0) tol[i] = Math.Min(tol[i], Margins.Code * (xs[last + 1] - xs[last]) + (xs[i] - xs[last + 1]));
            }
            int next = -1; // nearest ramp at or above point i
            for (int i = n - 1; i >= 0; i--)
            {
                if (i + 1 < n && !SameOutput(fs[i], fs[i + 1])) next = i;
                if (next >= 0) tol[i] = Math.Min(tol[i], Margins.Code * (xs[next + 1] - xs[next]) + (xs[next] - xs[i]));
            }
            double relative = double.PositiveInfinity;
            for (int i = 0; i < n; i++) relative = Math.Min(relative, tol[i] / xs[i]);
            return relative;
        }

        private void RequireRelative(Slot s, double relative)
        {
            if (!_relative.TryGetValue(s, out var t) || relative < t) _relative[s] = relative;
        }

        /// <summary>Records that <paramref name="s"/> must be within <paramref name="tolerance"/> of its exact value for this MLP.</summary>
        private void Require(Slot s, double tolerance)
        {
            if (!_tolerances.TryGetValue(s, out var t) || tolerance < t) _tolerances[s] = tolerance;
        }

        /// <summary>Equal outputs, ⊥ included (NaN = NaN here): no ramp is needed between them.</summary>
        private static bool SameOutput(double a, double b) => Bottom.Is(a) ? Bottom.Is(b) : a == b;

        /// <summary>
        /// Whether a fitted form's value (computed as the MLP computes it) is the map's value, bit for bit. No tolerance: a form a
        /// few ulps off merges values the reference tells apart ((a + m) − m is sometimes a − 1 ulp), so a later comparison
        /// would read them differently, and an input whose part rounds to 0 is not one the map ignores. False when either is ⊥.
        /// </summary>
        internal static bool Fits(double form, double exact) => form == exact;

        private static bool TryAffine(double[] xs, double[] fs, out double a, out double b)
        {
            a = 0; b = fs.Length == 0 ? 0 : fs[0];
            if (xs.Length < 2) return true;
            a = (fs[xs.Length - 1] - fs[0]) / (xs[xs.Length - 1] - xs[0]);
            b = fs[0] - a * xs[0];
            for (int t = 0; t < xs.Length; t++)
                if (!Fits(a * xs[t] + b, fs[t])) return false;
            return true;
        }
    }
}
