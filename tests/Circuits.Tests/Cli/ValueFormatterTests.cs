using System.Text.Json;
using Circuits.Cli;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Cli
{
    /// <summary>Output printing on hand-made models (only the vocabulary and readout matter): no compiler needed.</summary>
    public class ValueFormatterTests
    {
        private const double Bottom = double.NaN;

        private static CompiledModel Model(bool tokenValued, params string[] vocabulary)
            => new CompiledModel { Vocabulary = vocabulary, Output = new Readout { TokenValued = tokenValued } };

        [Fact]
        public void Tokens_WithCharacterVocabulary_AreConcatenated()
            => Assert.Equal("⊥⊥⊥bc", ValueFormatter.Text(Model(true, "a", "b", "c", "d"), new[] { Bottom, Bottom, Bottom, 1, 2 }));

        [Fact]
        public void Tokens_WithLongerSymbols_AreSpaceSeparated()
            => Assert.Equal("the ⊥ cat", ValueFormatter.Text(Model(true, "the", "cat"), new[] { 0, Bottom, 1 }));

        [Fact]
        public void Numbers_AreInvariantWithAtMostSixDecimals()
            => Assert.Equal("3 0.5 0.333333 ⊥ 0 12", ValueFormatter.Text(Model(false, "a", "b"), new[] { 3, 0.5, 1.0 / 3, Bottom, -1e-12, 12 }));

        [Fact]
        public void Json_TokensAreStringsAndBottomIsNull()
        {
            string json = ValueFormatter.Json(Model(true, "a", "b"), new[] { 0, 1 }, new[] { 1, Bottom });
            Assert.Equal("{\"input\":[\"a\",\"b\"],\"output\":[\"b\",null]}", json);
        }

        [Fact]
        public void Json_NumbersAreNumbers()
        {
            using var doc = JsonDocument.Parse(ValueFormatter.Json(Model(false, "a", "b"), new[] { 0, 1 }, new[] { 0.5, 2 }));
            var output = doc.RootElement.GetProperty("output");
            Assert.Equal(JsonValueKind.Number, output[0].ValueKind);
            Assert.Equal(0.5, output[0].GetDouble());
            Assert.Equal(2, output[1].GetDouble());
        }
    }
}
