using System.Linq;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Stages
{
    /// <summary>Value inference: every node's finite value set and whether ⊥ can occur, from the vocabulary and N alone.</summary>
    public class ValueInferenceTests
    {
        private static ValueSet Values(SOp program, string vocab = "abc", int n = 4)
        {
            var ctx = StageHarness.Infer(program, vocab, n);
            return ctx.Values[ctx.Output];
        }

        [Fact]
        public void TokensAndIndicesAreTheirRanges()
        {
            Assert.Equal(new double[] { 0, 1, 2 }, Values(Rasp.Tokens).Values);
            Assert.Equal(new double[] { 0, 1, 2, 3 }, Values(Rasp.Indices).Values);
            Assert.False(Values(Rasp.Tokens).HasBottom);
        }

        [Fact]
        public void MapsKeepBottomCategoricalAndZeroNumerical()
        {
            var partial = Compiler.Ir.Map(Rasp.Tokens, x => x == 0 ? Bottom.Value : x, ValueKind.Categorical, "partial");
            var set = Values(partial);
            Assert.Equal(new double[] { 1, 2 }, set.Values);
            Assert.True(set.HasBottom);
            var numerical = Values(Rasp.NumericalMap(Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Less).Rightmost(), Rasp.Numerical(Rasp.Tokens)), x => x + 10));
            Assert.False(numerical.HasBottom);
            Assert.Contains(10.0, numerical.Values);
        }

        [Fact]
        public void CategoricalAggregatesMayBeBottom()
        {
            var set = Values(Library.Shift(Rasp.Tokens));
            Assert.Equal(new double[] { 0, 1, 2 }, set.Values);
            Assert.True(set.HasBottom);
        }

        [Fact]
        public void NumericalMeansAreEveryFractionOfIntegerValues()
        {
            var set = Values(Rasp.Aggregate(Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.LessOrEqual), Rasp.Numerical(Rasp.Tokens)), "ab", 3);
            // sums s ∈ 0..w over w = 1..3 selected positions, and 0 for none
            Assert.Equal(new[] { 0, 1.0 / 3, 0.5, 2.0 / 3, 1 }, set.Values);
        }

        [Fact]
        public void CountsRangeOverZeroToNAndATieBrokenCountIsAny()
        {
            Assert.Equal(new double[] { 0, 1, 2, 3, 4 }, Values(Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal))).Values);
            Assert.Equal(new double[] { 0, 1 }, Values(Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal).Rightmost())).Values);
        }

        [Fact]
        public void DistinctDoublesStayDistinct()
        {
            Assert.Equal(new[] { 1e9, 1e9 + 1, 1e9 + 2 }, Values(Rasp.NumericalMap(Rasp.Tokens, x => 1e9 + x)).Values);
            Assert.Equal(new[] { 0, 1e-10, 2e-10 }, Values(Rasp.NumericalMap(Rasp.Tokens, x => x * 1e-10)).Values);
            Assert.Equal(3, Values(Rasp.NumericalMap(Rasp.Tokens, x => 1e12 + x)).Count);
        }
    }
}
