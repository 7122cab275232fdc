using System;
using System.Collections.Generic;

namespace Circuits.Compiler.Emit
{
    /// <summary>The shape of a <see cref="PositionFormula"/> on its range.</summary>
    internal enum PositionFormulaKind
    {
        /// <summary>c·i² + b·i + a (constants, the scalar code of an affine map, the tie-break slot i + 1).</summary>
        Polynomial,
        /// <summary>c·(i + s)²: the v² coordinate of the quadratic code of v = i + s.</summary>
        Square,
        /// <summary>High when bit <see cref="PositionFormula.Bit"/> of i + s is set, else Low: one coordinate of a ±1 binary code.</summary>
        Bit,
    }

    /// <summary>
    /// One position-embedding column as a function of the token index i (row i of the table): zero outside [From, To],
    /// and on it a polynomial, a square or one bit of a ±1 binary code. The emitter writes it as an expression instead
    /// of N table entries; <see cref="Evaluate"/> computes exactly what that expression computes, so a formula is kept
    /// only when it reproduces every entry of the table bit for bit in the compute type.
    /// </summary>
    internal sealed class PositionFormula
    {
        public PositionFormula(int column, PositionFormulaKind kind, int from, int to)
        {
            Column = column;
            Kind = kind;
            From = from;
            To = to;
        }

        /// <summary>The residual column written.</summary>
        public int Column { get; }
        public PositionFormulaKind Kind { get; }
        /// <summary>The rows (token indices) where the formula applies, inclusive; the column is zero elsewhere.</summary>
        public int From { get; set; }
        public int To { get; set; }
        /// <summary>Polynomial coefficients a + b·i + c·i²; for <see cref="PositionFormulaKind.Square"/>, C is the factor.</summary>
        public double A { get; set; }
        public double B { get; set; }
        public double C { get; set; }
        /// <summary>The shift s of i + s (square and bit forms).</summary>
        public int Shift { get; set; }
        /// <summary>The bit read, and the values when it is set and clear.</summary>
        public int Bit { get; set; }
        public double High { get; set; }
        public double Low { get; set; }

        /// <summary>
        /// The value at row <paramref name="i"/> inside the range, in double, by the same operations in the same order as
        /// the emitted expression (before narrowing to the compute type).
        /// </summary>
        public double Evaluate(int i)
        {
            switch (Kind)
            {
                case PositionFormulaKind.Bit:
                    return (((i + Shift) >> Bit) & 1) != 0 ? High : Low;
                case PositionFormulaKind.Square:
                {
                    double u = (double)i + Shift;
                    return C == 1 ? u * u : C * (u * u);
                }
                default:
                {
                    // Terms by descending power, summed left to right, as Expression writes them.
                    double index = i, r = 0;
                    bool any = false;
                    if (C != 0) { r = C * (index * index); any = true; }
                    if (B != 0) { double term = B == 1 ? index : B * index; r = any ? r + term : term; any = true; }
                    if (A != 0 || !any) r = any ? r + A : A;
                    return r;
                }
            }
        }

        /// <summary>
        /// The C# expression of the value in the compute type, reading the token index from the int <c>t</c> and the
        /// double <c>index</c> (equal to t).
        /// </summary>
        public string Expression(Real real)
        {
            switch (Kind)
            {
                case PositionFormulaKind.Bit:
                {
                    string value = Shift == 0 ? "t" : "(" + Offset("t", Shift) + ")";
                    return $"({(Bit == 0 ? value : value + " >> " + Bit)} & 1) != 0 ? {real.Literal(High)} : {real.Literal(Low)}";
                }
                case PositionFormulaKind.Square:
                {
                    string u = Shift == 0 ? "index" : "(" + Offset("index", Shift) + ")";
                    string square = u + " * " + u;
                    return Cast(real, C == 1 ? square : $"{Literals.Double(C)} * ({square})");
                }
                default:
                {
                    // A constant is already a literal of the compute type.
                    if (B == 0 && C == 0) return real.Literal(A);
                    var parts = new List<string>();
                    if (C != 0) parts.Add(Literals.Double(C) + " * (index * index)");
                    if (B != 0) parts.Add(B == 1 ? "index" : Literals.Double(B) + " * index");
                    if (A != 0) parts.Add(Literals.Double(A));
                    string sum = parts[0];
                    for (int k = 1; k < parts.Count; k++)
                        sum += parts[k].StartsWith("-", StringComparison.Ordinal) ? " - " + parts[k].Substring(1) : " + " + parts[k];
                    return Cast(real, sum);
                }
            }
        }

        /// <summary>Whether <see cref="Expression"/> reads the double <c>index</c> (constants and bits do not).</summary>
        public bool ReadsIndex => Kind == PositionFormulaKind.Square || (Kind == PositionFormulaKind.Polynomial && (B != 0 || C != 0));

        /// <summary>What the formula computes, for the comment beside it.</summary>
        public string Describe() => Kind switch
        {
            PositionFormulaKind.Bit => $"±1 code: bit {Bit} of i{Signed(Shift)}",
            PositionFormulaKind.Square => Shift == 0 ? "quadratic code: i²" : $"quadratic code: (i{Signed(Shift)})²",
            _ => C != 0 ? "quadratic in i" : B != 0 ? "affine in i" : "constant",
        };

        private static string Cast(Real real, string doubleExpression)
            => !real.Single ? doubleExpression : doubleExpression == "index" ? "(float)index" : "(float)(" + doubleExpression + ")";

        private static string Offset(string variable, int shift)
            => shift == 0 ? variable : variable + Signed(shift);

        private static string Signed(int shift)
            => shift == 0 ? "" : shift > 0 ? " + " + Literals.Int(shift) : " - " + Literals.Int(-(long)shift);
    }
}
