using System;
using System.Diagnostics;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Validation
{
    /// <summary>Each check of the translation validator on small hand-made faults, and its card line.</summary>
    public class ValidatorTests
    {
        private readonly ITestOutputHelper _out;
        public ValidatorTests(ITestOutputHelper o) { _out = o; }

        private static (CompiledModel Model, LayoutClaim Claim) Compile(SOp p, string vocab = "abc", int n = 6, bool causal = true, NumericType precision = NumericType.Float64)
        {
            var m = CircuitCompiler.Compile(p, new CompileOptions { Vocabulary = CompileOptions.CharVocabulary(vocab), MaxLength = n, Causal = causal, Precision = precision, Name = "t" }, out var claim);
            return (m, claim);
        }

        private static string Refused(CompiledModel mutant, LayoutClaim claim)
        {
            var e = Assert.Throws<CompileException>(() => ModelValidator.Validate(mutant, claim));
            Assert.Equal("CIRC0220", e.Code);
            return e.Message;
        }

        [Fact]
        public void UnmodifiedModelsPassAndTheCardSaysHow()
        {
            var (m, claim) = Compile(Library.InductionHead());
            var stats = ModelValidator.Validate(m, claim);
            Assert.StartsWith("validated exhaustively (", m.Card.Validation);
            Assert.True(stats.Combinations > 0);
            Assert.Contains("validation", CardFormatter.ToText(m.Card));
        }

        [Fact]
        public void NonFiniteWeightsAreRefused()
        {
            var (m, claim) = Compile(Library.Histogram(), causal: false);
            var mutant = ModelMutation.Clone(m);
            mutant.Layers[0].Heads[0].Query.Data[0] = double.NaN;
            Assert.Contains("NaN", Refused(mutant, claim));
        }

        [Fact]
        public void AWrongEmbeddingRowIsRefusedWithTheRow()
        {
            var (m, claim) = Compile(Library.InductionHead());
            var mutant = ModelMutation.Clone(m);
            int col = claim.Slots.First(s => s.Node is TokensOp).Offset;
            mutant.TokenEmbedding[1, col] = -mutant.TokenEmbedding[1, col];
            var msg = Refused(mutant, claim);
            Assert.Contains("embedding", msg);
            Assert.Contains("token", msg);
        }

        [Fact]
        public void AHeadWhoseScoresNoLongerSeparateIsRefusedWithAWitness()
        {
            var (m, claim) = Compile(Library.InductionHead());
            var mutant = ModelMutation.Clone(m);
            var q = mutant.Layers[1].Heads[0].Query;
            for (int i = 0; i < q.Data.Length; i++) q.Data[i] *= 0.01; // temperature far too low
            var msg = Refused(mutant, claim);
            Assert.Contains("layer 2", msg);
        }

        [Fact]
        public void ATieBreakThatPointsTheWrongWayIsRefused()
        {
            var (m, claim) = Compile(Library.InductionHead());
            var mutant = ModelMutation.Clone(m);
            var k = mutant.Layers[1].Heads[0].Key;
            int pos = claim.Slots.First(s => s.Role == SlotRole.PositionPlusOne).Offset;
            for (int c = 0; c < k.Cols; c++) k[pos, c] = -k[pos, c];
            Assert.Contains("layer 2 head 0", Refused(mutant, claim));
        }

        [Fact]
        public void AHeadThatWritesOutsideItsRawSlotIsRefused()
        {
            var (m, claim) = Compile(Library.InductionHead());
            var mutant = ModelMutation.Clone(m);
            var o = mutant.Layers[0].Heads[0].Output;
            o[0, (claim.Slots.First(s => s.Role == SlotRole.One).Offset)] = 0.5;
            Assert.Contains("W_V·W_O", Refused(mutant, claim));
        }

        [Fact]
        public void AnMlpWithAPerturbedBiasIsRefusedWithTheInputCombination()
        {
            var (m, claim) = Compile(Rasp.Map(Rasp.SequenceMap(Rasp.Tokens, Rasp.Indices, (a, b) => (a + b) % 3), x => x), causal: false);
            var mutant = ModelMutation.Clone(m);
            var mlp = mutant.Layers.First(l => l.Mlp != null).Mlp!;
            var bias = mlp.Stages[0].Bias;
            int u = Enumerable.Range(0, bias.Length).First(i => bias[i] != 0);
            bias[u] += 3;
            var msg = Refused(mutant, claim);
            Assert.Contains("MLP", msg);
            Assert.Contains("witness", msg);
        }

        [Fact]
        public void AnMlpThatForgetsTheBosGateIsRefused()
        {
            var (m, claim) = Compile(Library.Histogram(), causal: false);
            var mutant = ModelMutation.Clone(m);
            var w = mutant.Layers[0].Mlp!.Stages[0].Weights;
            int bos = claim.Slots.First(s => s.Role == SlotRole.Bos).Offset;
            for (int u = 0; u < w.Cols; u++) w[bos, u] = 0;
            Refused(mutant, claim);
        }

        [Fact]
        public void AReadoutThatCannotDecodeIsRefused()
        {
            var (m, claim) = Compile(Rasp.Map(Rasp.Tokens, x => x + 1), causal: false);
            var mutant = ModelMutation.Clone(m);
            mutant.Output = new Readout { Offset = m.Output.Offset, Dims = m.Output.Dims, Encoding = m.Output.Encoding, Kind = m.Output.Kind, Values = m.Output.Values.Select(v => v + 7).ToArray(), Tolerance = m.Output.Tolerance };
            Assert.Contains("readout", Refused(mutant, claim));
        }

        [Theory]
        [InlineData("induction")]
        [InlineData("hop16")]
        public void AtN4096TheValidatorSaysItSampled(string which)
        {
            var program = which == "induction" ? Library.InductionHead() : Library.Hop(16);
            var clock = Stopwatch.StartNew();
            var (m, claim) = Compile(program, "abcd", 4096, causal: true, NumericType.Float32);
            double compile = clock.Elapsed.TotalMilliseconds;
            var stats = ModelValidator.Validate(m, claim);
            _out.WriteLine($"{which} N=4096: compile+validate {compile:F0} ms, validator alone {stats.Milliseconds:F0} ms; {m.Card.Validation}");
            Assert.Contains("validated", m.Card.Validation);
        }
    }
}
