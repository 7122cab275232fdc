using System.Linq;
using Circuits.Compiler;
using Circuits.Fuzz;
using Xunit;
using Xunit.Abstractions;
using FuzzGenerator = Circuits.Fuzz.Generator;

namespace Circuits.Tests.Fuzz
{
    /// <summary>
    /// The fuzzer's long-input mode (--long): cases past the engines' 256-key blocks, inputs on both sides of every block edge,
    /// the engine on 1 and on 2 threads. Any seed: dotnet run -c Release --project tests/Circuits.Fuzz -- --seed S --count C --long.
    /// </summary>
    public class LongInputFuzzTests
    {
        private readonly ITestOutputHelper _out;
        public LongInputFuzzTests(ITestOutputHelper output) { _out = output; }

        [Theory]
        [InlineData(1)]
        [InlineData(256)]
        [InlineData(300)]
        [InlineData(512)]
        [InlineData(800)]
        public void BlockEdgeInputsMeetEveryEdgeUpToN(int n)
        {
            // Sequences of length L have L + 1 keys with BOS: 255/256/257 and 511/512/513 straddle the first two block edges.
            int[] edges = { 1, 255, 256, 257, 511, 512, 513 };
            foreach (int vocab in new[] { 1, 2, 5 })
            {
                var inputs = InputPlan.BlockEdgeInputs(vocab, n, seed: n * 7 + vocab);
                var expected = edges.Where(l => l < n).Append(n).ToArray();
                Assert.Equal(expected, inputs.Select(ids => ids.Length).ToArray());
                Assert.All(inputs, ids => Assert.All(ids, t => Assert.InRange(t, 0, vocab - 1)));
                Assert.Equal(inputs, new InputPlan { BlockEdges = true }.Inputs(vocab, n, n * 7 + vocab));
            }
        }

        [Fact]
        public void LongCasesArePastTheFirstKeyBlock()
        {
            for (int i = 0; i < 200; i++)
            {
                var c = Fuzzer.Case(95001, i, deep: i % 2 == 0, @long: true);
                Assert.InRange(c.MaxLength, FuzzGenerator.LongMinLength, FuzzGenerator.LongMaxLength);
            }
            Assert.True(FuzzGenerator.LongMinLength > 256 && FuzzGenerator.LongMaxLength > 513);
        }

        /// <summary>
        /// Fork cases (--fork) lie past the indexed pass's fork threshold (64 blocks of 16 positions, BOS included), so its two
        /// threads really split them, and their inputs include lengths on both sides of that threshold.
        /// </summary>
        [Fact]
        public void ForkCasesArePastTheIndexedForkThreshold()
        {
            for (int i = 0; i < 200; i++)
            {
                var c = Fuzzer.Case(97021, i, deep: i % 2 == 0, @long: i % 3 == 0, fork: true);
                Assert.InRange(c.MaxLength, FuzzGenerator.ForkMinLength, FuzzGenerator.ForkMaxLength);
            }
            Assert.True(FuzzGenerator.ForkMinLength + 1 > 64 * 16);
            var lengths = InputPlan.BlockEdgeInputs(2, FuzzGenerator.ForkMinLength, seed: 1).Select(ids => ids.Length).ToArray();
            Assert.Contains(1007, lengths); // 1,008 positions: 63 blocks, one thread
            Assert.Contains(1008, lengths); // 1,009 positions: 64 blocks, split
        }

        [Fact]
        public void ALongCaseMatchesTheReferenceOnOneAndTwoThreads()
        {
            // The rightmost earlier-or-equal key with the query's token, read at N = 520: its tie-break spans every key block,
            // and rows split between two threads must give the single-threaded outputs, which must be the reference's.
            var select = new FTie(new FSelect(FTokens.Instance, FTokens.Instance, FPred.Builtin(Comparison.LessOrEqual)), rightmost: true);
            var program = new FSeqMap(new FAggregate(select, new FNumerical(FIndices.Instance)), new FNumerical(new FWidth(new FSelect(FTokens.Instance, FTokens.Instance, FPred.Builtin(Comparison.Equal)))),
                FuzzGenerator.NumericalPairs.First(f => f.Source == "(a, b) => a + b"), MapForm.Numerical);
            var c = new FuzzCase(program, 3, 520, causal: false, NumericType.Float64);
            var runner = new Runner(new InputPlan { BlockEdges = true }) { EngineThreads = Fuzzer.LongEngineThreads };
            var r = runner.Check(c, generated: false, inputSeed: 520);
            _out.WriteLine($"{r.Outcome} {r.Code} on {r.Inputs} inputs in {string.Join(", ", r.Types)}");
            Assert.True(r.Outcome == Outcome.Exact, r.Outcome + " " + r.Code + " " + r.Failure?.Where + " " + r.Failure?.Message);
            Assert.Equal(8, r.Inputs);
        }
    }
}
