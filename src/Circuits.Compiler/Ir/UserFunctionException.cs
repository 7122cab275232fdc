using System;
using System.Globalization;

namespace Circuits.Compiler
{
    /// <summary>
    /// A user function (a map, a sequence map or a selector predicate) threw. Carries the function's label and the input
    /// it failed on; the compiler reports it as CIRC0215 and the reference evaluator rethrows it as is.
    /// </summary>
    public sealed class UserFunctionException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public UserFunctionException(string function, string input, Exception inner)
            : base($"the user function '{function}' threw {inner.GetType().Name} on {input}: {inner.Message}", inner)
        {
            Function = function;
            Input = input;
        }

        /// <summary>The function's label.</summary>
        public string Function { get; }

        /// <summary>The input it threw on ("x = 3", "(key 1, query 2)").</summary>
        public string Input { get; }

        /// <summary>The node whose function threw, when the compiler knows it.</summary>
        internal object? Offender { get; set; }

        /// <summary>Calls a one-input user function, wrapping what it throws.</summary>
        public static double Call(Func<double, double> f, double x, string label)
        {
            try { return f(x); }
            catch (Exception e) when (!(e is UserFunctionException)) { throw new UserFunctionException(label, "x = " + Show(x), e); }
        }

        /// <summary>Calls a two-input user function, wrapping what it throws.</summary>
        public static double Call(Func<double, double, double> f, double x, double y, string label)
        {
            try { return f(x, y); }
            catch (Exception e) when (!(e is UserFunctionException)) { throw new UserFunctionException(label, "(" + Show(x) + ", " + Show(y) + ")", e); }
        }

        /// <summary>Calls an n-input user function, wrapping what it throws.</summary>
        public static double Call(Func<double[], double> f, double[] xs, string label)
        {
            try { return f(xs); }
            catch (Exception e) when (!(e is UserFunctionException)) { throw new UserFunctionException(label, "(" + string.Join(", ", Array.ConvertAll(xs, Show)) + ")", e); }
        }

        /// <summary>Calls a user predicate of (key, query), wrapping what it throws.</summary>
        public static bool Call(Func<double, double, bool> f, double key, double query, string label)
        {
            try { return f(key, query); }
            catch (Exception e) when (!(e is UserFunctionException)) { throw new UserFunctionException(label, "(key " + Show(key) + ", query " + Show(query) + ")", e); }
        }

        private static string Show(double v) => Bottom.Is(v) ? "⊥" : v.ToString("R", CultureInfo.InvariantCulture);
    }
}
