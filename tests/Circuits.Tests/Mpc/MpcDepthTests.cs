using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Mpc;
using Circuits.Tasks;
using Xunit;

namespace Circuits.Tests.Mpc
{
    /// <summary>Depth: k-hop as a protocol matches Library.Hop(k); 1-vs-2 cycle grows like log2 N in layers and width.</summary>
    public class MpcDepthTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        [InlineData(5)]
        [InlineData(6)]
        [InlineData(7)]
        [InlineData(8)]
        [InlineData(9)]
        [InlineData(10)]
        [InlineData(11)]
        [InlineData(12)]
        [InlineData(13)]
        [InlineData(14)]
        [InlineData(15)]
        [InlineData(16)]
        public void KHopAsProtocolHasTheDepthOfHop(int k)
        {
            const int n = 32, words = 4;
            var model = MpcCompiler.Compile(MpcLibrary.KHop(k, n, words));
            var options = MpcCompiler.Options(model.Protocol, NumericType.Float64);
            options.Name = "hop";
            var circuit = CircuitCompiler.Compile(Library.Hop(k), options);
            Assert.Equal(Library.FloorLog2(k) + 2, model.Model.Card.Layers);
            Assert.Equal(circuit.Card.Layers, model.Model.Card.Layers);
            MpcParity.Check(model, x => TaskDefinitions.KHop(x, k), (r, len) => InstanceGenerator.NoRepeat(r, len, words), 30, seed: k);
        }

        /// <summary>Layers − ⌈log2 N⌉ stays constant and width grows at most like log N (to N = 256 here, 4,096 with CIRCUITS_MPC_FULL=1).</summary>
        [Fact]
        public void OneVsTwoCycleDepthIsLogarithmic()
        {
            int top = MpcParity.Full ? 4096 : 256;
            var rows = Enumerable.Range(4, 20).Select(e => 1 << e).TakeWhile(n => n <= top)
                .Select(n => (N: n, Model: MpcCompiler.Compile(MpcLibrary.OneVsTwoCycle(n)).Model)).ToList();
            var offsets = rows.Select(r => r.Model.Card.Layers - MpcLibrary.CeilLog2(r.N)).Distinct().ToList();
            Assert.True(offsets.Max() - offsets.Min() <= 1, "layers − ⌈log2 N⌉: " + string.Join(", ", rows.Select(r => r.N + ": " + r.Model.Card.Layers)));
            foreach (var (n, model) in rows)
                Assert.True(model.Width <= 6 * MpcLibrary.CeilLog2(n), $"N = {n}: width {model.Width} > 6·log2 N");
        }
    }
}
