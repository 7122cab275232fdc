using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Mpc;
using Circuits.Tasks;
using Circuits.Tests.Samples;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Generator.Mpc
{
    /// <summary>
    /// [Computes] on MPC programs (CIRC0404): the compiled model, run on its weights, against the task's definition — the
    /// graph tasks on their own instances (cycles, functional graphs), token tasks as for circuits.
    /// </summary>
    public class MpcComputesTests
    {
        private readonly ITestOutputHelper _output;

        public MpcComputesTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(KnownTask.CycleDetection, "one-vs-two-cycle")]
        [InlineData(KnownTask.Connectivity, "connected-components")]
        [InlineData(KnownTask.KHop, "k-hop")]
        [InlineData(KnownTask.PrefixSum, "prefix-sums")]
        public void LibraryProtocolsComputeTheirTask(KnownTask task, string name)
        {
            var protocol = name switch
            {
                "one-vs-two-cycle" => MpcLibrary.OneVsTwoCycle(16),
                "connected-components" => MpcLibrary.ConnectedComponents(16),
                "k-hop" => MpcLibrary.KHop(3, 16, 4),
                _ => MpcLibrary.PrefixSums(16, 4),
            };
            var report = MpcComputesCheck.Run(MpcCompiler.Compile(protocol), task, 3);
            Assert.True(report.Defined);
            Assert.True(report.Inputs >= 20, $"only {report.Inputs} inputs run");
            Assert.Equal(16, report.Longest);
            Assert.Null(report.Mismatch);
        }

        [Fact]
        public void AProtocolForAnotherTaskIsCaughtWithTheInputAndPosition()
        {
            // List ranking is not 1-vs-2 cycle: on a cycle it has no tail, so its answer differs somewhere.
            var model = MpcCompiler.Compile(MpcLibrary.ListRanking(16));
            var report = MpcComputesCheck.Run(model, KnownTask.CycleDetection, 0);
            var m = Assert.IsType<ComputesMismatch>(report.Mismatch);
            double[] truth = MpcTaskDefinitions.CycleCount(m.Input);
            Assert.Equal(truth[m.Position], m.Expected);
            var actual = model.Check(new ReferenceExecutor(model.Model).Run(m.Input));
            Assert.NotEqual(truth[m.Position], actual[m.Position]);
            var finding = ComputesCheck.Finding(model.Model, KnownTask.CycleDetection, 0, report)!;
            Assert.Equal("CIRC0404", finding.Code);
            Assert.Contains("does not compute CycleDetection", finding.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AWrongDeclaredProgramGetsCirc0404AtComputes()
        {
            // Every machine answers "one cycle": wrong on every two-cycle instance.
            var source = MpcHarness.Program(@"
        [Round]
        static MpcRegister Answer(MpcBuilder m) => m.Local(""cycles"", MpcKind.Categorical, w => Bottom.Is(w) ? Bottom.Value : 1, m.Word, ""one"");",
                "MaxLength = 16, LocalMemory = 4", "    [Computes(KnownTask.CycleDetection)]\n");
            var run = MpcHarness.Run(source);
            var d = Assert.Single(MpcHarness.WithId(run.Diagnostics, "CIRC0404"));
            _output.WriteLine(d.ToString());
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Equal(GeneratorHarness.Position(source, "Computes("), MpcHarness.Start(d));
            Assert.Contains("'Demo' does not compute CycleDetection", d.GetMessage(), StringComparison.Ordinal);
            Assert.Contains("should be 2 by the task's definition, but the compiled model gives 1", d.GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public void TheCycleSampleIsCheckedAndPasses()
        {
            var source = SampleSources.Read("samples/MpcPrograms/OneVsTwoCycle.cs");
            Assert.Contains("[Computes(KnownTask.CycleDetection)]", source, StringComparison.Ordinal);
            var run = MpcHarness.Run(source);
            Assert.Empty(run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));

            // The same sample with one doubling round instead of log2 N marks only vertex 0's near ancestors, so it answers
            // "two cycles" on one long cycle: the check must run on this sample and say so, or the silence above means nothing.
            const string doubling = "[Round(Repeat = RoundRepeat.Log2N)]";
            Assert.Contains(doubling, source, StringComparison.Ordinal);
            var broken = MpcHarness.Run(source.Replace(doubling, "[Round]", StringComparison.Ordinal));
            var d = Assert.Single(MpcHarness.WithId(broken.Diagnostics, "CIRC0404"));
            _output.WriteLine(d.ToString());
            Assert.Contains("does not compute CycleDetection", d.GetMessage(), StringComparison.Ordinal);
        }
    }
}
