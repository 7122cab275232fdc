extern alias gen;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using MpcGenerator = gen::Circuits.Generator.MpcGenerator;
using MpcProgramBuilder = gen::Circuits.Generator.Pipeline.MpcProgramBuilder;
using Steps = gen::Circuits.Generator.MpcGenerator.Steps;

namespace Circuits.Tests.Generator.Mpc
{
    /// <summary>
    /// The MPC generator is incremental like the circuit generator: an unrelated edit leaves every step cached, and the
    /// protocol is compiled (weights, emission, [Computes] check) once until its rounds change.
    /// </summary>
    [Collection(GeneratorMemoGroup.Name)]
    public class MpcIncrementalityTests
    {
        private static GeneratorDriver Driver()
            => CSharpGeneratorDriver.Create(new[] { new MpcGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        // A class name no other test uses, so the per-class compile count is this test's alone.
        private static string Source(string body) => MpcHarness.Program(body, "MaxLength = 16, LocalMemory = 4", "    [Computes(KnownTask.CycleDetection)]\n")
            .Replace("class Demo", "class IncrementalDemo", System.StringComparison.Ordinal);

        private const string Doubling = @"
        [Round]
        static (MpcRegister Marked, MpcRegister Next) Start(MpcBuilder m)
            => (m.Local(""reaches-0"", MpcKind.Categorical, i => Bottom.Is(i) ? Bottom.Value : i == 0 ? 1 : 0, m.Machine, ""=0""), m.Word);

        [Round(Repeat = RoundRepeat.Log2N)]
        static (MpcRegister Marked, MpcRegister Next) Double(MpcBuilder m, (MpcRegister Marked, MpcRegister Next) s)
        {
            var far = m.Read(""reaches-0@next"", s.Marked, from: s.Next);
            var next = m.Read(""next"", s.Next, from: s.Next);
            return (m.Local(""reaches-0"", MpcKind.Categorical, (a, b) => Bottom.Is(a) ? Bottom.Value : a == 1 || b == 1 ? 1 : 0, s.Marked, far, ""or""), next);
        }

        [Round]
        static MpcRegister CountCycles(MpcBuilder m, (MpcRegister Marked, MpcRegister Next) s)
        {
            var other = m.Local(""other-cycle"", MpcKind.Categorical, z => Bottom.Is(z) ? Bottom.Value : 1 - z, s.Marked, ""not"");
            var count = m.Count(""in-other-cycle"", other);
            return m.Local(""cycles"", MpcKind.Categorical, c => Bottom.Is(c) ? Bottom.Value : c > 0 ? 2 : 1, count, ""cycles"");
        }";

        [Fact]
        public void UnrelatedEditsLeaveEveryStepCachedAndCompileOnce()
        {
            int before = MpcProgramBuilder.Compilations("IncrementalDemo");
            var compilation = GeneratorHarness.CreateCompilation(Source(Doubling));
            var driver = Driver().RunGenerators(compilation);
            var first = driver.GetRunResult().Results.Single();
            Assert.Empty(first.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            Assert.Equal(4, first.GeneratedSources.Length);
            Assert.Equal(before + 1, MpcProgramBuilder.Compilations("IncrementalDemo"));

            // An unrelated file: every step's output is cached or unchanged, and nothing is compiled again.
            var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public static class Unrelated { public static int Two() => 2; } }", GeneratorHarness.ParseOptions));
            driver = driver.RunGenerators(edited);
            var second = driver.GetRunResult().Results.Single();
            foreach (var name in new[] { Steps.Programs, Steps.Diagnostics, Steps.Sources, Steps.ForwardPasses })
            {
                Assert.True(second.TrackedSteps.ContainsKey(name), "step not tracked: " + name);
                foreach (var step in second.TrackedSteps[name])
                    foreach (var (_, reason) in step.Outputs)
                        Assert.True(reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged, $"{name}: {reason}");
            }
            Assert.Equal(before + 1, MpcProgramBuilder.Compilations("IncrementalDemo"));

            // Comments and whitespace in a round: the same protocol fingerprint, no rebuild.
            var reformatted = edited.ReplaceSyntaxTree(edited.SyntaxTrees.First(),
                CSharpSyntaxTree.ParseText(Source(Doubling.Replace("var next =", "// the pointer doubles\n            var   next =", System.StringComparison.Ordinal)), GeneratorHarness.ParseOptions));
            driver = driver.RunGenerators(reformatted);
            Assert.Equal(before + 1, MpcProgramBuilder.Compilations("IncrementalDemo"));

            // A changed round rebuilds.
            var changed = reformatted.ReplaceSyntaxTree(reformatted.SyntaxTrees.First(),
                CSharpSyntaxTree.ParseText(Source(Doubling.Replace("c > 0 ? 2 : 1", "c > 1 ? 2 : 1", System.StringComparison.Ordinal)), GeneratorHarness.ParseOptions));
            driver = driver.RunGenerators(changed);
            Assert.Equal(before + 2, MpcProgramBuilder.Compilations("IncrementalDemo"));

            // A changed round count rebuilds too, though no body changed: the rounds' repeats are part of the program. (The
            // memo key once printed the rounds as a type name, so this edit reused the weights of log2 N doublings.)
            var once = changed.ReplaceSyntaxTree(changed.SyntaxTrees.First(),
                CSharpSyntaxTree.ParseText(Source(Doubling.Replace("c > 0 ? 2 : 1", "c > 1 ? 2 : 1", System.StringComparison.Ordinal)
                    .Replace("[Round(Repeat = RoundRepeat.Log2N)]", "[Round]", System.StringComparison.Ordinal)), GeneratorHarness.ParseOptions));
            driver.RunGenerators(once);
            Assert.Equal(before + 3, MpcProgramBuilder.Compilations("IncrementalDemo"));
        }
    }
}
