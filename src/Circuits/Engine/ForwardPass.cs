using System;
using System.Numerics;
using System.Numerics.Tensors;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The forward pass in one compute type <typeparamref name="T"/> (float or double). Weights are converted once and
    /// every buffer is allocated here, sized for MaxLength + 1 positions, so <see cref="Forward(ReadOnlySpan{int}, Span{double})"/>
    /// allocates nothing. Not thread-safe: the buffers are reused by every call.
    /// </summary>
    internal sealed class ForwardPass<T> : IForwardPass where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly int width, maxLength, vocabularySize;
        private readonly T[] bos, tokenEmbedding, positionEmbedding;
        private readonly (AttentionKernel<T>[] Heads, MlpKernel<T>? Mlp)[] layers;
        private readonly ReadoutDecoder decoder;

        // Scratch, reused by every call.
        private readonly T[] residual; // (MaxLength + 1) × width
        private readonly T[] delta;    // the attention sublayer's sum, same shape: all heads must read the same residual
        private readonly AttentionScratch<T> attention;
        private readonly T[] hiddenA, hiddenB;
        private readonly double[] readout;

        public ForwardPass(CompiledModel model, NumericType precision)
        {
            Model = model;
            Precision = precision;
            width = model.Width;
            maxLength = model.MaxLength;
            if (width < 0) throw new ArgumentException($"model width {width} is negative", nameof(model));
            if (maxLength < 1) throw new ArgumentException($"model maximum length {maxLength} must be at least 1", nameof(model));
            if (model.Vocabulary is null || model.Vocabulary.Length == 0)
                throw new ArgumentException("model vocabulary is empty", nameof(model));
            vocabularySize = model.Vocabulary.Length;

            if (model.BosEmbedding is null || model.BosEmbedding.Length != width)
                throw new ArgumentException($"BOS embedding has {model.BosEmbedding?.Length ?? 0} entries, expected the width {width}", nameof(model));
            bos = Weights<T>.Convert(model.BosEmbedding, "BOS embedding");
            tokenEmbedding = Weights<T>.Convert(model.TokenEmbedding, vocabularySize, width, "token embedding");
            // Rows past MaxLength are never read, so a longer table is accepted but only the needed rows are kept.
            var pe = model.PositionEmbedding ?? throw new ArgumentException("position embedding is missing", nameof(model));
            if (pe.Rows < maxLength || pe.Cols != width)
                throw new ArgumentException($"position embedding is {pe.Rows}×{pe.Cols}, expected at least {maxLength}×{width}", nameof(model));
            positionEmbedding = Weights<T>.Convert(pe.Data.AsSpan(0, maxLength * width).ToArray(), "position embedding");

            var source = model.Layers ?? new Layer[0];
            layers = new (AttentionKernel<T>[], MlpKernel<T>?)[source.Length];
            int maxDq = 0, maxDv = 0, maxHidden = 0;
            for (int l = 0; l < source.Length; l++)
            {
                var layer = source[l] ?? throw new ArgumentException($"layer {l} is missing", nameof(model));
                var heads = layer.Heads ?? new AttentionHead[0];
                var kernels = new AttentionKernel<T>[heads.Length];
                for (int h = 0; h < heads.Length; h++)
                {
                    kernels[h] = new AttentionKernel<T>(heads[h], width, $"layer {l} head {h}");
                    maxDq = Math.Max(maxDq, kernels[h].QueryDims);
                    maxDv = Math.Max(maxDv, kernels[h].ValueDims);
                }
                MlpKernel<T>? mlp = null;
                if (layer.Mlp is not null && (layer.Mlp.Stages?.Length ?? 0) > 0)
                {
                    mlp = new MlpKernel<T>(layer.Mlp, width, $"layer {l} MLP");
                    maxHidden = Math.Max(maxHidden, mlp.MaxOutputs);
                }
                layers[l] = (kernels, mlp);
            }

            decoder = new ReadoutDecoder(model.Output, width);

            int positions = maxLength + 1;
            residual = new T[positions * width];
            delta = new T[positions * width];
            attention = new AttentionScratch<T>(positions, maxDq, maxDv);
            hiddenA = new T[maxHidden];
            hiddenB = new T[maxHidden];
            readout = new double[decoder.Dims];
        }

        /// <inheritdoc/>
        public CompiledModel Model { get; }

        /// <inheritdoc/>
        public NumericType Precision { get; }

        /// <inheritdoc/>
        public double[] Forward(ReadOnlySpan<int> ids)
        {
            InputValidation.CheckIds(ids, maxLength, vocabularySize);
            var result = new double[ids.Length];
            Run(ids, result);
            return result;
        }

        /// <inheritdoc/>
        public void Forward(ReadOnlySpan<int> ids, Span<double> output)
        {
            InputValidation.CheckIds(ids, maxLength, vocabularySize);
            InputValidation.CheckOutput(ids.Length, output.Length);
            Run(ids, output);
        }

        private void Run(ReadOnlySpan<int> ids, Span<double> output)
        {
            int count = ids.Length + 1; // BOS sink + tokens
            Span<T> x = residual.AsSpan(0, count * width);

            // Embedding: BOS at position 0, token t at position t + 1 with position row t.
            bos.CopyTo(x.Slice(0, width));
            for (int t = 0; t < ids.Length; t++)
            {
                TensorPrimitives.Add<T>(
                    tokenEmbedding.AsSpan(ids[t] * width, width),
                    positionEmbedding.AsSpan(t * width, width),
                    x.Slice((t + 1) * width, width));
            }

            foreach (var (heads, mlp) in layers)
            {
                if (heads.Length > 0)
                {
                    Span<T> d = delta.AsSpan(0, count * width);
                    d.Clear();
                    foreach (var head in heads) head.Apply(x, count, d, attention);
                    TensorPrimitives.Add<T>(x, d, x);
                }
                if (mlp is not null)
                {
                    for (int p = 0; p < count; p++) mlp.Apply(x.Slice(p * width, width), hiddenA, hiddenB);
                }
            }

            for (int t = 0; t < ids.Length; t++)
            {
                ReadOnlySpan<T> coords = x.Slice((t + 1) * width + decoder.Offset, decoder.Dims);
                for (int c = 0; c < coords.Length; c++) readout[c] = double.CreateChecked(coords[c]);
                output[t] = decoder.Decode(readout, t);
            }
        }
    }
}
