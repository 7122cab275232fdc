using System;
using System.ComponentModel;
using System.Numerics;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The row tables of a shared-columns stage (<see cref="SharedColumns"/>), rebuilt from its few distinct columns when the
    /// generated type loads: the dense rows whole, the sparse rows' non-zeros by unit ascending. Generated code emits the
    /// columns and the row layout (which rows are dense, where each sparse row starts), not the rows themselves: a decode
    /// ladder's stage has N² weights but only a few distinct columns of N. Used by generated code; not meant to be called directly.
    /// </summary>
    /// <remarks>
    /// Every weight is copied from the columns, which hold the stage's weights as the pass computes with them, so the tables
    /// are the ones the emitter would have written as literals, value for value. The layout decides nothing here: the emitter
    /// chose which rows are dense, and a row whose non-zeros do not fill its sparse slot exactly is refused loudly.
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class SharedColumnsRows<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private SharedColumnsRows(T[] dense, int[] unit, T[] weight)
        {
            Dense = dense;
            Unit = unit;
            Weight = weight;
        }

        /// <summary>The dense rows one after another, each with a weight per unit.</summary>
        public T[] Dense { get; }

        /// <summary>The sparse rows' non-zero units, row after row, ascending within a row.</summary>
        public int[] Unit { get; }

        /// <summary>The weights of <see cref="Unit"/>'s entries.</summary>
        public T[] Weight { get; }

        /// <summary>
        /// Rebuilds the rows of a stage whose unit u reads column g (u is in <paramref name="units"/>[groupStart[g] ..
        /// groupStart[g + 1])): its weight at input r is <paramref name="columns"/>[g × rows + r].
        /// </summary>
        /// <param name="columns"><see cref="SharedColumns.Columns"/> in <typeparamref name="T"/>.</param>
        /// <param name="groupStart"><see cref="SharedColumns.GroupStart"/>.</param>
        /// <param name="units"><see cref="SharedColumns.Units"/>: every unit of the stage once.</param>
        /// <param name="rowStart">Per input, where its sparse non-zeros start in <see cref="Unit"/> (one more entry for the end).</param>
        /// <param name="denseAt">Per input, where its dense row starts in <see cref="Dense"/>, or −1 for a sparse row.</param>
        /// <returns>The tables.</returns>
        /// <exception cref="ArgumentException">The layout does not fit the columns (an emitter bug, never silently).</exception>
        public static SharedColumnsRows<T> Expand(ReadOnlySpan<T> columns, ReadOnlySpan<int> groupStart, ReadOnlySpan<int> units,
            ReadOnlySpan<int> rowStart, ReadOnlySpan<int> denseAt)
        {
            int cols = units.Length, rows = denseAt.Length, groups = groupStart.Length - 1;
            if (groups < 1 || columns.Length != groups * rows || rowStart.Length != rows + 1 || groupStart[groups] != cols)
                throw Misfit($"{groups} column(s) of {columns.Length / Math.Max(groups, 1)} inputs, {cols} units, {rowStart.Length} row starts for {rows} rows");
            var column = new int[cols]; // each unit's column
            for (int g = 0; g < groups; g++)
                for (int j = groupStart[g]; j < groupStart[g + 1]; j++) column[units[j]] = g * rows;
            int denseRows = 0;
            foreach (int at in denseAt) if (at >= 0) denseRows++;
            var dense = new T[denseRows * cols];
            var unit = new int[rowStart[rows]];
            var weight = new T[rowStart[rows]];
            for (int r = 0; r < rows; r++)
            {
                int at = denseAt[r], n = rowStart[r];
                if (at >= 0)
                {
                    if (at > dense.Length - cols) throw Misfit($"dense row {r} starts at {at}, past the {denseRows} dense row(s)");
                    for (int u = 0; u < cols; u++) dense[at + u] = columns[column[u] + r];
                }
                else
                {
                    for (int u = 0; u < cols; u++)
                    {
                        T w = columns[column[u] + r];
                        if (w == T.Zero) continue;
                        if (n >= rowStart[r + 1]) throw Misfit($"sparse row {r} has more non-zeros than its {rowStart[r + 1] - rowStart[r]}");
                        unit[n] = u;
                        weight[n++] = w;
                    }
                }
                if (n != rowStart[r + 1]) throw Misfit($"row {r} fills {n - rowStart[r]} of its {rowStart[r + 1] - rowStart[r]} sparse entries");
            }
            return new SharedColumnsRows<T>(dense, unit, weight);
        }

        private static ArgumentException Misfit(string what)
            => new ArgumentException("the shared columns do not fit the stage's row layout: " + what);
    }
}
