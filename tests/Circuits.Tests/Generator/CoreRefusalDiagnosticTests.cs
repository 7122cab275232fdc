using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static Circuits.Tests.Generator.GeneratorHarness;

namespace Circuits.Tests.Generator
{
    /// <summary>Every construction refusal of the compiler core, triggered by a minimal program, reported on the [Program] method.</summary>
    public class CoreRefusalDiagnosticTests
    {
        [Theory]
        [InlineData("CIRC0203", "return SelectorWidth(Or(Select(Tokens, Tokens, Less), Select(Indices, Indices, Less)));", 16)]
        [InlineData("CIRC0204", "return SelectorWidth(Select(Indices, Indices, NotEqual));", 16)]
        [InlineData("CIRC0205", "return SequenceMap(Indices, Map(Indices, i => 2 * i + 1), (a, b) => a + 2 * b);", 5000)]
        [InlineData("CIRC0206", "return Aggregate(Select(Indices, Indices, LessOrEqual), NumericalMap(Tokens, t => t + 0.5));", 16)]
        [InlineData("CIRC0207", "return FracPrevs(Tokens == 0);", 4096)]
        [InlineData("CIRC0208", "return NumericalMap(Tokens, t => 1.0 / t);", 16)]
        [InlineData("CIRC0210", "return SelectorWidth(Select(Numerical(Tokens), Tokens, Equal));", 16)]
        [InlineData("CIRC0211", "return Map(Numerical(Shift(Tokens)), x => x + 1);", 16)]
        // Four means of ~90 values each: the discretise-then-table MLP would enumerate 90^4 combinations.
        [InlineData("CIRC0212", "var m1 = Aggregate(Select(Indices, Indices, LessOrEqual), Numerical(Tokens)); var m2 = Aggregate(Select(Indices, Indices, Less), Numerical(Tokens)); var m3 = Aggregate(Select(Indices, Indices, GreaterOrEqual), Numerical(Tokens)); var m4 = Aggregate(Select(Indices, Indices, Greater), Numerical(Tokens)); return SequenceMap(SequenceMap(m1, m2, (a, b) => a < b), SequenceMap(m3, m4, (a, b) => a < b), (x, y) => x && y);", 10)]
        [InlineData("CIRC0213", "return SequenceMap(Indices, Shift(Indices), (a, b) => a * b);", 512)]
        [InlineData("CIRC0214", "return Aggregate(Select(Tokens, Tokens, Less), Indices);", 16)]
        [InlineData("CIRC0215", "return Map(Tokens, x => 10 / (x - 1));", 16)]
        [InlineData("CIRC0216", "return Sort(Tokens, SequenceMap(Histogram(), Indices, (h, i) => -h * 256 + i));", 256)]
        public void RefusalIsReportedOnTheProgramMethod(string id, string body, int maxLength)
        {
            var source = Circuit("            " + body, "Vocabulary = \"abcd\", MaxLength = " + maxLength);
            var run = Run(source);
            var matching = run.Diagnostics.Where(d => d.Id == id).ToList();
            Assert.True(matching.Count == 1, $"expected one {id}, got: {string.Join("; ", run.Diagnostics)}");
            var d = matching[0];
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal("docs/diagnostics/" + id + ".md", d.Descriptor.HelpLinkUri);
            int line = source.Substring(0, source.IndexOf("Build(", System.StringComparison.Ordinal)).Count(ch => ch == '\n');
            Assert.Equal(line, d.Location.GetLineSpan().StartLinePosition.Line);
        }
    }
}
