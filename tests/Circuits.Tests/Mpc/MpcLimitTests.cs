using System;
using Circuits.Compiler;
using Circuits.Mpc;
using Circuits.Tasks;
using Xunit;

namespace Circuits.Tests.Mpc
{
    /// <summary>The simulator's memory limit, and the builder's refusals of protocols the model does not allow.</summary>
    public class MpcLimitTests
    {
        [Fact]
        public void MemoryOverflowNamesMachineRoundAndCount()
        {
            // List ranking keeps rank, the rank read and the pointer live at once: three words do, two do not.
            var x = MpcInstances.LinkedList(new Random(3), 8);
            MpcSimulator.Run(MpcLibrary.ListRanking(8, localMemory: 3), x);
            var e = Assert.Throws<MpcLimitException>(() => MpcSimulator.Run(MpcLibrary.ListRanking(8, localMemory: 2), x));
            Assert.Equal((MpcLimit.Memory, 0, 1, (int?)3, 2), (e.Limit, e.Machine, e.Round, e.Count, e.Bound));
        }

        [Fact]
        public void BuilderRefusesWhatTheModelDoesNotHave()
        {
            var p = new MpcBuilder("bad", 8, 2, 8);
            Assert.Throws<InvalidOperationException>(() => p.Local("x", MpcKind.Categorical, w => w, p.Word, "id"));
            p.Round("one");
            var number = p.Local("n", MpcKind.Numerical, w => w, p.Word, "number");
            var e = Assert.Throws<ArgumentException>(() => p.Read("r", p.Word, from: number));
            Assert.Contains("numerical", e.Message, StringComparison.Ordinal);
            p.Send("m", to: p.Word, payload: p.Machine);
            Assert.Throws<InvalidOperationException>(() => p.Send("m2", to: p.Word, payload: p.Machine));
            var other = new MpcBuilder("other", 8, 2, 8);
            Assert.Throws<ArgumentException>(() => p.Build(other.Word));
        }

        [Fact]
        public void InputsOutsideNOrWAreRefusedByBoth()
        {
            var model = MpcCompiler.Compile(MpcLibrary.Broadcast(4, 3));
            foreach (var bad in new[] { Array.Empty<int>(), new[] { 0, 1, 2, 0, 1 }, new[] { 0, 3 } })
            {
                Assert.Throws<ArgumentException>(() => MpcSimulator.Run(model.Protocol, bad));
                Assert.Throws<ArgumentException>(() => MpcRun.Forward(model, bad));
            }
        }

        /// <summary>A local step no exact MLP computes is refused by the circuit compiler, naming the register.</summary>
        [Fact]
        public void LocalStepWithoutExactMlpIsRefusedNamingTheRegister()
        {
            var p = new MpcBuilder("huge-table", 1024, 4, 1024);
            p.Round("one");
            var product = p.Local("word-times-id", MpcKind.Categorical, (w, i) => (w * 7 + i) % 1000, p.Word, p.Machine, "mix");
            var e = Assert.Throws<CompileException>(() => MpcCompiler.Compile(p.Build(product)));
            Assert.Contains("word-times-id", e.Message, StringComparison.Ordinal);
        }
    }
}
