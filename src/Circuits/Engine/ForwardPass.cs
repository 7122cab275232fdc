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
        private readonly int _width, _maxLength, _vocabularySize;
        private readonly T[] _bos, _tokenEmbedding, _positionEmbedding;
        private readonly (AttentionKernel<T>[] Heads, MlpKernel<T>? Mlp)[] _layers;
        private readonly ReadoutDecoder _decoder;

        // Scratch, reused by every call.
        private readonly T[] _residual; // (MaxLength + 1) × width
        private readonly T[] _delta;    // the attention sublayer's sum, same shape: all heads must read the same residual
        private readonly AttentionScratch<T> _attention;
        private readonly T[] _hiddenA, _hiddenB;
        private readonly double[] _readout;

        public ForwardPass(CompiledModel model, NumericType precision)
        {
            Model = model;
            Precision = precision;
            _width = model.Width;
            _maxLength = model.MaxLength;
            if (_width < 0) throw new ArgumentException($"model width {_width} is negative", nameof(model));
            if (_maxLength < 1) throw new ArgumentException($"model maximum length {_maxLength} must be at least 1", nameof(model));
            if (model.Vocabulary is null || model.Vocabulary.Length == 0)
                throw new ArgumentException("model vocabulary is empty", nameof(model));
            _vocabularySize = model.Vocabulary.Length;

            if (model.BosEmbedding is null || model.BosEmbedding.Length != _width)
                throw new ArgumentException($"BOS embedding has {model.BosEmbedding?.Length ?? 0} entries, expected the width {_width}", nameof(model));
            _bos = Weights<T>.Convert(model.BosEmbedding, "BOS embedding");
            _tokenEmbedding = Weights<T>.Convert(model.TokenEmbedding, _vocabularySize, _width, "token embedding");
            // Rows past MaxLength are never read, so a longer table is accepted but only the needed rows are kept.
            var pe = model.PositionEmbedding ?? throw new ArgumentException("position embedding is missing", nameof(model));
            if (pe.Rows < _maxLength || pe.Cols != _width)
                throw new ArgumentException($"position embedding is {pe.Rows}×{pe.Cols}, expected at least {_maxLength}×{_width}", nameof(model));
            _positionEmbedding = Weights<T>.Convert(pe.Data.AsSpan(0, _maxLength * _width).ToArray(), "position embedding");

            var source = model.Layers ?? Array.Empty<Layer>();
            _layers = new (AttentionKernel<T>[], MlpKernel<T>?)[source.Length];
            int maxDq = 0, maxDv = 0, maxHidden = 0;
            for (int l = 0; l < source.Length; l++)
            {
                var layer = source[l] ?? throw new ArgumentException($"layer {l} is missing", nameof(model));
                var heads = layer.Heads ?? Array.Empty<AttentionHead>();
                var kernels = new AttentionKernel<T>[heads.Length];
                for (int h = 0; h < heads.Length; h++)
                {
                    kernels[h] = new AttentionKernel<T>(heads[h], _width, $"layer {l} head {h}");
                    maxDq = Math.Max(maxDq, kernels[h].QueryDims);
                    maxDv = Math.Max(maxDv, kernels[h].ValueDims);
                }
                MlpKernel<T>? mlp = null;
                if (layer.Mlp is not null && (layer.Mlp.Stages?.Length ?? 0) > 0)
                {
                    mlp = new MlpKernel<T>(layer.Mlp, _width, $"layer {l} MLP");
                    maxHidden = Math.Max(maxHidden, mlp.MaxOutputs);
                }
                _layers[l] = (kernels, mlp);
            }

            _decoder = new ReadoutDecoder(model.Output, _width);

            int positions = _maxLength + 1;
            _residual = new T[positions * _width];
            _delta = new T[positions * _width];
            _attention = new AttentionScratch<T>(positions, maxDq, maxDv);
            _hiddenA = new T[maxHidden];
            _hiddenB = new T[maxHidden];
            _readout = new double[_decoder.Dims];
        }

        /// <inheritdoc/>
        public CompiledModel Model { get; }

        /// <inheritdoc/>
        public NumericType Precision { get; }

        /// <inheritdoc/>
        public double[] Forward(ReadOnlySpan<int> ids)
        {
            InputValidation.CheckIds(ids, _maxLength, _vocabularySize);
            var result = new double[ids.Length];
            Run(ids, result);
            return result;
        }

        /// <inheritdoc/>
        public void Forward(ReadOnlySpan<int> ids, Span<double> output)
        {
            InputValidation.CheckIds(ids, _maxLength, _vocabularySize);
            InputValidation.CheckOutput(ids.Length, output.Length);
            Run(ids, output);
        }

        private void Run(ReadOnlySpan<int> ids, Span<double> output)
        {
            int count = ids.Length + 1; // BOS sink + tokens
            Span<T> x = _residual.AsSpan(0, count * _width);

            // Embedding: BOS at position 0, token t at position t + 1 with position row t.
            _bos.CopyTo(x.Slice(0, _width));
            for (int t = 0; t < ids.Length; t++)
            {
                TensorPrimitives.Add<T>(
                    _tokenEmbedding.AsSpan(ids[t] * _width, _width),
                    _positionEmbedding.AsSpan(t * _width, _width),
                    x.Slice((t + 1) * _width, _width));
            }

            foreach (var (heads, mlp) in _layers)
            {
                if (heads.Length > 0)
                {
                    Span<T> d = _delta.AsSpan(0, count * _width);
                    d.Clear();
                    foreach (var head in heads) head.Apply(x, count, d, _attention);
                    TensorPrimitives.Add<T>(x, d, x);
                }
                if (mlp is not null)
                {
                    for (int p = 0; p < count; p++) mlp.Apply(x.Slice(p * _width, _width), _hiddenA, _hiddenB);
                }
            }

            for (int t = 0; t < ids.Length; t++)
            {
                ReadOnlySpan<T> coords = x.Slice((t + 1) * _width + _decoder.Offset, _decoder.Dims);
                for (int c = 0; c < coords.Length; c++) _readout[c] = double.CreateChecked(coords[c]);
                output[t] = _decoder.Decode(_readout, t);
            }
        }
    }
}
