using System;
using System.Collections.Generic;
using System.Linq;
using Circuits;
using Circuits.Tasks;
using MpcPrograms;

// Each [MpcProgram] class was compiled to exact weights at build time (see the generated files' headers). Run is the
// build-time forward pass, Simulate the reference semantics; both are checked here against the problems' definitions
// (Circuits.Tasks.MpcTaskDefinitions, written from the problems, not from the protocols).
// Run: dotnet run --project samples/MpcPrograms
Console.WriteLine(CardFormatter.ToText(OneVsTwoCycle.Card));
var random = new Random(7);
Check("list-ranking", ListRanking.MaxLength, ListRanking.Run, ListRanking.Simulate, n => MpcInstances.LinkedList(random, n), MpcTaskDefinitions.ListRanking,
    ListRanking.Card.Mpc!.Rounds, ListRanking.Layers, ListRanking.Width);
Check("one-vs-two-cycle", OneVsTwoCycle.MaxLength, OneVsTwoCycle.Run, OneVsTwoCycle.Simulate, n => MpcInstances.Cycles(random, n, two: n % 2 == 0 && random.Next(2) == 0), MpcTaskDefinitions.CycleCount,
    OneVsTwoCycle.Card.Mpc!.Rounds, OneVsTwoCycle.Layers, OneVsTwoCycle.Width);
Check("prefix-sums", PrefixSums.MaxLength, PrefixSums.Run, PrefixSums.Simulate, n => MpcInstances.Words(random, n, 8), MpcTaskDefinitions.PrefixSums,
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
