extern alias gen;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using CircuitBuilder = gen::Circuits.Generator.Pipeline.CircuitBuilder;
using Steps = gen::Circuits.Generator.CircuitGenerator.Steps;

namespace Circuits.Tests.Generator
{
    // Counts compilations in the generator's bounded memo: kept apart from the fuzz test, whose many models would evict its entry.
    [Collection(GeneratorMemoGroup.Name)]
    public class IncrementalityTests
    {
        [Fact]
        public void UnrelatedEditLeavesEveryStepCached()
        {
            var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Circuit("            return Hop(2);"));
            var driver = GeneratorHarness.Driver(track: true).RunGenerators(compilation);
            var first = driver.GetRunResult().Results.Single();
            Assert.Equal(3, first.GeneratedSources.Length);

            var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public static class Unrelated { public static int Two() => 2; } }", GeneratorHarness.ParseOptions));
            var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

            foreach (var name in new[] { Steps.Circuits, Steps.Diagnostics, Steps.Sources, Steps.ForwardPasses })
            {
                Assert.True(second.TrackedSteps.ContainsKey(name), "step not tracked: " + name);
                foreach (var step in second.TrackedSteps[name])
                    foreach (var (_, reason) in step.Outputs)
                        Assert.True(reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged, $"{name}: {reason}");
            }
        }
        [Fact]
        public void WeightsAreBuiltOnceUntilTheProgramChanges()
        {
            // A vocabulary no other test uses, so the per-vocabulary compile count is this test's alone.
            const string vocab = "wxyz";
            string Source(string budget, string body) => GeneratorHarness.Circuit(body, "Vocabulary = \"" + vocab + "\", MaxLength = 32, Causal = true")
                .Replace("    [Circuit(", budget + "\n    [Circuit(");
            int before = CircuitBuilder.Compilations(vocab);
            var compilation = GeneratorHarness.CreateCompilation(Source("", "            return Hop(3);"));
            var driver = GeneratorHarness.Driver(track: true).RunGenerators(compilation);
            Assert.Equal(before + 1, CircuitBuilder.Compilations(vocab));

            // Unrelated file: the transform re-interprets, but the weights are not rebuilt.
            var unrelated = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public static class Unrelated { public static int Two() => 2; } }", GeneratorHarness.ParseOptions));
            driver = driver.RunGenerators(unrelated);
            Assert.Equal(before + 1, CircuitBuilder.Compilations(vocab));

            // Whitespace and comments in the program: same fingerprint, no rebuild.
            var tree = unrelated.SyntaxTrees.First();
            var reformatted = unrelated.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Source("", "            // three hops\n            return   Hop(3);"), GeneratorHarness.ParseOptions));
            driver = driver.RunGenerators(reformatted);
            Assert.Equal(before + 1, CircuitBuilder.Compilations(vocab));

            // A budget edit re-checks the card only: the analyzer reports it from the memoized model, no rebuild.
            var budgeted = reformatted.ReplaceSyntaxTree(reformatted.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(Source("    [Budget(Layers = 2)]", "            return Hop(3);"), GeneratorHarness.ParseOptions));
            driver = driver.RunGenerators(budgeted);
            var analyzed = GeneratorHarness.Analyze(budgeted);
            Assert.Contains(analyzed, d => d.Id == "CIRC0101");
            Assert.Equal(before + 1, CircuitBuilder.Compilations(vocab));

            // Changing the program rebuilds.
            var changed = budgeted.ReplaceSyntaxTree(budgeted.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(Source("", "            return Hop(5);"), GeneratorHarness.ParseOptions));
            driver.RunGenerators(changed);
            Assert.Equal(before + 2, CircuitBuilder.Compilations(vocab));
        }
    }
}
