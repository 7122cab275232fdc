using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    public static partial class MpcLibrary
    {
        /// <summary>
        /// Sample sort by regular sampling (PSRS, Shi and Schaeffer 1992), one machine per word. Input: machine i holds a word
        /// x_i in 0..W−1. Output: machine r holds the r-th smallest word (the words sorted ascending, duplicates kept). Keys are
        /// (x_i, i), so equal words are distinct keys, ordered by position.
        /// <list type="number">
        /// <item>Local sort of blocks: the machines are cut into blocks of g consecutive ids; each machine reads its block's g
        /// words and counts the keys below its own, its rank ρ in the block, so σ = (block)·g + ρ numbers the keys block-sorted.</item>
        /// <item>Regular sample: the keys of block rank 0, m, 2m, … are the samples (S ≤ ⌈N/g⌉·⌈g/m⌉ of them; σ of each is
        /// known, so every machine reads them by an associative read on σ). Its bucket β is the number of samples below its key.</item>
        /// <item>Routing: each machine sends its word to machine β, into an inbox of c = ⌈N/g⌉·(m − 1) + 1 slots. That is the
        /// regular-sampling bound, so no input overflows: a bucket holds the keys from one sample up to the next; a block
        /// holds no sample strictly between them, so at most m − 1 of its keys lie in that range (m for the sample's own block).</item>
        /// <item>Local sort of buckets: each machine reads its bucket's inbox and counts the keys below its own (slots are in
        /// sender order, so equal words in earlier slots are at smaller positions); the buckets before its own hold
        /// (exclusive prefix sums of the bucket sizes, by doubling) the rest of its global rank r.</item>
        /// <item>Placement: machine r reads the word of the machine whose rank is r.</item>
        /// </list>
        /// A comparison is a number, 2·(theirs − mine) + (tie-break bit), with words reversed as W − x so that a missing key
        /// (read as 0) compares as larger than every key: the key is below mine when it is ≥ 1. The number is one round's
        /// linear map, its step the next round's: one map of both would be a function of two numbers, with no small exact MLP.
        /// Sums of many flags are trees of small sums, a round per level. Defaults: g and m minimise the words a machine
        /// reads, g + S + c; s is the most words any statement keeps live.
        /// </summary>
        /// <param name="maxLength">N.</param>
        /// <param name="wordRange">W: the words are 0..W−1.</param>
        /// <param name="blockSize">g (0: the default).</param>
        /// <param name="sampleStride">m, 1..g (0: the default).</param>
        /// <param name="localMemory">s (0: the most words any statement keeps live, and at least the inbox c).</param>
        public static MpcProtocol SampleSort(int maxLength, int wordRange, int blockSize = 0, int sampleStride = 0, int localMemory = 0)
        {
            if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "N must be at least 1.");
            if (wordRange < 1) throw new ArgumentOutOfRangeException(nameof(wordRange), wordRange, "The word range W must be at least 1.");
            var (g, m) = blockSize > 0 ? (blockSize, sampleStride > 0 ? sampleStride : Math.Max(1, (int)Math.Round(Math.Sqrt(blockSize)))) : SampleSortShape(maxLength);
            if (g > maxLength) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, $"a block holds 1..N = {maxLength} machines.");
            if (m < 1 || m > g) throw new ArgumentOutOfRangeException(nameof(sampleStride), sampleStride, $"the sample stride is 1..g = {g}.");
            if (localMemory > 0) return BuildSampleSort(maxLength, wordRange, g, m, localMemory);
            // s is what the protocol needs: build it with room to spare, measure the most live words, build it again with that.
            var roomy = BuildSampleSort(maxLength, wordRange, g, m, int.MaxValue / 2);
            return BuildSampleSort(maxLength, wordRange, g, m, Math.Max(MpcSimulator.PeakWords(roomy), BucketCapacity(maxLength, g, m)));
        }

        /// <summary>The regular-sampling bound on a bucket: ⌈N/g⌉·(m − 1) + 1 keys (at most N).</summary>
        public static int BucketCapacity(int maxLength, int blockSize, int sampleStride)
            => Math.Min(maxLength, (maxLength + blockSize - 1) / blockSize * (sampleStride - 1) + 1);

        /// <summary>The default block size g and sample stride m for N: those minimising g + S + c, the words a machine reads.</summary>
        public static (int BlockSize, int SampleStride) SampleSortShape(int maxLength)
        {
            (int, int) best = (1, 1);
            long bestCost = long.MaxValue;
            for (int g = 1; g <= maxLength; g++)
                for (int m = 1; m <= g; m++)
                {
                    long cost = g + Samples(maxLength, g, m) + BucketCapacity(maxLength, g, m);
                    if (cost < bestCost) { bestCost = cost; best = (g, m); }
                }
            return best;
        }

        /// <summary>The most samples: ⌈g/m⌉ per block, ⌈N/g⌉ blocks.</summary>
        private static int Samples(int n, int g, int m) => (n + g - 1) / g * ((g + m - 1) / m);

        private static MpcProtocol BuildSampleSort(int n, int wordRange, int g, int m, int localMemory)
        {
            int blocks = (n + g - 1) / g, perBlock = (g + m - 1) / m, c = BucketCapacity(n, g, m);
            var p = new MpcBuilder("sample-sort", n, localMemory, wordRange);
            string Text(int v) => v.ToString(CultureInfo.InvariantCulture);

            p.Round("load");
            var value = p.Local("value", MpcKind.Numerical, w => w, p.Word, "number");
            var reversed = p.Local("W-x", MpcKind.Numerical, w => wordRange - w, p.Word, "W-");
            var offset = p.Local("offset", MpcKind.Numerical, i => i % g, p.Machine, "mod " + Text(g));
            var neighbours = new MpcRegister[g];
            for (int t = 0; t < g; t++)
            {
                int u = t;
                neighbours[t] = p.Local("block[" + t + "].at", MpcKind.Categorical, i => i - i % g + u, p.Machine, "block+" + Text(t));
            }

            p.Round("read the block");
            var blockWords = new MpcRegister[g];
            var blockMine = new MpcRegister[g];
            for (int t = 0; t < g; t++)
            {
                int u = t;
                blockWords[t] = p.Read("block[" + t + "]", reversed, from: neighbours[t]);
                // Ties: an equal word earlier in the block (slot t before my offset) is below mine.
                blockMine[t] = Mine(p, "block[" + t + "]", reversed, offset, o => u < o, "<" + Text(t));
            }
            var blockRank = CountBelow(p, "block-rank", blockWords, blockMine, g, MpcKind.Numerical, null);

            p.Round("block-sorted position");
            // Numerical rank: a sum of two parts (the block's start, the rank) rather than a table over both.
            var sortedNumber = p.Local("block-sorted#", MpcKind.Numerical, (i, r) => i - i % g + r, p.Machine, blockRank, "block+rank");
            var sorted = p.Local("block-sorted", MpcKind.Categorical, x => x, sortedNumber, "categorical");

            p.Round("read the samples");
            var sampleWords = new List<MpcRegister>();
            var sampleMine = new List<MpcRegister>();
            for (int b = 0; b < blocks; b++)
                for (int k = 0; k < perBlock; k++)
                {
                    int at = b * g + k * m;
                    if (k * m >= g || at >= n) continue;
                    var query = p.Local("sample@" + Text(at), MpcKind.Categorical, _ => at, p.Machine, Text(at));
                    sampleWords.Add(p.Lookup("sample@" + Text(at), reversed, key: sorted, query: query, MpcPick.First));
                    // Equal words order by block-sorted position: within a block that is position order, across blocks too.
                    sampleMine.Add(Mine(p, "sample@" + Text(at), reversed, sortedNumber, x => at < x, ">" + Text(at)));
                }
            var bucket = CountBelow(p, "bucket", sampleWords.ToArray(), sampleMine.ToArray(), sampleWords.Count + 1, MpcKind.Categorical, null);

            p.Round("route to the buckets");
            var inbox = p.Send("bucket", to: bucket, payload: reversed, slots: c);

            p.Round("read the bucket");
            var bucketWords = new MpcRegister[c];
            var bucketMine = new MpcRegister[c];
            for (int u = 0; u < c; u++)
            {
                int slot = u;
                bucketWords[u] = p.Read("bucket[" + u + "]", inbox.Slots[u], from: bucket);
                // Slots are in sender order, so an equal word in an earlier slot is an equal word at a smaller position.
                bucketMine[u] = Mine(p, "bucket[" + u + "]", reversed, inbox.Position, x => slot < x, "<" + Text(u));
            }
            // Bucket β holds the keys above β samples and not above β + 1: β runs over 0..S, so S + 1 buckets (machines).
            // A bucket holds at most c keys, or the send faulted; the cap keeps the value set of the sums below small.
            var size = p.Local("bucket-size", MpcKind.Numerical, x => Math.Min(x, c), inbox.Received, "min c");
            var total = size;
            int steps = CeilLog2(Math.Min(n, sampleWords.Count + 1)), done = 0;
            // Inclusive prefix sums of the bucket sizes over the machines (Hillis–Steele), a level per round beside the ranks.
            // Each level adds two values capped at n (no prefix of sizes exceeds n), so every sum stays in 0..2n.
            void Offsets()
            {
                if (done == steps) return;
                int d = 1 << done++;
                var left = p.Local("left" + Text(d), MpcKind.Categorical, i => i >= d ? i - d : Bottom.Value, p.Machine, "-" + Text(d));
                var part = p.Read("sizes@left" + Text(d), total, from: left);
                total = p.Local("sizes-to-here", MpcKind.Numerical, (a, b) => Math.Min(a, n) + Math.Min(b, n), total, part, "min n + min n");
            }
            var inBucket = CountBelow(p, "rank-in-bucket", bucketWords, bucketMine, c, MpcKind.Numerical, Offsets);
            while (done < steps)
            {
                p.Round("bucket offsets");
                Offsets();
            }
            p.Round("bucket start");
            var bucketStart = p.Local("bucket-start", MpcKind.Numerical, (a, b) => Math.Min(a, n) - b, total, size, "min n -");
            p.Round("global rank");
            var start = p.Read("bucket-start@bucket", bucketStart, from: bucket);
            var rank = p.Local("rank", MpcKind.Categorical, (a, b) => a + b, start, inBucket, "+");
            p.Round("place");
            return p.Build(p.Lookup("sorted", value, key: rank, query: p.Machine, MpcPick.First));
        }

        /// <summary>
        /// This machine's side of one comparison, tie − 2·(W − x), where tie is 1 when an equal word read there counts as below
        /// mine. One register per comparison, so that each comparison's map reads two values of its own: maps sharing an
        /// input would form one wide part for the translation validator, checked over the product of all their inputs.
        /// </summary>
        private static MpcRegister Mine(MpcBuilder p, string name, MpcRegister reversed, MpcRegister order, Func<double, bool> tie, string label)
            => p.Local(name + ".mine", MpcKind.Numerical, (r, o) => (tie(o) ? 1 : 0) - 2 * r, reversed, order, "tie(" + label + ")-2r");

        /// <summary>
        /// The number of keys read (reversed words, 0 = none) below this machine's key, in 0..bound−1: a round of
        /// comparisons 2·theirs + mine (= 2·(theirs − W + x) + tie), a round of flags (comparison ≥ 1), then a tree of small
        /// sums. <paramref name="beside"/>, when given, adds independent work to each of those rounds.
        /// </summary>
        private static MpcRegister CountBelow(MpcBuilder p, string name, MpcRegister[] theirs, MpcRegister[] mine, int bound, MpcKind kind, Action? beside)
        {
            p.Round(name + ": compare");
            var comparisons = theirs.Select((x, t) => p.Local(name + "[" + t + "].d", MpcKind.Numerical, (a, b) => 2 * a + b, x, mine[t], "2a+b")).ToArray();
            beside?.Invoke();
            p.Round(name + ": keys below mine");
            var flags = comparisons.Select((d, t) => (p.Local(name + "[" + t + "].below", MpcKind.Numerical, x => x >= 1 ? 1 : 0, d, "≥1"), 2L)).ToArray();
            beside?.Invoke();
            var tree = new SumTree(name, flags, bound, kind);
            while (!tree.Done)
            {
                p.Round(name + ": sum");
                tree.Step(p);
                beside?.Invoke();
            }
            return tree.Result!;
        }

        /// <summary>
        /// The sum of numerical registers (each with its number of values 0..V−1) as a register of the asked kind in
        /// 0..bound−1, one level per round: each level adds groups small enough for one exact MLP (a sum of per-input parts,
        /// checked over every combination of their values). The terms are values of an earlier round, so no sum fuses with
        /// what computes them.
        /// </summary>
        private sealed class SumTree
        {
            /// <summary>The most value combinations one summing MLP enumerates (its inputs' value counts, multiplied).</summary>
            private const long Group = 1 << 12;

            private readonly string _name;
            private readonly int _bound;
            private List<(MpcRegister Register, long Values)> _level;

            public SumTree(string name, (MpcRegister Register, long Values)[] terms, int bound, MpcKind kind)
            {
                _name = name; _bound = Math.Max(1, bound); _level = terms.ToList(); _kind = kind;
            }

            private readonly MpcKind _kind;

            public bool Done => Result != null;

            public MpcRegister? Result { get; private set; }

            /// <summary>Adds one level's sums to the current round.</summary>
            public void Step(MpcBuilder p)
            {
                bool last = _level.Aggregate(1L, (a, t) => Math.Min(1L << 40, a * t.Values)) <= Group;
                var next = new List<(MpcRegister Register, long Values)>();
                int start = 0;
                while (start < _level.Count)
                {
                    int end = start + 1;
                    long product = _level[start].Values;
                    while (end < _level.Count && product * _level[end].Values <= Group) product *= _level[end++].Values;
                    var group = _level.Skip(start).Take(end - start).ToList();
                    long values = Math.Min(_bound, group.Sum(t => t.Values - 1) + 1);
                    var kind = last ? _kind : MpcKind.Numerical;
                    var inputs = group.Select(t => t.Register).ToArray();
                    next.Add((p.Local(_name + (last ? "" : ".part"), kind, xs => xs.Sum(), inputs, "Σ"), values));
                    start = end;
                }
                if (last) Result = next.Single().Register;
                else _level = next;
            }
        }
    }
}
