using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// One position through a ReLU stage whose units share a few integer weight columns (<see cref="SharedColumns"/>): one dot
    /// product per distinct column, then y_u = ReLU(b_u + s). Used by the engine and by generated code; not meant to be
    /// called directly.
    /// </summary>
    /// <remarks>
    /// <para><b>Same floats as the unit-by-unit sum.</b> The row-by-row pass (MlpKernel, the generated MLP) computes
    /// ReLU(b_u + Σ w_ru·h_r) adding the products in input order, skipping zero inputs. Here, when every input is an
    /// integer of magnitude ≤ 2^(p−2) (checked) and b_max + max|h|·max_u Σ_r|w_ru| ≤ 2^(p−1) (p = 24 for float, 53 for double; checked), every
    /// product and every partial sum of either order is an integer of at most that size, so each rounding is exact: both
    /// give the exact integer b_u + Σ w_ru·h_r, whatever the order, whether zero terms are added, and whether the dot
    /// product fuses its multiply-adds. Adding a zero term can only change the sign of a zero sum, and ReLU maps both zeros
    /// to +0. When a check fails, <see cref="TryApply"/> returns false and the caller runs the row-by-row pass.</para>
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SharedColumnsStage<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Integers up to this magnitude are held exactly with room to spare (2^(p−1)); 0 for another type, which never takes this path.</summary>
        private static readonly double ExactIntegers =
            typeof(T) == typeof(float) ? 1 << 23 : typeof(T) == typeof(double) ? 4503599627370496.0 : 0;

        /// <summary>Inputs up to 2^(p−2) are tested for integrality by rounding with <see cref="Rounder"/>; larger ones are refused.</summary>
        private static readonly T LargestInput = T.CreateTruncating(ExactIntegers / 2);

        /// <summary>1.5·2^(p−1): (v + this) − this rounds a |v| ≤ 2^(p−2) to the nearest integer exactly (the sum lands where the spacing is 1).</summary>
        private static readonly T Rounder = T.CreateTruncating(1.5 * ExactIntegers);

        /// <summary>
        /// y = ReLU(bias + h·W) for one position when the sum is exact in integers; false (y untouched) when an input is not an
        /// integer or the sums could leave the exactly represented integers.
        /// </summary>
        /// <param name="h">The stage's inputs (<see cref="SharedColumns.Rows"/> of them).</param>
        /// <param name="columns"><see cref="SharedColumns.Columns"/> in <typeparamref name="T"/>.</param>
        /// <param name="groupStart"><see cref="SharedColumns.GroupStart"/>.</param>
        /// <param name="units"><see cref="SharedColumns.Units"/>.</param>
        /// <param name="bias">Per unit.</param>
        /// <param name="columnAbsSum"><see cref="SharedColumns.ColumnAbsSum"/>.</param>
        /// <param name="biasAbs"><see cref="SharedColumns.BiasAbs"/>.</param>
        /// <param name="y">The outputs, one per unit.</param>
        /// <returns>Whether <paramref name="y"/> was written.</returns>
        public static bool TryApply(ReadOnlySpan<T> h, ReadOnlySpan<T> columns, ReadOnlySpan<int> groupStart, ReadOnlySpan<int> units,
            ReadOnlySpan<T> bias, double columnAbsSum, double biasAbs, Span<T> y)
        {
            if (!IntegersUpTo(h, out T largest)) return false;
            if (!(biasAbs + double.CreateTruncating(largest) * columnAbsSum <= ExactIntegers)) return false;
            int rows = h.Length;
            for (int g = 0; g + 1 < groupStart.Length; g++)
            {
                T s = TensorPrimitives.Dot(columns.Slice(g * rows, rows), h);
                for (int j = groupStart[g]; j < groupStart[g + 1]; j++)
                {
                    int u = units[j];
                    y[u] = T.Max(bias[u] + s, T.Zero);
                }
            }
            return true;
        }

        /// <summary>Whether every input is an integer of magnitude ≤ <see cref="LargestInput"/> (NaN and ±∞ are not), and the largest magnitude.</summary>
        private static bool IntegersUpTo(ReadOnlySpan<T> h, out T largest)
        {
            var m = new Vector<T>(Rounder);
            var notInteger = Vector<T>.Zero;
            var top = Vector<T>.Zero;
            int i = 0;
            for (; i <= h.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(h.Slice(i));
                // NaN fails the comparison; ±∞ passes it but not the magnitude test below, nor does anything past 2^(p−2).
                notInteger |= ~Vector.Equals((v + m) - m, v);
                top = Vector.Max(top, Vector.Abs(v));
            }
            largest = T.Zero;
            for (int j = 0; j < Vector<T>.Count; j++) largest = T.Max(largest, top[j]);
            for (; i < h.Length; i++)
            {
                if (!T.IsInteger(h[i])) return false;
                largest = T.Max(largest, T.Abs(h[i]));
            }
            return notInteger == Vector<T>.Zero && largest <= LargestInput;
        }
    }
}
