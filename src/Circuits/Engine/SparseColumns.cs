using System;
using System.Collections.Generic;
using System.Numerics;

namespace Circuits
{
    /// <summary>
    /// y = x·W for a sparse W (width × cols), column by column: y_c = Σ_r x_r·W_rc over the non-zero W_rc in ascending r, one
    /// rounding per product and per sum — the same floats as adding W's rows weighted by the non-zero x_r, for the few
    /// non-zeros a head's projections have (a ±1 code bit feeds one or two columns), without a call per row.
    /// </summary>
    internal sealed class SparseColumns<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly int[] _start, _rows; // column c's terms are [_start[c], _start[c + 1])
        private readonly T[] _weights;

        /// <summary>The non-zeros of the row-major <paramref name="w"/> (<paramref name="rows"/> × <paramref name="cols"/>).</summary>
        public SparseColumns(T[] w, int rows, int cols)
        {
            _start = new int[cols + 1];
            var indices = new List<int>();
            var weights = new List<T>();
            for (int c = 0; c < cols; c++)
            {
                for (int r = 0; r < rows; r++)
                {
                    T v = w[r * cols + c];
                    if (v == T.Zero) continue;
                    indices.Add(r);
                    weights.Add(v);
                }
                _start[c + 1] = indices.Count;
            }
            _rows = indices.ToArray();
            _weights = weights.ToArray();
        }

        /// <summary>Writes x·W into <paramref name="y"/> (its first cols entries).</summary>
        public void Apply(ReadOnlySpan<T> x, Span<T> y)
        {
            for (int c = 0; c + 1 < _start.Length; c++)
            {
                T s = T.Zero;
                for (int t = _start[c]; t < _start[c + 1]; t++) s += x[_rows[t]] * _weights[t];
                y[c] = s;
            }
        }

        /// <summary>
        /// y_r = W_rc·a + y_r for the non-zero W_rc of column <paramref name="c"/>, r ascending: what a dense multiply-add of the
        /// column into y gives (a zero W_rc adds an exact 0, which changes no sum's value).
        /// </summary>
        public void AddScaled(int c, T a, Span<T> y)
        {
            for (int t = _start[c]; t < _start[c + 1]; t++) y[_rows[t]] = _weights[t] * a + y[_rows[t]];
        }
    }
}
