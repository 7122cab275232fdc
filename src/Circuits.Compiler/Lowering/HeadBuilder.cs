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
        public double MaxValue;   // bound on |v|
        public double Tolerance;  // allowed output error
        public List<(Slot Slot, double Weight)> ScoreInputs = new List<(Slot, double)>();
        public List<Slot> ValueInputs = new List<Slot>();
        public List<Slot> Outputs = new List<Slot>();
    }

    /// <summary>
    /// Builds one head's W_Q, W_K, W_V, W_O. Each conjunct adds λ when it holds (exact code match, or a predicate table);
    /// the BOS sink sits λ/2 below "all hold" (a count head: level with it); a rightmost/leftmost tie-break adds ±μ·(j+1).
    /// Temperatures follow THEORY §1.3: Δ ≥ ln(4(n−1)·V_max/tolerance) + slack, μ = Δ, λ = 2(μN + Δ) with a tie-break.
    /// </summary>
    internal static class HeadBuilder
    {
        public static (AttentionHead Head, HeadFacts Facts) Build(Context ctx, Schedule s, HeadJob job, Func<Slot, double> scalarBound)
        {
            int d = s.Width;
            int n = ctx.N + 1;
            double vmax = job.Values.Select(v => v.Source.Code.Encoding == Encoding.Scalar ? Math.Max(1, scalarBound(v.Source)) : 1).DefaultIfEmpty(1).Max();
            double tol = job.Values.Select(v => v.Raw.Tolerance).DefaultIfEmpty(0.2).Min();
            if (double.IsInfinity(tol)) tol = 0.2;
            double delta = Math.Log(4 * (n - 1) * vmax / tol) + 3;
            bool tie = job.Plan.TieBreak != TieBreak.None;
            double mu = delta;
            double lambda = tie ? 2 * (mu * ctx.N + delta) : (job.Width ? delta : 2 * delta);

            var qCols = new List<Dictionary<int, double>>();
            var kCols = new List<Dictionary<int, double>>();
            var facts = new HeadFacts { Name = $"layer {job.Layer} head: {job.Label}", Layer = job.Layer, Keys = n, Gap = delta, MaxValue = vmax, Tolerance = tol };
            double selected = 0, maxScore = 0;
            foreach (var (g, keys, queries) in job.Groups)
            {
                var code = keys.Code;
                if (g.Kind == GroupKind.Equal)
                {
                    if (!ReferenceEquals(code, queries.Code) && !code.Domain.SequenceEqual(queries.Code.Domain))
                        throw new CompileException("CIRC0299", "internal: keys and queries of an equality select do not share a code.");
                    double alpha = code.Encoding == Encoding.OneHot ? lambda : (code.Dims == 1 ? lambda : lambda / 2);
                    for (int b = 0; b < code.Dims; b++)
                    {
                        qCols.Add(new Dictionary<int, double> { [queries.Offset + b] = alpha });
                        kCols.Add(new Dictionary<int, double> { [keys.Offset + b] = 1 });
                    }
                    double top = alpha * code.MatchMax;
                    selected += top;
                    maxScore += alpha * code.Dims;
                    facts.ScoreInputs.Add((queries, alpha * code.Dims));
                    facts.ScoreInputs.Add((keys, alpha * code.Dims));
                }
                else
                {
                    var qc = queries.Code; var kc = keys.Code;
                    for (int u = 0; u < qc.Domain.Length; u++)
                    {
                        var kcol = new Dictionary<int, double>();
                        for (int v = 0; v < kc.Domain.Length; v++) if (g.Holds(kc.Domain[v], qc.Domain[u])) kcol[keys.Offset + v] = 1;
                        if (kcol.Count == 0) continue;
                        qCols.Add(new Dictionary<int, double> { [queries.Offset + u] = lambda });
                        kCols.Add(kcol);
                    }
                    selected += lambda;
                    maxScore += lambda;
                    facts.ScoreInputs.Add((queries, lambda * qc.Dims));
                    facts.ScoreInputs.Add((keys, lambda * kc.Dims));
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
            facts.MaxScore = maxScore;
            return (head, facts);
        }
    }
}
