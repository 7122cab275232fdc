using System;
using System.Numerics;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>Shape checks and the one-time conversion of double weights to the compute type.</summary>
    internal static class Weights<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Converts to <typeparamref name="T"/>, refusing values that are not finite (before or after narrowing): an
        /// infinite weight would turn the whole residual into NaN, far from where the problem is.
        /// </summary>
        public static T[] Convert(double[] source, string what)
        {
            var result = new T[source.Length];
            for (int i = 0; i < source.Length; i++)
            {
                T v = T.CreateChecked(source[i]);
                if (!T.IsFinite(v))
                    throw new ArgumentException(
                        $"{what}: entry {i} is {source[i]}, which is not finite as {typeof(T).Name}", "model");
                result[i] = v;
            }
            return result;
        }

        /// <summary>Converts a matrix after checking its shape (rows × cols).</summary>
        public static T[] Convert(Matrix m, int rows, int cols, string what)
        {
            if (m is null) throw new ArgumentException($"{what} is missing", "model");
            if (m.Rows != rows || m.Cols != cols)
                throw new ArgumentException($"{what} is {m.Rows}×{m.Cols}, expected {rows}×{cols}", "model");
            return Convert(m.Data, what);
        }

        /// <summary>
        /// The column count of a weight matrix that should have <paramref name="rows"/> rows; a 0×0 matrix (the model
        /// types' default) stands for "no columns", so absent projections need no exact empty shape.
        /// </summary>
        public static int Cols(Matrix m, int rows, string what)
        {
            if (m is null) throw new ArgumentException($"{what} is missing", "model");
            if (m.Rows == 0 && m.Cols == 0) return 0;
            if (m.Rows != rows)
                throw new ArgumentException($"{what} has {m.Rows} rows, expected {rows}", "model");
            return m.Cols;
        }
    }
}
