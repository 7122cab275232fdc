using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// A numerical sequence: one real number per position, read as a magnitude. A numerical aggregate is the mean of the
    /// selected values (0 when nothing is selected). Comparisons with a constant give <c>Categorical&lt;bool&gt;</c>
    /// (an exact threshold on the finite set of values the sequence can take).
    /// </summary>
    public sealed class Numerical : Sequence
    {
        internal Numerical(SOp node) : base(new[] { node })
        {
            if (node.Kind != ValueKind.Numerical) throw new ArgumentException("'" + node + "' is categorical; use Rasp.Numerical to read it as numbers.", nameof(node));
        }

        /// <summary>A copy with a name (residual labels, the card); the sequence itself is not changed.</summary>
        public Numerical Named(string name) => new Numerical(NamedParts(name)[0]);

        /// <summary>Elementwise sum.</summary>
        public static Numerical operator +(Numerical a, Numerical b) => Combine(a, b, (x, y) => x + y, "+");
        /// <summary>Elementwise difference.</summary>
        public static Numerical operator -(Numerical a, Numerical b) => Combine(a, b, (x, y) => x - y, "-");
        /// <summary>Elementwise product.</summary>
        public static Numerical operator *(Numerical a, Numerical b) => Combine(a, b, (x, y) => x * y, "*");
        /// <summary>Adds a constant.</summary>
        public static Numerical operator +(Numerical a, double c) => Apply(a, x => x + c, "+" + Ir.Format(c));
        /// <summary>Subtracts a constant.</summary>
        public static Numerical operator -(Numerical a, double c) => Apply(a, x => x - c, "-" + Ir.Format(c));
        /// <summary>Multiplies by a constant.</summary>
        public static Numerical operator *(Numerical a, double c) => Apply(a, x => x * c, "*" + Ir.Format(c));
        /// <summary>A constant plus the sequence.</summary>
        public static Numerical operator +(double c, Numerical a) => Apply(a, x => c + x, Ir.Format(c) + "+");
        /// <summary>A constant minus the sequence.</summary>
        public static Numerical operator -(double c, Numerical a) => Apply(a, x => c - x, Ir.Format(c) + "-");
        /// <summary>A constant times the sequence.</summary>
        public static Numerical operator *(double c, Numerical a) => Apply(a, x => c * x, Ir.Format(c) + "*");
        /// <summary>Elementwise negation.</summary>
        public static Numerical operator -(Numerical a) => Apply(a, x => -x, "neg");

        /// <summary>Elementwise: the value is less than <paramref name="c"/>.</summary>
        public static Categorical<bool> operator <(Numerical a, double c) => Test(a, x => x < c, "<" + Ir.Format(c));
        /// <summary>Elementwise: the value is greater than <paramref name="c"/>.</summary>
        public static Categorical<bool> operator >(Numerical a, double c) => Test(a, x => x > c, ">" + Ir.Format(c));
        /// <summary>Elementwise: the value is at most <paramref name="c"/>.</summary>
        public static Categorical<bool> operator <=(Numerical a, double c) => Test(a, x => x <= c, "<=" + Ir.Format(c));
        /// <summary>Elementwise: the value is at least <paramref name="c"/>.</summary>
        public static Categorical<bool> operator >=(Numerical a, double c) => Test(a, x => x >= c, ">=" + Ir.Format(c));
        /// <summary>Elementwise: the value equals <paramref name="c"/>.</summary>
        public static Categorical<bool> operator ==(Numerical a, double c) => Test(a, x => x == c, "==" + Ir.Format(c));
        /// <summary>Elementwise: the value differs from <paramref name="c"/>.</summary>
        public static Categorical<bool> operator !=(Numerical a, double c) => Test(a, x => x != c, "!=" + Ir.Format(c));
        /// <summary>Elementwise: the value is 0 (Python's <c>not x</c>, as Tracr's <c>~</c> on a numerical sequence).</summary>
        public static Categorical<bool> operator !(Numerical a) => Test(a, x => x == 0, "not");
        /// <summary>Elementwise: the value is 0, as Tracr writes it.</summary>
        public static Categorical<bool> operator ~(Numerical a) => Test(a, x => x == 0, "not");

        /// <inheritdoc />
        public override bool Equals(object? obj) => base.Equals(obj);
        /// <inheritdoc />
        public override int GetHashCode() => base.GetHashCode();

        private static Numerical Apply(Numerical a, Func<double, double> f, string label)
            => new Numerical(Ir.Map((a ?? throw new ArgumentNullException(nameof(a))).Node, f, ValueKind.Numerical, label));

        private static Numerical Combine(Numerical a, Numerical b, Func<double, double, double> f, string label)
            => new Numerical(Ir.SequenceMap((a ?? throw new ArgumentNullException(nameof(a))).Node, (b ?? throw new ArgumentNullException(nameof(b))).Node, f, ValueKind.Numerical, label));

        private static Categorical<bool> Test(Numerical a, Func<double, bool> f, string label)
            => new Categorical<bool>(Ir.Map((a ?? throw new ArgumentNullException(nameof(a))).Node, x => f(x) ? 1 : 0, ValueKind.Categorical, label));
    }
}
