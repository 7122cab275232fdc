using System;
using System.Collections.Generic;
using System.Linq;
using Circuits;
using MpcPrograms;

// Each [MpcProgram] class was compiled to exact weights at build time (see the generated files' headers). Run is the
// build-time forward pass, Simulate the reference semantics; both are checked here against the problems' definitions.
// Run: dotnet run --project samples/MpcPrograms
Console.WriteLine(CardFormatter.ToText(OneVsTwoCycle.Card));
var random = new Random(7);
Check("list-ranking", ListRanking.MaxLength, ListRanking.Run, ListRanking.Simulate, n => RandomList(random, n), Ranks,
    ListRanking.Card.Mpc!.Rounds, ListRanking.Layers, ListRanking.Width);
Check("one-vs-two-cycle", OneVsTwoCycle.MaxLength, OneVsTwoCycle.Run, OneVsTwoCycle.Simulate, n => RandomCycles(random, n), Cycles,
    OneVsTwoCycle.Card.Mpc!.Rounds, OneVsTwoCycle.Layers, OneVsTwoCycle.Width);
Check("prefix-sums", PrefixSums.MaxLength, PrefixSums.Run, PrefixSums.Simulate, n => Enumerable.Range(0, n).Select(_ => random.Next(8)).ToArray(), Sums,
    PrefixSums.Card.Mpc!.Rounds, PrefixSums.Layers, PrefixSums.Width);

void Check(string name, int maxLength, Func<IReadOnlyList<int>, double[]> run, Func<IReadOnlyList<int>, double[]> simulate,
    Func<int, int[]> draw, Func<int[], double[]> reference, int rounds, int layers, int width)
{
    int agree = 0, total = 0;
    foreach (int n in new[] { 1, 2, 3, maxLength / 2, maxLength })
        for (int k = 0; k < 40; k++, total++)
        {
            var words = draw(n);
            var expected = reference(words);
            if (run(words).SequenceEqual(expected) && simulate(words).SequenceEqual(expected)) agree++;
            else Console.WriteLine($"{name}: MISMATCH on {string.Join(" ", words)}");
        }
    Console.WriteLine($"{name,-17} N = {maxLength,3}: R = {rounds}, L = {layers}, width {width}; forward = simulator = definition on {agree}/{total} instances");
    if (agree != total) Environment.Exit(1);
}

// One linked list over 0..n−1 in random order; the tail points to itself.
static int[] RandomList(Random random, int n)
{
    var order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
    var next = new int[n];
    for (int k = 0; k < n; k++) next[order[k]] = order[Math.Min(k + 1, n - 1)];
    return next;
}

// succ of one n-cycle, or of two n/2-cycles when n is even (a coin flip), over a random vertex order.
static int[] RandomCycles(Random random, int n)
{
    var order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
    int cycles = n % 2 == 0 && n > 1 && random.Next(2) == 0 ? 2 : 1, length = n / cycles;
    var succ = new int[n];
    for (int c = 0; c < cycles; c++)
        for (int k = 0; k < length; k++) succ[order[c * length + k]] = order[c * length + (k + 1) % length];
    return succ;
}

// Steps from each node to the tail, by walking the list.
static double[] Ranks(int[] next) => Enumerable.Range(0, next.Length).Select(i =>
{
    int steps = 0;
    for (int v = i; next[v] != v; v = next[v]) steps++;
    return (double)steps;
}).ToArray();

// The number of cycles of the permutation, at every vertex.
static double[] Cycles(int[] succ)
{
    var seen = new bool[succ.Length];
    int cycles = 0;
    for (int v = 0; v < succ.Length; v++)
    {
        if (seen[v]) continue;
        cycles++;
        for (int u = v; !seen[u]; u = succ[u]) seen[u] = true;
    }
    return Enumerable.Repeat((double)cycles, succ.Length).ToArray();
}

static double[] Sums(int[] words)
{
    double total = 0;
    return words.Select(w => total += w).ToArray();
}
