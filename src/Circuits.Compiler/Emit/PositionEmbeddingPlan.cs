using System;
using System.Collections.Generic;

namespace Circuits.Compiler.Emit
{
    /// <summary>
    /// The position embedding as the emitted pass computes it: formulas for the columns that follow one (the lowering
    /// fills positional slots with codes of functions of the index: scalar, quadratic (1, v, v²), ±1 bits of the code
    /// index, the tie-break i + 1), and a table, restricted to the remaining non-zero columns, for the rest. Without
    /// formulas the emitted source would hold N × columns literals (692 KB for the induction head at N = 4,096).
    /// </summary>
    /// <remarks>
    /// The formulas are recognised from the matrix itself, not carried from the lowering: that works for any
    /// <see cref="CompiledModel"/> (hand-made, deserialised, edited), needs no change to the model, and is sound by
    /// construction, because a formula is kept only after it reproduced every row of its column bit for bit in the
    /// compute type; a column no formula reproduces stays in the table.
    /// </remarks>
    internal sealed class PositionEmbeddingPlan
    {
        private PositionEmbeddingPlan(List<PositionFormula> formulas, int[] tableColumns, double[] table)
        {
            Formulas = formulas;
            TableColumns = tableColumns;
            Table = table;
        }

        /// <summary>Columns written by a formula, in column order.</summary>
        public IReadOnlyList<PositionFormula> Formulas { get; }
        /// <summary>The other non-zero columns, and the table restricted to them (row-major, rows × TableColumns.Length).</summary>
        public int[] TableColumns { get; }
        public double[] Table { get; }

        /// <summary>Splits a narrowed rows × width table into formulas and a table remainder.</summary>
        /// <param name="table">The position embedding, each entry already narrowed to the compute type.</param>
        /// <param name="rows">Its rows (the maximum length).</param>
        /// <param name="width">Its columns (the residual width).</param>
        /// <param name="real">The compute type.</param>
        /// <param name="formulas">False: every non-zero column goes to the table (tests compare both paths).</param>
        public static PositionEmbeddingPlan Derive(double[] table, int rows, int width, Real real, bool formulas = true)
        {
            var found = new List<PositionFormula>();
            var rest = new List<int>();
            var column = new double[rows];
            for (int c = 0; c < width; c++)
            {
                int lo = -1, hi = -1;
                for (int r = 0; r < rows; r++)
                {
                    column[r] = table[r * width + c];
                    if (column[r] != 0) { if (lo < 0) lo = r; hi = r; }
                }
                if (lo < 0) continue;
                var formula = formulas ? Recognise(column, lo, hi, c, real) : null;
                if (formula != null) found.Add(formula);
                else rest.Add(c);
            }
            var kept = new double[rows * rest.Count];
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < rest.Count; k++) kept[r * rest.Count + k] = table[r * width + rest[k]];
            return new PositionEmbeddingPlan(found, rest.ToArray(), kept);
        }

        /// <summary>The first candidate that reproduces rows [lo, hi] (non-zero ones at both ends, zeros outside), with its range widened over rows where it is zero too.</summary>
        private static PositionFormula? Recognise(double[] column, int lo, int hi, int c, Real real)
        {
            foreach (var candidate in Candidates(column, lo, hi, c))
            {
                if (!Reproduces(candidate, column, lo, hi, real)) continue;
                // Rows where the formula happens to be zero, like the table, join the range (i − 1 at i = 1), so the
                // columns of one code share one range and one condition in the emitted code.
                while (candidate.From > 0 && Same(real.Round(candidate.Evaluate(candidate.From - 1)), column[candidate.From - 1])) candidate.From--;
                while (candidate.To < column.Length - 1 && Same(real.Round(candidate.Evaluate(candidate.To + 1)), column[candidate.To + 1])) candidate.To++;
                return candidate;
            }
            return null;
        }

        private static bool Reproduces(PositionFormula f, double[] column, int lo, int hi, Real real)
        {
            for (int r = lo; r <= hi; r++)
                if (!Same(real.Round(f.Evaluate(r)), column[r])) return false;
            return true;
        }

        /// <summary>Bit-identical (so 0 and −0 differ, and a NaN never matches).</summary>
        private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

        private static IEnumerable<PositionFormula> Candidates(double[] column, int lo, int hi, int c)
        {
            // The polynomial through the first (up to) three rows of the range, as a square when it is one.
            int n = hi - lo + 1;
            double v0 = column[lo], v1 = n > 1 ? column[lo + 1] : v0, v2 = n > 2 ? column[lo + 2] : 2 * v1 - v0;
            double cc = (v2 - 2 * v1 + v0) / 2;
            double b = v1 - v0 - cc * (2.0 * lo + 1);
            double a = v0 - b * lo - cc * ((double)lo * lo);
            if (cc != 0)
            {
                double s = b / (2 * cc);
                if (s == Math.Floor(s) && Math.Abs(s) <= 1 << 30 && a == cc * (s * s))
                    yield return new PositionFormula(c, PositionFormulaKind.Square, lo, hi) { C = cc, Shift = (int)s };
            }
            yield return new PositionFormula(c, PositionFormulaKind.Polynomial, lo, hi) { A = a, B = b, C = cc };

            // One bit of a ±1 code of i + s: two levels, the first change at row r (where i + s is a multiple of 2^bit).
            int first = lo + 1;
            while (first <= hi && column[first] == column[lo]) first++;
            if (first > hi) yield break;
            for (int bit = 0; bit < 30 && (1L << bit) <= 2L * n; bit++)
            {
                int h = 1 << bit;
                int s0 = ((-first % h) + h) % h;
                foreach (int s in new[] { s0, s0 + h })
                {
                    bool set = (((first + s) >> bit) & 1) != 0;
                    double high = set ? column[first] : column[lo], low = set ? column[lo] : column[first];
                    if (high < low) continue; // the other choice of s reads the code as written (set = the higher level)
                    int shift = s >= h ? s - 2 * h : s; // the same bits (mod 2^(bit+1)) from a shift in [−2^bit, 2^bit): i − 1 rather than i + 2^(bit+1) − 1
                    yield return new PositionFormula(c, PositionFormulaKind.Bit, lo, hi) { Bit = bit, Shift = shift, High = high, Low = low };
                }
            }
        }
    }
}
