using System;
using System.Linq;

namespace Circuits.Tasks
{
    /// <summary>
    /// The programs of Tracr's <c>lib.py</c>, defined directly from what they compute (their docstrings and the RASP paper),
    /// with no use of the IR: the oracle the line-by-line ports in <c>Library</c> are checked against. Tokens are ids,
    /// ⊥ is NaN, bools are 1 and 0.
    /// </summary>
    public static class TracrTasks
    {
        private const double Bottom = double.NaN;

        /// <summary>The sequence length at every position.</summary>
        public static double[] Length(int[] x) => Fill(x, _ => x.Length);

        /// <summary>x reversed.</summary>
        public static double[] Reverse(int[] x) => Fill(x, i => x[x.Length - 1 - i]);

        /// <summary>How many tokens equal the one at each position.</summary>
        public static double[] Histogram(int[] x) => Fill(x, i => x.Count(t => t == x[i]));

        /// <summary>
        /// <c>make_sort_unique(tokens, tokens)</c>: position p holds the token v with exactly p tokens smaller than v;
        /// a repeated token leaves ⊥ where its copies would have gone.
        /// </summary>
        public static double[] SortUnique(int[] x)
            => Fill(x, p =>
            {
                foreach (int v in x.Distinct()) if (x.Count(t => t < v) == p) return v;
                return Bottom;
            });

        /// <summary><c>make_sort(tokens, tokens)</c>: the tokens in ascending order, equal tokens in input order.</summary>
        public static double[] Sort(int[] x)
        {
            var sorted = x.Select((t, i) => (t, i)).OrderBy(p => p.t).ThenBy(p => p.i).Select(p => (double)p.t).ToArray();
            return sorted;
        }

        /// <summary><c>make_sort_freq</c>: tokens ordered by how often they occur, most frequent first, ties in input order.</summary>
        public static double[] SortFreq(int[] x)
            => x.Select((t, i) => (t, i, f: x.Count(u => u == t))).OrderByDescending(p => p.f).ThenBy(p => p.i).Select(p => (double)p.t).ToArray();

        /// <summary><c>make_frac_prevs(tokens == token)</c>: the fraction of positions j ≤ i holding <paramref name="token"/>.</summary>
        public static double[] FracPrevs(int[] x, int token) => Fill(x, i => (double)x.Take(i + 1).Count(t => t == token) / (i + 1));

        /// <summary><c>make_pair_balance</c>: (#open − #close among positions j ≤ i) / (i + 1).</summary>
        public static double[] PairBalance(int[] x, int open, int close)
            => Fill(x, i => (double)x.Take(i + 1).Count(t => t == open) / (i + 1) - (double)x.Take(i + 1).Count(t => t == close) / (i + 1));

        /// <summary>
        /// <c>make_shuffle_dyck</c>: 1 at every position when, for every pair, no prefix closes more than it opened and the
        /// whole input closes all it opened; 0 otherwise.
        /// </summary>
        public static double[] ShuffleDyck(int[] x, params (int Open, int Close)[] pairs)
        {
            bool balanced = pairs.All(p =>
            {
                int depth = 0;
                foreach (int t in x)
                {
                    if (t == p.Open) depth++;
                    else if (t == p.Close && --depth < 0) return false;
                }
                return depth == 0;
            });
            return Fill(x, _ => balanced ? 1 : 0);
        }

        /// <summary><c>make_count_less_freq(n)</c>: how many positions hold a token that occurs at most n times.</summary>
        public static double[] CountLessFreq(int[] x, int n) => Fill(x, _ => x.Count(t => x.Count(u => u == t) <= n));

        /// <summary><c>make_count(tokens, token)</c>: how many positions hold <paramref name="token"/>.</summary>
        public static double[] Count(int[] x, int token) => Fill(x, _ => x.Count(t => t == token));

        /// <summary><c>shift_by(offset, tokens)</c>: the token <paramref name="offset"/> positions back, ⊥ before that.</summary>
        public static double[] ShiftBy(int[] x, int offset) => Fill(x, i => i >= offset ? x[i - offset] : Bottom);

        /// <summary><c>detect_pattern(tokens, pattern)</c>: 1 where the pattern ends here, 0 where not, ⊥ for the first |pattern| − 1 positions.</summary>
        public static double[] DetectPattern(int[] x, int[] pattern)
            => Fill(x, i => i < pattern.Length - 1 ? Bottom : Enumerable.Range(0, pattern.Length).All(k => x[i - pattern.Length + 1 + k] == pattern[k]) ? 1 : 0);

        /// <summary><c>make_nary_sequencemap(f, a, b, c)</c> on (tokens, indices, tokens).</summary>
        public static double[] Nary(int[] x, Func<int, int, int, int> f) => Fill(x, i => f(x[i], i, x[i]));

        private static double[] Fill(int[] x, Func<int, double> f)
        {
            ArgumentNullException.ThrowIfNull(x);
            var r = new double[x.Length];
            for (int i = 0; i < r.Length; i++) r[i] = f(i);
            return r;
        }
    }
}
