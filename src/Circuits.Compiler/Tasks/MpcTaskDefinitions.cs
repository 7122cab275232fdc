using System;
using System.Linq;

namespace Circuits.Tasks
{
    /// <summary>
    /// The MPC algorithms' tasks written from their definitions (plain loops, no protocol, no simulator): the oracle that
    /// protocols, the simulator and compiled models are checked against. Inputs are words 0..W−1, one per machine; ⊥ is NaN.
    /// </summary>
    public static class MpcTaskDefinitions
    {
        /// <summary>Every position gets the first word.</summary>
        public static double[] Broadcast(int[] x) => Checked(x).Select(_ => (double)x[0]).ToArray();

        /// <summary>Position i gets x_0 + … + x_i.</summary>
        public static double[] PrefixSums(int[] x)
        {
            var result = new double[Checked(x).Length];
            double sum = 0;
            for (int i = 0; i < x.Length; i++) result[i] = sum += x[i];
            return result;
        }

        /// <summary>
        /// next(i) describes one linked list over 0..n−1 whose tail points to itself; position i gets the number of steps
        /// from i to the tail. Throws when the input is not such a list.
        /// </summary>
        public static double[] ListRanking(int[] next)
        {
            int n = Checked(next).Length;
            var result = new double[n];
            for (int i = 0; i < n; i++)
            {
                int steps = 0, j = i;
                while (next[j] != j)
                {
                    j = next[j];
                    if (++steps >= n) throw new ArgumentException("not a linked list with a self-looping tail: position " + i + " never reaches one", nameof(next));
                }
                result[i] = steps;
            }
            return result;
        }

        /// <summary>succ is a permutation of 0..n−1; every position gets its number of cycles (1 or 2 for the 1-vs-2 cycle task).</summary>
        public static double[] CycleCount(int[] succ)
        {
            int n = Checked(succ).Length;
            if (succ.Distinct().Count() != n || succ.Any(v => v < 0 || v >= n)) throw new ArgumentException("succ is not a permutation of 0..n−1", nameof(succ));
            var seen = new bool[n];
            int cycles = 0;
            for (int i = 0; i < n; i++)
            {
                if (seen[i]) continue;
                cycles++;
                for (int j = i; !seen[j]; j = succ[j]) seen[j] = true;
            }
            return Enumerable.Repeat((double)cycles, n).ToArray();
        }

        /// <summary>f maps 0..n−1 into itself; position i gets the smallest vertex of i's component in the undirected graph with edges {i, f(i)}.</summary>
        public static double[] ComponentMinimum(int[] f)
        {
            int n = Checked(f).Length;
            if (f.Any(v => v < 0 || v >= n)) throw new ArgumentException("f does not map 0..n−1 into itself", nameof(f));
            var parent = Enumerable.Range(0, n).ToArray();
            int Root(int v) { while (parent[v] != v) v = parent[v] = parent[parent[v]]; return v; }
            for (int i = 0; i < n; i++)
            {
                int a = Root(i), b = Root(f[i]);
                if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);   // the root is always the smallest vertex of its set
            }
            return Enumerable.Range(0, n).Select(i => (double)Root(i)).ToArray();
        }

        /// <summary>The words sorted ascending: position r gets the r-th smallest word (duplicates kept).</summary>
        public static double[] Sorted(int[] x)
        {
            var result = Checked(x).Select(v => (double)v).ToArray();
            Array.Sort(result);
            return result;
        }

        /// <summary>Every machine i sends to machine x_i; position d gets 1 + the smallest sender to d, or 0 if none.</summary>
        public static double[] FirstSender(int[] x)
        {
            int n = Checked(x).Length;
            var result = new double[n];
            for (int j = n - 1; j >= 0; j--)
                if (x[j] < n) result[x[j]] = j + 1;
            return result;
        }

        /// <summary>The largest number of machines that send to one machine in <see cref="FirstSender"/>.</summary>
        public static int MaxInDegree(int[] x) => Checked(x).GroupBy(v => v).Max(g => g.Count());

        private static int[] Checked(int[] x)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            if (x.Length == 0) throw new ArgumentException("the input is empty", nameof(x));
            return x;
        }
    }
}
