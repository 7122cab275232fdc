using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tasks;

namespace Circuits
{
    /// <summary>
    /// The built-in programs, by kebab-case name. Each pairs a library construction (what gets compiled) with the task
    /// definition it must agree with (what it gets checked against) and the instance distribution to check it on.
    /// </summary>
    public static class ProgramCatalog
    {
        /// <summary>The k used for k-hop when none is given.</summary>
        public const int DefaultK = 2;

        /// <summary>Every built-in program, in a stable order.</summary>
        public static IReadOnlyList<ProgramEntry> All { get; } = new[]
        {
            new ProgramEntry("induction-head",
                "token after the previous occurrence of the current token (⊥ if none)", causal: true,
                _ => Library.InductionHead(), (x, _) => TaskDefinitions.InductionHead(x), Uniform),
            new ProgramEntry("k-hop",
                "k-hop induction: the token at find^k(i), by pointer doubling (--k, default 2)", causal: true,
                k => Library.Hop(k), (x, k) => TaskDefinitions.KHop(x, k), NoRepeat),
            new ProgramEntry("shift",
                "the previous token (⊥ at the first position)", causal: true,
                _ => Library.Shift(Rasp.Tokens, 1), (x, _) => TaskDefinitions.Shift(x, 1), Uniform),
            new ProgramEntry("find",
                "position after the previous occurrence of the current token (⊥ if none)", causal: true,
                _ => Library.Find(), (x, _) => TaskDefinitions.Find(x), Uniform),
            new ProgramEntry("length",
                "the sequence length at every position", causal: false,
                _ => Library.Length(), (x, _) => TaskDefinitions.Length(x.Length, causal: false), Uniform),
            new ProgramEntry("reverse",
                "the tokens in reverse order", causal: false,
                _ => Library.Reverse(Rasp.Tokens), (x, _) => TaskDefinitions.Reverse(x), Uniform),
            new ProgramEntry("sort",
                "the tokens sorted ascending (stable)", causal: false,
                _ => Library.Sort(Rasp.Tokens, Rasp.Tokens), (x, _) => TaskDefinitions.Sort(x), Uniform),
            new ProgramEntry("sort-unique",
                "RASP's sort assuming unique keys (duplicates leave ⊥ gaps)", causal: false,
                _ => Library.SortUnique(Rasp.Tokens, Rasp.Tokens), (x, _) => TaskDefinitions.SortUnique(x), DistinctWhenPossible),
            new ProgramEntry("hist",
                "how many tokens equal the current one", causal: false,
                _ => Library.Histogram(), (x, _) => TaskDefinitions.Histogram(x), Uniform),
            new ProgramEntry("frac-prevs",
                "fraction of positions so far holding the first vocabulary symbol", causal: true,
                _ => Library.FracPrevs(Rasp.Map(Rasp.Tokens, t => t == 0, "is-first")),
                (x, _) => TaskDefinitions.FracPrevs(x, 0), Uniform),
            new ProgramEntry("prefix-sum",
                "sum of the token ids so far", causal: true,
                _ => Library.PrefixSum(Rasp.Tokens), (x, _) => TaskDefinitions.PrefixSum(x), Uniform),
        };

        /// <summary>The entry named <paramref name="name"/> (exact, case-sensitive).</summary>
        /// <param name="name">A kebab-case program name.</param>
        /// <exception cref="ArgumentException">No program has that name; the message lists the valid names.</exception>
        public static ProgramEntry Find(string name)
        {
            foreach (var entry in All)
                if (string.Equals(entry.Name, name, StringComparison.Ordinal)) return entry;
            throw new ArgumentException(
                $"unknown program '{name}'; expected one of {string.Join(", ", All.Select(e => e.Name))}", nameof(name));
        }

        /// <summary>
        /// Compile options for the program <paramref name="name"/>: its name, a character vocabulary, the maximum length,
        /// the entry's masking and the numeric type.
        /// </summary>
        /// <param name="name">A kebab-case program name.</param>
        /// <param name="vocab">The vocabulary, one symbol per character ("abcd").</param>
        /// <param name="maxLength">The maximum input length N.</param>
        /// <param name="precision">The numeric type the model must be exact in.</param>
        /// <exception cref="ArgumentException">No program has that name.</exception>
        public static CompileOptions Options(string name, string vocab, int maxLength, NumericType precision)
        {
            var entry = Find(name);
            return new CompileOptions
            {
                Name = entry.Name,
                Vocabulary = CompileOptions.CharVocabulary(vocab),
                MaxLength = maxLength,
                Causal = entry.Causal,
                Precision = precision,
                Task = TaskOf(entry.Name),
            };
        }

        /// <summary>The known task a catalog program computes (for the card's theory notes and lower-bound checks).</summary>
        private static KnownTask TaskOf(string name) => name switch
        {
            "induction-head" => KnownTask.InductionHead,
            "k-hop" => KnownTask.KHop,
            "reverse" => KnownTask.Reverse,
            "sort" => KnownTask.Sort,
            "hist" => KnownTask.Histogram,
            "shift" => KnownTask.Shift,
            "length" => KnownTask.Length,
            "prefix-sum" => KnownTask.PrefixSum,
            _ => KnownTask.None,
        };

        private static int[] Uniform(Random rng, int length, int vocab) => InstanceGenerator.Uniform(rng, length, vocab);

        // The original authors' k-hop protocol forbids immediate repeats; it needs two symbols, so fall back below that.
        private static int[] NoRepeat(Random rng, int length, int vocab)
            => vocab >= 2 ? InstanceGenerator.NoRepeat(rng, length, vocab) : InstanceGenerator.Uniform(rng, length, vocab);

        // Distinct keys are sort-unique's intended domain; longer inputs must repeat, which its reference models (rightmost wins).
        private static int[] DistinctWhenPossible(Random rng, int length, int vocab)
            => length <= vocab ? InstanceGenerator.Distinct(rng, length, vocab) : InstanceGenerator.Uniform(rng, length, vocab);
    }
}
