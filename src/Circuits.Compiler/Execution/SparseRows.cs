using System.Runtime.CompilerServices;

namespace Circuits.Compiler
{
    /// <summary>
    /// A weight matrix as its non-zero entries, row by row. Compiled weights are mostly structural zeros (codes are written
    /// into a few residual coordinates), so the reference executor's work, and the bound it states, scale with the non-zeros.
    /// </summary>
    internal sealed class SparseRows
    {
        private readonly int[] _start, _column;
        private readonly double[] _value;

        public SparseRows(Matrix m)
        {
            Rows = m.Rows; Cols = m.Cols;
            int nonZero = m.NonZeroCount();
            _start = new int[Rows + 1];
            _column = new int[nonZero];
            _value = new double[nonZero];
            int e = 0;
            for (int r = 0; r < Rows; r++)
            {
                _start[r] = e;
                for (int c = 0; c < Cols; c++)
                {
                    double v = m.Data[r * Cols + c];
                    if (v == 0) continue;
                    _column[e] = c; _value[e] = v; e++;
                }
            }
            _start[Rows] = e;
        }

        public int Rows { get; }
        public int Cols { get; }
        public int NonZero => _value.Length;

        /// <summary>y[yOffset ..] += x[xOffset .. xOffset+Rows) · W, skipping zero inputs and zero weights.</summary>
        [MethodImpl(ReferenceExecutor.Optimized)]
        public void MultiplyAdd(double[] x, int xOffset, double[] y, int yOffset)
        {
            for (int r = 0; r < Rows; r++)
            {
                double xr = x[xOffset + r];
                if (xr == 0) continue;
                for (int e = _start[r], end = _start[r + 1]; e < end; e++) y[yOffset + _column[e]] += xr * _value[e];
            }
        }

        /// <summary>y[yOffset ..] += a · row <paramref name="r"/> of W.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddRow(int r, double a, double[] y, int yOffset)
        {
            for (int e = _start[r], end = _start[r + 1]; e < end; e++) y[yOffset + _column[e]] += a * _value[e];
        }
    }
}
