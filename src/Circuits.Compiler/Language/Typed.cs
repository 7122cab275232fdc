using System;
using System.Globalization;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>Typed sequences from IR maps: encodes a typed function's result into the IR's numbers.</summary>
    internal static class Typed
    {
        /// <summary>A categorical sequence of <typeparamref name="U"/>, one IR map per field of the result.</summary>
        public static Categorical<U> Categorical<U>(SOp[] inputs, Func<double[], U> f, string label)
            => new Categorical<U>(Lift.Map(inputs, xs => ValueCodec<U>.Encode(f(xs)), ValueCodec<U>.Arity, ValueKind.Categorical, label));

        /// <summary>A numerical sequence computed from the inputs' fields.</summary>
        public static Numerical Numerical(SOp[] inputs, Func<double[], double> f, string label)
            => new Numerical(Lift.Map(inputs, xs => new[] { f(xs) }, 1, ValueKind.Numerical, label)[0]);

        /// <summary>Invariant formatting of a constant in a label.</summary>
        public static string Format<T>(T value) => value switch
        {
            double d => Ir.Format(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value?.ToString() ?? "null",
        };
    }
}
