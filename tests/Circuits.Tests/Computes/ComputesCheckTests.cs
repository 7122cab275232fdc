using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tasks;
using Circuits.Tests.Reference;
using Xunit;
using static Circuits.Tests.Computes.ReferenceExecutorTests;

namespace Circuits.Tests.Computes
{
    /// <summary>
    /// The [Computes] check: correct programs pass on their whole bounded sample; wrong declarations are caught with an
    /// input on which the runtime engine and the task definition really differ; the sample is deterministic and bounded.
    /// </summary>
    public class ComputesCheckTests
    {
        public static TheoryData<string, KnownTask, int, bool, int> Correct() => new TheoryData<string, KnownTask, int, bool, int>
        {
            { "induction-head", KnownTask.InductionHead, 0, true, 64 },
            { "hop", KnownTask.KHop, 1, true, 64 },
            { "hop", KnownTask.KHop, 2, true, 64 },
            { "hop", KnownTask.KHop, 3, true, 64 },
            { "hop", KnownTask.KHop, 4, true, 64 },
            { "hop", KnownTask.KHop, 7, true, 64 },
            { "shift", KnownTask.Shift, 0, true, 64 },
            { "reverse", KnownTask.Reverse, 0, false, 32 },
            { "sort", KnownTask.Sort, 0, false, 32 },
            { "hist", KnownTask.Histogram, 0, false, 64 },
            { "length", KnownTask.Length, 0, true, 64 },
            { "prefix-sum", KnownTask.PrefixSum, 0, true, 16 },
        };

        [Theory]
        [MemberData(nameof(Correct))]
        public void CorrectProgramsMatchOnTheWholeSample(string name, KnownTask task, int k, bool causal, int n)
        {
            var model = Compile(Program(name, k), "abcd", n, causal, task, k);
            var report = ComputesCheck.Run(model, task, k);
            Assert.True(report.Defined);
            Assert.Null(report.Mismatch);
            Assert.Null(ComputesCheck.Finding(model, task, k, report));
            Assert.True(report.Inputs >= 20, $"only {report.Inputs} inputs");
            Assert.Equal(n, report.Longest); // small N: the work bound affords MaxLength
            Assert.InRange(report.Work, 1, ComputesCheck.DefaultWork);
        }

        public static TheoryData<string, int, bool, KnownTask, int> Wrong() => new TheoryData<string, int, bool, KnownTask, int>
        {
            { "hop", 2, true, KnownTask.KHop, 3 },
            { "hop", 2, true, KnownTask.KHop, 4 },
            { "hop", 3, true, KnownTask.KHop, 2 },
            { "reverse", 0, false, KnownTask.Sort, 0 },
            { "shift", 0, true, KnownTask.InductionHead, 0 },
            { "hist", 0, true, KnownTask.Histogram, 0 },      // a causal count sees only the prefix
            { "reverse", 0, true, KnownTask.Reverse, 0 },     // no causal model can reverse
            { "length", 0, true, KnownTask.PrefixSum, 0 },
        };

        [Theory]
        [MemberData(nameof(Wrong))]
        public void WrongDeclarationsNameAnInputOnWhichTheyReallyDiffer(string name, int programK, bool causal, KnownTask task, int k)
        {
            var model = Compile(Program(name, programK), "abcd", 32, causal, task, k);
            var report = ComputesCheck.Run(model, task, k);
            var m = Assert.IsType<ComputesMismatch>(report.Mismatch);
            // Independently: the runtime engine on the named input, against the task definition.
            var engine = Circuits.Engine.Create(model).Forward(m.Input);
            var expected = KnownTaskDefinitions.Expected(task, k, m.Input, causal);
            Assert.False(Sequences.Same(expected[m.Position], engine[m.Position]), $"no difference at {m.Position} of {Sequences.Show(m.Input)}");
            Assert.True(Sequences.Same(expected[m.Position], m.Expected));
            Assert.True(Sequences.Same(engine[m.Position], m.Actual));
            for (int i = 0; i < m.Position; i++) Assert.True(Sequences.Same(expected[i], engine[i]), "an earlier position differs: not the first difference");

            var finding = ComputesCheck.Finding(model, task, k, report)!;
            Assert.Equal("CIRC0404", finding.Code);
            Assert.Equal(FindingSeverity.Warning, finding.Severity);
            Assert.Contains("\"" + string.Concat(m.Input.Select(t => model.Vocabulary[t])) + "\"", finding.Message);
            Assert.Contains("position " + m.Position + " ", finding.Message);
        }

