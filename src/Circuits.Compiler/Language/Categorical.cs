using System;
using System.Collections.Generic;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// A categorical sequence: one symbol per position, of type <typeparamref name="T"/> (int, bool, double, or a tuple of
    /// them), or ⊥ where an aggregate selected nothing. Attention copies symbols; maps are lookup tables or exact
    /// piecewise-linear forms. Operators build elementwise maps: <c>tokens == 2</c> is a <c>Categorical&lt;bool&gt;</c>.
    /// </summary>
    /// <typeparam name="T">The symbol type.</typeparam>
    public sealed class Categorical<T> : Sequence
    {
        internal Categorical(params SOp[] parts) : base(parts)
        {
            if (parts.Length != ValueCodec<T>.Arity)
                throw new ArgumentException("A " + typeof(T).Name + " sequence has " + ValueCodec<T>.Arity + " fields, got " + parts.Length + ".", nameof(parts));
            foreach (var p in parts)
                if (p.Kind != ValueKind.Categorical) throw new ArgumentException("'" + p + "' is numerical; a categorical sequence needs categorical nodes.", nameof(parts));
        }

        /// <summary>A copy with a name (residual labels, the card); the sequence itself is not changed.</summary>
        public Categorical<T> Named(string name) => new Categorical<T>(NamedParts(name));

        /// <summary>The value of a field list.</summary>
        internal static T Decode(double[] xs, int offset = 0) => ValueCodec<T>.Decode(xs, offset);

        /// <summary>Elementwise: the value equals <paramref name="value"/>.</summary>
        public static Categorical<bool> operator ==(Categorical<T> a, T value) => Compare(a, value, c => c == 0, "==");
        /// <summary>Elementwise: the value differs from <paramref name="value"/>.</summary>
        public static Categorical<bool> operator !=(Categorical<T> a, T value) => Compare(a, value, c => c != 0, "!=");
        /// <summary>Elementwise: the value is less than <paramref name="value"/>.</summary>
        public static Categorical<bool> operator <(Categorical<T> a, T value) => Compare(a, value, c => c < 0, "<");
        /// <summary>Elementwise: the value is greater than <paramref name="value"/>.</summary>
        public static Categorical<bool> operator >(Categorical<T> a, T value) => Compare(a, value, c => c > 0, ">");
        /// <summary>Elementwise: the value is at most <paramref name="value"/>.</summary>
        public static Categorical<bool> operator <=(Categorical<T> a, T value) => Compare(a, value, c => c <= 0, "<=");
        /// <summary>Elementwise: the value is at least <paramref name="value"/>.</summary>
        public static Categorical<bool> operator >=(Categorical<T> a, T value) => Compare(a, value, c => c >= 0, ">=");

        /// <summary>Elementwise equality of two sequences.</summary>
        public static Categorical<bool> operator ==(Categorical<T> a, Categorical<T> b) => Compare(a, b, c => c == 0, "==");
        /// <summary>Elementwise inequality of two sequences.</summary>
        public static Categorical<bool> operator !=(Categorical<T> a, Categorical<T> b) => Compare(a, b, c => c != 0, "!=");
        /// <summary>Elementwise a &lt; b.</summary>
        public static Categorical<bool> operator <(Categorical<T> a, Categorical<T> b) => Compare(a, b, c => c < 0, "<");
        /// <summary>Elementwise a &gt; b.</summary>
        public static Categorical<bool> operator >(Categorical<T> a, Categorical<T> b) => Compare(a, b, c => c > 0, ">");
        /// <summary>Elementwise a ≤ b.</summary>
        public static Categorical<bool> operator <=(Categorical<T> a, Categorical<T> b) => Compare(a, b, c => c <= 0, "<=");
        /// <summary>Elementwise a ≥ b.</summary>
        public static Categorical<bool> operator >=(Categorical<T> a, Categorical<T> b) => Compare(a, b, c => c >= 0, ">=");

        /// <summary>Elementwise sum (int or double symbols).</summary>
        public static Categorical<T> operator +(Categorical<T> a, Categorical<T> b) => Arithmetic(a, b, '+');
        /// <summary>Elementwise difference (int or double symbols).</summary>
        public static Categorical<T> operator -(Categorical<T> a, Categorical<T> b) => Arithmetic(a, b, '-');
        /// <summary>Elementwise product (int or double symbols).</summary>
        public static Categorical<T> operator *(Categorical<T> a, Categorical<T> b) => Arithmetic(a, b, '*');
        /// <summary>Adds a constant.</summary>
        public static Categorical<T> operator +(Categorical<T> a, T c) => WithConstant(a, c, '+', constantFirst: false);
        /// <summary>Subtracts a constant.</summary>
        public static Categorical<T> operator -(Categorical<T> a, T c) => WithConstant(a, c, '-', constantFirst: false);
        /// <summary>Multiplies by a constant.</summary>
        public static Categorical<T> operator *(Categorical<T> a, T c) => WithConstant(a, c, '*', constantFirst: false);
        /// <summary>A constant plus the sequence.</summary>
        public static Categorical<T> operator +(T c, Categorical<T> a) => WithConstant(a, c, '+', constantFirst: true);
        /// <summary>A constant minus the sequence.</summary>
        public static Categorical<T> operator -(T c, Categorical<T> a) => WithConstant(a, c, '-', constantFirst: true);
        /// <summary>A constant times the sequence.</summary>
        public static Categorical<T> operator *(T c, Categorical<T> a) => WithConstant(a, c, '*', constantFirst: true);
        /// <summary>Elementwise negation (int or double symbols).</summary>
        public static Categorical<T> operator -(Categorical<T> a) => Typed.Categorical<T>(Checked(a).Parts, xs => SymbolArithmetic<T>.Negate(Decode(xs)), "neg");

        /// <summary>Elementwise and (bool symbols).</summary>
        public static Categorical<T> operator &(Categorical<T> a, Categorical<T> b) => Logic(a, b, (x, y) => x & y, "and");
        /// <summary>Elementwise or (bool symbols).</summary>
        public static Categorical<T> operator |(Categorical<T> a, Categorical<T> b) => Logic(a, b, (x, y) => x | y, "or");
        /// <summary>Elementwise exclusive or (bool symbols).</summary>
        public static Categorical<T> operator ^(Categorical<T> a, Categorical<T> b) => Logic(a, b, (x, y) => x ^ y, "xor");
        /// <summary>Elementwise not (bool symbols).</summary>
        public static Categorical<T> operator !(Categorical<T> a) => Not(a);
        /// <summary>Elementwise not (bool symbols), as Tracr writes it.</summary>
        public static Categorical<T> operator ~(Categorical<T> a) => Not(a);

        /// <inheritdoc />
        public override bool Equals(object? obj) => base.Equals(obj);
        /// <inheritdoc />
        public override int GetHashCode() => base.GetHashCode();

        private static Categorical<T> Checked(Categorical<T> a) => a ?? throw new ArgumentNullException(nameof(a));

        private static Categorical<bool> Compare(Categorical<T> a, T value, Func<int, bool> holds, string op)
            => Typed.Categorical<bool>(Checked(a).Parts, xs => holds(Comparer<T>.Default.Compare(Decode(xs), value)), op + Typed.Format(value));

        private static Categorical<bool> Compare(Categorical<T> a, Categorical<T> b, Func<int, bool> holds, string op)
        {
            int n = Checked(a).Parts.Length;
            return Typed.Categorical<bool>(Lift.Concat(a, b ?? throw new ArgumentNullException(nameof(b))),
                xs => holds(Comparer<T>.Default.Compare(Decode(xs), Decode(xs, n))), op);
        }

        private static Categorical<T> Arithmetic(Categorical<T> a, Categorical<T> b, char op)
        {
            SymbolArithmetic<T>.Require(op);
            return Typed.Categorical<T>(Lift.Concat(Checked(a), b ?? throw new ArgumentNullException(nameof(b))),
                xs => SymbolArithmetic<T>.Apply(op, Decode(xs), Decode(xs, 1)), op.ToString());
        }

        private static Categorical<T> WithConstant(Categorical<T> a, T c, char op, bool constantFirst)
        {
            SymbolArithmetic<T>.Require(op);
            string label = constantFirst ? Typed.Format(c) + op : op + Typed.Format(c);
            return Typed.Categorical<T>(Checked(a).Parts,
                xs => constantFirst ? SymbolArithmetic<T>.Apply(op, c, Decode(xs)) : SymbolArithmetic<T>.Apply(op, Decode(xs), c), label);
        }

        private static Categorical<T> Logic(Categorical<T> a, Categorical<T> b, Func<bool, bool, bool> f, string label)
        {
            RequireBool();
            return Typed.Categorical<T>(Lift.Concat(Checked(a), b ?? throw new ArgumentNullException(nameof(b))),
                xs => (T)(object)f(xs[0] == 1, xs[1] == 1), label);
        }

        private static Categorical<T> Not(Categorical<T> a)
        {
            RequireBool();
            return Typed.Categorical<T>(Checked(a).Parts, xs => (T)(object)(xs[0] != 1), "not");
        }

        private static void RequireBool()
        {
            if (typeof(T) != typeof(bool)) throw new NotSupportedException("&, |, ^, ! and ~ combine Categorical<bool> sequences; this one holds " + typeof(T).Name + ".");
        }
    }
}
