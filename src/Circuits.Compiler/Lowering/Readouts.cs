using System;

namespace Circuits.Compiler
{
    /// <summary>How finely a numerical readout can tell its values apart.</summary>
    internal static class Readouts
    {
        /// <summary>
        /// Numerical values closer than this many units in the last place of the largest |value| are one value to the readout:
        /// mathematically equal results computed two ways (5/3 − 1.5 and 1.5 − 4/3) differ by an ulp or two, and no numeric
        /// type can separate them. Only the readout groups them; value sets and MLPs keep every distinct double.
        /// </summary>
        public const double ResolutionUlps = 16;

        /// <summary>The resolution for a set of values: <see cref="ResolutionUlps"/> ulps of the largest |value| (0 for none).</summary>
        public static double Resolution(double[] sorted)
        {
            double max = 0;
            foreach (var v in sorted) max = Math.Max(max, Math.Abs(v));
            return ResolutionUlps * max * Math.Pow(2, -52);
        }

        /// <summary>The smallest gap between consecutive sorted values that the readout must tell apart (∞ when none).</summary>
        public static double ResolvableGap(double[] sorted)
        {
            double resolution = Resolution(sorted), gap = double.PositiveInfinity;
            for (int i = 1; i < sorted.Length; i++)
            {
                double d = sorted[i] - sorted[i - 1];
                if (d > resolution) gap = Math.Min(gap, d);
            }
            return gap;
        }

        /// <summary>
        /// The widest run of values the readout does not tell apart (consecutive values within the resolution), 0 when every
        /// pair is resolved: a decoded output may differ from the reference by this much.
        /// </summary>
        public static double Unresolved(double[] sorted)
        {
            double resolution = Resolution(sorted), worst = 0;
            int start = 0;
            for (int i = 1; i <= sorted.Length; i++)
            {
                if (i < sorted.Length && sorted[i] - sorted[i - 1] <= resolution) continue;
                worst = Math.Max(worst, sorted[i - 1] - sorted[start]);
                start = i;
            }
            return worst;
        }
    }
}
