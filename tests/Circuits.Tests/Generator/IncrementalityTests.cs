extern alias gen;

using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Steps = gen::Circuits.Generator.CircuitGenerator.Steps;

namespace Circuits.Tests.Generator
{
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
    }
}
