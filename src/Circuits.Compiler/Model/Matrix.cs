using System;

namespace Circuits.Compiler
{
    /// <summary>A dense row-major matrix of doubles (weights are built in double and narrowed by the engine).</summary>
    public sealed class Matrix
    {
        /// <summary>Creates a zero matrix.</summary>
        public Matrix(int rows, int cols)
        {
            if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "A matrix needs a non-negative number of rows.");
            if (cols < 0) throw new ArgumentOutOfRangeException(nameof(cols), cols, "A matrix needs a non-negative number of columns.");
            if ((long)rows * cols > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(cols), cols, $"A {rows} × {cols} matrix has more than {int.MaxValue} entries.");
            Rows = rows; Cols = cols; Data = new double[rows * cols];
        }

        /// <summary>Number of rows (inputs for weight matrices).</summary>
        public int Rows { get; }
        /// <summary>Number of columns (outputs for weight matrices).</summary>
        public int Cols { get; }
        /// <summary>Row-major entries.</summary>
        public double[] Data { get; }

        /// <summary>Entry at (r, c).</summary>
        public double this[int r, int c]
        {
            get => Data[r * Cols + c];
            set => Data[r * Cols + c] = value;
        }

        /// <summary>Count of non-zero entries.</summary>
        public int NonZeroCount()
        {
            int n = 0;
            foreach (var v in Data) if (v != 0) n++;
            return n;
        }
    }
}
