using System;
using System.Numerics;
using System.Numerics.Tensors;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>One per-token MLP in the compute type: stages h = h·W + b (then ReLU), the last one back to the residual width.</summary>
    internal sealed class MlpKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T[][] weights; // per stage, inputs × outputs, row-major
        private readonly T[][] biases;
        private readonly bool[] relu;
        private readonly int[] inputs, outputs;

        public MlpKernel(Mlp mlp, int width, string name)
        {
            var stages = mlp.Stages ?? new DenseLayer[0];
            if (stages.Length == 0) throw new ArgumentException($"{name} has no stages", "model");
            weights = new T[stages.Length][];
            biases = new T[stages.Length][];
            relu = new bool[stages.Length];
            inputs = new int[stages.Length];
            outputs = new int[stages.Length];

            int inDims = width;
            for (int k = 0; k < stages.Length; k++)
            {
                string what = $"{name} stage {k}";
                var stage = stages[k] ?? throw new ArgumentException($"{what} is missing", "model");
                var bias = stage.Bias ?? new double[0];
                int outDims = bias.Length;
                if (k == stages.Length - 1 && outDims != width)
                    throw new ArgumentException($"{what} is the last stage and has {outDims} outputs, expected the residual width {width}", "model");
                if (inDims == 0 || outDims == 0)
                {
                    // A stage with no inputs or no outputs has no weights; the default 0×0 matrix is fine.
                    if (stage.Weights is not null && stage.Weights.Data.Length != 0)
                        throw new ArgumentException($"{what} weights are {stage.Weights.Rows}×{stage.Weights.Cols}, expected {inDims}×{outDims}", "model");
                    weights[k] = new T[0];
                }
                else
                {
                    weights[k] = Weights<T>.Convert(stage.Weights, inDims, outDims, $"{what} weights");
                }
                biases[k] = Weights<T>.Convert(bias, $"{what} bias");
                relu[k] = stage.Relu;
                inputs[k] = inDims;
                outputs[k] = outDims;
                inDims = outDims;
            }
        }

        /// <summary>The widest stage output: the size each of the two ping-pong buffers needs.</summary>
        public int MaxOutputs
        {
            get
            {
                int m = 0;
                foreach (int o in outputs) m = Math.Max(m, o);
                return m;
            }
        }

        /// <summary>x += MLP(x) for one position; <paramref name="a"/> and <paramref name="b"/> are scratch of length ≥ <see cref="MaxOutputs"/>.</summary>
        public void Apply(Span<T> x, Span<T> a, Span<T> b)
        {
            ReadOnlySpan<T> h = x;
            Span<T> next = a, spare = b;
            for (int k = 0; k < weights.Length; k++)
            {
                Span<T> y = next.Slice(0, outputs[k]);
                biases[k].CopyTo(y);
                int cols = outputs[k];
                if (cols > 0)
                {
                    for (int r = 0; r < inputs[k]; r++)
                    {
                        T hr = h[r];
                        if (hr != T.Zero) TensorPrimitives.MultiplyAdd(weights[k].AsSpan(r * cols, cols), hr, y, y);
                    }
                }
                if (relu[k]) TensorPrimitives.Max(y, T.Zero, y);
                h = y;
                Span<T> t = next; next = spare; spare = t;
            }
            // The input is read in full by the first stage before anything is written back.
            TensorPrimitives.Add(x, h, x);
        }
    }
}
