using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Circuits.Mpc;
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
            // Tracr's lib.py, line by line (tokens are ids: the i-th vocabulary symbol is i).
            new ProgramEntry("tracr-sort",
                "Tracr's make_sort: keys made unique as x + i/2^16 (non-integer symbols), then sort_unique", causal: false,
                _ => Library.Sort(Rasp.Tokens, Rasp.Tokens, maxSeqLen: 1 << 16, minKey: 1), (x, _) => TracrTasks.Sort(x), Uniform, TracrSize),
            new ProgramEntry("sort-freq",
                "Tracr's make_sort_freq: tokens by descending frequency, ties in input order", causal: false,
                _ => Library.SortFreq(1 << 16), (x, _) => TracrTasks.SortFreq(x), Uniform, TracrSize),
            new ProgramEntry("pair-balance",
                "Tracr's make_pair_balance: fraction of ids 0 minus fraction of ids 1 so far", causal: false,
                _ => Library.PairBalance(Rasp.Tokens, 0, 1), (x, _) => TracrTasks.PairBalance(x, 0, 1), Uniform, TracrSize),
            new ProgramEntry("shuffle-dyck",
                "Tracr's make_shuffle_dyck: 1 when ids 0/1 are balanced brackets (vocabulary \"()\" ...)", causal: false,
                _ => Library.ShuffleDyck((0, 1)), (x, _) => TracrTasks.ShuffleDyck(x, (0, 1)), Uniform, TracrSize),
            new ProgramEntry("shuffle-dyck2",
                "Tracr's make_shuffle_dyck2: 1 when ids 0/1 and 2/3 are balanced (vocabulary \"(){}\")", causal: false,
                _ => Library.ShuffleDyck2(), (x, _) => TracrTasks.ShuffleDyck(x, (0, 1), (2, 3)), Uniform, TracrSize),
            new ProgramEntry("count-less-freq",
                "Tracr's make_count_less_freq(2): how many positions hold a token occurring at most twice", causal: false,
                _ => Library.CountLessFreq(2), (x, _) => TracrTasks.CountLessFreq(x, 2), Uniform, TracrSize),
            new ProgramEntry("count",
                "Tracr's make_count(tokens, id 0): how many positions hold the first symbol", causal: false,
                _ => Library.Count(Rasp.Tokens, 0), (x, _) => TracrTasks.Count(x, 0), Uniform, TracrSize),
            new ProgramEntry("shift-by",
                "Tracr's shift_by(2, tokens): the token two positions back (⊥ before)", causal: false,
                _ => Library.ShiftBy(2, Rasp.Tokens), (x, _) => TracrTasks.ShiftBy(x, 2), Uniform, TracrSize),
            new ProgramEntry("detect-pattern",
                "Tracr's detect_pattern(tokens, ids 0 1 2): 1 where the pattern ends (⊥ for the first two positions)", causal: false,
                _ => Library.DetectPattern(Rasp.Tokens, 0, 1, 2), (x, _) => TracrTasks.DetectPattern(x, new[] { 0, 1, 2 }), Uniform, TracrSize),
            new ProgramEntry("nary-map",
                "Tracr's make_nary_sequencemap: (x + i·x) mod 4 of (tokens, indices, tokens), one MLP over a product code", causal: false,
                _ => Library.NarySequenceMap<int, int>(a => (a[0] + a[1] * a[2]) % 4, Rasp.Tokens, Rasp.Indices, Rasp.Tokens),
                (x, _) => TracrTasks.Nary(x, (a, b, c) => (a + b * c) % 4), Uniform, TracrSize),
        };

        /// <summary>The word range of the prefix-sums entry: words 0..3, so sums stay below 4N.</summary>
        public const int PrefixSumsWords = 4;

        /// <summary>
        /// The built-in MPC programs (one machine per input word; words and outputs are integers). Each is compiled from its
        /// protocol at the requested N through the same circuit compiler.
        /// </summary>
        public static IReadOnlyList<MpcEntry> Mpc { get; } = new[]
        {
            new MpcEntry("broadcast", "MPC: every machine gets machine 0's word (words 0..N−1)",
                n => MpcLibrary.Broadcast(n, n), MpcTaskDefinitions.Broadcast, (r, n) => MpcInstances.Words(r, n, n)),
            new MpcEntry("prefix-sums", "MPC: machine i gets the sum of words 0..i (words 0..3), Hillis–Steele doubling",
                n => MpcLibrary.PrefixSums(n, PrefixSumsWords), MpcTaskDefinitions.PrefixSums, (r, n) => MpcInstances.Words(r, n, PrefixSumsWords)),
            new MpcEntry("list-ranking", "MPC: input next(i) of one list whose tail points to itself; output steps to the tail",
                n => MpcLibrary.ListRanking(n), MpcTaskDefinitions.ListRanking, MpcInstances.LinkedList),
            new MpcEntry("one-vs-two-cycle", "MPC: input succ(i), one n-cycle or two n/2-cycles; output the number of cycles",
                n => MpcLibrary.OneVsTwoCycle(n), MpcTaskDefinitions.CycleCount, (r, n) => MpcInstances.Cycles(r, n, two: n % 2 == 0 && r.Next(2) == 0)),
            new MpcEntry("connected-components", "MPC: input f(i) of a functional graph (edges {i, f(i)}); output the smallest id in i's component",
                n => MpcLibrary.ConnectedComponents(n), MpcTaskDefinitions.ComponentMinimum, MpcInstances.FunctionalGraph),
            new MpcEntry("sample-sort", "MPC: words 0..15; machine r gets the r-th smallest word, duplicates kept (regular sampling of sorted blocks, buckets by routing, local ranks)",
                n => MpcLibrary.SampleSort(n, SampleSortWords), MpcTaskDefinitions.Sorted, (r, n) => MpcInstances.SortInput(r, n, SampleSortWords)),
        };

        /// <summary>The word range of the sample-sort entry: words 0..15 (duplicates are the rule from N = 17 on; comparisons stay small tables).</summary>
        public const int SampleSortWords = 16;

        /// <summary>The MPC entry named <paramref name="name"/>, or null.</summary>
        public static MpcEntry? FindMpc(string name) => Mpc.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));

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

        /// <summary>Tracr's default max_seq_len, the size its library programs are written for.</summary>
        public const int TracrSize = 10;

        private static int[] Uniform(Random rng, int length, int vocab) => InstanceGenerator.Uniform(rng, length, vocab);

        // The original authors' k-hop protocol forbids immediate repeats; it needs two symbols, so fall back below that.
        private static int[] NoRepeat(Random rng, int length, int vocab)
            => vocab >= 2 ? InstanceGenerator.NoRepeat(rng, length, vocab) : InstanceGenerator.Uniform(rng, length, vocab);

        // Distinct keys are sort-unique's intended domain; longer inputs must repeat, which its reference models (rightmost wins).
        private static int[] DistinctWhenPossible(Random rng, int length, int vocab)
            => length <= vocab ? InstanceGenerator.Distinct(rng, length, vocab) : InstanceGenerator.Uniform(rng, length, vocab);
    }
}
