using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Circuits.Generator.Interpreter
{
    /// <summary>
    /// C# semantics for the interpreter's primitive values (int, long, double, float, char, bool, string): conversions with
    /// cast semantics (truncation, not rounding) and the built-in operators after the compiler's implicit promotions.
    /// </summary>
    internal static class Values
    {
        public static bool IsNumeric(object? v) => v is int || v is long || v is double || v is float || v is char || v is short || v is byte;

        public static double ToDouble(object? v) => v switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            char c => c,
            short s => s,
            byte b => b,
            _ => throw new InvalidCastException("expected a number, got " + Describe(v)),
        };

        public static long ToLong(object? v) => v switch
        {
            long l => l,
            int i => i,
            char c => c,
            short s => s,
            byte b => b,
            double d => (long)d,
            float f => (long)f,
            _ => throw new InvalidCastException("expected an integer, got " + Describe(v)),
        };

        public static int ToInt(object? v) => v switch
        {
            int i => i,
            long l => unchecked((int)l),
            char c => c,
            short s => s,
            byte b => b,
            double d => (int)d,
            float f => (int)f,
            _ => throw new InvalidCastException("expected an integer, got " + Describe(v)),
        };

        public static bool ToBool(object? v) => v is bool b ? b : throw new InvalidCastException("expected a bool, got " + Describe(v));

        public static string Describe(object? v) => v is null ? "null" : v.GetType().Name;

        public static string ToText(object? v) => v switch
        {
            null => "",
            double d => d.ToString(CultureInfo.InvariantCulture),
            float f => f.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        };

        /// <summary>Converts to a Roslyn type with C# cast semantics; non-primitive values pass through.</summary>
        public static object? Convert(object? v, ITypeSymbol? type)
        {
            if (type is null || v is null) return v;
            if (type.TypeKind == TypeKind.Enum) return IsNumeric(v) ? ToInt(v) : v;
            if ((type is INamedTypeSymbol { IsTupleType: true } || type is IArrayTypeSymbol) && CoreBinder.MapType(type) is Type clr) return Convert(v, clr);
            switch (type.SpecialType)
            {
                case SpecialType.System_Int32: return ToInt(v);
                case SpecialType.System_Int64: return ToLong(v);
                case SpecialType.System_Double: return ToDouble(v);
                case SpecialType.System_Single: return (float)ToDouble(v);
                case SpecialType.System_Char: return (char)ToInt(v);
                case SpecialType.System_Int16: return (short)ToInt(v);
                case SpecialType.System_Byte: return (byte)ToInt(v);
                case SpecialType.System_Boolean: return ToBool(v);
                default: return v;
            }
        }

        /// <summary>Converts to a CLR type (delegate results, reflection arguments).</summary>
        public static object? Convert(object? v, Type type)
        {
            if (v is null) return null;
            if (type.IsInstanceOfType(v) && !type.IsEnum) return v;
            if (type.IsEnum) return Enum.ToObject(type, ToInt(v));
            if (type == typeof(int)) return ToInt(v);
            if (type == typeof(double)) return ToDouble(v);
            if (type == typeof(long)) return ToLong(v);
            if (type == typeof(float)) return (float)ToDouble(v);
            if (type == typeof(char)) return (char)ToInt(v);
            if (type == typeof(bool)) return ToBool(v);
            if (type == typeof(string)) return ToText(v);
            if (type.IsArray && v is Array array)
            {
                var element = type.GetElementType()!;
                var result = Array.CreateInstance(element, array.Length);
                for (int i = 0; i < array.Length; i++) result.SetValue(Convert(array.GetValue(i), element), i);
                return result;
            }
            if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
                && v.GetType().IsGenericType && v.GetType().GetGenericArguments().Length == type.GetGenericArguments().Length)
            {
                var targets = type.GetGenericArguments();
                var values = new object?[targets.Length];
                for (int i = 0; i < targets.Length; i++) values[i] = Convert(v.GetType().GetField("Item" + (i + 1))!.GetValue(v), targets[i]);
                return Activator.CreateInstance(type, values);
            }
            throw new InvalidCastException("cannot convert " + Describe(v) + " to " + type.Name);
        }

        /// <summary>A built-in binary operator (operands already promoted by the compiler's implicit conversions).</summary>
        public static object? Binary(BinaryOperatorKind kind, object? l, object? r)
        {
            if (kind == BinaryOperatorKind.Add && (l is string || r is string)) return ToText(l) + ToText(r);
            if (l is bool bl && r is bool br)
            {
                switch (kind)
                {
                    case BinaryOperatorKind.And: return bl & br;
                    case BinaryOperatorKind.Or: return bl | br;
                    case BinaryOperatorKind.ExclusiveOr: return bl ^ br;
                    case BinaryOperatorKind.Equals: return bl == br;
                    case BinaryOperatorKind.NotEquals: return bl != br;
                }
            }
            if (IsNumeric(l) && IsNumeric(r))
            {
                if (l is double || r is double || l is float || r is float) return DoubleOp(kind, ToDouble(l), ToDouble(r));
                if (l is long || r is long)
                {
                    if (kind == BinaryOperatorKind.LeftShift) return ToLong(l) << ToInt(r);
                    if (kind == BinaryOperatorKind.RightShift) return ToLong(l) >> ToInt(r);
                    return LongOp(kind, ToLong(l), ToLong(r));
                }
                return IntOp(kind, ToInt(l), ToInt(r));
            }
            switch (kind)
            {
                case BinaryOperatorKind.Equals: return Equals(l, r);
                case BinaryOperatorKind.NotEquals: return !Equals(l, r);
            }
            throw new InvalidOperationException("operator " + kind + " on " + Describe(l) + " and " + Describe(r));
        }

        private static object DoubleOp(BinaryOperatorKind kind, double a, double b) => kind switch
        {
            BinaryOperatorKind.Add => a + b,
            BinaryOperatorKind.Subtract => a - b,
            BinaryOperatorKind.Multiply => a * b,
            BinaryOperatorKind.Divide => a / b,
            BinaryOperatorKind.Remainder => a % b,
            BinaryOperatorKind.Equals => a == b,
            BinaryOperatorKind.NotEquals => a != b,
            BinaryOperatorKind.LessThan => a < b,
            BinaryOperatorKind.LessThanOrEqual => a <= b,
            BinaryOperatorKind.GreaterThan => a > b,
            BinaryOperatorKind.GreaterThanOrEqual => a >= b,
            _ => throw new InvalidOperationException("operator " + kind + " on double"),
        };

        private static object IntOp(BinaryOperatorKind kind, int a, int b) => unchecked(kind switch
        {
            BinaryOperatorKind.Add => a + b,
            BinaryOperatorKind.Subtract => a - b,
            BinaryOperatorKind.Multiply => a * b,
            BinaryOperatorKind.Divide => a / b,
            BinaryOperatorKind.Remainder => a % b,
            BinaryOperatorKind.And => a & b,
            BinaryOperatorKind.Or => a | b,
            BinaryOperatorKind.ExclusiveOr => a ^ b,
            BinaryOperatorKind.LeftShift => a << b,
            BinaryOperatorKind.RightShift => a >> b,
            BinaryOperatorKind.Equals => a == b,
            BinaryOperatorKind.NotEquals => a != b,
            BinaryOperatorKind.LessThan => a < b,
            BinaryOperatorKind.LessThanOrEqual => a <= b,
            BinaryOperatorKind.GreaterThan => a > b,
            BinaryOperatorKind.GreaterThanOrEqual => (object)(a >= b),
            _ => throw new InvalidOperationException("operator " + kind + " on int"),
        });

        private static object LongOp(BinaryOperatorKind kind, long a, long b) => unchecked(kind switch
        {
            BinaryOperatorKind.Add => a + b,
            BinaryOperatorKind.Subtract => a - b,
            BinaryOperatorKind.Multiply => a * b,
            BinaryOperatorKind.Divide => a / b,
            BinaryOperatorKind.Remainder => a % b,
            BinaryOperatorKind.And => a & b,
            BinaryOperatorKind.Or => a | b,
            BinaryOperatorKind.ExclusiveOr => a ^ b,
            BinaryOperatorKind.Equals => a == b,
            BinaryOperatorKind.NotEquals => a != b,
            BinaryOperatorKind.LessThan => a < b,
            BinaryOperatorKind.LessThanOrEqual => a <= b,
            BinaryOperatorKind.GreaterThan => a > b,
            BinaryOperatorKind.GreaterThanOrEqual => (object)(a >= b),
            _ => throw new InvalidOperationException("operator " + kind + " on long"),
        });

        /// <summary>A built-in unary operator.</summary>
        public static object? Unary(UnaryOperatorKind kind, object? v)
        {
            switch (kind)
            {
                case UnaryOperatorKind.Not: return !ToBool(v);
                case UnaryOperatorKind.Plus: return v;
                case UnaryOperatorKind.Minus:
                    return v switch { double d => -d, float f => -f, long l => unchecked(-l), _ => (object)unchecked(-ToInt(v)) };
                case UnaryOperatorKind.BitwiseNegation:
                    return v is long l2 ? ~l2 : (object)~ToInt(v);
            }
            throw new InvalidOperationException("operator " + kind);
        }

        /// <summary>v + delta in v's own type (++/--).</summary>
        public static object Step(object? v, int delta) => v switch
        {
            int i => unchecked(i + delta),
            long l => unchecked(l + delta),
            double d => d + delta,
            float f => f + delta,
            char c => (char)(c + delta),
            _ => throw new InvalidOperationException("++/-- on " + Describe(v)),
        };
    }
}
