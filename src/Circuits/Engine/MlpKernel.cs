using System;
using System.Numerics;
using System.Numerics.Tensors;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>One per-token MLP in the compute type: stages h = h·W + b (then ReLU), the last one back to the residual width.</summary>
    internal sealed class MlpKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T[][] _weights; // per stage, inputs × outputs, row-major
        private readonly T[][] _biases;
        private readonly bool[] _relu;
        private readonly int[] _inputs, _outputs;

        public MlpKernel(Mlp mlp, int width, string name)
        {
            var stages = mlp.Stages ?? Array.Empty<DenseLayer>();
            if (stages.Length == 0) throw new ArgumentException($"{name} has no stages", "model");
            _weights = new T[stages.Length][];
            _biases = new T[stages.Length][];
            _relu = new bool[stages.Length];
            _inputs = new int[stages.Length];
            _outputs = new int[stages.Length];

            int inDims = width;
            for (int k = 0; k < stages.Length; k++)
            {
                string what = $"{name} stage {k}";
                var stage = stages[k] ?? throw new ArgumentException($"{what} is missing", "model");
                var bias = stage.Bias ?? Array.Empty<double>();
                int outDims = bias.Length;
                if (k == stages.Length - 1 && outDims != width)
                    throw new ArgumentException($"{what} is the last stage and has {outDims} outputs, expected the residual width {width}", "model");
                if (inDims == 0 || outDims == 0)
                {
                    // A stage with no inputs or no outputs has no weights; the default 0×0 matrix is fine.
                    if (stage.Weights is not null && stage.Weights.Data.Length != 0)
                        throw new ArgumentException($"{what} weights are {stage.Weights.Rows}×{stage.Weights.Cols}, expected {inDims}×{outDims}", "model");
                    _weights[k] = Array.Empty<T>();
                }
                else
                {
                    _weights[k] = Weights<T>.Convert(stage.Weights, inDims, outDims, $"{what} weights");
                }
                _biases[k] = Weights<T>.Convert(bias, $"{what} bias");
                _relu[k] = stage.Relu;
                _inputs[k] = inDims;
                _outputs[k] = outDims;
                inDims = outDims;
            }
        }

        /// <summary>The widest stage output: the size each of the two ping-pong buffers needs.</summary>
        public int MaxOutputs
        {
            get
            {
                int m = 0;
                foreach (int o in _outputs) m = Math.Max(m, o);
                return m;
            }
        }

        /// <summary>x += MLP(x) for one position; <paramref name="a"/> and <paramref name="b"/> are scratch of length ≥ <see cref="MaxOutputs"/>.</summary>
        public void Apply(Span<T> x, Span<T> a, Span<T> b)
        {
            ReadOnlySpan<T> h = x;
            Span<T> next = a, spare = b;
            for (int k = 0; k < _weights.Length; k++)
            {
                Span<T> y = next.Slice(0, _outputs[k]);
                _biases[k].CopyTo(y);
                int cols = _outputs[k];
                if (cols > 0)
                {
                    for (int r = 0; r < _inputs[k]; r++)
                    {
                        T hr = h[r];
                        if (hr != T.Zero) TensorPrimitives.MultiplyAdd(_weights[k].AsSpan(r * cols, cols), hr, y, y);
                    }
                }
                if (_relu[k]) TensorPrimitives.Max(y, T.Zero, y);
                h = y;
                Span<T> t = next; next = spare; spare = t;
            }
            // The input is read in full by the first stage before anything is written back.
            TensorPrimitives.Add(x, h, x);
        }
    }
}
