extern alias gen;
using System.Linq;
using System.Text.RegularExpressions;
using Circuits.Compiler;
using Circuits.Tasks;
using Circuits.Tests.Reference;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static Circuits.Tests.Generator.GeneratorHarness;
using CircuitBuilder = gen::Circuits.Generator.Pipeline.CircuitBuilder;
using Steps = gen::Circuits.Generator.CircuitGenerator.Steps;

namespace Circuits.Tests.Generator
{
    /// <summary>
    /// [Computes] is checked against the program: CIRC0404 (the generator, sampled comparison on the weights) and the lower
    /// bounds without a budget (CIRC0401/0402 from the analyzer, on the compiled model's own numbers), each exactly once, at
    /// the [Computes] attribute; correct declarations stay silent, and the check is not redone by unrelated edits.
    /// </summary>
    public class ComputesDiagnosticTests
    {
        private const string Attribute = "Computes(";

        private static string Declared(string body, string computes, string circuit = "Vocabulary = \"abcd\", MaxLength = 64, Causal = true")
            => Circuit(body, circuit).Replace("    [Circuit(", "    [" + computes + "]\n    [Circuit(");

        private static Diagnostic Single(System.Collections.Generic.IEnumerable<Diagnostic> diagnostics, string id, string source)
        {
            var all = diagnostics.ToList();
            var d = Assert.Single(all, x => x.Id == id);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Equal(GeneratorDescriptors.HelpLink(id), d.Descriptor.HelpLinkUri);
            var (line, column) = Position(source, Attribute);
            var start = d.Location.GetLineSpan().StartLinePosition;
            Assert.Equal((line, column), (start.Line, start.Character));
            Assert.Equal("Source0.cs", d.Location.GetLineSpan().Path);
            return d;
        }

        /// <summary>Parses the named input and checks, with the runtime engine and the task definition, that they differ there.</summary>
        private static void NamesARealDifference(Diagnostic d, SOp program, KnownTask task, int k, int maxLength, bool causal, string vocabulary = "abcd")
        {
            var match = Regex.Match(d.GetMessage(), "on input \"(?<x>[^\"]+)\" \\(\\d+ tokens?\\) position (?<p>\\d+) should be (?<e>\\S+) by the task's definition, but the compiled model gives (?<a>\\S+) ");
            Assert.True(match.Success, d.GetMessage());
            var x = match.Groups["x"].Value.Select(ch => vocabulary.IndexOf(ch)).ToArray();
            int p = int.Parse(match.Groups["p"].Value);
            var model = CircuitCompiler.Compile(program, new CompileOptions { Name = "Demo", Vocabulary = CompileOptions.CharVocabulary(vocabulary), MaxLength = maxLength, Causal = causal });
            var actual = Circuits.Engine.Create(model).Forward(x);
            var expected = KnownTaskDefinitions.Expected(task, k, x, causal);
            Assert.False(Sequences.Same(expected[p], actual[p]), "the named input does not differ at position " + p);
            string Show(double v) => double.IsNaN(v) ? "⊥" : "'" + vocabulary[(int)v] + "'";
            if (KnownTaskDefinitions.TokenValued(task))
                Assert.Equal((Show(expected[p]), Show(actual[p])), (match.Groups["e"].Value, match.Groups["a"].Value));
        }

        [Fact]
        public void TwoHopDeclaredAsThreeHop()
        {
            var source = Declared("            return Hop(2);", "Computes(KnownTask.KHop, K = 3)");
            var run = Run(source);
            var d = Single(run.Diagnostics, "CIRC0404", source);
            Assert.Contains("'Demo' does not compute KHop (K = 3)", d.GetMessage());
            NamesARealDifference(d, Library.Hop(2), KnownTask.KHop, 3, 64, causal: true);
            // The model is still generated: a warning, not a refusal.
            Assert.Contains("User.Demo.Forward.g.cs", run.Sources.Keys);
            Assert.Empty(run.CompilationDiagnostics.Where(x => x.Severity == DiagnosticSeverity.Error));
            Assert.DoesNotContain(Analyze(source), x => x.Id == "CIRC0404"); // reported once, by the generator
        }

        [Fact]
        public void ReverseDeclaredAsSort()
        {
            var source = Declared("            return Reverse(Tokens);", "Computes(KnownTask.Sort)", "Vocabulary = \"abcdefgh\", MaxLength = 32");
            var d = Single(Run(source).Diagnostics, "CIRC0404", source);
            Assert.Contains("does not compute Sort", d.GetMessage());
            NamesARealDifference(d, Library.Reverse(Rasp.Tokens), KnownTask.Sort, 0, 32, causal: false, "abcdefgh");
        }

