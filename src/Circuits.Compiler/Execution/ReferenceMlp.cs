using System;
using System.Runtime.CompilerServices;

namespace Circuits.Compiler
{
    /// <summary>One per-token MLP in plain double arithmetic: stages h·W + b (then ReLU), the last one added back to the residual.</summary>
    internal sealed class ReferenceMlp
    {
        private readonly Mlp _mlp;
        private readonly double[][] _buffers;

        /// <summary>Scratch for every stage's output, allocated once per pass rather than once per position.</summary>
        public ReferenceMlp(Mlp mlp, int width)
        {
            _mlp = mlp;
            _buffers = new double[mlp.Stages.Length + 1][];
            _buffers[0] = new double[width];
            for (int s = 0; s < mlp.Stages.Length; s++) _buffers[s + 1] = new double[mlp.Stages[s].Bias.Length];
        }

        /// <summary>x[offset .. offset+width) += MLP(x[offset .. offset+width)).</summary>
        [MethodImpl(ReferenceExecutor.Optimized)]
        public void Apply(double[] x, int offset, int width)
        {
            var h = _buffers[0];
            Array.Copy(x, offset, h, 0, width);
            for (int s = 0; s < _mlp.Stages.Length; s++)
            {
                var stage = _mlp.Stages[s];
                var y = _buffers[s + 1];
                int outs = y.Length, ins = h.Length;
                Array.Copy(stage.Bias, y, outs);
                var w = stage.Weights.Data;
                for (int r = 0; r < ins; r++)
                {
                    double hr = h[r];
                    if (hr == 0) continue;
                    int row = r * outs;
                    for (int c = 0; c < outs; c++) y[c] += hr * w[row + c];
                }
                if (stage.Relu)
                    for (int c = 0; c < outs; c++) if (y[c] < 0) y[c] = 0;
                h = y;
            }
            for (int r = 0; r < width; r++) x[offset + r] += h[r];
        }
    }
}
