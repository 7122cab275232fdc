using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Cli
{
    /// <summary>"Did you mean" for a mistyped command, option or program: the nearest known name by edit distance, when near enough.</summary>
    internal static class Typos
    {
        /// <summary>"; did you mean 'NAME'?" for the known name nearest to <paramref name="given"/>, or "" when none is within a third of its length.</summary>
        public static string Suggestion(string given, IEnumerable<string> known)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (var name in known)
            {
                int d = Distance(given, name);
                if (d < bestDistance) { best = name; bestDistance = d; }
            }
            return best is not null && bestDistance > 0 && bestDistance <= Math.Max(1, given.Length / 3) ? $"; did you mean '{best}'?" : "";
        }

        /// <summary>
        /// Edit distance counting insertions, deletions, substitutions and swaps of two adjacent characters (optimal string
        /// alignment): a swapped pair ("rnu" for "run") is the commonest typo and costs 1, not 2.
        /// </summary>
        public static int Distance(string a, string b)
        {
            var beforePrevious = new int[b.Length + 1];
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            var current = new int[b.Length + 1];
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                        current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
                (beforePrevious, previous, current) = (previous, current, beforePrevious);
            }
            return previous[b.Length];
        }
    }
}