        [Fact]
        public void OneLayerShiftDeclaredAsInductionHeadWarnsWithoutABudget()
        {
            var source = Declared("            return Shift(Tokens);", "Computes(KnownTask.InductionHead)", "Vocabulary = \"abcd\", MaxLength = 4096, Causal = true");
            var bound = Single(Analyze(source), "CIRC0401", source);
            Assert.Contains("'Demo' compiles to 1 layer", bound.GetMessage());
            Assert.Contains("N/4 = 1024", bound.GetMessage());
            Assert.Contains("p = 53 bits", bound.GetMessage());
            var d = Single(Run(source).Diagnostics, "CIRC0404", source);
            NamesARealDifference(d, Library.Shift(Rasp.Tokens), KnownTask.InductionHead, 0, 4096, causal: true);
        }

        [Fact]
        public void TwoHopDeclaredAsFourHopWarnsWithoutABudget()
        {
            var source = Declared("            return Hop(2);", "Computes(KnownTask.KHop, K = 4)");
            var depth = Single(Analyze(source), "CIRC0402", source);
            Assert.Contains("compiles to 3 layer(s) but declares 4-hop", depth.GetMessage());
            Assert.Contains("beyond the known constructions", depth.GetMessage());
            var d = Single(Run(source).Diagnostics, "CIRC0404", source);
            NamesARealDifference(d, Library.Hop(2), KnownTask.KHop, 4, 64, causal: true);
        }

        [Theory]
        [InlineData("            return InductionHead();", "Computes(KnownTask.InductionHead)", "Vocabulary = \"abcd\", MaxLength = 4096, Causal = true, Precision = NumericType.Float32")]
        [InlineData("            return Hop(2);", "Computes(KnownTask.KHop, K = 2)", "Vocabulary = \"abcd\", MaxLength = 256, Causal = true")]
        [InlineData("            return Hop(5);", "Computes(KnownTask.KHop, K = 5)", "Vocabulary = \"abcd\", MaxLength = 256, Causal = true, Precision = NumericType.Float32")]
        [InlineData("            return Reverse(Tokens);", "Computes(KnownTask.Reverse)", "Vocabulary = \"abcdefgh\", MaxLength = 64")]
        [InlineData("            return Sort(Tokens, Tokens);", "Computes(KnownTask.Sort)", "Vocabulary = \"abcdefgh\", MaxLength = 64")]
        [InlineData("            return Histogram();", "Computes(KnownTask.Histogram)", "Vocabulary = \"abcdefgh\", MaxLength = 64, Precision = NumericType.Float32")]
        [InlineData("            return Shift(Tokens);", "Computes(KnownTask.Shift)", "Vocabulary = \"abcd\", MaxLength = 4096, Causal = true")]
        public void CorrectDeclarationsAreSilent(string body, string computes, string circuit)
        {
            var source = Declared(body, computes, circuit);
            Assert.Empty(Run(source).Diagnostics);
            Assert.Empty(Analyze(source));
        }

        [Fact]
        public void UnrelatedEditsDoNotRedoTheCheck()
        {
            // A vocabulary no other test uses, so the per-vocabulary compile count is this test's alone.
            const string vocab = "pqrs";
            var source = Declared("            return Hop(2);", "Computes(KnownTask.KHop, K = 3)", "Vocabulary = \"" + vocab + "\", MaxLength = 32, Causal = true");
            int before = CircuitBuilder.Compilations(vocab);
            var compilation = CreateCompilation(source);
            var driver = Driver(track: true).RunGenerators(compilation);
            Assert.Equal(before + 1, CircuitBuilder.Compilations(vocab));
            var first = driver.GetRunResult();
            var d = Assert.Single(first.Diagnostics, x => x.Id == "CIRC0404");

            var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public static class Unrelated { public static int Two() => 2; } }", GeneratorHarness.ParseOptions));
            driver = driver.RunGenerators(edited);
            var second = driver.GetRunResult();
            Assert.Equal(before + 1, CircuitBuilder.Compilations(vocab)); // neither weights nor the check were redone
            Assert.Equal(d.GetMessage(), Assert.Single(second.Diagnostics, x => x.Id == "CIRC0404").GetMessage());
            foreach (var name in new[] { Steps.Circuits, Steps.Diagnostics, Steps.Sources, Steps.ForwardPasses })
                foreach (var step in second.Results.Single().TrackedSteps[name])
                    foreach (var (_, reason) in step.Outputs)
                        Assert.True(reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged, $"{name}: {reason}");
            // The analyzer's lower bounds read the same memoized model.
            Assert.Empty(Analyze(edited).Where(x => x.Id.StartsWith("CIRC01", System.StringComparison.Ordinal)));
            Assert.Equal(before + 1, CircuitBuilder.Compilations(vocab));

            // Fixing the declaration re-checks (the memo key holds the task), and the warning goes away.
            var fixedSource = edited.ReplaceSyntaxTree(edited.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(source.Replace("K = 3", "K = 2"), GeneratorHarness.ParseOptions, path: "Source0.cs"));
            var third = driver.RunGenerators(fixedSource).GetRunResult();
            Assert.DoesNotContain(third.Diagnostics, x => x.Id == "CIRC0404");
            Assert.Equal(before + 2, CircuitBuilder.Compilations(vocab));
        }
    }
}
