using System;
using System.Collections.Generic;
using Circuits.Compiler;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Compilation
{
    /// <summary>
    /// Fuzzer seed 93002, program 29 (CIRC0220): a head whose readers accept almost any error. A linear form at the output that
    /// scales a mean by 1e-20 lets the mean be off by 10^19, and the head's temperatures, ln(4(n − 1)·V_max/tolerance) + 3 and
    /// ln(8·V_max/tolerance) + 1, came out negative: unselected keys outscored selected ones, and the validator refused the
    /// compiler's own weights. Each program here (the fuzzer's, its minimal form, and the siblings that reach a head the same
    /// way: a tie-break's μ, the hinge forms min / max / |a − b| that pass a raw mean to the output) must compile and give the
    /// reference evaluator's outputs on every input up to its MaxLength, in every certified type and in the generated code.
    /// </summary>
    public class MiscompileRegressionLooseToleranceTests
    {
        private readonly ITestOutputHelper _output;

        public MiscompileRegressionLooseToleranceTests(ITestOutputHelper output) => _output = output;

        private static Numerical MeanOfEqualTokens => Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal), Rasp.Numerical(Rasp.Tokens));

        public static IEnumerable<object[]> Cases()
        {
            yield return Case("seed-93002-program-29", () => Rasp.NumericalSequenceMap(Rasp.NumericalMap(Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal), Rasp.Numerical(Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Map(Rasp.Aggregate(Rasp.And(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.GreaterOrEqual), Rasp.And(Rasp.Select(Rasp.SelectorWidth(Rasp.And(Rasp.Select(Rasp.Aggregate(Rasp.Select(Rasp.Constant(0), Rasp.Tokens, Rasp.Greater).Leftmost().Leftmost(), Rasp.Tokens), Rasp.Tokens, Rasp.GreaterOrEqual), Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.LessOrEqual))), Rasp.Tokens, Rasp.Less), Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.LessOrEqual))).Rightmost(), Rasp.Constant(2)), x => x % 3, "x => x % 3"), Rasp.Equal)))), x => x * 1e-10, "x => x * 1e-10"),
                Rasp.NumericalSequenceMap(Rasp.Numerical(Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Map(Rasp.Tokens, x => x + 10, "x => x + 10"), (k, q) => k == q + 1, "(k, q) => k == q + 1"))),
                    Rasp.Numerical(Rasp.SelectorWidth(Rasp.Or(Rasp.Select(Rasp.Tokens, Rasp.Tokens, (k, q) => k == q + 1, "(k, q) => k == q + 1"), Rasp.Select(Rasp.Tokens, Rasp.Tokens, (k, q) => k == -1 || q == -1, "(k, q) => k == -1 || q == -1")))), (a, b) => a + b, "(a, b) => a + b"),
                (a, b) => a * 1e-10 + b, "(a, b) => a * 1e-10 + b"), "ab", 1, false);
            // The fuzzer's shrinker minimised it to this: Δ = ⌈ln(4·1·1/(0.32·10^20)) + 3⌉ = −40.
            foreach (int n in new[] { 1, 4 })
                foreach (bool causal in new[] { false, true })
                    yield return Case($"tiny-gain-of-a-mean-n{n}{(causal ? "-causal" : "")}", () => Rasp.NumericalSequenceMap(MeanOfEqualTokens, Rasp.Numerical(Rasp.Tokens), (a, b) => a * 1e-20 + b), "ab", n, causal);
            // A gain whose temperatures were positive all along: unchanged, and still exact.
            yield return Case("gain-1e-3-of-a-mean", () => Rasp.NumericalSequenceMap(MeanOfEqualTokens, Rasp.Numerical(Rasp.Tokens), (a, b) => a * 1e-3 + b), "abc", 4, false);
            // A tie-break's μ went negative with Δ: the rightmost (leftmost) key lost to its neighbours and to the sink.
            yield return Case("tiny-gain-of-a-rightmost-read", () => Rasp.NumericalSequenceMap(Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.True).Rightmost(), Rasp.Numerical(Rasp.Tokens)),
                Rasp.Numerical(Rasp.Tokens), (a, b) => a * 1e-20 + b), "ab", 4, false);
            yield return Case("tiny-gain-of-a-leftmost-position", () => Rasp.NumericalSequenceMap(Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.LessOrEqual).Leftmost(), Rasp.Numerical(Rasp.Indices)),
                Rasp.Numerical(Rasp.Tokens), (a, b) => a * 1e-20 + b), "ab", 4, true);
            // The hinge forms pass a raw mean to the output with gain 2·|α| and asked the same impossible temperature of its head.
            yield return Case("max-hinge-of-a-tiny-mean", () => Rasp.NumericalSequenceMap(MeanOfEqualTokens, Rasp.Numerical(Rasp.Tokens), (a, b) => Math.Max(a * 1e-20, b)), "ab", 4, false);
            yield return Case("absdiff-hinge-of-a-tiny-mean", () => Rasp.NumericalSequenceMap(MeanOfEqualTokens, Rasp.Numerical(Rasp.Tokens), (a, b) => Math.Abs(a * 1e-20 - b)), "ab", 4, false);
            yield return Case("max-hinge-of-a-tiny-rightmost-read", () => Rasp.NumericalSequenceMap(Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.True).Rightmost(), Rasp.Numerical(Rasp.Tokens)),
                Rasp.Numerical(Rasp.Tokens), (a, b) => Math.Max(a * 1e-20, b)), "ab", 4, true);
        }

        private static object[] Case(string name, Func<SOp> program, string vocab, int n, bool causal) => new object[] { name, program, vocab, n, causal };

        [Theory]
        [MemberData(nameof(Cases))]
        public void MatchesTheReferenceEverywhere(string name, Func<SOp> build, string vocab, int n, bool causal)
            => new MiscompileRegressionTests(_output).MatchesTheReferenceEverywhere(name, build, vocab, n, causal);

        [Fact]
        public void EveryHeadSelectsWhateverItsReadersAccept()
        {
            // The temperatures are designed for an error of at most V_max, so they stay positive however loose the readers are:
            // Δ ≥ ⌈ln 4 + 3⌉ = 5 and, with a tie-break, the key beats its neighbour by μ ≥ ⌈ln 8 + 1⌉ = 4.
            foreach (double gain in new[] { 1e-3, 1e-10, 1e-20, 1e-300 })
            {
                var model = Parity.Compile(Rasp.NumericalSequenceMap(MeanOfEqualTokens, Rasp.Numerical(Rasp.Tokens), (a, b) => a * gain + b), "ab", 2, false);
                foreach (var layer in model.Layers)
                    foreach (var head in layer.Heads)
                        Assert.True(head.Gap >= 5, $"gain {gain:G3}: head '{head.Label}' has Δ {head.Gap}");
            }
        }
    }
}
