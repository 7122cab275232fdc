using System;
using Circuits.Compiler;
using Circuits.Mpc;
using Circuits.Tasks;
using Xunit;

namespace Circuits.Tests.Mpc
{
    /// <summary>Each library protocol: compiled forward pass = simulator = the task's definition, at several (N, s).</summary>
    public class MpcAlgorithmTests
    {
        private static int Instances(int small) => MpcParity.Full ? Math.Max(500, small) : small;

        [Theory]
        [InlineData(1, 4, 2)]
        [InlineData(16, 16, 2)]
        [InlineData(64, 8, 3)]
        public void Broadcast(int n, int words, int s)
        {
            var model = MpcCompiler.Compile(MpcLibrary.Broadcast(n, words, s), NumericType.Float32);
            Assert.Equal(1, model.Model.Card.Layers);
            Assert.Contains("float32", model.Model.Card.Certified);
            MpcParity.Check(model, MpcTaskDefinitions.Broadcast, (r, len) => MpcInstances.Words(r, len, words), Instances(100), seed: n, NumericType.Float32);
        }

        [Theory]
        [InlineData(2, 4, 4)]
        [InlineData(16, 4, 4)]
        [InlineData(64, 3, 5)]
        public void PrefixSums(int n, int words, int s)
        {
            var model = MpcCompiler.Compile(MpcLibrary.PrefixSums(n, words, s));
            Assert.Equal(MpcLibrary.CeilLog2(n), model.Model.Card.Layers);
            MpcParity.Check(model, MpcTaskDefinitions.PrefixSums, (r, len) => MpcInstances.Words(r, len, words), Instances(100), seed: n);
        }

        [Theory]
        [InlineData(1, 5)]
        [InlineData(2, 5)]
        [InlineData(16, 3)]
        [InlineData(64, 5)]
        public void ListRanking(int n, int s)
        {
            var model = MpcCompiler.Compile(MpcLibrary.ListRanking(n, s));
            MpcParity.Check(model, MpcTaskDefinitions.ListRanking, MpcInstances.LinkedList, Instances(100), seed: n);
        }

        [Theory]
        [InlineData(2, 4)]
        [InlineData(16, 4)]
        [InlineData(64, 3)]
        public void OneVsTwoCycle(int n, int s)
        {
            var model = MpcCompiler.Compile(MpcLibrary.OneVsTwoCycle(n, s), NumericType.Float32);
            Assert.Contains("float32", model.Model.Card.Certified);
            MpcParity.Check(model, MpcTaskDefinitions.CycleCount, OneOrTwoCycles, Instances(100), seed: n, NumericType.Float32);
        }

        [Theory]
        [InlineData(1, 5)]
        [InlineData(2, 5)]
        [InlineData(16, 4)]
        [InlineData(64, 5)]
        public void ConnectedComponents(int n, int s)
        {
            var model = MpcCompiler.Compile(MpcLibrary.ConnectedComponents(n, s));
            MpcParity.Check(model, MpcTaskDefinitions.ComponentMinimum, MpcInstances.FunctionalGraph, Instances(100), seed: n);
        }

        /// <summary>
        /// N = 1,024 in the precision the default run checks: a handful of instances (compiling is the cost), 500 with
        /// CIRCUITS_MPC_FULL=1, which also runs the other precision (<see cref="At1024InTheOtherPrecision"/>).
        /// </summary>
        [Fact]
        public void ListRankingAt1024()
        {
            var model = MpcCompiler.Compile(MpcLibrary.ListRanking(1024));
            Assert.Equal(MpcLibrary.CeilLog2(1024) + 1, model.Model.Card.Layers);
            MpcParity.Check(model, MpcTaskDefinitions.ListRanking, MpcInstances.LinkedList, MpcParity.Full ? 500 : 4, seed: 1024);
        }

        /// <summary>1-vs-2 cycle at N = 1,024, certified and checked in float32.</summary>
        [Fact]
        public void OneVsTwoCycleAt1024()
        {
            var model = MpcCompiler.Compile(MpcLibrary.OneVsTwoCycle(1024), NumericType.Float32);
            Assert.Contains("float32", model.Model.Card.Certified);
            MpcParity.Check(model, MpcTaskDefinitions.CycleCount, OneOrTwoCycles, MpcParity.Full ? 500 : 4, seed: 1024, NumericType.Float32);
        }

        [Fact]
        public void ConnectedComponentsAt1024()
        {
            var model = MpcCompiler.Compile(MpcLibrary.ConnectedComponents(1024));
            MpcParity.Check(model, MpcTaskDefinitions.ComponentMinimum, MpcInstances.FunctionalGraph, MpcParity.Full ? 500 : 4, seed: 1024);
        }

        /// <summary>
        /// The acceptance sweep's other precision at N = 1,024 (CIRCUITS_MPC_FULL=1 only; each compile takes a minute):
        /// list ranking in float32, 1-vs-2 cycle in float64, both on 500 instances; connected components in float32 must be
        /// certified and exact on 500 instances or refused as not certified (CIRC0201), never compiled inexact.
        /// </summary>
        [Theory]
        [InlineData("list-ranking", NumericType.Float32)]
        [InlineData("one-vs-two-cycle", NumericType.Float64)]
        [InlineData("connected-components", NumericType.Float32)]
        public void At1024InTheOtherPrecision(string name, NumericType precision)
        {
            if (!MpcParity.Full) return;
            var (protocol, reference, generate) = name switch
            {
                "list-ranking" => (MpcLibrary.ListRanking(1024), (Func<int[], double[]>)MpcTaskDefinitions.ListRanking, (Func<Random, int, int[]>)MpcInstances.LinkedList),
                "one-vs-two-cycle" => (MpcLibrary.OneVsTwoCycle(1024), MpcTaskDefinitions.CycleCount, OneOrTwoCycles),
                _ => (MpcLibrary.ConnectedComponents(1024), MpcTaskDefinitions.ComponentMinimum, MpcInstances.FunctionalGraph),
            };
            MpcModel model;
            try { model = MpcCompiler.Compile(protocol, precision); }
            catch (CompileException e) when (e.Error == CompileError.NotCertified && name == "connected-components")
            {
                Assert.Equal("CIRC0201", e.Code);
                return;
            }
            Assert.Contains(precision == NumericType.Float32 ? "float32" : "float64", model.Model.Card.Certified);
            Assert.Equal(500, MpcParity.Check(model, reference, generate, 500, seed: 1025, precision));
        }

        /// <summary>One n-cycle or two n/2-cycles, each half the time (odd n: one cycle).</summary>
        internal static int[] OneOrTwoCycles(Random rng, int n) => MpcInstances.Cycles(rng, n, two: n % 2 == 0 && rng.Next(2) == 0);
    }
}
