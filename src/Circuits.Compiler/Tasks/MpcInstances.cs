using System;
using System.Linq;

// RS1035 bans System.Random in analyzers (unseeded, it makes builds differ). Here it is only a parameter, as in InstanceGenerator.
#pragma warning disable RS1035

namespace Circuits.Tasks
{
    /// <summary>Seeded instances of the MPC tasks, drawn to hit their corners (smallest n, fixed points, two cycles, singletons, maximal in-degree).</summary>
    public static class MpcInstances
    {
        /// <summary>A random order of 0..n−1 (Fisher–Yates).</summary>
        public static int[] Permutation(Random rng, int n)
        {
            if (rng is null) throw new ArgumentNullException(nameof(rng));
            var a = Enumerable.Range(0, n).ToArray();
            for (int i = n - 1; i > 0; i--)
            {
                int j = rng.Next(i + 1);
                (a[i], a[j]) = (a[j], a[i]);
            }
            return a;
        }

        /// <summary>One linked list over 0..n−1 with a self-looping tail: in random order, or (one draw in four each) in index order or reversed.</summary>
        public static int[] LinkedList(Random rng, int n)
        {
            if (rng is null) throw new ArgumentNullException(nameof(rng));
            int mode = rng.Next(4);
            var order = mode == 0 ? Enumerable.Range(0, n).ToArray() : mode == 1 ? Enumerable.Range(0, n).Reverse().ToArray() : Permutation(rng, n);
            var next = new int[n];
            for (int t = 0; t + 1 < n; t++) next[order[t]] = order[t + 1];
            next[order[n - 1]] = order[n - 1];
            return next;
        }

        /// <summary>succ of one n-cycle, or of two n/2-cycles when <paramref name="two"/> (n even, at least 2).</summary>
        public static int[] Cycles(Random rng, int n, bool two)
        {
            if (rng is null) throw new ArgumentNullException(nameof(rng));
            if (two && (n < 2 || n % 2 != 0)) throw new ArgumentException($"two equal cycles need an even n ≥ 2, not {n}", nameof(n));
            var order = Permutation(rng, n);
            var succ = new int[n];
            int parts = two ? 2 : 1, size = n / parts;
            for (int c = 0; c < parts; c++)
                for (int t = 0; t < size; t++)
                    succ[order[c * size + t]] = order[c * size + (t + 1) % size];
            return succ;
        }

        /// <summary>
        /// A map f of 0..n−1 into itself, in one of six shapes: uniform; all fixed points (n singletons); one big cycle; a star
        /// (everything points at one vertex, the maximal in-degree); a random permutation (several cycles); chains into
        /// small cycles (long tails).
        /// </summary>
        public static int[] FunctionalGraph(Random rng, int n)
        {
            if (rng is null) throw new ArgumentNullException(nameof(rng));
            switch (rng.Next(6))
            {
                case 0: return Enumerable.Range(0, n).Select(_ => rng.Next(n)).ToArray();
                case 1: return Enumerable.Range(0, n).ToArray();
                case 2: return Cycles(rng, n, two: false);
                case 3: { int hub = rng.Next(n); return Enumerable.Repeat(hub, n).ToArray(); }
                case 4: return Permutation(rng, n);
                default:
                {
                    // Each vertex points at an earlier vertex of a random order, except a few roots that close small cycles.
                    var order = Permutation(rng, n);
                    var f = new int[n];
                    for (int t = 0; t < n; t++)
                        f[order[t]] = t == 0 || rng.Next(Math.Max(2, n / 2)) == 0 ? order[rng.Next(t + 1)] : order[t - 1 - rng.Next(Math.Min(t, 3))];
                    return f;
                }
            }
        }

        /// <summary>
        /// Words 0..W−1 for sorting, in one of eight shapes: uniform; all equal; sorted; reversed; two values; only the
        /// extremes 0 and W−1; distinct when n ≤ W (a shuffled range, uniform otherwise); sorted with a few swaps.
        /// </summary>
        public static int[] SortInput(Random rng, int n, int wordRange)
        {
            if (rng is null) throw new ArgumentNullException(nameof(rng));
            var uniform = Enumerable.Range(0, n).Select(_ => rng.Next(wordRange)).ToArray();
            switch (rng.Next(8))
            {
                case 0: return uniform;
                case 1: { int w = rng.Next(wordRange); return Enumerable.Repeat(w, n).ToArray(); }
                case 2: return uniform.OrderBy(v => v).ToArray();
                case 3: return uniform.OrderByDescending(v => v).ToArray();
                case 4: { int a = rng.Next(wordRange), b = rng.Next(wordRange); return uniform.Select(v => v % 2 == 0 ? a : b).ToArray(); }
                case 5: return uniform.Select(v => v % 2 == 0 ? 0 : wordRange - 1).ToArray();
                case 6: return n <= wordRange ? Permutation(rng, wordRange).Take(n).ToArray() : uniform;
                default:
                {
                    var a = uniform.OrderBy(v => v).ToArray();
                    for (int k = 0; k < 2 && n > 1; k++) { int i = rng.Next(n), j = rng.Next(n); (a[i], a[j]) = (a[j], a[i]); }
                    return a;
                }
            }
        }

        /// <summary>Words 0..W−1: uniform, or (one draw in four each) all zero or all W−1.</summary>
        public static int[] Words(Random rng, int n, int wordRange)
        {
            if (rng is null) throw new ArgumentNullException(nameof(rng));
            int mode = rng.Next(4);
            return Enumerable.Range(0, n).Select(_ => mode == 0 ? 0 : mode == 1 ? wordRange - 1 : rng.Next(wordRange)).ToArray();
        }
    }
}
