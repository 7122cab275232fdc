using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>What the precision analysis needs to know about one head.</summary>
    internal sealed class HeadFacts
    {
        public string Name = "";
        public int Layer;
        public int Keys;          // n = N + 1 with the sink
        public int QueryDims;
        public double MaxScore;   // bound on Σ|q_t k_t|
        public double Gap;        // designed Δ
        public double TieGap;     // μ between consecutive selected keys under a tie-break (∞ without one)
        public double MaxValue;   // bound on |v|
        public double Tolerance;  // allowed output error (relative to the output for a count head)
        public bool Width;        // a count head: output 1/(1+c), analysed by its relative error
        public List<(Slot Slot, double Weight)> ScoreInputs = new List<(Slot, double)>();
        public List<Slot> ValueInputs = new List<Slot>();
        public List<Slot> Outputs = new List<Slot>();
        /// <summary>The head's weights: the analysis reads W_Q and W_K to tell when every score is computed exactly.</summary>
        public AttentionHead Head = null!;
    }

    /// <summary>
    /// Builds one head's W_Q, W_K, W_V, W_O. Each conjunct adds λ when it holds (exact code match, or a predicate table);
    /// the BOS sink sits λ/2 below "all hold" (a count head: level with it); a rightmost/leftmost tie-break adds ±μ·(j+1).
    /// Temperatures follow THEORY §1.3: Δ ≥ ln(4(n−1)·V_max/tolerance) + slack, μ = Δ, λ = 2(μN + Δ) with a tie-break.
    /// </summary>
    internal static class HeadBuilder
    {
        /// <summary>A count head's total leak (n − 1)·e^−Δ is at most 2^−this.</summary>
        public const int ExactCountLeakBits = 56;

        /// <summary>The ⊥ indicator of a one-hot slot: one − Σx (− bos on the key side, so the sink reads 0), times <paramref name="scale"/>.</summary>
        private static Dictionary<int, double> BottomFeature(Schedule s, Slot slot, double scale, bool includeBos)
        {
            var f = new Dictionary<int, double> { [s.One.Offset] = scale };
            if (includeBos) f[s.Bos.Offset] = -scale;
            for (int t = 0; t < slot.Dims; t++) f[slot.Offset + t] = -scale;
            return f;
        }

        // tolerances: the error each raw output slot's readers tolerate (from the MLPs and the readout); it sets the temperature.
        // relative: for count outputs 1/(1+c), the error their readers tolerate relative to the value (see MlpBuilder.Result).
        public static (AttentionHead Head, HeadFacts Facts) Build(Context ctx, Schedule s, HeadJob job, IReadOnlyDictionary<Slot, double> tolerances, IReadOnlyDictionary<Slot, double> relative)
        {
            int d = s.Width;
            int n = ctx.N + 1;
            double vmax = job.Values.Select(v => v.Source.Code.Encoding == Encoding.Scalar ? Math.Max(1, v.Source.Bound) : v.Source.Code.CoordinateBound).DefaultIfEmpty(1).Max();
            double tol = job.Values.Where(v => tolerances.ContainsKey(v.Raw)).Select(v => tolerances[v.Raw]).DefaultIfEmpty(Margins.DefaultHead).Min();
            // A count head's output 1/(1+c) ≤ 1 carries an error relative to itself (all selected keys and BOS weigh alike): an
            // absolute tolerance is met once the relative error is below it, so the head needs the smaller of the two.
            if (job.Width)
            {
                double absolute = job.Values.Where(v => tolerances.ContainsKey(v.Raw)).Select(v => tolerances[v.Raw]).DefaultIfEmpty(double.PositiveInfinity).Min();
                double rel = job.Values.Where(v => relative.ContainsKey(v.Raw)).Select(v => relative[v.Raw]).DefaultIfEmpty(double.PositiveInfinity).Min();
                tol = Math.Min(absolute, rel);
                if (double.IsInfinity(tol)) tol = Margins.DefaultHead;
            }
            // Readers bound the error they accept, and a head must select whatever that bound: a linear form that scales the
            // head by 1e-20 accepts an error of 10^19·V_max, and ln(4(n − 1)·V_max/tol) would then make Δ and μ negative, scoring
            // unselected keys above selected ones (CIRC0220). No head output is off by more than 2·V_max, so the temperatures are
            // designed for at most V_max: Δ ≥ ln(4(n − 1)) + 3 and μ ≥ ln 8 + 1, positive whatever the readers accept.
            double design = Math.Min(tol, vmax);
            double delta = Math.Log(4 * (n - 1) * vmax / design) + 3;
            // A count head's leaking keys weigh at most (n − 1)e^−Δ ≤ 2^−56 in all, below the rounding of its sums at every
            // precision up to float64: the count's relative error is then its rounding alone (see PrecisionAnalysis).
            if (job.Width) delta = Math.Max(delta, Math.Log(n - 1.0) + ExactCountLeakBits * Math.Log(2));
            // Whole-number temperatures: on integer codes every score is then an integer, computed exactly while it stays below 2^p.
            // A count head's λ is Δ itself and a ±1 code weighs λ/2 per coordinate, so its Δ is even.
            delta = job.Width ? 2 * Math.Ceiling(delta / 2) : Math.Ceiling(delta);
            bool tie = job.Plan.TieBreak != TieBreak.None;
            // The rightmost key beats the other selected keys by μ, 2μ, 3μ, ...: their total weight is geometric,
            // so μ needs only ln(8·V_max/tol) (no factor n), which keeps λ = 2(μN + Δ) and the scores small.
            double mu = Math.Ceiling(Math.Log(8 * vmax / design) + 1);
            double lambda = tie ? 2 * (mu * ctx.N + delta) : (job.Width ? delta : 2 * delta);

            var qCols = new List<Dictionary<int, double>>();
            var kCols = new List<Dictionary<int, double>>();
            var facts = new HeadFacts { Name = $"layer {job.Layer} head: {job.Label}", Layer = job.Layer, Keys = n, Gap = delta, TieGap = tie ? mu : double.PositiveInfinity, MaxValue = vmax, Tolerance = tol, Width = job.Width };
            double selected = 0, maxScore = 0;
            // The head's meaning, for engines that look keys up (the indexed mode): recorded when every conjunct is an exact match.
            var matches = new List<EqualityMatch>();
            bool indexable = job.Plan.AtMostOne && !job.Width && job.Groups.Count > 0;
            foreach (var (g, keys, queries) in job.Groups)
            {
                var code = keys.Code;
                if (g.Kind != GroupKind.Equal) indexable = false;
                if (g.Kind == GroupKind.Equal)
                {
                    if (!ReferenceEquals(code, queries.Code) && !code.Domain.SequenceEqual(queries.Code.Domain))
                        throw new CompileException(CompileError.Internal, "internal: keys and queries of an equality select do not share a code.");
                    if (code.Encoding == Encoding.Quadratic)
                    {
                        // λ(2·v_q·v_k − p_q·v_k² − v_q²·p_k + p_q·p_k) = λ(1 − (v_q − v_k)²) when both are present, 0 when either is ⊥.
                        qCols.Add(new Dictionary<int, double> { [queries.Offset + 1] = lambda });
                        kCols.Add(new Dictionary<int, double> { [keys.Offset + 1] = 2 });
                        qCols.Add(new Dictionary<int, double> { [queries.Offset + 0] = lambda });
                        kCols.Add(new Dictionary<int, double> { [keys.Offset + 2] = -1, [keys.Offset + 0] = 1 });
                        qCols.Add(new Dictionary<int, double> { [queries.Offset + 2] = lambda });
                        kCols.Add(new Dictionary<int, double> { [keys.Offset + 0] = -1 });
                        matches.Add(new EqualityMatch { Encoding = Encoding.Quadratic, QueryOffset = queries.Offset, KeyOffset = keys.Offset, Dims = 3, Weight = lambda });
                        selected += lambda;
                        maxScore += lambda * (4 * code.CoordinateBound + 1);
                        facts.ScoreInputs.Add((queries, lambda * code.MatchGain));
                        facts.ScoreInputs.Add((keys, lambda * code.MatchGain));
                        continue;
                    }
                    double alpha = code.Encoding == Encoding.OneHot ? lambda : (code.Dims == 1 ? lambda : lambda / 2);
                    for (int b = 0; b < code.Dims; b++)
                    {
                        qCols.Add(new Dictionary<int, double> { [queries.Offset + b] = alpha });
                        kCols.Add(new Dictionary<int, double> { [keys.Offset + b] = 1 });
                    }
                    matches.Add(new EqualityMatch { Encoding = code.Encoding, QueryOffset = queries.Offset, KeyOffset = keys.Offset, Dims = code.Dims, Weight = alpha });
                    double top = alpha * code.MatchMax;
                    selected += top;
                    maxScore += alpha * code.Dims;
                    facts.ScoreInputs.Add((queries, alpha * code.Dims));
                    facts.ScoreInputs.Add((keys, alpha * code.Dims));
                }
                else
                {
                    var qc = queries.Code; var kc = keys.Code;
                    // Rows are query values (and ⊥ when the queries can be ⊥: the feature one − Σx, exact on clean codes);
                    // columns are key values (and ⊥ as one − bos − Σx, which is 0 at the sink).
                    bool qBottom = ctx.Values[g.Queries].HasBottom, kBottom = ctx.Values[g.Keys].HasBottom;
                    var rows = qc.Domain.Select((v, u) => (Value: v, Feature: new Dictionary<int, double> { [queries.Offset + u] = lambda })).ToList();
                    if (qBottom) rows.Add((Bottom.Value, BottomFeature(s, queries, lambda, includeBos: false)));
                    foreach (var (qv, feature) in rows)
                    {
                        var kcol = new Dictionary<int, double>();
                        for (int v = 0; v < kc.Domain.Length; v++) if (g.Holds(kc.Domain[v], qv)) kcol[keys.Offset + v] = 1;
                        if (kBottom && g.Holds(Bottom.Value, qv))
                            foreach (var kv in BottomFeature(s, keys, 1, includeBos: true)) kcol[kv.Key] = (kcol.TryGetValue(kv.Key, out var e) ? e : 0) + kv.Value;
                        if (kcol.Count == 0) continue;
                        qCols.Add(feature);
                        kCols.Add(kcol);
                    }
                    selected += lambda;
                    maxScore += lambda * (kc.Dims + 2);
                    facts.ScoreInputs.Add((queries, lambda * qc.Dims * (kBottom ? kc.Dims : 1)));
                    facts.ScoreInputs.Add((keys, lambda * kc.Dims * (qBottom ? qc.Dims : 1)));
                }
            }
            if (tie)
            {
                double sign = job.Plan.TieBreak == TieBreak.Rightmost ? 1 : -1;
                qCols.Add(new Dictionary<int, double> { [s.One.Offset] = sign * mu });
                kCols.Add(new Dictionary<int, double> { [s.TieBreakSlot!.Offset] = 1 });
                maxScore += mu * ctx.N;
            }
            double sink = job.Width ? selected : selected - lambda / 2;
            qCols.Add(new Dictionary<int, double> { [s.One.Offset] = sink });
            kCols.Add(new Dictionary<int, double> { [s.Bos.Offset] = 1 });
            maxScore += Math.Abs(sink);

            var head = new AttentionHead
            {
                Label = job.Label,
                Mask = job.Plan.Mask,
                Query = new Matrix(d, qCols.Count),
                Key = new Matrix(d, kCols.Count),
                Gap = delta,
                MaxScore = maxScore,
                Hard = job.Plan.AtMostOne,
                Selection = indexable ? new HardSelection
                {
                    Matches = matches.ToArray(),
                    TieBreak = job.Plan.TieBreak,
                    TieBreakWeight = tie ? mu : 0,
                    TieBreakOffset = tie ? s.TieBreakSlot!.Offset : -1,
                    OneOffset = s.One.Offset,
                    BosOffset = s.Bos.Offset,
                    SinkWeight = sink,
                } : null,
            };
            for (int c = 0; c < qCols.Count; c++)
            {
                foreach (var kv in qCols[c]) head.Query[kv.Key, c] = kv.Value;
                foreach (var kv in kCols[c]) head.Key[kv.Key, c] = kv.Value;
            }
            int dv = job.Values.Sum(v => v.Source.Dims);
            head.Value = new Matrix(d, dv);
            head.Output = new Matrix(dv, d);
            int col = 0;
            foreach (var (source, raw) in job.Values)
            {
                for (int b = 0; b < source.Dims; b++, col++)
                {
                    head.Value[source.Offset + b, col] = 1;
                    head.Output[col, raw.Offset + b] = 1;
                }
                facts.ValueInputs.Add(source);
                facts.Outputs.Add(raw);
            }
            facts.QueryDims = qCols.Count;
            facts.Head = head;
            facts.MaxScore = maxScore;
            return (head, facts);
        }
    }
}
