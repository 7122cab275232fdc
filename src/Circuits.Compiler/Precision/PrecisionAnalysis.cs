using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>What the precision analysis needs to know about one MLP job.</summary>
    internal sealed class MlpFacts
    {
        public string Name = "";
        public int Layer;
        public List<Unit> Units = new List<Unit>();
        public Slot Output = null!;
        public double AffineGain;
        public List<Slot> RawInputs = new List<Slot>();
        /// <summary>The units of the layer's later ReLU stages (they read hidden units, not the residual).</summary>
        public HashSet<Unit> Second = new HashSet<Unit>();
        /// <summary>The layer's hidden stages: a unit of stage k reads units of stage k − 1 by index.</summary>
        public List<List<Unit>> Stages = new List<List<Unit>>();
        /// <summary>Cached by the analysis: the largest integral pre-activation bound, and whether some integral unit reads a non-integer.</summary>
        public (double Largest, bool NotInteger)? Integral;
    }

    /// <summary>The outcome: bits per component and overall.</summary>
    internal sealed class PrecisionResult
    {
        public List<PrecisionRequirement> Requirements = new List<PrecisionRequirement>();
        public int Bits;
        public bool Float32;
        public bool Float64;
    }

    /// <summary>
    /// Forward error analysis at unit roundoff u = 2^-p. Per head: score rounding (≤ (d_qk+3)·u·max|score|) plus the
    /// error of the features it reads must stay within the 1-unit slack built into Δ; then softmax leakage
    /// 2(n−1)e^{−Δ_eff}·V_max plus accumulation 2(n+8)·u·V_max plus the values' own error must stay within the tolerance
    /// of the head's readers. Per MLP: every ramp's pre-activation rounding ((fan-in+2)·u·max|pre|) must stay within 0.1
    /// of its 0.5 margin; output errors propagate to later readers. Bits needed = the smallest p that passes.
    /// </summary>
    internal static class PrecisionAnalysis
    {
        public static PrecisionResult Run(Context ctx, Schedule s, List<HeadFacts> heads, List<MlpFacts> mlps, Readout readout, SlotFacts facts)
        {
            var result = new PrecisionResult();
            var names = heads.Select(h => h.Name).Concat(mlps.Select(m => m.Name)).Concat(new[] { "readout" }).ToList();
            var needed = names.ToDictionary(n => n, _ => 0);
            var reasons = names.ToDictionary(n => n, _ => "");
            for (int p = 64; p >= 4; p--)
            {
                var failures = Check(ctx, s, heads, mlps, readout, facts, Math.Pow(2, -p));
                foreach (var name in names)
                {
                    if (needed[name] != 0) continue;
                    if (failures.TryGetValue(name, out var why)) { needed[name] = p + 1; reasons[name] = "at " + p + " bits, " + why; }
                }
            }
            foreach (var name in names)
            {
                int bits = needed[name] == 0 ? 4 : needed[name];
                if (needed[name] == 65) reasons[name] += " (not met even at 64 bits)";
                if (name == "readout" && bits <= 4) continue;
                result.Requirements.Add(new PrecisionRequirement { Component = name, Bits = bits, Reason = reasons[name] == "" ? "within margin" : reasons[name] });
            }
            // A quadratic code (1, v, v²) is exact only while v² is an integer the type holds: distinct values must not collapse.
            int quadraticBits = QuadraticCodeBits(s);
            if (quadraticBits > 0)
            {
                var widest = s.Slots.Where(x => x.Code.Encoding == Encoding.Quadratic).Max(x => x.Code.CoordinateBoundAt(2));
                result.Requirements.Add(new PrecisionRequirement { Component = "quadratic codes", Bits = quadraticBits, Reason = $"v² up to {widest:G6} must be an exact integer" });
            }
            result.Bits = result.Requirements.Select(r => r.Bits).DefaultIfEmpty(4).Max();
            result.Float32 = result.Bits <= 24;
            result.Float64 = result.Bits <= 53;
            return result;
        }

        /// <summary>
        /// True when the model cannot be certified in a type of <paramref name="typeBits"/> mantissa bits, decided by one check
        /// at that precision: a component failing there needs more than <paramref name="typeBits"/> bits in <see cref="Run"/>
        /// too (its scan from 64 bits down records the first failing precision), so this never refuses what Run certifies.
        /// False means only "not refused here": Run may still refuse. For attempts that are dropped when refused (quadratic
        /// codes), where Run's 61 checks over large clean-up MLPs cost seconds.
        /// </summary>
        public static bool RefusesAt(int typeBits, Context ctx, Schedule s, List<HeadFacts> heads, List<MlpFacts> mlps, Readout readout, SlotFacts facts)
            => QuadraticCodeBits(s) > typeBits || Check(ctx, s, heads, mlps, readout, facts, Math.Pow(2, -typeBits)).Count > 0;

        /// <summary>Mantissa bits that hold every quadratic code's v² exactly; 0 when no slot uses the quadratic code.</summary>
        private static int QuadraticCodeBits(Schedule s)
        {
            var widest = s.Slots.Where(x => x.Code.Encoding == Encoding.Quadratic).Select(x => x.Code.CoordinateBoundAt(2)).DefaultIfEmpty(0).Max();
            if (widest < 1) return 0;
            // Every integer up to 2^p is a p-bit float (2^24 = 16,777,216 is exact in float32; 2^24 + 1 is not).
            int bits = 1;
            while (Math.Pow(2, bits) < widest) bits++;
            return bits;
        }

        private static Dictionary<string, string> Check(Context ctx, Schedule s, List<HeadFacts> heads, List<MlpFacts> mlps, Readout readout, SlotFacts facts, double u)
        {
            var fail = new Dictionary<string, string>();
            var err = new Dictionary<Slot, double>();
            double E(Slot x) => err.TryGetValue(x, out var e) ? e : 0;
            // Embedded numbers are stored in the target type: a value it cannot represent (16777217 in float32) is already off.
            foreach (var slot in s.Slots.Where(x => x.Write == 0 && x.Sop != null))
                err[slot] = RepresentationError(facts.Stored(slot), u);
            for (int layer = 1; layer <= s.Layers; layer++)
            {
                var scoreCoordinates = IntegralBounds(facts, s, 2 * layer - 1, E);
                foreach (var h in heads.Where(x => x.Layer == layer))
                {
                    bool exactScores = ExactScores(h.Head, scoreCoordinates, u);
                    double scoreErr = exactScores ? 0 : (h.QueryDims + 3) * u * h.MaxScore + h.ScoreInputs.Sum(x => x.Weight * E(x.Slot));
                    if (scoreErr > 1)
                    {
                        var (err1, one) = Apart.Format(scoreErr, 1);
                        fail[h.Name] = $"score rounding {err1} exceeds the {one}-unit slack (max |score| {h.MaxScore:G4})";
                    }
                    double slack = 2 * Math.Min(scoreErr, 1);
                    double leak = 2 * (h.Keys - 1) * Math.Exp(-(h.Gap - slack)) * h.MaxValue;
                    if (!double.IsInfinity(h.TieGap))
                    {
                        double q = Math.Exp(-(h.TieGap - slack));
                        leak += 2 * q / (1 - q) * h.MaxValue;
                    }
                    if (h.Width)
                    {
                        double rel = CountRelativeError(h, scoreErr, exactScores, u);
                        if (rel > h.Tolerance && !fail.ContainsKey(h.Name))
                            fail[h.Name] = $"count over {h.Keys} keys: relative error {rel:G3} > relative tolerance {h.Tolerance:G3}";
                        // 1/(1+c) ≤ 1: the absolute error is at most the relative one.
                        foreach (var o in h.Outputs) err[o] = Math.Max(E(o), rel);
                        continue;
                    }
                    double acc = 2 * (h.Keys + 8) * u * h.MaxValue;
                    double outErr = leak + acc + h.ValueInputs.Select(E).DefaultIfEmpty(0).Max();
                    if (outErr > h.Tolerance && !fail.ContainsKey(h.Name))
                    {
                        var (e, t) = Apart.Format(outErr, h.Tolerance);
                        fail[h.Name] = $"softmax accumulation over {h.Keys} keys: error {e} > tolerance {t}";
                    }
                    foreach (var o in h.Outputs) err[o] = Math.Max(E(o), outErr);
                }
                var live = LiveBounds(s, 2 * layer);
                var integral = IntegralBounds(facts, s, 2 * layer, E);
                foreach (var m in mlps.Where(x => x.Layer == layer))
                {
                    var integralFailure = IntegralUnits(m, u);
                    if (integralFailure != null && !fail.ContainsKey(m.Name)) fail[m.Name] = integralFailure;
                    // Coordinates every writer of which outputs an exact number on a grid fine enough: their sum is exact.
                    var exactSum = new Dictionary<int, (bool Exact, double Terms)>();
                    // Error per output coordinate: the ramps writing it (2× their pre-activation rounding each,
                    // since a ramp is the difference of two ReLUs) plus the rounding of the output sum.
                    // Ramps of a lookup table are exclusive (one pair active per input; the rest output exact zeros), so they count once.
                    var perCoord = new Dictionary<int, (double Ramp, double Sum, int Count, double ExRamp, double ExSum)>();
                    foreach (var unit in m.Units)
                    {
                        // A second-stage unit reads hidden units, not the residual: its own bound stands.
                        double pre = Math.Abs(unit.Bias);
                        if (!m.Second.Contains(unit)) foreach (var kv in unit.In) pre += Math.Abs(kv.Value) * (kv.Key < live.Length ? live[kv.Key] : 1);
                        pre = Math.Max(pre, unit.MaxPre);
                        // A violation with one input term t and bias b: |t| + |b| ≤ |t + b| + 2|b|, so the rounding is within
                        // γ(|pre| + 2|b|) and the sign test at margin 0.5 holds once γ(2|b| + 2) is within the rounding share.
                        // The factor 1.5 charges the storage of w and b in the type (one more rounding per term than γ_2 counts).
                        if (unit.Violation && unit.In.Count == 1 && !m.Second.Contains(unit)) pre = 1.5 * (2 * Math.Abs(unit.Bias) + 2);
                        // Exact output: a row (0 or 1), or a first-stage unit whose pre-activation is computed without rounding.
                        double exactOut = unit.Exact ? 1 : !m.Second.Contains(unit) && unit.Out.Count > 0 ? ExactPreBound(unit, integral, u) : double.NaN;
                        double preErr = (unit.In.Count + 1) * u * pre; // γ_(k+1) for a dot product of k non-zero terms plus the bias
                        if (unit.Ramp && preErr > Margins.RampRounding && !fail.ContainsKey(m.Name))
                        {
                            var (e, margin) = Apart.Format(preErr, Margins.RampRounding);
                            fail[m.Name] = $"ramp pre-activation rounding {e} (|pre| up to {pre:G4}) exceeds the {margin} margin";
                        }
                        foreach (var kv in unit.Out)
                        {
                            var ex = exactSum.TryGetValue(kv.Key, out var e0) ? e0 : (true, 0.0);
                            exactSum[kv.Key] = ex.Item1 && !double.IsNaN(exactOut) && OnGrid(kv.Value) ? (true, ex.Item2 + Math.Abs(kv.Value) * exactOut) : (false, 0);
                            perCoord.TryGetValue(kv.Key, out var acc);
                            // An exact unit (a table row) outputs exactly 0 or 1 once its margin holds: only the output sum rounds.
                            double ramp = unit.Exact ? 0 : Math.Abs(kv.Value) * 2 * preErr, sum = Math.Abs(kv.Value) * (unit.Exact ? 1 : Math.Max(1, pre));
                            perCoord[kv.Key] = unit.Exclusive != 0
                                ? (acc.Ramp, acc.Sum, acc.Count, Math.Max(acc.ExRamp, 2 * ramp), Math.Max(acc.ExSum, 2 * sum))
                                : (acc.Ramp + ramp, acc.Sum + sum, acc.Count + 1, acc.ExRamp, acc.ExSum);
                        }
                    }
                    // On the grid 2^−Grid, a sum of terms whose magnitudes add up to at most 2^(p − Grid) has only representable partial sums.
                    bool IsExact(int c) => exactSum.TryGetValue(c, out var x) && x.Exact && x.Terms * Math.Pow(2, 2 * Grid) <= 1 / u;
                    double outErr = perCoord.Where(c => !IsExact(c.Key)).Select(kv => kv.Value).Select(c => c.Ramp + c.ExRamp + (c.Count + 4) * u * (c.Sum + c.ExSum)).DefaultIfEmpty(0).Max();
                    outErr += m.AffineGain * m.RawInputs.Select(E).DefaultIfEmpty(0).Max();
                    err[m.Output] = outErr;
                }
            }
            // Raw and scalar outputs carry their error to the readout; so does an embedded quadratic code, whose v and v² the
            // embedding may not represent exactly (2^31 in float32). Codes an MLP writes are decoded by sign and band, as before.
            if (s.Output.Raw || s.Output.Code.Encoding == Encoding.Scalar || (s.Output.Code.Encoding == Encoding.Quadratic && s.Output.Write == 0))
            {
                double tol = readout.Kind == ValueKind.Numerical ? readout.Tolerance : Margins.Code;
                if (E(s.Output) > tol)
                {
                    var (e, t) = Apart.Format(E(s.Output), tol);
                    fail["readout"] = $"output error {e} > readout tolerance {t}";
                }
            }
            return fail;
        }

        /// <summary>Weights, biases and outputs the exact-arithmetic rules accept lie on the grid 2^−Grid (multiples of 1/16).</summary>
        private const int Grid = 4;

        private static bool OnGrid(double w) { double x = w * (1 << Grid); return x == Math.Floor(x) && !double.IsInfinity(x); }

        /// <summary>
        /// Per residual coordinate at <paramref name="stage"/>: a bound on |value| when the slot there holds exact integers (a code,
        /// one, bos, position + 1, or an exactly stored integral number), NaN when it may hold anything else (a raw output, a
        /// fraction, a value carrying error). Coordinates no live slot holds are 0.
        /// </summary>
        private static double[] IntegralBounds(SlotFacts facts, Schedule s, int stage, Func<Slot, double> error)
        {
            var b = new double[s.Width];
            foreach (var slot in s.Slots.Where(x => x.Write < stage && x.EraseStage >= stage))
            {
                bool integral = !slot.Raw && error(slot) == 0 && (slot.Code.Encoding != Encoding.Quadratic || facts.DomainWhole(slot))
                    && (slot.Code.Encoding != Encoding.Scalar || slot.Sop == null || facts.ValuesWhole(slot));
                for (int c = slot.Offset; c < slot.Offset + slot.Dims; c++)
                    b[c] = !integral ? double.NaN : slot.Code.Encoding == Encoding.Scalar
                        ? (slot.Sop == null ? slot.Bound : facts.MaxAbs(slot))
                        : slot.Code.CoordinateBoundAt(c - slot.Offset);
            }
            return b;
        }

        /// <summary>
        /// Facts about a slot's values that do not depend on the precision p, computed once instead of at each of the 61 p the
        /// analysis tries: at N = 65,536 an index slot has 65,536 values, and recomputing them per p cost seconds. The caller
        /// builds one per model and passes it to <see cref="RefusesAt"/> and <see cref="Run"/>, which then share what either computed.
        /// </summary>
        internal sealed class SlotFacts
        {
            private readonly Context _ctx;
            private readonly Dictionary<Slot, bool> _domainWhole = new Dictionary<Slot, bool>(ReferenceComparer<Slot>.Instance);
            private readonly Dictionary<Slot, bool> _valuesWhole = new Dictionary<Slot, bool>(ReferenceComparer<Slot>.Instance);
            private readonly Dictionary<Slot, double> _maxAbs = new Dictionary<Slot, double>(ReferenceComparer<Slot>.Instance);
            private readonly Dictionary<Slot, Stored> _stored = new Dictionary<Slot, Stored>(ReferenceComparer<Slot>.Instance);

            public SlotFacts(Context ctx) { _ctx = ctx; }

            /// <summary>Every value of the slot's code domain is an integer.</summary>
            public bool DomainWhole(Slot slot) => Once(_domainWhole, slot, x => x.Code.Domain.All(v => v == Math.Floor(v)));

            /// <summary>Every value of the slot's node is an integer.</summary>
            public bool ValuesWhole(Slot slot) => Once(_valuesWhole, slot, x => _ctx.Values[x.Sop!].Values.All(v => v == Math.Floor(v)));

            /// <summary>The largest |value| of the slot's node (0 when it has none).</summary>
            public double MaxAbs(Slot slot) => Once(_maxAbs, slot, x => _ctx.Values[x.Sop!].Values.Select(Math.Abs).DefaultIfEmpty(0).Max());

            private static T Once<T>(Dictionary<Slot, T> memo, Slot slot, Func<Slot, T> compute)
                => memo.TryGetValue(slot, out var v) ? v : memo[slot] = compute(slot);

            /// <summary>The numbers an embedded slot's values are stored as, each with its binade 2^⌊log2 |x|⌋.</summary>
            public Stored Stored(Slot slot)
            {
                if (_stored.TryGetValue(slot, out var st)) return st;
                var xs = new List<double>();
                foreach (var v in _ctx.Values[slot.Sop!].Values)
                {
                    if (slot.Code.Encoding == Encoding.Scalar) xs.Add(v);
                    else if (slot.Code.Encoding == Encoding.Quadratic) { xs.Add(v); xs.Add(v * v); }
                }
                var x = xs.ToArray();
                return _stored[slot] = new Stored(x, x.Select(Binade).ToArray());
            }
        }

        /// <summary>Stored numbers and their binades (<see cref="Binade"/>).</summary>
        internal sealed class Stored
        {
            public readonly double[] X, Binade;
            public Stored(double[] x, double[] binade) { X = x; Binade = binade; }
        }

        /// <summary>
        /// Whether every score q·k is computed exactly: W_Q and W_K are integers, every coordinate they read holds an exact integer,
        /// and each projection and the score stay within 2^p in absolute sum, so every partial sum is an integer the type holds.
        /// </summary>
        private static bool ExactScores(AttentionHead? head, double[] bounds, double u)
        {
            if (head == null) return false;
            double limit = 1 / u;
            int cols = head.Query.Cols;
            var q = new double[cols];
            var k = new double[cols];
            for (int r = 0; r < head.Query.Rows; r++)
                for (int c = 0; c < cols; c++)
                {
                    double wq = head.Query[r, c], wk = head.Key[r, c];
                    if (wq == 0 && wk == 0) continue;
                    if (wq != Math.Floor(wq) || wk != Math.Floor(wk) || double.IsNaN(bounds[r])) return false;
                    q[c] += Math.Abs(wq) * bounds[r];
                    k[c] += Math.Abs(wk) * bounds[r];
                }
            double score = 0;
            for (int c = 0; c < cols; c++)
            {
                if (q[c] > limit || k[c] > limit) return false;
                score += q[c] * k[c];
            }
            return score <= limit;
        }

        /// <summary>
        /// For a first-stage unit whose weights and bias lie on the grid and whose inputs are exact integers, with every partial sum
        /// within 2^(p − Grid): the pre-activation is computed exactly, so the unit outputs exactly ReLU(pre) (a ramp pair exactly
        /// 0 or 1 by its margins). Returns the bound on that output, or NaN when the rule does not apply.
        /// </summary>
        private static double ExactPreBound(Unit unit, double[] bounds, double u)
        {
            // The BOS gate reads bos, an exact 0 away from the sink: it adds nothing there, whatever its weight.
            if (!OnGrid(unit.Bias)) return double.NaN;
            double sum = Math.Abs(unit.Bias);
            foreach (var kv in unit.In)
            {
                if (kv.Key >= bounds.Length || double.IsNaN(bounds[kv.Key]) || !OnGrid(kv.Value)) return double.NaN;
                sum += Math.Abs(kv.Value) * bounds[kv.Key];
            }
            return sum * (1 << Grid) <= 1 / u ? sum : double.NaN;
        }

        /// <summary>
        /// Checks the integral units of an MLP (<see cref="Unit.Integral"/>): integer weights and bias over units that output exact
        /// integers (rows: 0 or 1; other integral units: their bound), and every partial sum within 2^p, so the pre-activation is
        /// computed exactly in any order. Null when all hold; otherwise why not.
        /// </summary>
        private static string? IntegralUnits(MlpFacts m, double u)
        {
            // The bounds do not depend on p: computed once per MLP, compared with 2^p at each p.
            m.Integral ??= IntegralBound(m);
            var (largest, notInteger) = m.Integral.Value;
            if (notInteger) return "an integral unit reads a unit that is not an exact integer";
            return largest > 1 / u ? $"integer sum up to {largest:G6} exceeds 2^{Math.Round(-Math.Log(u, 2))}" : null;
        }

        private static (double Largest, bool NotInteger) IntegralBound(MlpFacts m)
        {
            double largest = 0;
            var bound = new Dictionary<Unit, double>();
            for (int k = 1; k < m.Stages.Count; k++)
                foreach (var unit in m.Stages[k])
                {
                    if (!unit.Integral) continue;
                    double b = Math.Abs(unit.Bias);
                    bool whole = unit.Bias == Math.Floor(unit.Bias);
                    foreach (var kv in unit.In)
                    {
                        var source = m.Stages[k - 1][kv.Key];
                        double sb = source.Integral ? (bound.TryGetValue(source, out var x) ? x : double.NaN) : source.Exact ? 1 : double.NaN;
                        whole &= kv.Value == Math.Floor(kv.Value) && !double.IsNaN(sb);
                        b += Math.Abs(kv.Value) * sb;
                    }
                    if (!whole) return (largest, true);
                    largest = Math.Max(largest, b);
                    // A row reading it outputs 0 or 1.
                    bound[unit] = unit.Exact ? 1 : b;
                }
            return (largest, false);
        }

        /// <summary>
        /// Relative error of a count head's 1/(1+c) = w_bos / (w_bos + Σ_selected w_j + leak): every weight in the top class is
        /// e^{s − m} with |score error| ≤ σ and exp's own relative error ε, so their ratios stay within F = e^{2σ}(1+ε)/(1−ε) and
        /// the quotient within F² − 1 relatively; leaking keys add (n−1)e^{−(Δ−2σ)}; the sums are of positive terms, each through
        /// at most KeyBlock − 1 + ⌈n/KeyBlock⌉ + 1 roundings in any engine's order (γ_K each for numerator and denominator); every
        /// rescale of the running sums rounds both (2u per block); the division rounds once.
        /// </summary>
        private static double CountRelativeError(HeadFacts h, double scoreErr, bool exactScores, double u)
        {
            // The shift s − m rounds once more, unless both are integers below 2^p (then it is exact).
            double sigma = scoreErr + (exactScores ? 0 : u * h.MaxScore);
            double eps = Margins.ExpUlps * u;
            double spread = Math.Exp(4 * sigma) * Math.Pow((1 + eps) / (1 - eps), 2) - 1;
            double leak = (h.Keys - 1) * Math.Exp(-(h.Gap - 2 * sigma));
            int blocks = (h.Keys + Margins.KeyBlock - 1) / Margins.KeyBlock;
            int depth = Math.Min(h.Keys - 1, Margins.KeyBlock - 1 + blocks) + 1;
            double gamma = depth * u / (1 - depth * u);
            return spread + leak + 2 * gamma + 2 * blocks * u + u;
        }

        /// <summary>Largest |fl(c) − c| over the coordinates c a slot's values are stored as, at unit roundoff <paramref name="u"/>.</summary>
        private static double RepresentationError(Stored stored, double u)
        {
            double worst = 0;
            for (int i = 0; i < stored.X.Length; i++) worst = Math.Max(worst, Math.Abs(Round(stored.X[i], stored.Binade[i], u) - stored.X[i]));
            return worst;
        }

        /// <summary>2^⌊log2 |v|⌋, the binade <see cref="Round"/> steps in (not needed for 0, NaN and ±∞, which round to themselves).</summary>
        private static double Binade(double v) => v == 0 || double.IsNaN(v) || double.IsInfinity(v) ? 0 : Math.Pow(2, Math.Floor(Math.Log(Math.Abs(v), 2)));

        /// <summary><paramref name="v"/> rounded to the nearest number with 1/u significand steps (p = log2(1/u) bits), given its binade.</summary>
        private static double Round(double v, double binade, double u)
        {
            if (v == 0 || double.IsNaN(v) || double.IsInfinity(v)) return v;
            double step = binade * 2 * u;
            return Math.Round(v / step) * step;
        }

        /// <summary>|coordinate| bounds of the slots present when the sublayer at <paramref name="stage"/> reads the residual.</summary>
        private static double[] LiveBounds(Schedule s, int stage)
        {
            var b = new double[s.Width];
            foreach (var slot in s.Slots.Where(x => x.Write < stage && x.EraseStage >= stage))
                for (int c = slot.Offset; c < slot.Offset + slot.Dims; c++)
                    b[c] = Math.Max(b[c], slot.Code.Encoding == Encoding.Scalar ? slot.Bound * 1.01 : 1.2 * slot.Code.CoordinateBoundAt(c - slot.Offset));
            return b;
        }
    }
}
