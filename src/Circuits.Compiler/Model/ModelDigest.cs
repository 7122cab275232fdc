using System;

namespace Circuits.Compiler
{
    /// <summary>
    /// A fingerprint of a model's weights (FNV-1a, 64 bits, over the shapes, the bit patterns of every number, the masks and
    /// designed gaps, and the readout), so that a card's guarantees are only trusted for the weights they were proved for: a
    /// model whose weights changed after compilation no longer matches its card's <see cref="ModelCard.WeightsDigest"/>.
    /// </summary>
    public static class ModelDigest
    {
        private const ulong Offset = 14695981039346656037UL, Prime = 1099511628211UL;

        /// <summary>The digest of <paramref name="model"/>'s weights, as 16 hexadecimal digits.</summary>
        /// <param name="model">The model.</param>
        /// <returns>The digest.</returns>
        public static string Of(CompiledModel model)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            ulong h = Offset;
            Add(ref h, model.Width);
            Add(ref h, model.MaxLength);
            Add(ref h, model.Vocabulary?.Length ?? -1);
            Add(ref h, model.BosEmbedding);
            Add(ref h, model.TokenEmbedding);
            Add(ref h, model.PositionEmbedding);
            foreach (var layer in model.Layers ?? Array.Empty<Layer>())
            {
                Add(ref h, layer?.Heads?.Length ?? -1);
                foreach (var head in layer?.Heads ?? Array.Empty<AttentionHead>())
                {
                    if (head is null) { Add(ref h, -1); continue; }
                    Add(ref h, (int)head.Mask);
                    Add(ref h, head.Gap);
                    Add(ref h, head.Query);
                    Add(ref h, head.Key);
                    Add(ref h, head.Value);
                    Add(ref h, head.Output);
                }
                var stages = layer?.Mlp?.Stages ?? Array.Empty<DenseLayer>();
                Add(ref h, stages.Length);
                foreach (var stage in stages)
                {
                    Add(ref h, stage?.Weights);
                    Add(ref h, stage?.Bias);
                    Add(ref h, stage?.Relu == true ? 1 : 0);
                }
            }
            var output = model.Output;
            if (output is not null)
            {
                Add(ref h, output.Offset);
                Add(ref h, output.Dims);
                Add(ref h, (int)output.Encoding);
                Add(ref h, (int)output.Kind);
                Add(ref h, output.Values);
                Add(ref h, output.Tolerance);
            }
            return h.ToString("x16");
        }

        private static void Add(ref ulong h, Matrix? m)
        {
            if (m is null) { Add(ref h, -1); return; }
            Add(ref h, m.Rows);
            Add(ref h, m.Cols);
            Add(ref h, m.Data);
        }

        private static void Add(ref ulong h, double[]? values)
        {
            if (values is null) { Add(ref h, -1); return; }
            Add(ref h, values.Length);
            foreach (double v in values) Add(ref h, v);
        }

        private static void Add(ref ulong h, double v) => Add(ref h, BitConverter.DoubleToInt64Bits(v));

        private static void Add(ref ulong h, long word)
        {
            // Word-wise FNV-1a: one xor and one multiply per number.
            h = (h ^ (ulong)word) * Prime;
        }
    }
}
