using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static Circuits.Tests.Generator.GeneratorHarness;

namespace Circuits.Tests.Generator
{
    /// <summary>
    /// Budget diagnostics (CIRC01xx, errors at [Budget]) and lower-bound diagnostics (CIRC04xx, warnings at [Computes]), both
    /// from CircuitAnalyzer (so the IDE shows them without generation); budgets reuse the generator's compiled model.
    /// </summary>
    public class BudgetDiagnosticTests
    {
        private static string WithAttributes(string body, string attributes, string circuit = "Vocabulary = \"abcd\", MaxLength = 64, Causal = true")
            => Circuit(body, circuit).Replace("    [Circuit(", attributes + "\n    [Circuit(");

        private static Diagnostic One(GeneratorRun run, string id) => One(run.Diagnostics, id);

        private static Diagnostic One(System.Collections.Generic.IEnumerable<Diagnostic> diagnostics, string id)
        {
            var d = Assert.Single(diagnostics, x => x.Id == id);
            Assert.Equal(GeneratorDescriptors.HelpLink(id), d.Descriptor.HelpLinkUri);
            return d;
        }

        private static void AtLine(Diagnostic d, string source, string marker)
        {
            int line = source.Substring(0, source.IndexOf(marker, System.StringComparison.Ordinal)).Count(ch => ch == '\n');
            Assert.Equal(line, d.Location.GetLineSpan().StartLinePosition.Line);
        }

        [Fact]
        public void LayersOverBudgetNamesTheLayerThatDoesNotFit()
        {
            var source = WithAttributes("            return Hop(8);", "    [Budget(Layers = 3)]");
            var d = One(Analyze(source), "CIRC0101");
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            AtLine(d, source, "[Budget(");
            Assert.Contains("needs 5 layers, the budget allows 3", d.GetMessage());
            Assert.Contains("layer 4 exists because", d.GetMessage());
        }

        [Fact]
        public void WidthHeadsParametersAndBitsOverBudget()
        {
            var run = Analyze(WithAttributes("            return Sort(Tokens, Tokens);", "    [Budget(Width = 8, HeadsPerLayer = 1, Parameters = 1000, Bits = 20)]", "Vocabulary = \"abcd\", MaxLength = 16"));
            Assert.Contains("residual width", One(run, "CIRC0102").GetMessage());
            Assert.Contains("layer 1 has 2 heads, the budget allows 1", One(run, "CIRC0103").GetMessage());
            Assert.Contains("dense parameters", One(run, "CIRC0104").GetMessage());
            Assert.Contains("mantissa bits, the budget allows 20", One(run, "CIRC0105").GetMessage());
        }

        [Fact]
        public void WithinBudgetIsClean()
        {
            var source = WithAttributes("            return InductionHead();", "    [Budget(Layers = 2, Width = 64, HeadsPerLayer = 1)]\n    [Computes(KnownTask.InductionHead)]");
            Assert.Empty(Run(source).Diagnostics);
            Assert.Empty(Analyze(source));
        }

        [Fact]
        public void AssemblyBudgetApplies()
        {
            var source = Circuit("            return InductionHead();").Replace("\nnamespace User", "\n[assembly: CircuitBudget(Layers = 1)]\nnamespace User");
            var d = One(Analyze(source), "CIRC0101");
            Assert.Contains("needs 2 layers, the budget allows 1", d.GetMessage());
        }

        [Fact]
        public void OneLayerInductionHeadWarnsAndSuggestsALayer()
        {
            var source = WithAttributes("            return InductionHead();", "    [Computes(KnownTask.InductionHead)]\n    [Budget(Layers = 1, HeadsPerLayer = 1, Width = 32, Bits = 24)]",
                "Vocabulary = \"abcd\", MaxLength = 4096, Causal = true, Precision = NumericType.Float32");
            var d = One(Analyze(source), "CIRC0401");
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            AtLine(d, source, "[Computes(");
            Assert.Contains("1·(32+1)·24 = 792", d.GetMessage());
            Assert.Contains("Add a layer", d.GetMessage());
            One(Analyze(source), "CIRC0101"); // and the construction itself does not fit one layer
        }

        [Theory]
        [InlineData(8, 2, "impossible under the 1-vs-2-cycle conjecture")]
        [InlineData(8, 4, "beyond the known constructions")]
        public void KHopBelowKnownDepthWarns(int k, int layers, string kind)
        {
            var d = One(Analyze(WithAttributes("            return Hop(" + k + ");", $"    [Computes(KnownTask.KHop, K = {k})]\n    [Budget(Layers = {layers})]")), "CIRC0402");
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains(kind, d.GetMessage());
            Assert.Contains("= 5 layers suffice", d.GetMessage());
        }

        [Fact]
        public void OneLayerConnectivityWarns()
        {
            var diagnostics = Analyze(WithAttributes("            return Histogram();", "    [Computes(KnownTask.Connectivity)]\n    [Budget(Layers = 1, HeadsPerLayer = 1, Width = 64)]",
                "Vocabulary = \"abcd\", MaxLength = 4096"));
            Assert.Contains("m·H = Ω̃(N)", One(diagnostics, "CIRC0403").GetMessage());
        }

        [Fact]
        public void CardStatesWhatTheoryRequires()
        {
            var run = Run(WithAttributes("            return InductionHead();", "    [Computes(KnownTask.InductionHead)]"));
            Assert.Empty(run.Diagnostics);
            Assert.Contains(run.Sources.Values, s => s.Contains("one layer needs H(m+1)p ≥ N/4 = 16"));
        }
    }
}
