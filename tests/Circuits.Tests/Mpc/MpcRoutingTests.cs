using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Mpc;
using Circuits.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Mpc
{
    /// <summary>Push sends (THEORY §5.3 rank + gather): exact delivery, and overflow and bad destinations reported by both consumers.</summary>
    public class MpcRoutingTests
    {
        private readonly ITestOutputHelper _output;

        /// <summary>The test output (the large-N test prints its card's bits).</summary>
        public MpcRoutingTests(ITestOutputHelper output) { _output = output; }

        /// <summary>Destinations with in-degree at most s (every corner up to s senders to one machine) arrive exactly, in sender order.</summary>
        [Theory]
        [InlineData(8, 2)]
        [InlineData(16, 3)]
        [InlineData(32, 4)]
        public void DeliversWithinTheLimit(int n, int s)
        {
            var model = MpcCompiler.Compile(MpcLibrary.Route(n, n, s));
            Assert.Contains("rank + gather", model.Model.Card.Mpc!.Routing);
            var rng = new Random(n);
            for (int t = 0; t < 100; t++)
            {
                int len = t == 0 ? n : rng.Next(1, n + 1);
                int[] x = BoundedInDegree(rng, len, s);
                var expected = MpcTaskDefinitions.FirstSender(x);
                MpcParity.Same(expected, MpcSimulator.Run(model.Protocol, x), "simulator [" + MpcParity.Show(x) + "]");
                MpcParity.Same(expected, MpcRun.Forward(model, x), "forward [" + MpcParity.Show(x) + "]");
            }
        }

        /// <summary>
        /// Large N (CIRCUITS_MPC_FULL=1): a push round is certified in float64 at N = 256 and 1,024 and delivers exactly; in
        /// float32 it is certified or refused with CIRC0201 naming the component, never silently inexact. Prints the bits.
        /// </summary>
        [Theory]
        [InlineData(256)]
        [InlineData(1024)]
        public void PushRoundAtLargeN(int n)
        {
            if (!MpcParity.Full) return;
            const int s = 2;
            var model = MpcCompiler.Compile(MpcLibrary.Route(n, n, s));
            Assert.Contains("float64", model.Model.Card.Certified);
            var worst = model.Model.Card.Precision.OrderByDescending(r => r.Bits).First();
            _output.WriteLine($"route N = {n}, s = {s}: {model.Model.Card.PrecisionBits} bits ({worst.Component}: {worst.Reason}), {model.Model.Layers.Length} layers, width {model.Model.Width}, {model.Model.Card.Mpc!.CompileMilliseconds} ms");
            try
            {
                MpcCompiler.Compile(MpcLibrary.Route(n, n, s), NumericType.Float32);
                _output.WriteLine("  float32: certified");
            }
            catch (CompileException e) when (e.Error == CompileError.NotCertified)
            {
                _output.WriteLine("  float32: " + e.Message);
            }
            var rng = new Random(n);
            for (int t = 0; t < 20; t++)
            {
                int[] x = BoundedInDegree(rng, t == 0 ? n : rng.Next(1, n + 1), s);
                MpcParity.Same(MpcTaskDefinitions.FirstSender(x), MpcRun.Forward(model, x), "forward [" + MpcParity.Show(x) + "]");
            }
        }

        /// <summary>s + 1 messages to one machine: both the simulator and the forward pass name that machine and round 1.</summary>
        [Theory]
        [InlineData(8, 2, 5)]
        [InlineData(16, 3, 0)]
        [InlineData(16, 2, 15)]
        public void OverflowIsReportedWithMachineAndRound(int n, int s, int target)
        {
            var model = MpcCompiler.Compile(MpcLibrary.Route(n, n, s));
            var rng = new Random(target);
            // Every machine sends to itself (in-degree 1), then s others switch to the target: the target receives exactly s + 1.
            var x = Enumerable.Range(0, n).ToArray();
            foreach (var j in Enumerable.Range(0, n).Where(j => j != target).OrderBy(_ => rng.Next()).Take(s)) x[j] = target;
            Assert.Equal(s + 1, x.Count(v => v == target));
            Assert.True(x.Where(v => v != target).GroupBy(v => v).All(g => g.Count() <= s), "only the target overflows");

            var simulated = Assert.Throws<MpcLimitException>(() => MpcSimulator.Run(model.Protocol, x));
            Assert.Equal((MpcLimit.Receive, target, 1, (int?)(s + 1), s), (simulated.Limit, simulated.Machine, simulated.Round, simulated.Count, simulated.Bound));
            var compiled = Assert.Throws<MpcLimitException>(() => MpcRun.Forward(model, x));
            Assert.Equal((MpcLimit.Receive, target, 1, s), (compiled.Limit, compiled.Machine, compiled.Round, compiled.Bound));
        }

        /// <summary>A message to a machine that does not exist (word ≥ n) is reported, not dropped.</summary>
        [Fact]
        public void MissingDestinationIsReported()
        {
            var model = MpcCompiler.Compile(MpcLibrary.Route(8, 12, 2));
            int[] x = { 1, 2, 3, 9, 0 };   // machine 3 sends to machine 9 of 5
            var simulated = Assert.Throws<MpcLimitException>(() => MpcSimulator.Run(model.Protocol, x));
            Assert.Equal((MpcLimit.Destination, 3, 1), (simulated.Limit, simulated.Machine, simulated.Round));
            var compiled = Assert.Throws<MpcLimitException>(() => MpcRun.Forward(model, x));
            Assert.Equal((MpcLimit.Destination, 3, 1), (compiled.Limit, compiled.Machine, compiled.Round));
        }

        /// <summary>
        /// The gather by (destination, rank) needs no tie-break: the compiler proves the pair unique when the rank counts
        /// earlier positions with the same destination. Near misses — a count of all positions with that destination, or of
        /// earlier positions with the same value of another sequence — are refused as ambiguous, naming the aggregate.
        /// </summary>
        [Fact]
        public void GatherByDestinationAndRankIsProvedUniqueAndNearMissesAreRefused()
        {
            var options = new CompileOptions { Name = "gather", Vocabulary = Enumerable.Range(0, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), MaxLength = 8, Causal = false };
            var destination = Ir.Tokens;
            var other = Ir.Map(Ir.Tokens, t => t % 2, ValueKind.Categorical, "parity");
            var earlier = Ir.Select(Ir.Indices, Ir.Indices, Predicate.Less);
            SOp Gather(SOp rank) => Ir.Aggregate(Ir.And(Ir.Select(destination, Ir.Indices, Predicate.Equal), Ir.Select(rank, Ir.Constant(1), Predicate.Equal)), Ir.Indices).Named("second sender");
            var rank = Ir.SelectorWidth(Ir.And(Ir.Select(destination, destination, Predicate.Equal), earlier));
            var model = CircuitCompiler.Compile(Gather(rank), options);
            var rng = new Random(5);
            for (int t = 0; t < 50; t++)
            {
                var x = Enumerable.Range(0, rng.Next(1, 9)).Select(_ => rng.Next(8)).ToArray();
                var expected = Enumerable.Range(0, x.Length).Select(d => Enumerable.Range(0, x.Length).Where(j => x[j] == d).Skip(1).Select(j => (double)j).DefaultIfEmpty(double.NaN).First()).ToArray();
                MpcParity.Same(expected, global::Circuits.Engine.Create(model).Forward(x), "second sender [" + MpcParity.Show(x) + "]");
            }
            foreach (var nearMiss in new[] { Ir.SelectorWidth(Ir.Select(destination, destination, Predicate.Equal)), Ir.SelectorWidth(Ir.And(Ir.Select(other, other, Predicate.Equal), earlier)) })
            {
                var e = Assert.Throws<CompileException>(() => CircuitCompiler.Compile(Gather(nearMiss), options));
                Assert.Equal(CompileError.AmbiguousAggregate, e.Error);
                Assert.Contains("second sender", e.Message, StringComparison.Ordinal);
            }
        }

        /// <summary>Random destinations where every machine receives at most s messages (the maximal in-degree s is hit on purpose).</summary>
        private static int[] BoundedInDegree(Random rng, int n, int s)
        {
            var load = new int[n];
            var x = new int[n];
            int hub = rng.Next(n);
            for (int i = 0; i < n; i++)
            {
                int d = load[hub] < s && rng.Next(2) == 0 ? hub : rng.Next(n);
                while (load[d] >= s) d = (d + 1) % n;
                load[d]++;
                x[i] = d;
            }
            return x;
        }
    }
}
