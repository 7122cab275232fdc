using System;
using System.Globalization;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>The readout's decoding rules (one-hot band, ±1 sign, nearest admissible value within the tolerance), as a check on intervals.</summary>
    internal static class ReadoutCheck
    {
        private const double BandLow = 0.25, BandHigh = 0.75, Half = 0.5;

        // The readout's values sorted once per readout: the check runs once per value, and re-sorting each time made a
        // 24,001-value numerical readout take minutes (V² log V).
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<double[], double[]> SortedValues = new();

        private static double[] Sorted(double[] values) => SortedValues.GetValue(values, v => v.OrderBy(x => x).ToArray());

        /// <summary>Null when every point of the box [lo, hi] decodes to <paramref name="v"/>; otherwise why not.</summary>
        public static string? Rejects(Readout r, double[] lo, double[] hi, double v)
        {
            string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
            bool bottom = Bottom.Is(v);
            switch (r.Encoding)
            {
                case Encoding.OneHot:
                {
                    int t = bottom ? -1 : Array.IndexOf(r.Values, v);
                    if (!bottom && (t < 0 || t >= lo.Length)) return $"{F(v)} is not a readout value";
                    for (int b = 0; b < lo.Length; b++)
                    {
                        if (b == t) { if (!(lo[b] >= BandHigh)) return $"coordinate {b} may be {F(lo[b])}, below {BandHigh}"; }
                        else if (!(hi[b] <= BandLow)) return $"coordinate {b} may be {F(hi[b])}, above {BandLow}";
                    }
                    return null;
                }
                case Encoding.Binary:
                {
                    if (bottom)
                    {
                        for (int b = 0; b < lo.Length; b++) if (!(lo[b] > -Half && hi[b] < Half)) return $"⊥ needs |coordinate {b}| < {Half}, got {F(lo[b])}..{F(hi[b])}";
                        return null;
                    }
                    int t = Array.IndexOf(r.Values, v);
                    if (t < 0) return $"{F(v)} is not a readout value";
                    for (int b = 0; b < lo.Length; b++)
                    {
                        bool one = ((t >> b) & 1) == 1;
                        if (one ? !(lo[b] > Half) : !(hi[b] < -Half)) return $"coordinate {b} may be {F(one ? lo[b] : hi[b])}, not ≈ {(one ? "+1" : "-1")}";
                    }
                    return null;
                }
                case Encoding.Quadratic:
                    if (bottom) return hi[0] <= BandLow ? null : $"presence may be {F(hi[0])}, above {BandLow}";
                    if (!(lo[0] >= BandHigh)) return $"presence may be {F(lo[0])}, below {BandHigh}";
                    return Scalar(Sorted(r.Values), lo[1], hi[1], v, BandLow, 0);
                default:
                    if (r.Values.Length == 0) return lo[0] == v && hi[0] == v ? null : $"no admissible values to snap {F(lo[0])}..{F(hi[0])} to";
                    return Scalar(Sorted(r.Values), lo[0], hi[0], bottom ? 0 : v, r.Tolerance, r.MaxDeviation);
            }
        }

        /// <summary>
        /// The scalar rule: [lo, hi] within the tolerance of v, and no admissible value farther from v than the card's stated
        /// deviation (<paramref name="deviation"/>: values no type tells apart) nearer to any point of it.
        /// </summary>
        private static string? Scalar(double[] values, double lo, double hi, double v, double tol, double deviation)
        {
            string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
            int i = Array.BinarySearch(values, v);
            if (i < 0) return $"{F(v)} is not an admissible readout value";
            if (!(Math.Abs(lo - v) <= tol && Math.Abs(hi - v) <= tol)) return $"{F(lo)}..{F(hi)} is more than {F(tol)} from {F(v)}";
            int below = i - 1, above = i + 1;
            while (below >= 0 && v - values[below] <= deviation) below--;
            while (above < values.Length && values[above] - v <= deviation) above++;
            // Nearest with ties to the lower value (the decoder's rule).
            if (below >= 0 && !(lo - values[below] > v - lo)) return $"{F(lo)} is nearer to {F(values[below])}";
            if (above < values.Length && !(values[above] - hi >= hi - v)) return $"{F(hi)} is nearer to {F(values[above])}";
            return null;
        }
    }
}