        [Fact]
        public void TheMessageSaysSymbolsAndBottom()
        {
            var model = Compile(Library.Hop(2), "abcd", 32, true, KnownTask.KHop, 3);
            var report = ComputesCheck.Run(model, KnownTask.KHop, 3);
            var m = report.Mismatch!;
            string Symbol(double v) => double.IsNaN(v) ? "⊥" : "'" + model.Vocabulary[(int)v] + "'";
            var message = ComputesCheck.Finding(model, KnownTask.KHop, 3, report)!.Message;
            Assert.Contains("does not compute KHop (K = 3)", message);
            Assert.Contains("should be " + Symbol(m.Expected) + " by the task's definition, but the compiled model gives " + Symbol(m.Actual), message);
        }

        [Fact]
        public void TheSampleIsDeterministicAndBoundedAtLargeN()
        {
            var model = Compile(Library.Hop(2), "abcd", 4096, true, KnownTask.KHop, 2);
            var first = ComputesCheck.Run(model, KnownTask.KHop, 2);
            var second = ComputesCheck.Run(model, KnownTask.KHop, 2);
            Assert.Null(first.Mismatch);
            Assert.Equal((first.Inputs, first.Longest, first.Work), (second.Inputs, second.Longest, second.Work));
            Assert.InRange(first.Work, ComputesCheck.DefaultWork / 2, ComputesCheck.DefaultWork);
            // At N = 4,096 a full-length pass costs more than the bound allows one input: the longest run is the longest that fits.
            Assert.True(new ReferenceExecutor(model).Cost(4096) > ComputesCheck.DefaultWork / ComputesCheck.LongShare);
            Assert.True(new ReferenceExecutor(model).Cost(first.Longest) <= ComputesCheck.DefaultWork / ComputesCheck.LongShare);
            Assert.True(new ReferenceExecutor(model).Cost(first.Longest + 1) > ComputesCheck.DefaultWork / ComputesCheck.LongShare);
        }

        [Fact]
        public void TasksWithoutADefinitionAreNotCompared()
        {
            var model = Compile(Library.Histogram(), "abcd", 16, false, KnownTask.Connectivity);
            var report = ComputesCheck.Run(model, KnownTask.Connectivity, 0);
            Assert.False(report.Defined);
            Assert.Equal(0, report.Inputs);
            Assert.Null(ComputesCheck.Finding(model, KnownTask.Connectivity, 0, report));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(6)]
        public void TheSampleHoldsChainsThatReachBottomOnTheLastHop(int k)
        {
            const int s = 4, n = 64;
            var candidates = ComputesSample.Candidates(s, n, n, KnownTask.KHop, k).ToList();
            // Some input's last position survives k − 1 hops and falls off on the k-th, and some input's survives all k.
            Assert.Contains(candidates, x => double.IsNaN(TaskDefinitions.KHop(x, k)[^1]) && !double.IsNaN(TaskDefinitions.KHop(x, k - 1)[^1]) && x.Length > k);
            Assert.Contains(candidates, x => !double.IsNaN(TaskDefinitions.KHop(x, k)[^1]) && x.Distinct().Count() == s && x.Length > s * k / 2);
        }

        [Fact]
        public void TheSampleHoldsTheEdgeCases()
        {
            const int s = 5, n = 40;
            var candidates = ComputesSample.Candidates(s, n, n, KnownTask.Sort, 0).ToList();
            Assert.Contains(candidates, x => x.Length == 1);
            Assert.Contains(candidates, x => x.Length > 1 && x.Distinct().Count() == 1);                 // all equal
            Assert.Contains(candidates, x => x.Length == s && x.Distinct().Count() == s);                  // no repeats
            Assert.Contains(candidates, x => x.SequenceEqual(x.OrderByDescending(t => t)) && x.Distinct().Count() == s); // descending
            Assert.Contains(candidates, x => x.Length == n);                                                // max length
            Assert.All(candidates, x => Assert.InRange(x.Length, 1, n));
            Assert.All(candidates, x => Assert.All(x, t => Assert.InRange(t, 0, s - 1)));
        }

        [Fact]
        public void LengthIsWhatACausalPositionSees()
        {
            var x = new[] { 2, 0, 1 };
            Assert.Equal(new double[] { 1, 2, 3 }, KnownTaskDefinitions.Expected(KnownTask.Length, 0, x, causal: true));
            Assert.Equal(new double[] { 3, 3, 3 }, KnownTaskDefinitions.Expected(KnownTask.Length, 0, x, causal: false));
            Assert.Equal(TaskDefinitions.Histogram(x), KnownTaskDefinitions.Expected(KnownTask.Histogram, 0, x, causal: true));
            Assert.Throws<ArgumentException>(() => KnownTaskDefinitions.Expected(KnownTask.CycleDetection, 0, x, false));
            Assert.Throws<ArgumentException>(() => KnownTaskDefinitions.Expected(KnownTask.Sort, 0, Array.Empty<int>(), false));
        }
    }
}
