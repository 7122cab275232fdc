using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// How values of a C# type travel through the IR, whose values are doubles: an int, a bool (0/1) or a double is one
    /// number; a tuple is its fields side by side (a product code: one IR sequence per field, flattened). Decoding checks
    /// that a number is a value of the type, so a map written over ints never silently truncates 0.25 to 0.
    /// </summary>
    internal static class ValueCodec<T>
    {
        private static readonly Func<T, double[]> Encoder;
        private static readonly Func<double[], int, T> Decoder;

        static ValueCodec()
        {
            var (arity, encode, decode) = Codecs.For(typeof(T));
            Arity = arity;
            Encoder = v => { var dest = new double[arity]; encode(v, dest, 0); return dest; };
            Decoder = (src, offset) => (T)decode(src, offset)!;
        }

        /// <summary>How many IR sequences carry one value (1, or the number of scalar fields of a tuple).</summary>
        public static int Arity { get; }

        /// <summary>The numbers that stand for <paramref name="value"/>.</summary>
        public static double[] Encode(T value) => Encoder(value);

        /// <summary>The value the numbers stand for; throws when they are not a value of <typeparamref name="T"/>.</summary>
        public static T Decode(double[] parts, int offset = 0) => Decoder(parts, offset);

        /// <summary>The value one number stands for (single-field types).</summary>
        public static T Decode(double x) => Decoder(new[] { x }, 0);

        /// <summary>One number for a single-field value.</summary>
        public static double EncodeScalar(T value) => Encoder(value)[0];
    }

    /// <summary>The codecs by CLR type (int, bool, double, and value tuples of them, nested).</summary>
    internal static class Codecs
    {
        public static (int Arity, Action<object?, double[], int> Encode, Func<double[], int, object?> Decode) For(Type type)
        {
            if (type == typeof(int))
                return (1, (v, d, o) => d[o] = (int)v!, (s, o) => ToInt(s[o]));
            if (type == typeof(bool))
                return (1, (v, d, o) => d[o] = (bool)v! ? 1 : 0, (s, o) => ToBool(s[o]));
            if (type == typeof(double))
                return (1, (v, d, o) => d[o] = Finite((double)v!), (s, o) => s[o]);
            if (IsValueTuple(type))
            {
                var fields = TupleFields(type);
                var codecs = new List<(int Arity, Action<object?, double[], int> Encode, Func<double[], int, object?> Decode)>();
                int arity = 0;
                foreach (var f in fields) { var c = For(f.FieldType); codecs.Add(c); arity += c.Arity; }
                return (arity,
                    (v, d, o) =>
                    {
                        for (int i = 0; i < fields.Length; i++) { codecs[i].Encode(fields[i].GetValue(v), d, o); o += codecs[i].Arity; }
                    },
                    (s, o) =>
                    {
                        var args = new object?[fields.Length];
                        for (int i = 0; i < fields.Length; i++) { args[i] = codecs[i].Decode(s, o); o += codecs[i].Arity; }
                        return Activator.CreateInstance(type, args);
                    }
                );
            }
            throw new NotSupportedException("Sequences hold int, bool, double or tuples of them; " + type.Name + " is not supported.");
        }

        /// <summary>True for System.ValueTuple`1..7 (an 8th field would be the Rest tuple, which the language does not need).</summary>
        public static bool IsValueTuple(Type type)
            => type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && type.GetGenericArguments().Length <= 7;

        private static FieldInfo[] TupleFields(Type type)
        {
            var fields = new FieldInfo[type.GetGenericArguments().Length];
            for (int i = 0; i < fields.Length; i++) fields[i] = type.GetField("Item" + (i + 1))!;
            return fields;
        }

        private static double Finite(double v)
            => double.IsNaN(v) || double.IsInfinity(v) ? throw new ArgumentException("A sequence value must be finite, got " + v.ToString(CultureInfo.InvariantCulture) + ".") : v;

        private static int ToInt(double x)
        {
            if (x != Math.Floor(x) || x < int.MinValue || x > int.MaxValue)
                throw new InvalidCastException("the value " + x.ToString("R", CultureInfo.InvariantCulture) + " is not an int; the sequence is typed int but carries other numbers (type it Categorical<double>)");
            return (int)x;
        }

        private static bool ToBool(double x)
            => x == 1 ? true : x == 0 ? false : throw new InvalidCastException("the value " + x.ToString("R", CultureInfo.InvariantCulture) + " is not a bool (0 or 1)");
    }
}
