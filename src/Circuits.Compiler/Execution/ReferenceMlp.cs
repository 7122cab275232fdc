using System;
using System.Runtime.CompilerServices;

namespace Circuits.Compiler
{
    /// <summary>One per-token MLP in plain double arithmetic: stages h·W + b (then ReLU), the last one added back to the residual.</summary>
    internal sealed class ReferenceMlp
    {
        private readonly DenseLayer[] _stages;
        private readonly SparseRows[] _weights;
        private readonly double[][] _buffers;

        public ReferenceMlp(Mlp mlp, int width)
        {
            _stages = mlp.Stages;
            _weights = new SparseRows[_stages.Length];
            // Scratch for every stage's output, allocated once per model rather than once per position.
            _buffers = new double[_stages.Length + 1][];
            _buffers[0] = new double[width];
            for (int s = 0; s < _stages.Length; s++)
            {
                _weights[s] = new SparseRows(_stages[s].Weights);
                _buffers[s + 1] = new double[_stages[s].Bias.Length];
            }
        }

        /// <summary>Work per position, in multiply-adds.</summary>
        public long Cost
        {
            get
            {
                long work = 0;
                for (int s = 0; s < _stages.Length; s++) work += _weights[s].NonZero + _stages[s].Bias.Length;
                return work;
            }
        }

        /// <summary>x[offset .. offset+width) += MLP(x[offset .. offset+width)).</summary>
        [MethodImpl(ReferenceExecutor.Optimized)]
        public void Apply(double[] x, int offset, int width)
        {
            var h = _buffers[0];
            Array.Copy(x, offset, h, 0, width);
            for (int s = 0; s < _stages.Length; s++)
            {
                var y = _buffers[s + 1];
                Array.Copy(_stages[s].Bias, y, y.Length);
                // A stage with no inputs or outputs has an empty weight matrix: only its bias.
                if (_weights[s].Rows == h.Length) _weights[s].MultiplyAdd(h, 0, y, 0);
                if (_stages[s].Relu)
                    for (int c = 0; c < y.Length; c++) if (y[c] < 0) y[c] = 0;
                h = y;
            }
            for (int r = 0; r < width; r++) x[offset + r] += h[r];
        }
    }
}
