using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Circuits.Compiler
{
    /// <summary>
    /// A scalar, double-precision forward pass of a <see cref="CompiledModel"/> in the compiler core: embeddings (BOS sink
    /// at position 0), every head's exact softmax, every MLP, then the model's own readout decoding. It is slow and plain
    /// on purpose — no vectorisation, no streaming softmax — so that it can run where only the core is available (the
    /// source generator's build-time [Computes] check) and serve as a second engine for the fast ones.
    /// </summary>
    public sealed class ReferenceExecutor
    {
        private readonly CompiledModel _model;
        private readonly ReadoutDecoder _decoder;
        private readonly (ReferenceAttention[] Heads, ReferenceMlp? Mlp)[] _layers;

        /// <summary>Checks the model's shapes and prepares its weights (non-zeros only) for any number of runs.</summary>
        /// <param name="model">The compiled model.</param>
        /// <exception cref="ArgumentException">The model's shapes disagree with its width or with each other.</exception>
        public ReferenceExecutor(CompiledModel model)
        {
            _model = model ?? throw new ArgumentNullException(nameof(model));
            CheckShapes(model);
            _decoder = new ReadoutDecoder(model.Output, model.Width);
            _layers = new (ReferenceAttention[], ReferenceMlp?)[model.Layers.Length];
            for (int l = 0; l < _layers.Length; l++)
            {
                var layer = model.Layers[l];
                var heads = new ReferenceAttention[layer.Heads.Length];
                for (int h = 0; h < heads.Length; h++) heads[h] = new ReferenceAttention(layer.Heads[h]);
                _layers[l] = (heads, layer.Mlp != null && layer.Mlp.Stages.Length > 0 ? new ReferenceMlp(layer.Mlp, model.Width) : null);
            }
        }

        /// <summary>The model's decoded outputs on <paramref name="ids"/>, one per token (NaN = ⊥).</summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="ids">Token ids, 1 ≤ count ≤ <see cref="CompiledModel.MaxLength"/>, each in [0, |vocabulary|).</param>
        /// <exception cref="ArgumentException">The input is empty, too long, holds an id outside the vocabulary, or the model's shapes disagree.</exception>
        /// <exception cref="InvalidOperationException">An output is not finite or sits between the readout's designed levels (the model is not exact there).</exception>
        public static double[] Run(CompiledModel model, int[] ids) => new ReferenceExecutor(model).Run(ids);

        /// <summary>The model's decoded outputs on <paramref name="ids"/>, one per token (NaN = ⊥).</summary>
        /// <param name="ids">Token ids, 1 ≤ count ≤ <see cref="CompiledModel.MaxLength"/>, each in [0, |vocabulary|).</param>
        /// <exception cref="ArgumentException">The input is empty, too long or holds an id outside the vocabulary.</exception>
        /// <exception cref="InvalidOperationException">An output is not finite or sits between the readout's designed levels (the model is not exact there).</exception>
        public double[] Run(int[] ids)
        {
            if (ids is null) throw new ArgumentNullException(nameof(ids));
            CheckInput(_model, ids);
            var x = Residual(ids);
            int width = _model.Width;
            var output = new double[ids.Length];
            var coordinates = new double[_decoder.Dims];
            for (int t = 0; t < ids.Length; t++)
            {
                Array.Copy(x, (t + 1) * width + _decoder.Offset, coordinates, 0, _decoder.Dims);
                output[t] = _decoder.Decode(coordinates, t);
            }
            return output;
        }

        /// <summary>
        /// The work of one <see cref="Run(int[])"/> on <paramref name="length"/> tokens, in multiply-adds (an exponential counted as
        /// <see cref="ExpCost"/>), an upper bound from the weights' non-zeros: lets a caller bound its total work before running anything.
        /// </summary>
        /// <param name="length">The input length, ≥ 1.</param>
        public long Cost(int length)
        {
            int count = length + 1;
            long work = (long)count * _model.Width;
            foreach (var (heads, mlp) in _layers)
            {
                foreach (var head in heads) work += head.Cost(count) + (long)count * _model.Width;
                if (mlp != null) work += count * (mlp.Cost + _model.Width);
            }
            return work;
        }

        /// <summary>
        /// Runs the model on <paramref name="ids"/> and keeps what it computed on the way: the residual stream after the embedding and
        /// after every layer, and every head's attention pattern (see <see cref="ForwardTrace"/>). Does not decode the output.
        /// </summary>
        /// <param name="ids">Token ids, 1 ≤ count ≤ <see cref="CompiledModel.MaxLength"/>, each in [0, |vocabulary|).</param>
        /// <exception cref="ArgumentException">The input is empty, too long or holds an id outside the vocabulary.</exception>
        public ForwardTrace Trace(int[] ids)
        {
            if (ids is null) throw new ArgumentNullException(nameof(ids));
            CheckInput(_model, ids);
            var residuals = new List<double[]>();
            var attention = new List<double[][]>();
            Residual(ids, residuals, attention);
            return new ForwardTrace(ids.Length + 1, _model.Width, residuals, attention);
        }

        /// <summary>
        /// The final residual stream, (|ids| + 1) × width row-major, BOS sink first. With <paramref name="residuals"/> and
        /// <paramref name="attention"/> given, also keeps a copy of the stream after the embedding and each layer, and each head's pattern.
        /// </summary>
        private double[] Residual(int[] ids, List<double[]>? residuals = null, List<double[][]>? attention = null)
        {
            var model = _model;
            int width = model.Width, count = ids.Length + 1;
            var x = new double[count * width];
            Array.Copy(model.BosEmbedding, 0, x, 0, width);
            for (int t = 0; t < ids.Length; t++)
                for (int r = 0; r < width; r++)
                    x[(t + 1) * width + r] = model.TokenEmbedding[ids[t], r] + model.PositionEmbedding[t, r];
            var delta = new double[count * width];
            residuals?.Add((double[])x.Clone());
            foreach (var (heads, mlp) in _layers)
            {
                var patterns = new double[heads.Length][];
                if (heads.Length > 0)
                {
                    // All heads of a layer read the same residual: sum their outputs first, then add.
                    Array.Clear(delta, 0, delta.Length);
                    for (int h = 0; h < heads.Length; h++)
                    {
                        if (attention != null) patterns[h] = new double[count * count];
                        heads[h].Apply(x, count, width, delta, attention != null ? patterns[h] : null);
                    }
                    for (int i = 0; i < x.Length; i++) x[i] += delta[i];
                }
                if (mlp != null)
                    for (int p = 0; p < count; p++) mlp.Apply(x, p * width, width);
                attention?.Add(patterns);
                residuals?.Add((double[])x.Clone());
            }
            return x;
        }

        internal static void CheckInput(CompiledModel model, int[] ids)
        {
            if (ids.Length == 0) throw new ArgumentException("input is empty; at least 1 token is required", nameof(ids));
            if (ids.Length > model.MaxLength)
                throw new ArgumentException($"input has {ids.Length} tokens but the model's maximum length is {model.MaxLength}", nameof(ids));
            for (int t = 0; t < ids.Length; t++)
                if ((uint)ids[t] >= (uint)model.Vocabulary.Length)
                    throw new ArgumentException($"token id {ids[t]} at position {t} is outside the vocabulary: ids must be in [0, {model.Vocabulary.Length})", nameof(ids));
        }

        /// <summary>Every matrix agrees with the residual width and its neighbours, so indexing below cannot go astray.</summary>
        internal static void CheckShapes(CompiledModel m)
        {
            int w = m.Width;
            void Expect(bool ok, string what)
            {
                if (!ok) throw new ArgumentException($"model '{m.Name}': {what}", "model");
            }
            Expect(m.BosEmbedding.Length == w, $"BOS embedding has {m.BosEmbedding.Length} entries, expected the width {w}");
            Expect(m.TokenEmbedding.Rows == m.Vocabulary.Length && m.TokenEmbedding.Cols == w, $"token embedding is {m.TokenEmbedding.Rows}×{m.TokenEmbedding.Cols}, expected {m.Vocabulary.Length}×{w}");
            Expect(m.PositionEmbedding.Rows >= m.MaxLength && m.PositionEmbedding.Cols == w, $"position embedding is {m.PositionEmbedding.Rows}×{m.PositionEmbedding.Cols}, expected at least {m.MaxLength}×{w}");
            for (int l = 0; l < m.Layers.Length; l++)
            {
                for (int h = 0; h < m.Layers[l].Heads.Length; h++)
                {
                    var head = m.Layers[l].Heads[h];
                    string name = $"layer {l} head {h}";
                    // A matrix with no columns is empty whatever its row count (0×0 is the default).
                    Expect((head.Query.Cols == 0 || head.Query.Rows == w) && (head.Key.Cols == 0 || head.Key.Rows == w) && (head.Value.Cols == 0 || head.Value.Rows == w),
                        $"{name}: W_Q, W_K and W_V need {w} rows");
                    Expect(head.Query.Cols == head.Key.Cols, $"{name}: W_Q has {head.Query.Cols} columns but W_K has {head.Key.Cols}");
                    Expect(head.Value.Cols == 0 || (head.Output.Rows == head.Value.Cols && head.Output.Cols == w), $"{name}: W_O is {head.Output.Rows}×{head.Output.Cols}, expected {head.Value.Cols}×{w}");
                }
                var mlp = m.Layers[l].Mlp;
                if (mlp is null) continue;
                int ins = w;
                for (int s = 0; s < mlp.Stages.Length; s++)
                {
                    var stage = mlp.Stages[s];
                    int outs = stage.Bias.Length;
                    Expect(stage.Weights.Data.Length == 0 ? ins == 0 || outs == 0 : stage.Weights.Rows == ins && stage.Weights.Cols == outs,
                        $"layer {l} MLP stage {s} weights are {stage.Weights.Rows}×{stage.Weights.Cols}, expected {ins}×{outs}");
                    ins = outs;
                }
                Expect(mlp.Stages.Length == 0 || ins == w, $"layer {l} MLP ends with {ins} outputs, expected the width {w}");
            }
        }

        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (not named in netstandard2.0): the kernels run a few times per build, so
        /// tiered compilation would leave them in unoptimised code; .NET Framework hosts ignore the flag.
        /// </summary>
        internal const MethodImplOptions Optimized = (MethodImplOptions)512;

        /// <summary>What one Math.Exp costs in multiply-adds, roughly.</summary>
        public const int ExpCost = 16;
    }
}
