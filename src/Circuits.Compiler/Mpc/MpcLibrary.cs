using System;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    /// <summary>
    /// MPC algorithms as protocols (THEORY §6), one machine per input word. Pointer values are categorical (they address
    /// machines); counts and distances are numerical (linear adds, exact one-hot reads), never N × N tables.
    /// </summary>
    public static partial class MpcLibrary
    {
        /// <summary>⌈log2 n⌉ for n ≥ 1 (0 for n = 1): the doubling rounds after which 2^R ≥ n.</summary>
        public static int CeilLog2(int n)
        {
            if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
            int r = 0;
            while ((1L << r) < n) r++;
            return r;
        }

        /// <summary>Broadcast: every machine outputs machine 0's word. One pull read (THEORY §6: one attention layer).</summary>
        public static MpcProtocol Broadcast(int maxLength, int wordRange, int localMemory = 2)
        {
            var p = new MpcBuilder("broadcast", maxLength, localMemory, wordRange);
            p.Round("read machine 0");
            var zero = p.Local("source", MpcKind.Categorical, _ => 0, p.Machine, "0");
            return p.Build(p.Read("broadcast", p.Word, from: zero));
        }

        /// <summary>
        /// All-prefix-sums: machine i outputs the sum of the words of machines 0..i. Hillis–Steele doubling with pull reads:
        /// in round j every machine adds the partial sum of the machine 2^j to its left, ⌈log2 N⌉ rounds.
        /// </summary>
        public static MpcProtocol PrefixSums(int maxLength, int wordRange, int localMemory = 4)
        {
            var p = new MpcBuilder("prefix-sums", maxLength, localMemory, wordRange);
            int rounds = CeilLog2(maxLength);
            p.Round(rounds == 0 ? "load" : "add the sum 1 to the left");
            var sum = p.Local("sum", MpcKind.Numerical, w => Bottom.Is(w) ? 0 : w, p.Word, "number");
            for (int j = 0; j < rounds; j++)
            {
                int d = 1 << j;
                if (j > 0) p.Round("add the sum " + d + " to the left");
                var left = p.Local("left" + d, MpcKind.Categorical, i => i >= d ? i - d : Bottom.Value, p.Machine, "-" + d);
                var part = p.Read("part" + d, sum, from: left);
                sum = p.Local("sum", MpcKind.Numerical, (a, b) => a + b, sum, part, "+");
            }
            return p.Build(sum);
        }

        /// <summary>
        /// List ranking by pointer doubling. Input: machine i holds next(i) of one linked list over 0..n−1 whose tail points to
        /// itself. Output: the number of steps from i to the tail. Each round: rank += rank[next], next = next[next]; the tail is
        /// absorbing with rank 0, so ⌈log2 N⌉ rounds reach it from everywhere.
        /// </summary>
        public static MpcProtocol ListRanking(int maxLength, int localMemory = 5)
        {
            var p = new MpcBuilder("list-ranking", maxLength, localMemory, maxLength);
            int rounds = CeilLog2(maxLength);
            p.Round(rounds == 0 ? "tail test" : "double 1");
            var tail = p.Same("tail", p.Word, p.Machine);
            var rank = p.Local("rank", MpcKind.Numerical, t => 1 - t, tail, "1-");
            var next = p.Word;
            for (int j = 0; j < rounds; j++)
            {
                if (j > 0) p.Round("double " + (j + 1));
                var far = p.Read("rank@next", rank, from: next);
                if (j < rounds - 1) next = p.Read("next", next, from: next);
                rank = p.Local("rank", MpcKind.Numerical, (a, b) => a + b, rank, far, "+");
            }
            return p.Build(rank);
        }

        /// <summary>
        /// 1-vs-2 cycle by successor doubling. Input: machine v holds succ(v), a permutation that is one n-cycle or two
        /// n/2-cycles. Output at every machine: the number of cycles. Round j: z |= z[p], p = p[p], where z(v) starts as
        /// (v = 0), so after ⌈log2 N⌉ rounds z marks vertex 0's cycle; a count of the unmarked says whether a second cycle
        /// exists. Only 0/1 flags meet in MLPs, so the width stays logarithmic (the pointer's code).
        /// </summary>
        public static MpcProtocol OneVsTwoCycle(int maxLength, int localMemory = 4)
        {
            var p = new MpcBuilder("one-vs-two-cycle", maxLength, localMemory, maxLength);
            int rounds = CeilLog2(maxLength);
            p.Round("double 1");
            var marked = p.Local("reaches-0", MpcKind.Categorical, i => Bottom.Is(i) ? Bottom.Value : i == 0 ? 1 : 0, p.Machine, "=0");
            var next = p.Word;
            for (int j = 0; j < rounds; j++)
            {
                if (j > 0) p.Round("double " + (j + 1));
                var far = p.Read("reaches-0@next", marked, from: next);
                if (j < rounds - 1) next = p.Read("next", next, from: next);
                marked = p.Local("reaches-0", MpcKind.Categorical, (a, b) => Bottom.Is(a) ? Bottom.Value : a == 1 || b == 1 ? 1 : 0, marked, far, "or");
            }
            p.Round("count the other cycle");
            var other = p.Local("other-cycle", MpcKind.Categorical, z => Bottom.Is(z) ? Bottom.Value : 1 - z, marked, "not");
            var count = p.Count("in-other-cycle", other);
            return p.Build(p.Local("cycles", MpcKind.Categorical, c => Bottom.Is(c) ? Bottom.Value : c > 0 ? 2 : 1, count, "cycles"));
        }

        /// <summary>
        /// Connected components of a functional graph. Input: machine i holds f(i) in 0..n−1; the graph has the undirected
        /// edges {i, f(i)}. Output at i: the smallest vertex id in i's component. Each component of a functional graph holds
        /// exactly one cycle, which every vertex reaches: ⌈log2 N⌉ doubling rounds compute min over the 2^R vertices after i
        /// (min via ReLU) and p = f^(2^R)(i), a vertex of the cycle; reading min at p gives the cycle's minimum, the same for the
        /// whole component and different across components; a first-match lookup on it then finds the component's smallest id.
        /// </summary>
        public static MpcProtocol ConnectedComponents(int maxLength, int localMemory = 5)
        {
            var p = new MpcBuilder("connected-components", maxLength, localMemory, maxLength);
            int rounds = CeilLog2(maxLength);
            // A round of its own: the label is then a value of an earlier round in every min, so each min's MLP decodes two
            // numbers (2N ramps) instead of gating a ladder by every machine id (N² units).
            p.Round("label");
            var label = p.Local("min", MpcKind.Numerical, i => i, p.Machine, "number");
            var next = p.Word;
            for (int j = 0; j < rounds; j++)
            {
                p.Round("double " + (j + 1));
                var far = p.Read("min@next", label, from: next);
                next = p.Read("next", next, from: next);
                label = p.Local("min", MpcKind.Numerical, (a, b) => Math.Min(a, b), label, far, "min");
            }
            p.Round("cycle minimum");
            var cycleMin = p.Read("cycle-min", label, from: next);
            var representative = p.Local("representative", MpcKind.Categorical, x => x, cycleMin, "categorical");
            p.Round("smallest id with that representative");
            return p.Build(p.Lookup("component", p.Machine, key: representative, query: representative, MpcPick.First));
        }

        /// <summary>
        /// k-hop induction as a protocol: a find round (the last earlier machine holding the same token, plus one), then pointer
        /// doubling with the answer hopped along the set bits of k — the statements of <c>Library.Hop</c>, so ⌊log2 k⌋ + 2 layers.
        /// </summary>
        public static MpcProtocol KHop(int k, int maxLength, int wordRange, int localMemory = 4)
        {
            if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
            var p = new MpcBuilder(k + "-hop", maxLength, localMemory, wordRange);
            p.Round("find");
            var after = p.Local("index+1", MpcKind.Categorical, i => i + 1, p.Machine, "+1");
            var pointer = p.Lookup("find", after, key: p.Word, query: p.Word, MpcPick.Last, earlierOnly: true);
            var answer = p.Word;
            int steps = Library.FloorLog2(k) + 1;
            for (int j = 0; j < steps; j++)
            {
                p.Round("hop " + (1 << j));
                if (((k >> j) & 1) == 1) answer = p.Read("answer", answer, from: pointer);
                if (j < steps - 1) pointer = p.Read("find^" + (2 << j), pointer, from: pointer);
            }
            return p.Build(answer);
        }

        /// <summary>
        /// A push round in isolation: every machine sends its id to the machine named by its word (the word must name a machine, 0..n−1);
        /// output: 1 + the first sender received (0 if none; numerical, as every sending protocol's output). More than s senders to one
        /// machine is a receive overflow.
        /// </summary>
        public static MpcProtocol Route(int maxLength, int wordRange, int localMemory)
        {
            var p = new MpcBuilder("route", maxLength, localMemory, wordRange);
            p.Round("send");
            var payload = p.Local("id+1", MpcKind.Numerical, i => i + 1, p.Machine, "+1");
            var inbox = p.Send("inbox", to: p.Word, payload: payload);
            return p.Build(inbox.Slots[0]);
        }
    }
}
