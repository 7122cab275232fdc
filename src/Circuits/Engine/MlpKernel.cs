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
        // Per stage and input row: the row's non-zeros when it is sparse (a decode ladder's second stage reads one unit per row),
        // null when it is dense enough for one vector op. Skipping a zero weight skips adding an exact 0: the sums are unchanged.
        private readonly int[]?[][] _sparseColumns;
        private readonly T[]?[][] _sparseValues;
        private readonly T[][] _biases;
        // Per stage: its shared integer columns (a decode ladder's threshold stage), tried before the row-by-row sum; else null.
        private readonly Shared?[] _shared;
        private readonly bool[] _relu;
        private readonly int[] _inputs, _outputs;

        public MlpKernel(Mlp mlp, int width, string name)
        {
            var stages = mlp.Stages ?? Array.Empty<DenseLayer>();
            if (stages.Length == 0) throw new ArgumentException($"{name} has no stages", "model");
            _weights = new T[stages.Length][];
            _sparseColumns = new int[]?[stages.Length][];
            _sparseValues = new T[]?[stages.Length][];
            _biases = new T[stages.Length][];
            _shared = new Shared?[stages.Length];
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
                (_sparseColumns[k], _sparseValues[k]) = SparseRows(_weights[k], inDims, outDims);
                _biases[k] = Weights<T>.Convert(bias, $"{what} bias");
                _relu[k] = stage.Relu;
                _shared[k] = Shared.Find(_weights[k], inDims, _biases[k], stage.Relu);
                _inputs[k] = inDims;
                _outputs[k] = outDims;
                inDims = outDims;
            }
        }

        /// <summary>Each row's non-zeros (columns ascending) when fewer than a quarter of its entries; null for the denser rows.</summary>
        private static (int[]?[], T[]?[]) SparseRows(T[] weights, int rows, int cols)
        {
            var columns = new int[]?[rows];
            var values = new T[]?[rows];
            for (int r = 0; r < rows && cols > 0; r++)
            {
                var row = weights.AsSpan(r * cols, cols);
                int nonZero = cols - row.Count(T.Zero);
                if (4 * nonZero >= cols) continue;
                var at = new int[nonZero];
                var w = new T[nonZero];
                for (int c = 0, j = 0; c < cols; c++)
                    if (row[c] != T.Zero) { at[j] = c; w[j++] = row[c]; }
                columns[r] = at;
                values[r] = w;
            }
            return (columns, values);
        }

        /// <summary>A stage's <see cref="SharedColumns"/> with its columns in <typeparamref name="T"/>.</summary>
        private sealed class Shared
        {
            private Shared(SharedColumns of, T[] columns) { Of = of; Columns = columns; }

            public SharedColumns Of { get; }
            public T[] Columns { get; }

            public static Shared? Find(T[] weights, int rows, T[] bias, bool relu)
            {
                var of = SharedColumns.Find(Array.ConvertAll(weights, double.CreateTruncating), rows, Array.ConvertAll(bias, double.CreateTruncating), relu);
                // The columns came from T values, so converting back is exact.
                return of is null ? null : new Shared(of, Array.ConvertAll(of.Columns, T.CreateTruncating));
            }
        }

        /// <summary>Whether a stage takes the shared-columns path (<see cref="SharedColumnsStage{T}"/>): far cheaper per position than its dense rows.</summary>
        public bool HasSharedColumns => Array.Exists(_shared, s => s is not null);

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
                var shared = _shared[k];
                // A shared-columns stage gives the row-by-row floats when it applies (SharedColumnsStage says why), else the rows run.
                if (shared is null || !SharedColumnsStage<T>.TryApply(h, shared.Columns, shared.Of.GroupStart, shared.Of.Units, _biases[k], shared.Of.ColumnAbsSum, shared.Of.BiasAbs, y))
                    ApplyRows(k, h, y);
                h = y;
                Span<T> t = next; next = spare; spare = t;
            }
            // The input is read in full by the first stage before anything is written back.
            TensorPrimitives.Add(x, h, x);
        }

        /// <summary>y = b + h·W (then ReLU) by rows of W: each non-zero input adds its row, whole or by its non-zeros.</summary>
        private void ApplyRows(int k, ReadOnlySpan<T> h, Span<T> y)
        {
            _biases[k].CopyTo(y);
            int cols = _outputs[k];
            if (cols > 0)
            {
                var columns = _sparseColumns[k];
                var values = _sparseValues[k];
                for (int r = 0; r < _inputs[k]; r++)
                {
                    T hr = h[r];
                    if (hr == T.Zero) continue;
                    int[]? at = columns[r];
                    if (at is null) TensorPrimitives.MultiplyAdd(_weights[k].AsSpan(r * cols, cols), hr, y, y);
                    else
                    {
                        T[] w = values[r]!;
                        for (int j = 0; j < at.Length; j++) y[at[j]] += w[j] * hr;
                    }
                }
            }
            if (_relu[k]) TensorPrimitives.Max(y, T.Zero, y);
        }
    }
}
