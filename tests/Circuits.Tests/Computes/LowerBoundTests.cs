using System;
using System.Linq;
using Circuits.Compiler;
using Xunit;
using static Circuits.Tests.Computes.ReferenceExecutorTests;

namespace Circuits.Tests.Computes
{
    /// <summary>
    /// THEORY §4.8's rules on a compiled model's own numbers (no budget needed) and the card's one-layer note: numbers from the
    /// model's card and numeric type, checked against the rule's formula H(m+1)p ≥ N/4 and its minimal width.
    /// </summary>
    public class LowerBoundTests
    {
        private static CompiledModel Model(SOp program, int n, NumericType precision, string vocabulary = "abcd", KnownTask task = KnownTask.None, int k = 0)
            => CircuitCompiler.Compile(program, new CompileOptions { Name = "m", Vocabulary = CompileOptions.CharVocabulary(vocabulary), MaxLength = n, Causal = true, Precision = precision, Task = task, K = k });

        [Theory]
        [InlineData(NumericType.Float64, 53)]
        [InlineData(NumericType.Float32, 24)]
        public void OneLayerModelDeclaredAsInductionHeadWarnsWithoutABudget(NumericType precision, int p)
        {
            var card = Model(Library.Shift(Rasp.Tokens), 4096, precision).Card;
            Assert.Equal(1, card.Layers);
            long size = (long)card.HeadsPerLayer[0] * (card.Width + 1) * p;
            Assert.True(size < 4096 / 4, "the example must violate the bound");
            var finding = Assert.Single(LowerBounds.Check(KnownTask.InductionHead, 0, card, precision, null));
            Assert.Equal("CIRC0401", finding.Code);
            Assert.Contains($"{card.HeadsPerLayer[0]}·({card.Width}+1)·{p} = {size}", finding.Message);
            Assert.Contains("N/4 = 1024", finding.Message);
        }

        [Fact]
        public void OneLayerBoundIsSilentWhereItHoldsOrDoesNotApply()
        {
            // N = 64: 1·(m+1)·53 ≥ 16 for any width.
            Assert.Empty(LowerBounds.Check(KnownTask.InductionHead, 0, Model(Library.Shift(Rasp.Tokens), 64, NumericType.Float64).Card, NumericType.Float64, null));
            // Two symbols: the INDEX reduction needs three (0, 1 and a marker).
            Assert.Empty(LowerBounds.Check(KnownTask.InductionHead, 0, Model(Library.Shift(Rasp.Tokens), 4096, NumericType.Float64, "ab").Card, NumericType.Float64, null));
            // The real induction head has 2 layers.
            Assert.Empty(LowerBounds.Check(KnownTask.InductionHead, 0, Model(Library.InductionHead(), 4096, NumericType.Float32).Card, NumericType.Float32, null));
        }

        [Theory]
        [InlineData(2, 4, "beyond the known constructions")]                        // 3 layers, 2³ ≥ 4: no theorem, no construction
        [InlineData(1, 8, "impossible under the 1-vs-2-cycle conjecture")]          // 2 layers, 2² < 8, m·H < N
        public void ShallowModelDeclaredAsKHopWarnsWithoutABudget(int programK, int declaredK, string kind)
        {
            var card = Model(Library.Hop(programK), 4096, NumericType.Float32).Card;
            int known = (int)Math.Floor(Math.Log2(declaredK)) + 2;
            Assert.True(card.Layers < known);
            var finding = Assert.Single(LowerBounds.Check(KnownTask.KHop, declaredK, card, NumericType.Float32, null));
            Assert.Equal("CIRC0402", finding.Code);
            Assert.Contains(kind, finding.Message);
            Assert.Contains($"compiles to {card.Layers} layer(s) but declares {declaredK}-hop", finding.Message);
            Assert.Contains($"= {known} layers", finding.Message);
        }

        [Fact]
        public void ModelAndBudgetGiveOneFindingPerCodeTheModelsFirst()
        {
            var card = Model(Library.Shift(Rasp.Tokens), 4096, NumericType.Float64).Card;
            var budget = new Budget { Layers = 1, HeadsPerLayer = 1, Width = 8 };
            var findings = LowerBounds.Check(KnownTask.InductionHead, 0, card, NumericType.Float64, budget);
            var finding = Assert.Single(findings);
            Assert.StartsWith("'m' compiles to 1 layer", finding.Message);
            // A model that meets the bound leaves the budget's own finding.
            var twoLayers = Model(Library.InductionHead(), 4096, NumericType.Float64).Card;
            Assert.Contains("this budget gives 1·(8+1)·53 = 477", Assert.Single(LowerBounds.Check(KnownTask.InductionHead, 0, twoLayers, NumericType.Float64, budget)).Message);
        }

        [Theory]
        [InlineData(4096, NumericType.Float64)]
        [InlineData(4096, NumericType.Float32)]
        [InlineData(1000, NumericType.Float32)]
        [InlineData(256, NumericType.Float32)]
        public void OneLayerNoteStatesTheModelsPrecisionAndTheLeastWidth(int n, NumericType precision)
        {
            var note = Model(Library.InductionHead(), n, precision, task: KnownTask.InductionHead).Card.Notes.Single(x => x.StartsWith("Theory (SHT24b)", StringComparison.Ordinal));
            int p = precision == NumericType.Float32 ? 24 : 53;
            Assert.Contains($"at p = {p} bits ({(precision == NumericType.Float32 ? "float32" : "float64")})", note);
            int width = int.Parse(note.Split("width ≥ ")[1].Split(';')[0]);
            // The least width one head needs: (m+1)p ≥ N/4 holds at m, fails at m − 1.
            Assert.True((width + 1) * p >= n / 4.0 && width * p < n / 4.0, $"width {width} is not the least for N = {n}, p = {p}");
        }

        [Theory]
        [InlineData(64, NumericType.Float32)]
        [InlineData(64, NumericType.Float64)]
        [InlineData(16, NumericType.Float32)]
        public void OneLayerNoteSaysVacuousInsteadOfWidthZero(int n, NumericType precision)
        {
            var note = Model(Library.InductionHead(), n, precision, task: KnownTask.InductionHead).Card.Notes.Single(x => x.StartsWith("Theory (SHT24b)", StringComparison.Ordinal));
            Assert.DoesNotContain("width ≥", note);
            Assert.Contains($"vacuous at N = {n}", note);
            int p = precision == NumericType.Float32 ? 24 : 53;
            Assert.True(2 * p >= n / 4.0, "one head of width 1 must already meet the bound for the note to call it vacuous");
        }

        [Fact]
        public void OneLayerNoteSaysTheBoundNeedsThreeSymbols()
        {
            var note = Model(Library.InductionHead(), 4096, NumericType.Float32, "ab", KnownTask.InductionHead).Card.Notes.Single(x => x.StartsWith("Theory (SHT24b)", StringComparison.Ordinal));
            Assert.Contains("at least 3 symbols", note);
            Assert.DoesNotContain("width ≥", note);
        }
    }
}
