using System;

namespace Circuits
{
    /// <summary>+, − and × on int or double symbols; ints are checked, so an overflow fails loudly instead of wrapping.</summary>
    internal static class SymbolArithmetic<T>
    {
        public static void Require(char op)
        {
            if (typeof(T) != typeof(int) && typeof(T) != typeof(double))
                throw new NotSupportedException("'" + op + "' is defined on Categorical<int> and Categorical<double>; this sequence holds " + typeof(T).Name + ".");
        }

        public static T Apply(char op, T a, T b)
        {
            if (typeof(T) == typeof(int))
            {
                long x = (int)(object)a!, y = (int)(object)b!;
                long r = op == '+' ? x + y : op == '-' ? x - y : x * y;
                if (r < int.MinValue || r > int.MaxValue) throw new OverflowException(x + " " + op + " " + y + " overflows int.");
                return (T)(object)(int)r;
            }
            double p = (double)(object)a!, q = (double)(object)b!;
            return (T)(object)(op == '+' ? p + q : op == '-' ? p - q : p * q);
        }

        public static T Negate(T a)
        {
            Require('-');
            return typeof(T) == typeof(int) ? Apply('-', (T)(object)0, a) : (T)(object)(-(double)(object)a!);
        }
    }
}
