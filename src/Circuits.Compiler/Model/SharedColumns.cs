using System;
using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>
    /// A ReLU stage of an MLP whose units read few distinct weight columns, every weight and bias an integer: a decode
    /// ladder's threshold stage, where each unit is ReLU(v_t − s) for one shared form s. Such a unit needs one dot product
    /// per distinct column instead of one per unit. Engines use it only when it gives the floats of the unit-by-unit sum:
    /// when the stage's inputs are integers and every partial sum is an integer the compute type holds exactly (the
    /// runtime's SharedColumnsStage checks both per position), both sums are the exact integer, whatever their order.
    /// Used by the engine and by the code generator; not meant to be called directly.
    /// </summary>
    public sealed class SharedColumns
    {
        private SharedColumns(int rows, double[] columns, int[] groupStart, int[] units, double columnAbsSum, double biasAbs)
        {
            Rows = rows;
            Columns = columns;
            GroupStart = groupStart;
            Units = units;
            ColumnAbsSum = columnAbsSum;
            BiasAbs = biasAbs;
        }

        /// <summary>A stage is worth it when its units outnumber its distinct columns this many times or more.</summary>
        public const int MinUnitsPerColumn = 4;

        /// <summary>The stage's inputs: the length of each column.</summary>
        public int Rows { get; }

        /// <summary>The distinct columns, one after another (<see cref="Count"/> × <see cref="Rows"/>).</summary>
        public double[] Columns { get; }

        /// <summary>Column g's units are <see cref="Units"/>[GroupStart[g] .. GroupStart[g + 1]).</summary>
        public int[] GroupStart { get; }

        /// <summary>The stage's units grouped by column, ascending within a group; every unit appears once.</summary>
        public int[] Units { get; }

        /// <summary>The largest Σ|w| over the columns: a unit's partial sums stay within <see cref="BiasAbs"/> + max|h| × this.</summary>
        public double ColumnAbsSum { get; }

        /// <summary>The largest |bias| of the stage.</summary>
        public double BiasAbs { get; }

        /// <summary>The number of distinct columns.</summary>
        public int Count => GroupStart.Length - 1;

        /// <summary>
        /// The stage's distinct columns when it has ReLU, every weight and bias is an integer, and its units share columns
        /// at least <see cref="MinUnitsPerColumn"/> to one; null otherwise.
        /// </summary>
        /// <param name="weights">The stage's weights, inputs × units, row-major, as the engine computes with them (already narrowed).</param>
        /// <param name="rows">Inputs.</param>
        /// <param name="bias">Per unit (narrowed likewise).</param>
        /// <param name="relu">Whether the stage applies ReLU.</param>
        public static SharedColumns? Find(double[] weights, int rows, double[] bias, bool relu)
        {
            if (weights is null) throw new ArgumentNullException(nameof(weights));
            if (bias is null) throw new ArgumentNullException(nameof(bias));
            int cols = bias.Length;
            if (!relu || rows == 0 || cols < MinUnitsPerColumn || weights.Length != rows * cols) return null;
            foreach (double w in weights) if (!Integer(w)) return null;
            foreach (double b in bias) if (!Integer(b)) return null;

            // Columns by a hash of their bits, then compared exactly with each distinct column of that hash.
            var byHash = new Dictionary<long, List<int>>();
            var distinct = new List<int>(); // a representative unit per distinct column
            var members = new List<List<int>>();
            for (int u = 0; u < cols; u++)
            {
                long hash = 17;
                for (int r = 0; r < rows; r++) hash = hash * 31 + BitConverter.DoubleToInt64Bits(weights[r * cols + u] + 0.0);
                if (!byHash.TryGetValue(hash, out var candidates)) byHash[hash] = candidates = new List<int>();
                int group = -1;
                foreach (int g in candidates)
                    if (SameColumn(weights, rows, cols, distinct[g], u)) { group = g; break; }
                if (group < 0)
                {
                    group = distinct.Count;
                    distinct.Add(u);
                    members.Add(new List<int>());
                    candidates.Add(group);
                    if (MinUnitsPerColumn * distinct.Count > cols) return null;
                }
                members[group].Add(u);
            }

            var columns = new double[distinct.Count * rows];
            var groupStart = new int[distinct.Count + 1];
            var units = new int[cols];
            double columnAbsSum = 0, biasAbs = 0;
            for (int g = 0, n = 0; g < distinct.Count; g++)
            {
                double abs = 0;
                for (int r = 0; r < rows; r++)
                {
                    double w = weights[r * cols + distinct[g]];
                    columns[g * rows + r] = w;
                    abs += Math.Abs(w);
                }
                columnAbsSum = Math.Max(columnAbsSum, abs);
                foreach (int u in members[g]) units[n++] = u;
                groupStart[g + 1] = n;
            }
            foreach (double b in bias) biasAbs = Math.Max(biasAbs, Math.Abs(b));
            return new SharedColumns(rows, columns, groupStart, units, columnAbsSum, biasAbs);
        }

        private static bool Integer(double v) => !double.IsNaN(v) && !double.IsInfinity(v) && Math.Floor(v) == v;

        // −0 and +0 are the same weight (w·h and the sums are equal up to the sign of a zero, which ReLU drops).
        private static bool SameColumn(double[] weights, int rows, int cols, int a, int b)
        {
            for (int r = 0; r < rows; r++)
                if (weights[r * cols + a] != weights[r * cols + b]) return false;
            return true;
        }
    }
}
