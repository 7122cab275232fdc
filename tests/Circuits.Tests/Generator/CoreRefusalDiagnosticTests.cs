using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static Circuits.Tests.Generator.GeneratorHarness;

namespace Circuits.Tests.Generator
{
    /// <summary>Every construction refusal of the compiler core, triggered by a minimal program, reported at the call that built the node at fault.</summary>
    public class CoreRefusalDiagnosticTests
    {
        [Theory]
        [InlineData("CIRC0203", "return SelectorWidth(Or(Select(Tokens, Tokens, Less), Select(Indices, Indices, Less)));", 16, "Or(Select(Tokens, Tokens, Less), Select(Indices, Indices, Less))")]
        [InlineData("CIRC0204", "return SelectorWidth(Select(Indices, Indices, NotEqual));", 16, "Select(Indices, Indices, NotEqual)")]
        [InlineData("CIRC0205", "return SequenceMap(Indices, Map(Indices, i => 2 * i + 1), (a, b) => a + 2 * b);", 5000, "SequenceMap(Indices, Map(Indices, i => 2 * i + 1), (a, b) => a + 2 * b)")]
        [InlineData("CIRC0206", "return Aggregate(Select(Indices, Indices, LessOrEqual), NumericalMap(Tokens, t => t + 0.5));", 16, "Aggregate(Select(Indices, Indices, LessOrEqual), NumericalMap(Tokens, t => t + 0.5))")]
        [InlineData("CIRC0207", "return FracPrevs(Tokens == 0);", 4096, "FracPrevs(Tokens == 0)")]
        [InlineData("CIRC0208", "return NumericalMap(Tokens, t => 1.0 / t);", 16, "NumericalMap(Tokens, t => 1.0 / t)")]
        [InlineData("CIRC0211", "return Map(Numerical(Shift(Tokens)), x => x + 1);", 16, "Map(Numerical(Shift(Tokens)), x => x + 1)")]
        // Four means of ~90 values each: the discretise-then-table MLP would enumerate 90^4 combinations.
        [InlineData("CIRC0212", "var m1 = Aggregate(Select(Indices, Indices, LessOrEqual), Numerical(Tokens)); var m2 = Aggregate(Select(Indices, Indices, Less), Numerical(Tokens)); var m3 = Aggregate(Select(Indices, Indices, GreaterOrEqual), Numerical(Tokens)); var m4 = Aggregate(Select(Indices, Indices, Greater), Numerical(Tokens)); return SequenceMap(SequenceMap(m1, m2, (a, b) => a < b), SequenceMap(m3, m4, (a, b) => a < b), (x, y) => x && y);", 10, "SequenceMap(SequenceMap(m1, m2, (a, b) => a < b), SequenceMap(m3, m4, (a, b) => a < b), (x, y) => x && y)")]
        [InlineData("CIRC0213", "return SequenceMap(Indices, Shift(Indices), (a, b) => a * b);", 512, "SequenceMap(Indices, Shift(Indices), (a, b) => a * b)")]
        [InlineData("CIRC0214", "return Aggregate(Select(Tokens, Tokens, Less), Indices);", 16, "Aggregate(Select(Tokens, Tokens, Less), Indices)")]
        [InlineData("CIRC0215", "return Map(Tokens, x => 10 / (x - 1));", 16, "Map(Tokens, x => 10 / (x - 1))")]
        [InlineData("CIRC0216", "return Sort(Tokens, SequenceMap(Histogram(), Indices, (h, i) => -h * 256 + i));", 256, "Build")]
        public void RefusalIsReportedAtTheCallThatBuiltTheNode(string id, string body, int maxLength, string at)
        {
            var source = Circuit("            " + body, "Vocabulary = \"abcd\", MaxLength = " + maxLength);
            var run = Run(source);
            var matching = run.Diagnostics.Where(d => d.Id == id).ToList();
            Assert.True(matching.Count == 1, $"expected one {id}, got: {string.Join("; ", run.Diagnostics)}");
            var d = matching[0];
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal(GeneratorDescriptors.HelpLink(id), d.Descriptor.HelpLinkUri);
            // The typed error carries the node the program built; the generator reports at the call that built it
            // (whole-model failures, like a model too large, stay on the [Program] method).
            Assert.Equal(at, source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        }
    }
}
