using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Tasks;

namespace Circuits.Compiler
{
    /// <summary>
    /// The inputs the [Computes] check runs, in priority order: the edge cases first (length 1, all tokens equal, no
    /// repeats, short periods, k-hop chains that reach ⊥ on the last hop), random short inputs, the longest length the work
    /// bound allows, then random inputs of any length. Fixed seed: the same model always gets the same sample.
    /// </summary>
    internal static class ComputesSample
    {
        public const ulong Seed = 0xC0FFEE5EED;

        /// <summary>The share of the work bound, in fifths, that the candidates so far may use in all: edge cases 1/5, with
        /// the random short ones 2/5, so that the long inputs (a fifth each at most) always have room.</summary>
        public const int EdgeFifths = 1, ShortFifths = 2, AllFifths = 5;

        /// <summary>Candidate inputs for <paramref name="s"/> symbols up to length <paramref name="n"/>; <paramref name="longest"/> is the long inputs' length.</summary>
        public static IEnumerable<int[]> Candidates(int s, int n, int longest, KnownTask task, int k)
            => Budgeted(s, n, longest, task, k).Select(c => c.Input);

        /// <summary>The candidates with the cumulative share of the work bound (in fifths) their group may use.</summary>
        public static IEnumerable<(int[] Input, int Fifths)> Budgeted(int s, int n, int longest, KnownTask task, int k)
        {
            foreach (var x in Edges(s, n, task, k)) yield return (x, EdgeFifths);
            var rng = new SeededRandom(Seed);
            int top = Math.Max(1, Math.Min(n, 16));
            // Random short inputs (cheap, and where a difference is easy to read), uniform and the k-hop protocol.
            for (int r = 0; r < 48; r++) yield return (Draw(rng, s, InstanceGenerator.RandomLength(rng, Math.Min(2, top), top), r), ShortFifths);
            // The longest affordable length (MaxLength when the work bound allows it).
            yield return (InstanceGenerator.Uniform(rng, longest, s), AllFifths);
            if (s >= 2) yield return (InstanceGenerator.NoRepeat(rng, longest, s), AllFifths);
            yield return (Enumerable.Repeat(s - 1, longest).ToArray(), AllFifths);
            if (s >= 2) yield return (Periodic(s, longest), AllFifths);
            // Then any length, with what the bound leaves.
            for (int r = 0; r < 16; r++) yield return (Draw(rng, s, InstanceGenerator.RandomLength(rng, 1, longest), r), AllFifths);
        }

        private static IEnumerable<int[]> Edges(int s, int n, KnownTask task, int k)
        {
            int Short(int length) => Math.Max(1, Math.Min(n, length));

            // Length 1: every answer is about the token alone (⊥ for the induction tasks).
            foreach (var t in new[] { 0, s - 1, s / 2 }.Distinct()) yield return new[] { t };
            // All equal: x_{i−1} = x_i makes find(i) = i, a fixed point of every hop.
            yield return Enumerable.Repeat(0, Short(8)).ToArray();
            // No repeats: every induction answer is ⊥; ascending and descending orders for sorting.
            int distinct = Short(s);
            yield return Enumerable.Range(0, distinct).ToArray();
            yield return Enumerable.Range(0, distinct).Reverse().ToArray();
            // Short periods: many repeats, every pointer defined after the first period.
            for (int period = 2; period <= Math.Min(s, 4); period++) yield return Periodic(period, Short(3 * period + 1));
            // k-hop chains over a full cycle of the alphabet: find(i) = i − (S − 1), so the last position's k-th hop is the
            // first to fall off the start at length (k − 1)(S − 1) + S, and survives one token later.
            int hops = task == KnownTask.KHop ? k : 1;
            if (s >= 2 && hops >= 1)
            {
                long late = (long)(hops - 1) * (s - 1) + s;
                if (late <= n) yield return Periodic(s, (int)late);
                if (late + 1 <= n) yield return Periodic(s, (int)late + 1);
            }
        }

        private static int[] Draw(Random rng, int s, int length, int r)
            => r % 2 == 1 && s >= 2 ? InstanceGenerator.NoRepeat(rng, length, s) : InstanceGenerator.Uniform(rng, length, s);

        private static int[] Periodic(int period, int length)
        {
            var x = new int[length];
            for (int i = 0; i < length; i++) x[i] = i % period;
            return x;
        }
    }
}
