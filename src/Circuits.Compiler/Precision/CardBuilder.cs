using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>Writes the model card: costs, guarantees, and why each layer exists.</summary>
    internal static class CardBuilder
    {
        public static ModelCard Build(Context ctx, Schedule s, CompiledModel model, PrecisionResult precision, int[] hidden, List<string> components)
        {
            long dense = model.BosEmbedding.Length + model.TokenEmbedding.Data.Length + model.PositionEmbedding.Data.Length;
            long nonzero = model.BosEmbedding.Count(v => v != 0) + model.TokenEmbedding.NonZeroCount() + model.PositionEmbedding.NonZeroCount();
            long flops = 0;
            long n = ctx.N + 1;
            foreach (var layer in model.Layers)
            {
                foreach (var h in layer.Heads)
                {
                    foreach (var m in new[] { h.Query, h.Key, h.Value, h.Output }) { dense += m.Data.Length; nonzero += m.NonZeroCount(); }
                    long pairs = h.Mask == AttentionMask.None ? n * n : n * (n + 1) / 2;
                    flops += n * model.Width * (2L * h.Query.Cols + h.Value.Cols) + pairs * (h.Query.Cols + h.Value.Cols + 1) + n * h.Value.Cols * model.Width;
                }
                if (layer.Mlp != null)
                    foreach (var st in layer.Mlp.Stages)
                    {
                        dense += st.Weights.Data.Length + st.Bias.Length;
                        nonzero += st.Weights.NonZeroCount() + st.Bias.Count(v => v != 0);
                        flops += n * (long)st.Weights.Rows * st.Weights.Cols;
                    }
            }
            var certified = new List<string>();
            if (precision.Float32) certified.Add("float32");
            if (precision.Float64) certified.Add("float64");
            return new ModelCard
            {
                Name = ctx.Options.Name,
                VocabularySize = ctx.S,
                MaxLength = ctx.N,
                Causal = ctx.Options.Causal,
                Layers = model.Layers.Length,
                HeadsPerLayer = model.Layers.Select(l => l.Heads.Length).ToArray(),
                MlpHiddenPerLayer = hidden,
                Width = model.Width,
                Parameters = dense,
                NonzeroParameters = nonzero,
                FlopsPerForward = flops,
                PrecisionBits = precision.Bits,
                Certified = certified.ToArray(),
                CriticalPath = CriticalPath(s),
                Residual = model.ResidualLabels,
                Components = components.ToArray(),
                Precision = precision.Requirements,
                Notes = Notes(ctx, s).ToArray(),
            };
        }

        private static string[] CriticalPath(Schedule s)
        {
            var lines = new List<string>();
            for (int layer = 1; layer <= s.Layers; layer++)
            {
                var head = s.Heads.Where(h => h.Layer == layer).OrderByDescending(h => h.Reason.Contains("ready after")).FirstOrDefault();
                if (head != null) lines.Add($"layer {layer} exists because '{head.Label}' {(head.Reason.StartsWith("it ", StringComparison.Ordinal) ? head.Reason.Substring(3) : head.Reason)}");
                else
                {
                    var mlp = s.Mlps.First(m => m.Layer == layer);
                    lines.Add($"layer {layer} exists because '{mlp.Label}': {mlp.Reason}");
                }
            }
            return lines.ToArray();
        }

        private static string Describe(Encoding e) => e switch
        {
            Encoding.OneHot => "a one-hot code",
            Encoding.Binary => "a binary ±1 code",
            Encoding.Quadratic => "the quadratic code (1, v, v²)",
            _ => "a scalar",
        };

        private static IEnumerable<string> Notes(Context ctx, Schedule s)
        {
            yield return "Position 0 is a BOS sink added by the forward pass; empty selections read ⊥ (categorical) or 0 (numerical) from it.";
            var codes = s.Slots.Where(x => x.Sop != null && x.Code.Encoding != Encoding.Scalar).GroupBy(x => x.Code).Select(g => g.First());
            foreach (var slot in codes)
                yield return $"'{slot.Label}' uses {Describe(slot.Code.Encoding)} over {slot.Code.Domain.Length} values ({slot.Code.Dims} coordinates).";
            if (s.Heads.Any(h => h.Plan.Mask == AttentionMask.StrictCausal))
                yield return "A strictly causal mask (keys j < i) realises 'earlier position' selections without extra coordinates.";
            int reused = s.Slots.Count(x => x.Erase);
            if (reused > 0) yield return $"{reused} residual slot(s) are cleared after their last reader and their coordinates reused.";
            if (ctx.Output.Kind == ValueKind.Numerical)
            {
                var values = ctx.Values[ctx.Output].Values;
                double unresolved = Readouts.Unresolved(values);
                yield return unresolved > 0
                    ? $"Numerical outputs may differ from the reference by up to {unresolved:G3}: some values are closer than {Readouts.ResolutionUlps} ulps of the largest ({Readouts.Resolution(values):G3}) and no numeric type tells them apart; all other outputs equal the reference bit for bit."
                    : "Numerical outputs equal the reference bit for bit (the readout snaps to the exact admissible value).";
            }
            foreach (var note in LowerBounds.TheoryNotes(ctx.Options.Task, ctx.Options.K, ctx.N, ctx.Options.Precision, ctx.S)) yield return note;
        }
    }
}
