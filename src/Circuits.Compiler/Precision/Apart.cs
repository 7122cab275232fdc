using System.Globalization;

namespace Circuits.Compiler
{
    /// <summary>
    /// Prints the two sides of a failed comparison with the fewest significant digits (at least 3) that tell them apart, so
    /// a card never reads "error 0.2 > tolerance 0.2" when the error is 0.2003.
    /// </summary>
    internal static class Apart
    {
        public static (string Left, string Right) Format(double left, double right)
        {
            for (int digits = 3; ; digits++)
            {
                string l = left.ToString("G" + digits, CultureInfo.InvariantCulture);
                string r = right.ToString("G" + digits, CultureInfo.InvariantCulture);
                if (l != r || digits == 17) return (l, r);
            }
        }
    }
}
