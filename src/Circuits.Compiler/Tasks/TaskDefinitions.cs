using System;

namespace Circuits.Tasks
{
    /// <summary>
    /// The tasks, written directly from their definitions with no use of the IR: the independent oracle that library
    /// programs (and their compiled weights) are checked against. Positions are 0-based, tokens are ids 0..S-1, and
    /// ⊥ is NaN in every result.
    /// </summary>
    public static class TaskDefinitions
    {
        /// <summary>
        /// j*(i) = max{ j &lt; i : x_j = x_i }, the rightmost earlier occurrence of the token at <paramref name="i"/>, or -1 when none.
        /// </summary>
        /// <param name="x">The tokens.</param>
        /// <param name="i">The position, 0 ≤ i &lt; |x|.</param>
        public static int PreviousOccurrence(int[] x, int i)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            if ((uint)i >= (uint)x.Length) throw new ArgumentOutOfRangeException(nameof(i), i, "Position out of range.");
            for (int j = i - 1; j >= 0; j--)
                if (x[j] == x[i]) return j;
            return -1;
        }

        /// <summary>
        /// Induction head: τ_i = x_{j*+1} with j* = max{ j &lt; i : x_j = x_i }, or ⊥ when the token has not occurred before.
        /// </summary>
        /// <param name="x">The tokens.</param>
        public static double[] InductionHead(int[] x)
        {
            var result = New(x);
            for (int i = 0; i < x.Length; i++)
            {
                int j = PreviousOccurrence(x, i);
                result[i] = j < 0 ? Bottom : x[j + 1];
            }
            return result;
        }

        /// <summary>find(i) = j* + 1 (a 0-based position, at most i) with j* = max{ j &lt; i : x_j = x_i }, or ⊥ when none.</summary>
        /// <param name="x">The tokens.</param>
        public static double[] Find(int[] x)
        {
            var result = New(x);
            for (int i = 0; i < x.Length; i++)
            {
                int j = PreviousOccurrence(x, i);
                result[i] = j < 0 ? Bottom : j + 1;
            }
            return result;
        }

        /// <summary>
        /// k-hop induction: x at find^k(i), where find is applied k times starting from p = i and ⊥ is absorbing
        /// (once a hop finds no earlier occurrence the answer is ⊥). k = 0 gives x_i.
        /// </summary>
        /// <param name="x">The tokens.</param>
        /// <param name="k">The number of hops, k ≥ 0.</param>
        public static double[] KHop(int[] x, int k)
        {
            if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be non-negative.");
            var result = New(x);
            for (int i = 0; i < x.Length; i++)
            {
                int p = i;
                for (int step = 0; step < k && p >= 0; step++)
                {
                    int j = PreviousOccurrence(x, p);
                    int next = j < 0 ? -1 : j + 1;
                    // find(p) ≤ p, so the pointer settles within i + 1 hops: a fixed point ends the walk (k may be int.MaxValue).
                    if (next == p) break;
                    p = next;
                }
                result[i] = p < 0 ? Bottom : x[p];
            }
            return result;
        }

        /// <summary>Shift right by <paramref name="by"/>: x_{i-by}, or ⊥ for i &lt; by.</summary>
        /// <param name="x">The tokens.</param>
        /// <param name="by">The distance, by ≥ 1.</param>
        public static double[] Shift(int[] x, int by)
        {
            if (by < 1) throw new ArgumentOutOfRangeException(nameof(by), by, "Shift distance must be at least 1.");
            var result = New(x);
            for (int i = 0; i < x.Length; i++)
                result[i] = i - by >= 0 ? x[i - by] : Bottom;
            return result;
        }

        /// <summary>The length at every position: n, or i + 1 under a causal mask (the tokens visible to position i).</summary>
        /// <param name="n">The sequence length, n ≥ 1.</param>
        /// <param name="causal">Whether each position only sees the positions up to itself.</param>
        public static double[] Length(int n, bool causal)
        {
            if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "The length must be at least 1.");
            var result = new double[n];
            for (int i = 0; i < n; i++)
                result[i] = causal ? i + 1 : n;
            return result;
        }

        /// <summary>The tokens reversed: x_{n-1-i}.</summary>
        /// <param name="x">The tokens.</param>
        public static double[] Reverse(int[] x)
        {
            var result = New(x);
            for (int i = 0; i < x.Length; i++)
                result[i] = x[x.Length - 1 - i];
            return result;
        }

        /// <summary>The tokens sorted ascending (they are their own keys; a stable sort, so equal keys keep their order).</summary>
        /// <param name="keys">The tokens, which are also the sort keys.</param>
        public static double[] Sort(int[] keys)
        {
            var result = New(keys);
            var sorted = (int[])keys.Clone();
            // Array.Sort is unstable, but the values are the keys, so equal keys are indistinguishable.
            Array.Sort(sorted);
            for (int i = 0; i < sorted.Length; i++) result[i] = sorted[i];
            return result;
        }

        /// <summary>
        /// RASP's sort with unique keys: the token at position j goes to position t_j = |{ m : keys_m &lt; keys_j }|.
        /// When several positions share a target, the rightmost of them wins; a position that receives nothing is ⊥.
        /// With distinct keys this is the ascending sort.
        /// </summary>
        /// <param name="keys">The tokens, which are also the sort keys.</param>
        public static double[] SortUnique(int[] keys)
        {
            var result = New(keys);
            for (int p = 0; p < keys.Length; p++) result[p] = Bottom;
            for (int j = 0; j < keys.Length; j++)
            {
                int target = 0;
                for (int m = 0; m < keys.Length; m++)
                    if (keys[m] < keys[j]) target++;
                result[target] = keys[j];   // a later (righter) j overwrites: the rightmost wins
            }
            return result;
        }

        /// <summary>The histogram: the number of positions j (anywhere in the sequence) with x_j = x_i.</summary>
        /// <param name="x">The tokens.</param>
        public static double[] Histogram(int[] x)
        {
            var result = New(x);
            for (int i = 0; i < x.Length; i++)
            {
                int count = 0;
                for (int j = 0; j < x.Length; j++)
                    if (x[j] == x[i]) count++;
                result[i] = count;
            }
            return result;
        }

        /// <summary>The fraction of positions j ≤ i where x_j equals <paramref name="symbol"/>.</summary>
        /// <param name="x">The tokens.</param>
        /// <param name="symbol">The token counted.</param>
        public static double[] FracPrevs(int[] x, int symbol)
        {
            var result = New(x);
            int count = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (x[i] == symbol) count++;
                result[i] = (double)count / (i + 1);
            }
            return result;
        }

        /// <summary>The prefix sums Σ_{j ≤ i} x_j.</summary>
        /// <param name="x">The tokens, read as numbers.</param>
        public static double[] PrefixSum(int[] x)
        {
            var result = New(x);
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                sum += x[i];
                result[i] = sum;
            }
            return result;
        }

        private const double Bottom = double.NaN;

        private static double[] New(int[] x)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            return new double[x.Length];
        }
    }
}
