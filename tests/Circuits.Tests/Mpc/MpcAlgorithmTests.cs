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

        /// <summary>N = 1,024: a handful of instances by default (compiling is the cost), 500 with CIRCUITS_MPC_FULL=1.</summary>
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

        /// <summary>One n-cycle or two n/2-cycles, each half the time (odd n: one cycle).</summary>
        internal static int[] OneOrTwoCycles(Random rng, int n) => MpcInstances.Cycles(rng, n, two: n % 2 == 0 && rng.Next(2) == 0);
    }
}
