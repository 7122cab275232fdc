using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Tasks;

namespace Circuits.Tests.Export
{
    /// <summary>
    /// Seeded batches of inputs aimed at the corners: length 1 and MaxLength, one repeated token (every match ties),
    /// all-distinct tokens (no earlier occurrence: ⊥ for induction heads), short periodic patterns, the program's own
    /// instance distribution and uniform tokens; batches of 1 to 4 sequences of one length.
    /// </summary>
    internal static class ExportInputs
    {
        public static IEnumerable<List<int[]>> Batches(int count, int maxLength, int vocab, int seed,
            Func<Random, int, int, int[]>? generate = null, int lengthCap = int.MaxValue)
        {
            var rng = new Random(seed);
            int cap = Math.Min(maxLength, lengthCap);
            int made = 0;
            for (int k = 0; made < count; k++)
            {
                int length = (k % 6) switch
                {
                    0 => 1,
                    1 => maxLength,
                    2 => rng.Next(1, Math.Min(cap, 8) + 1),
                    _ => rng.Next(1, cap + 1),
                };
                // Full-length inputs of a long model are the slow ones: one sequence per batch there, up to 4 elsewhere.
                int size = Math.Min(count - made, length > 1024 ? 1 : rng.Next(1, 5));
                var batch = new List<int[]>();
                for (int b = 0; b < size; b++) batch.Add(Sequence(rng, length, vocab, generate));
                made += size;
                yield return batch;
            }
        }

        private static int[] Sequence(Random rng, int length, int vocab, Func<Random, int, int, int[]>? generate)
        {
            switch (rng.Next(6))
            {
                case 0:
                    return Enumerable.Repeat(rng.Next(vocab), length).ToArray();
                case 1:
                    return length <= vocab ? InstanceGenerator.Distinct(rng, length, vocab) : InstanceGenerator.Uniform(rng, length, vocab);
                case 2:
                    int period = rng.Next(1, vocab + 1), shift = rng.Next(vocab);
                    return Enumerable.Range(0, length).Select(i => (i % period + shift) % vocab).ToArray();
                case 3 when generate is not null:
                    return generate(rng, length, vocab);
                default:
                    return InstanceGenerator.Uniform(rng, length, vocab);
            }
        }
    }
}
