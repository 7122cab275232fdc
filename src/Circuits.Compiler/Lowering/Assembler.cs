using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>Builds the model's matrices from a schedule, then certifies precision and writes the card.</summary>
    internal static class Assembler
    {
        public static CompiledModel Assemble(Context ctx, Schedule s)
        {
            int d = s.Width;
            var model = new CompiledModel
            {
                Name = ctx.Options.Name,
                Vocabulary = ctx.Options.Vocabulary.ToArray(),
                MaxLength = ctx.N,
                Causal = ctx.Options.Causal,
                Width = d,
            };
            Embed(ctx, s, model);
            var readout = Readout(ctx, s);
            model.Output = readout;

            // MLPs first: what they require of their inputs (a map from slot to tolerance) sets the temperatures of the heads that write them.
            var tolerances = new Dictionary<Slot, double>();
            void Require(Slot slot, double tolerance) { if (!tolerances.TryGetValue(slot, out var t) || tolerance < t) tolerances[slot] = tolerance; }
            var relative = new Dictionary<Slot, double>();
            var mlpFacts = new List<MlpFacts>();
            var mlps = new Mlp?[s.Layers + 1];
            var hidden = new int[s.Layers];
            var mlpLines = Enumerable.Range(0, s.Layers + 1).Select(_ => new List<string>()).ToArray();
            for (int layer = 1; layer <= s.Layers; layer++)
            {
                var assembly = new MlpAssembly(s.Bos.Offset);
                var labels = new List<string>();
                foreach (var job in s.Mlps.Where(m => m.Layer == layer))
                {
                    var built = PhaseClock.Time("MLP " + job.Label, () => new MlpBuilder(ctx, assembly, job, s.One, s.Bos, ReferenceEquals(job.Output, s.Output)).Build());
                    foreach (var kv in built.Tolerances) Require(kv.Key, kv.Value);
                    foreach (var kv in built.RelativeTolerances)
                        if (!relative.TryGetValue(kv.Key, out var r) || kv.Value < r) relative[kv.Key] = kv.Value;
                    // Linear forms pass a raw input's error on (only allowed for the output): the head must meet the readout's tolerance divided by the gain.
                    if (built.AffineGain > 0)
                        foreach (var leaf in job.Leaves.Where(l => l.Slot.Raw))
                            Require(leaf.Slot, Margins.AffineShare * OutputTolerance(readout) / built.AffineGain);
                    string mlpName = $"layer {layer} MLP: {job.Label}";
                    // Two jobs may share a label (two derived queries of one sequence); components are keyed by name.
                    for (int k = 2; mlpFacts.Any(f => f.Name == mlpName); k++) mlpName = $"layer {layer} MLP: {job.Label} ({k})";
                    mlpFacts.Add(new MlpFacts { Name = mlpName, Layer = layer, Units = built.Units, Output = job.Output, AffineGain = built.AffineGain, RawInputs = job.Leaves.Where(l => l.Slot.Raw).Select(l => l.Slot).ToList(), Second = new HashSet<Unit>(assembly.Stage2.Concat(assembly.Stage3).Concat(assembly.Stage4)), Stages = new List<List<Unit>> { assembly.Stage1, assembly.Stage2, assembly.Stage3, assembly.Stage4 } });
                    labels.Add(job.Label);
                    mlpLines[layer].Add($"L{layer} MLP  {job.Label}: {built.Description}, {built.Units.Count} units — {job.Reason}");
                }
                foreach (var slot in s.Slots.Where(x => x.Erase && x.EraseStage == 2 * layer))
                {
                    for (int c = slot.Offset; c < slot.Offset + slot.Dims; c++)
                        foreach (var sign in new[] { 1.0, -1.0 })
                        {
                            var u = new Unit { MaxPre = slot.Bound + 1 };
                            u.In[c] = sign;
                            u.Out[c] = -sign;
                            assembly.Stage1.Add(u);
                        }
                    labels.Add("free " + slot.Label);
                }
                // A job may live only in the second stage (a constant decoded by the ladder): the MLP exists whenever any stage has units.
                if (assembly.Hidden.Any(stage => stage.Count > 0))
                {
                    SizeLimits.CheckMlp(ctx, layer, d, assembly);
                    mlps[layer] = assembly.ToMlp(d, string.Join("; ", labels));
                    hidden[layer - 1] = mlps[layer]!.Stages.Take(mlps[layer]!.Stages.Length - 1).Sum(st => st.Weights.Cols);
                }
            }
            if (s.Output.Raw) Require(s.Output, OutputTolerance(readout));

            var headFacts = new List<HeadFacts>();
            var layers = new Layer[s.Layers];
            var components = new List<string>();
            for (int layer = 1; layer <= s.Layers; layer++)
            {
                var heads = new List<AttentionHead>();
                foreach (var job in s.Heads.Where(h => h.Layer == layer))
                {
                    var (head, facts) = PhaseClock.Time("head " + job.Label, () => HeadBuilder.Build(ctx, s, job, tolerances, relative));
                    facts.Name = $"layer {layer} head {heads.Count}: {job.Label}";
                    heads.Add(head);
                    headFacts.Add(facts);
                    components.Add($"L{layer} H{heads.Count - 1} {job.Label}: mask {head.Mask}, q/k {head.Query.Cols}, v {head.Value.Cols}, Δ {head.Gap:F1}, max score {head.MaxScore:G4}{(head.Hard ? ", hard" : "")} — {job.Reason}");
                }
                components.AddRange(mlpLines[layer]);
                layers[layer - 1] = new Layer { Heads = heads.ToArray(), Mlp = mlps[layer] };
            }
            model.Layers = layers;
            model.ResidualLabels = ResidualLabels(s);

            int typeBits = ctx.Options.Precision == NumericType.Float32 ? 24 : 53;
            // A quadratic-code attempt that fails is dropped for ±1 codes (CircuitCompiler), so one check at the type's precision
            // decides it; the full analysis (61 checks) runs only for a model that will be kept or whose refusal is reported.
            // Both read one set of slot facts, so the values scanned for the pre-check are not scanned again.
            var slotFacts = new PrecisionAnalysis.SlotFacts(ctx);
            if (s.Codes.UsesQuadratic && PhaseClock.Time("precision pre-check", () => PrecisionAnalysis.RefusesAt(typeBits, ctx, s, headFacts, mlpFacts, readout, slotFacts)))
                throw new CompileException(CompileError.NotCertified, $"'{ctx.Options.Name}' cannot be certified with quadratic codes in {ctx.Options.Precision.ToString().ToLowerInvariant()} at N = {ctx.N}.");
            var precision = PhaseClock.Time("precision analysis", () => PrecisionAnalysis.Run(ctx, s, headFacts, mlpFacts, readout, slotFacts));
            model.Precision = precision.Requirements;
            model.Card = CardBuilder.Build(ctx, s, model, precision, hidden, components);
            model.Card.WeightsDigest = ModelDigest.Of(model);
            if (precision.Bits > typeBits)
            {
                var worst = precision.Requirements.OrderByDescending(r => r.Bits).First();
                throw new CompileException(CompileError.NotCertified,
                    $"'{ctx.Options.Name}' cannot be certified exact in {ctx.Options.Precision.ToString().ToLowerInvariant()} at N = {ctx.N}: {worst.Component} needs {worst.Bits} mantissa bits ({worst.Reason}), {ctx.Options.Precision.ToString().ToLowerInvariant()} has {typeBits}.{(ctx.Options.Precision == NumericType.Float32 ? " Use float64 or a smaller MaxLength." : " Use a smaller MaxLength.")}",
                    worst.Component);
            }
            return model;
        }

        /// <summary>The error the output may carry: <see cref="Margins.Code"/> for codes; for numbers 0.4 of the smallest gap (the readout accepts 0.45).</summary>
        private static double OutputTolerance(Readout r) => r.Encoding == Encoding.Scalar ? Margins.ScalarOutput / Margins.ScalarReadout * r.Tolerance : Margins.Code;

        private static void Embed(Context ctx, Schedule s, CompiledModel model)
        {
            int d = s.Width;
            model.BosEmbedding = new double[d];
            model.BosEmbedding[s.One.Offset] = 1;
            model.BosEmbedding[s.Bos.Offset] = 1;
            model.TokenEmbedding = new Matrix(ctx.S, d);
            model.PositionEmbedding = new Matrix(ctx.N, d);
            for (int t = 0; t < ctx.S; t++) model.TokenEmbedding[t, s.One.Offset] = 1;
            if (s.TieBreakSlot != null)
                for (int p = 0; p < ctx.N; p++) model.PositionEmbedding[p, s.TieBreakSlot.Offset] = p + 1;
            foreach (var slot in s.Slots.Where(x => x.Write == 0 && x.Sop != null))
            {
                var sop = slot.Sop!;
                var leaves = MapFusion.IsMap(sop) ? MapFusion.Leaves(ctx, sop) : new List<SOp>();
                bool positional = sop is IndicesOp || (leaves.Count > 0 && leaves.All(l => l is IndicesOp));
                var table = positional ? model.PositionEmbedding : model.TokenEmbedding;
                var leaf = positional ? ctx.C(Ir.Indices) : ctx.C(Ir.Tokens);
                for (int r = 0; r < table.Rows; r++)
                {
                    double v = sop is TokensOp || sop is IndicesOp ? r
                        : MapFusion.Evaluate(ctx, sop, new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance) { [leaf] = r });
                    var e = slot.Code.Encode(v);
                    for (int b = 0; b < e.Length; b++) table[r, slot.Offset + b] = e[b];
                }
            }
        }

        private static Readout Readout(Context ctx, Schedule s)
        {
            var slot = s.Output;
            var values = ctx.Values[ctx.Output];
            var r = new Readout
            {
                Offset = slot.Offset,
                Dims = slot.Dims,
                Encoding = slot.Code.Encoding,
                Kind = ctx.Output.Kind,
                TokenValued = TokenValued(ctx, ctx.Output),
            };
            if (slot.Code.Encoding == Encoding.Scalar)
            {
                r.Values = values.Values.ToArray();
                double gap = Readouts.ResolvableGap(r.Values);
                r.MaxDeviation = Readouts.Unresolved(r.Values);
                r.Tolerance = Margins.ScalarReadout * (double.IsInfinity(gap) ? Math.Max(1, values.MaxAbs()) : gap);
            }
            else
            {
                r.Values = slot.Code.Domain.ToArray();
                r.Tolerance = Margins.CodeBand;
            }
            return r;
        }

        private static bool TokenValued(Context ctx, SOp s)
        {
            s = ctx.C(s);
            return s is TokensOp || (s is AggregateOp a && TokenValued(ctx, a.Values));
        }

        private static string[] ResidualLabels(Schedule s)
        {
            var labels = Enumerable.Range(0, s.Width).Select(_ => new List<string>()).ToArray();
            foreach (var slot in s.Slots.OrderBy(x => x.Write).ThenBy(x => x.Id))
                for (int b = 0; b < slot.Dims; b++)
                {
                    string suffix = slot.Code.Encoding == Encoding.OneHot ? "=" + (b < slot.Code.Domain.Length ? Ir.Format(slot.Code.Domain[b]) : "?")
                        : slot.Code.Encoding == Encoding.Binary ? ".bit" + b : "";
                    labels[slot.Offset + b].Add(slot.Label + suffix);
                }
            return labels.Select(l => string.Join(" / ", l)).ToArray();
        }
    }
}
