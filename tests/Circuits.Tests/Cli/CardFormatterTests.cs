using System.Linq;
using System.Text.Json;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Cli
{
    /// <summary>Card rendering on a hand-made card: no compiler needed.</summary>
    public class CardFormatterTests
    {
        private static ModelCard Card(int residual = 5) => new ModelCard
        {
            Name = "demo",
            VocabularySize = 4,
            MaxLength = 64,
            Causal = true,
            Layers = 2,
            HeadsPerLayer = new[] { 1, 1 },
            MlpHiddenPerLayer = new[] { 0, 3 },
            Width = residual,
            Parameters = 12345,
            NonzeroParameters = 678,
            FlopsPerForward = 9876543,
            PrecisionBits = 22,
            Certified = new[] { "float32", "float64" },
            CriticalPath = new[] { "previous token", "match" },
            Residual = Enumerable.Range(0, residual).Select(i => "pos=" + i).ToArray(),
            Components = new[] { "layer 1 head 0: prev" },
            Precision = new[] { new PrecisionRequirement { Component = "layer 2 head 0: induction", Bits = 22, Reason = "score rounding" } },
            Notes = new[] { "rightmost tie-break" },
        };

        [Fact]
        public void ToText_ShowsFiguresAndSections()
        {
            string text = CardFormatter.ToText(Card());
            foreach (var expected in new[] { "demo", "causal", "12,345", "678", "9,876,543", "22", "float32, float64", "1, 1", "0, 3",
                         "Critical path:", "1. previous token", "Components:", "Precision:", "layer 2 head 0: induction: 22 bits — score rounding",
                         "Residual (5):", "pos=4", "Notes:", "rightmost tie-break" })
                Assert.Contains(expected, text);
        }

        [Fact]
        public void ToText_SummarizesWideResiduals()
        {
            string text = CardFormatter.ToText(Card(residual: 500));
            Assert.Contains("0..499  pos ×500", text);
            Assert.DoesNotContain("pos=250", text);
        }

        [Fact]
        public void ToJson_HasTheContractFields()
        {
            using var doc = JsonDocument.Parse(CardFormatter.ToJson(Card()));
            var root = doc.RootElement;
            Assert.Equal("demo", root.GetProperty("name").GetString());
            Assert.Equal(2, root.GetProperty("layers").GetInt32());
            Assert.Equal(new[] { 1, 1 }, root.GetProperty("headsPerLayer").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(new[] { 0, 3 }, root.GetProperty("mlpHiddenPerLayer").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(5, root.GetProperty("width").GetInt32());
            Assert.Equal(12345, root.GetProperty("parameters").GetInt64());
            Assert.Equal(678, root.GetProperty("nonzeroParameters").GetInt64());
            Assert.Equal(9876543, root.GetProperty("flopsPerForward").GetInt64());
            Assert.Equal(22, root.GetProperty("precisionBits").GetDouble());
            Assert.Equal(new[] { "float32", "float64" }, root.GetProperty("certified").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(2, root.GetProperty("criticalPath").GetArrayLength());
            Assert.Equal(1, root.GetProperty("components").GetArrayLength());
            var p = root.GetProperty("precision")[0];
            Assert.Equal("layer 2 head 0: induction", p.GetProperty("component").GetString());
            Assert.Equal(22, p.GetProperty("bits").GetInt32());
            Assert.Equal("score rounding", p.GetProperty("reason").GetString());
            Assert.Equal(5, root.GetProperty("residual").GetArrayLength());
            Assert.Equal(1, root.GetProperty("notes").GetArrayLength());
            Assert.Equal(64, root.GetProperty("maxLength").GetInt32());
            Assert.Equal(4, root.GetProperty("vocabularySize").GetInt32());
            Assert.True(root.GetProperty("causal").GetBoolean());
        }
    }
}
