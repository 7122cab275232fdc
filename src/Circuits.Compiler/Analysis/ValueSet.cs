using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>The finite set of values a sequence can take at any position, plus whether ⊥ can occur.</summary>
    public sealed class ValueSet
    {
        /// <summary>The most values a set may hold before the compiler refuses (exact constructions enumerate them).</summary>
        public const int MaxSize = 1 << 21;

        /// <summary>Creates a set from values (deduplicated and sorted).</summary>
        public ValueSet(IEnumerable<double> values, bool hasBottom)
        {
            // Distinct doubles stay distinct: the reference computes these exact values, and merging near-equal ones
            // (1e9 and 1e9 + 1 are 1e-9 apart relatively) would decode one of them to the other. A resolution no numeric
            // type has shows up as a precision requirement instead, and the compiler refuses loudly.
            var list = values.Where(v => !Bottom.Is(v)).Select(v => v == 0 ? 0.0 : v).Distinct().ToList();
            list.Sort();
            Values = list.ToArray();
            HasBottom = hasBottom;
        }

        /// <summary>Sorted distinct finite values.</summary>
        public double[] Values { get; }

        /// <summary>Whether ⊥ can occur.</summary>
        public bool HasBottom { get; }

        /// <summary>Number of finite values.</summary>
        public int Count => Values.Length;

        /// <summary>Index of <paramref name="v"/> in <see cref="Values"/>, or -1.</summary>
        public int IndexOf(double v) => Bottom.Is(v) ? -1 : Math.Max(-1, Array.BinarySearch(Values, v));

        /// <summary>Smallest gap between consecutive values (∞ for fewer than two values).</summary>
        public double MinGap()
        {
            double g = double.PositiveInfinity;
            for (int i = 1; i < Values.Length; i++) g = Math.Min(g, Values[i] - Values[i - 1]);
            return g;
        }

        /// <summary>Largest |value| (0 for an empty set).</summary>
        public double MaxAbs() => Values.Length == 0 ? 0 : Math.Max(Math.Abs(Values[0]), Math.Abs(Values[Values.Length - 1]));

        /// <summary>All values are integers.</summary>
        public bool IsIntegral => Values.All(v => v == Math.Floor(v));

        /// <summary>The values, with ⊥ (NaN) appended when it can occur.</summary>
        public IEnumerable<double> WithBottom() => HasBottom ? Values.Concat(new[] { Bottom.Value }) : Values;

        /// <inheritdoc />
        public override string ToString()
        {
            string body = Values.Length <= 8 ? string.Join(", ", Values.Select(Ir.Format))
                : string.Join(", ", Values.Take(3).Select(Ir.Format)) + ", …, " + Ir.Format(Values[Values.Length - 1]) + " (" + Values.Length + " values)";
            return "{" + body + (HasBottom ? ", ⊥" : "") + "}";
        }
    }
}
