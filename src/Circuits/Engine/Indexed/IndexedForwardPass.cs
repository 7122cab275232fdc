using System;
using System.Collections.Generic;
using System.Numerics;
using System.Numerics.Tensors;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The forward pass in <see cref="AttentionMode.Indexed"/> mode: the exact pass's embedding, MLPs and readout (the same
    /// kernels), with each head that <see cref="SelectionCheck"/> proves hard run as a lookup (<see cref="IndexedAttention{T}"/>)
    /// and every other head, or an indexed head whose residual is not clean on a call, run by the exact softmax kernel.
    /// All buffers are allocated here; a call allocates nothing once the lookup maps have grown to the input's size.
    /// </summary>
    internal sealed class IndexedForwardPass<T> : IIndexedForwardPass where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly int _width, _maxLength, _vocabularySize;
        private readonly T[] _bos, _tokenEmbedding, _positionEmbedding;
        private readonly (AttentionKernel<T> Exact, IndexedAttention<T>? Indexed)[][] _heads;
        private readonly MlpKernel<T>?[] _mlps;
        private readonly ReadoutDecoder _decoder;
        private readonly T[] _residual, _delta, _hiddenA, _hiddenB;
        private readonly WorkerScratch<T> _worker; // the exact kernels' scratch (this pass runs on the calling thread)
        private readonly double[] _readout;

        public IndexedForwardPass(CompiledModel model, NumericType precision)
        {
            // The exact pass checks the model's shapes and weights with its own messages; this pass then only reads what it accepted.
            _ = new ForwardPass<T>(model, precision, threads: 1);
            Model = model;
            Precision = precision;
            _width = model.Width;
            _maxLength = model.MaxLength;
            _vocabularySize = model.Vocabulary.Length;
            _bos = Weights<T>.Convert(model.BosEmbedding, "BOS embedding");
            _tokenEmbedding = Weights<T>.Convert(model.TokenEmbedding, _vocabularySize, _width, "token embedding");
            _positionEmbedding = Weights<T>.Convert(model.PositionEmbedding.Data.AsSpan(0, _maxLength * _width).ToArray(), "position embedding");

            int positions = _maxLength + 1;
            bool certified = SoftmaxFloor.Certifies(model, precision);
            var layers = model.Layers ?? Array.Empty<Layer>();
            _heads = new (AttentionKernel<T>, IndexedAttention<T>?)[layers.Length][];
            _mlps = new MlpKernel<T>?[layers.Length];
            var report = new List<HeadExecution>();
            // One lookup table for all heads (they run one at a time), direct-addressed for codes spanning up to 2(N + 1) values.
            var table = new KeyTable(2 * positions);
            int maxDq = 0, maxDv = 0, maxHidden = 0;
            for (int l = 0; l < layers.Length; l++)
            {
                var heads = layers[l].Heads ?? Array.Empty<AttentionHead>();
                _heads[l] = new (AttentionKernel<T>, IndexedAttention<T>?)[heads.Length];
                for (int h = 0; h < heads.Length; h++)
                {
                    var exact = new AttentionKernel<T>(heads[h], _width, positions, certified, $"layer {l} head {h}");
                    maxDq = Math.Max(maxDq, exact.QueryDims);
                    maxDv = Math.Max(maxDv, exact.ValueDims);
                    var selection = SelectionCheck.Check(heads[h], _width, _maxLength, out string how);
                    _heads[l][h] = (exact, selection is null ? null : new IndexedAttention<T>(heads[h], selection, _width, positions, table));
                    report.Add(new HeadExecution(l, h, heads[h].Label, selection is not null, how));
                }
                var mlp = layers[l].Mlp;
                if (mlp is not null && (mlp.Stages?.Length ?? 0) > 0)
                {
                    _mlps[l] = new MlpKernel<T>(mlp, _width, $"layer {l} MLP");
                    maxHidden = Math.Max(maxHidden, _mlps[l]!.MaxOutputs);
                }
            }
            Heads = report;
            _decoder = new ReadoutDecoder(model.Output, _width);
            _residual = new T[positions * _width];
            _delta = new T[positions * _width];
            _worker = new WorkerScratch<T>(positions, _width, maxDq, maxDv, maxHidden);
            _hiddenA = new T[maxHidden];
            _hiddenB = new T[maxHidden];
            _readout = new double[_decoder.Dims];
        }

        /// <inheritdoc/>
        public CompiledModel Model { get; }

        /// <inheritdoc/>
        public NumericType Precision { get; }

        /// <inheritdoc/>
        public IReadOnlyList<HeadExecution> Heads { get; }

        /// <inheritdoc/>
        public int ExactFallbacks { get; private set; }

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
            ExactFallbacks = 0;
            int count = ids.Length + 1; // BOS sink + tokens
            Span<T> x = _residual.AsSpan(0, count * _width);
            _bos.CopyTo(x.Slice(0, _width));
            for (int t = 0; t < ids.Length; t++)
                TensorPrimitives.Add<T>(_tokenEmbedding.AsSpan(ids[t] * _width, _width), _positionEmbedding.AsSpan(t * _width, _width), x.Slice((t + 1) * _width, _width));

            for (int l = 0; l < _heads.Length; l++)
            {
                if (_heads[l].Length > 0)
                {
                    Span<T> d = _delta.AsSpan(0, count * _width);
                    d.Clear();
                    foreach (var (exact, indexed) in _heads[l])
                    {
                        if (indexed is not null && indexed.TryApply(x, count, d)) continue;
                        if (indexed is not null) ExactFallbacks++;
                        // Exact softmax, as the exact pass runs it: project every position, then each query's row of d.
                        for (int p = 0; p < count; p++) exact.Project(x.Slice(p * _width, _width), p, _worker);
                        exact.Bound(count);
                        for (int i = 0; i < count; i++) exact.Apply(i, count, d.Slice(i * _width, _width), _worker);
                    }
                    TensorPrimitives.Add<T>(x, d, x);
                }
                if (_mlps[l] is { } mlp)
                    for (int p = 0; p < count; p++) mlp.Apply(x.Slice(p * _width, _width), _hiddenA, _hiddenB);
            }

            ResidualReadout.Decode<T>(_decoder, x, _width, ids.Length, _readout, output);
        }
    }
}
