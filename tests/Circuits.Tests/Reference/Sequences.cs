using System;
using System.Globalization;
using System.Linq;
using Xunit.Sdk;

namespace Circuits.Tests.Reference
{
    /// <summary>Comparison helpers: ⊥ (NaN) equals ⊥, numbers agree within 1e-9.</summary>
    internal static class Sequences
    {
        public const double B = double.NaN;   // ⊥ in expected arrays

        public static bool Same(double expected, double actual)
        {
            if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
            return Math.Abs(expected - actual) <= 1e-9 * Math.Max(1.0, Math.Abs(expected));
        }

        public static void Equal(double[] expected, double[] actual, string context = "")
        {
            bool ok = expected.Length == actual.Length;
            for (int i = 0; ok && i < expected.Length; i++) ok = Same(expected[i], actual[i]);
            if (!ok)
                throw new XunitException("Sequences differ" + (context.Length > 0 ? " (" + context + ")" : "")
                    + "\nexpected: " + Show(expected) + "\nactual:   " + Show(actual));
        }

        public static string Show(double[] v) => "[" + string.Join(", ", v.Select(Show)) + "]";

        public static string Show(int[] v) => "[" + string.Join(", ", v) + "]";

        private static string Show(double v) => double.IsNaN(v) ? "⊥" : v.ToString("R", CultureInfo.InvariantCulture);
    }
}
