using System;

// RS1035 bans System.Random in analyzers (unseeded, it makes builds differ). Here it is only a parameter: the generator's
// [Computes] check passes a fixed-seed SeededRandom.
#pragma warning disable RS1035

namespace Circuits.Tasks
{
    /// <summary>
    /// Random task instances. Every method draws only from the <see cref="Random"/> it is given, so a
    /// <c>new Random(seed)</c> makes a run deterministic.
    /// </summary>
    public static class InstanceGenerator
    {
        /// <summary>A sequence of <paramref name="length"/> tokens drawn independently and uniformly from 0..vocab-1.</summary>
        /// <param name="rng">The random source.</param>
        /// <param name="length">The number of tokens, ≥ 0.</param>
        /// <param name="vocab">The vocabulary size, ≥ 1.</param>
        public static int[] Uniform(Random rng, int length, int vocab)
        {
            Check(rng, length, vocab, 1);
            var x = new int[length];
            for (int i = 0; i < length; i++) x[i] = rng.Next(vocab);
            return x;
        }

        /// <summary>
        /// The k-hop protocol of the original authors (THEORY §7.1): the first token is uniform, and each later token is
        /// uniform over the vocab − 1 symbols that differ from its predecessor (no immediate repeats).
        /// </summary>
        /// <param name="rng">The random source.</param>
        /// <param name="length">The number of tokens, ≥ 0.</param>
        /// <param name="vocab">The vocabulary size, ≥ 2.</param>
        public static int[] NoRepeat(Random rng, int length, int vocab)
        {
            Check(rng, length, vocab, 2);
            var x = new int[length];
            for (int i = 0; i < length; i++)
            {
                if (i == 0)
                {
                    x[i] = rng.Next(vocab);
                }
                else
                {
                    int r = rng.Next(vocab - 1);          // one of the vocab-1 symbols other than x[i-1]
                    x[i] = r >= x[i - 1] ? r + 1 : r;
                }
            }
            return x;
        }

        /// <summary>A random arrangement of <paramref name="length"/> distinct symbols from 0..vocab-1 (requires length ≤ vocab).</summary>
        /// <param name="rng">The random source.</param>
        /// <param name="length">The number of tokens, 0 ≤ length ≤ vocab.</param>
        /// <param name="vocab">The vocabulary size, ≥ 1.</param>
        public static int[] Distinct(Random rng, int length, int vocab)
        {
            Check(rng, length, vocab, 1);
            if (length > vocab)
                throw new ArgumentOutOfRangeException(nameof(length), length, "Distinct tokens need length ≤ vocab (vocab = " + vocab + ").");
            var symbols = new int[vocab];
            for (int s = 0; s < vocab; s++) symbols[s] = s;
            // Partial Fisher–Yates: the first `length` entries become a uniform random arrangement.
            for (int i = 0; i < length; i++)
            {
                int j = i + rng.Next(vocab - i);
                (symbols[i], symbols[j]) = (symbols[j], symbols[i]);
            }
            var x = new int[length];
            Array.Copy(symbols, x, length);
            return x;
        }

        /// <summary>A length drawn uniformly from minLength..maxLength (both inclusive).</summary>
        /// <param name="rng">The random source.</param>
        /// <param name="minLength">The smallest length, ≥ 0.</param>
        /// <param name="maxLength">The largest length, ≥ <paramref name="minLength"/>.</param>
        public static int RandomLength(Random rng, int minLength, int maxLength)
        {
            if (rng is null) throw new ArgumentNullException(nameof(rng));
            if (minLength < 0) throw new ArgumentOutOfRangeException(nameof(minLength), minLength, "The minimum length must be non-negative.");
            if (maxLength < minLength)
                throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "The maximum length must be at least the minimum (" + minLength + ").");
            if (maxLength == int.MaxValue) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "The maximum length must be below int.MaxValue.");
            return rng.Next(minLength, maxLength + 1);
        }

        private static void Check(Random rng, int length, int vocab, int minVocab)
        {
            if (rng is null) throw new ArgumentNullException(nameof(rng));
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "The length must be non-negative.");
            if (vocab < minVocab)
                throw new ArgumentOutOfRangeException(nameof(vocab), vocab, "The vocabulary must have at least " + minVocab + " symbol" + (minVocab == 1 ? "" : "s") + ".");
        }
    }
}
