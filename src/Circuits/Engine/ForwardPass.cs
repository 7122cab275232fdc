using System;
using System.Numerics;
using System.Numerics.Tensors;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The forward pass in one compute type <typeparamref name="T"/> (float or double). Weights are converted once and
    /// every buffer is allocated here, sized for MaxLength + 1 positions, so <see cref="CheckedForwardPass.Forward(ReadOnlySpan{int}, Span{double})"/>
    /// allocates nothing. Each layer is one fork-join over query rows (<see cref="ForkJoin{TState}"/>): a row's attention,
    /// residual add, MLP and the next layer's projections depend only on that row and on projections finished before the
    /// fork, so rows go to any thread and the result equals the single-threaded one bit for bit.
    /// Not thread-safe: the buffers are reused by every call.
    /// </summary>
    internal sealed class ForwardPass<T> : CheckedForwardPass where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static readonly Action<ForwardPass<T>, int, int, int> PrologueRows = static (pass, w, start, end) => pass.Prologue(w, start, end);
        private static readonly Action<ForwardPass<T>, int, int, int> LayerRows = static (pass, w, start, end) => pass.Layer(w, start, end);

        private readonly int _width;
        private readonly T[] _bos, _tokenEmbedding, _positionEmbedding;
        private readonly (AttentionKernel<T>[] Heads, MlpKernel<T>? Mlp)[] _layers;
        private readonly ReadoutDecoder _decoder;

        // Scratch, reused by every call.
        private readonly T[] _residual; // (MaxLength + 1) × width
        private readonly int[] _ids;    // the call's ids, for the row bodies
        private readonly WorkerScratch<T>[] _workers;
        private readonly ForkJoin<ForwardPass<T>> _fork;
        private readonly double[] _readout;
        private int _count, _layer;    // the running call's positions and layer

        public ForwardPass(CompiledModel model, NumericType precision, int threads)
            : base(model, precision)
        {
            _width = model.Width;
            if (_width < 0) throw new ArgumentException($"model width {_width} is negative", nameof(model));
            if (_maxLength < 1) throw new ArgumentException($"model maximum length {_maxLength} must be at least 1", nameof(model));
            if (model.Vocabulary is null || model.Vocabulary.Length == 0)
                throw new ArgumentException("model vocabulary is empty", nameof(model));

            if (model.BosEmbedding is null || model.BosEmbedding.Length != _width)
                throw new ArgumentException($"BOS embedding has {model.BosEmbedding?.Length ?? 0} entries, expected the width {_width}", nameof(model));
            _bos = Weights<T>.Convert(model.BosEmbedding, "BOS embedding");
            _tokenEmbedding = Weights<T>.Convert(model.TokenEmbedding, _vocabularySize, _width, "token embedding");
            // Rows past MaxLength are never read, so a longer table is accepted but only the needed rows are kept.
            var pe = model.PositionEmbedding ?? throw new ArgumentException("position embedding is missing", nameof(model));
            if (pe.Rows < _maxLength || pe.Cols != _width)
                throw new ArgumentException($"position embedding is {pe.Rows}×{pe.Cols}, expected at least {_maxLength}×{_width}", nameof(model));
            _positionEmbedding = Weights<T>.Convert(pe.Data.AsSpan(0, _maxLength * _width).ToArray(), "position embedding");

            int positions = _maxLength + 1;
            bool certified = SoftmaxFloor.Certifies(model, precision);
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
                    kernels[h] = new AttentionKernel<T>(heads[h], _width, positions, certified, $"layer {l} head {h}");
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

            _residual = new T[positions * _width];
            _ids = new int[_maxLength];
            _workers = new WorkerScratch<T>[threads];
            for (int w = 0; w < threads; w++) _workers[w] = new WorkerScratch<T>(positions, _width, maxDq, maxDv, maxHidden);
            _fork = new ForkJoin<ForwardPass<T>>(this, threads);
            _readout = new double[_decoder.Dims];
        }

        /// <inheritdoc/>
        protected override void Run(ReadOnlySpan<int> ids, Span<double> output)
        {
            _count = ids.Length + 1; // BOS sink + tokens
            ids.CopyTo(_ids);
            _fork.Run(_count, PrologueRows);
            for (_layer = 0; _layer < _layers.Length; _layer++)
            {
                foreach (var head in _layers[_layer].Heads) head.Bound(_count);
                _fork.Run(_count, LayerRows);
            }

            ResidualReadout.Decode<T>(_decoder, _residual.AsSpan(0, _count * _width), _width, ids.Length, _readout, output);
        }

        /// <summary>Embeds positions [start, end) (BOS at 0; token t at t + 1 with position row t) and projects them for layer 0.</summary>
        private void Prologue(int worker, int start, int end)
        {
            for (int p = start; p < end; p++)
            {
                Span<T> xp = _residual.AsSpan(p * _width, _width);
                if (p == 0) _bos.CopyTo(xp);
                else
                {
                    int t = p - 1;
                    TensorPrimitives.Add<T>(_tokenEmbedding.AsSpan(_ids[t] * _width, _width), _positionEmbedding.AsSpan(t * _width, _width), xp);
                }
                Project(0, xp, p, _workers[worker]);
            }
        }

        /// <summary>Layer <see cref="_layer"/> at positions [start, end): every head (reading the projections), x += their sum, the MLP, then the next layer's projections.</summary>
        private void Layer(int worker, int start, int end)
        {
            var w = _workers[worker];
            var (heads, mlp) = _layers[_layer];
            for (int i = start; i < end; i++)
            {
                Span<T> xi = _residual.AsSpan(i * _width, _width);
                if (heads.Length > 0)
                {
                    Span<T> d = w.Delta;
                    d.Clear();
                    foreach (var head in heads) head.Apply(i, _count, d, w);
                    TensorPrimitives.Add<T>(xi, d, xi);
                }
                mlp?.Apply(xi, w.HiddenA, w.HiddenB);
                Project(_layer + 1, xi, i, w);
            }
        }

        private void Project(int layer, ReadOnlySpan<T> xp, int p, WorkerScratch<T> w)
        {
            if (layer >= _layers.Length) return;
            foreach (var head in _layers[layer].Heads) head.Project(xp, p, w);
        }
    }
}
