using System;
using System.Linq;
using Circuits.Compiler;

using Xunit;

namespace Circuits.Tests.Language
{
    /// <summary>
    /// IR nodes are immutable: naming returns a new node (as Tracr's annotate), so one program naming a shared node
    /// (Tokens, Indices, a library result) cannot change another program's labels, weights or generated source —
    /// which in a compiler server shared across builds would make output depend on build order.
    /// </summary>
    public class ImmutabilityTests
    {
        [Fact]
        public void NamingReturnsANewNodeAndLeavesTheOriginalUnnamed()
        {
            var named = Rasp.Tokens.Named("my-input");
            Assert.NotSame(Rasp.Tokens, named);
            Assert.Null(Rasp.Tokens.Node.Name);
            Assert.Equal("my-input", named.Node.Name);
            var select = Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal);
            var namedSelect = select.Named("same");
            Assert.Null(select.Name);
            Assert.Equal("same", namedSelect.Name);
        }

        [Fact]
        public void LibraryProgramsCompileIdenticallyBeforeAndAfterOtherProgramsNameSharedNodes()
        {
            var before = ProgramCatalog.All.Select(Snapshot).ToList();

            // Programs that name every shared node they can reach.
            foreach (var name in new[] { "my-input", "positions", "x" })
            {
                var tokens = Rasp.Tokens.Named(name);
                var indices = Rasp.Indices.Named(name + "-at");
                var program = Rasp.SequenceMap(Rasp.Aggregate(Rasp.Select(indices, indices, Rasp.Equal).Named("self-" + name), tokens).Named("copy-" + name), Library.Length().Named("len-" + name), (a, b) => a + b);
                Compile(program, causal: false);
                Compile(Library.InductionHead().Named("ih-" + name), causal: true);
            }

            var after = ProgramCatalog.All.Select(Snapshot).ToList();
            for (int i = 0; i < before.Count; i++)
            {
                Assert.Equal(before[i].Labels, after[i].Labels);
                Assert.Equal(before[i].Weights, after[i].Weights);
                Assert.True(before[i].Source == after[i].Source, $"{ProgramCatalog.All[i].Name}: generated source changed after other programs named shared nodes");
            }
        }

        private static CompiledModel Compile(SOp program, bool causal, int maxLength = 16)
            => CircuitCompiler.Compile(program, new CompileOptions { Vocabulary = CompileOptions.CharVocabulary("abcd"), MaxLength = maxLength, Causal = causal, Name = "p" });

        private static (string Labels, string Weights, string Source) Snapshot(ProgramEntry entry)
        {
            var model = Compile(entry.Build(ProgramCatalog.DefaultK), entry.Causal, Math.Min(16, entry.MaxLength ?? 16));
            var weights = string.Join(",", model.Layers.SelectMany(l => l.Heads.SelectMany(h => h.Query.Data.Concat(h.Key.Data).Concat(h.Value.Data).Concat(h.Output.Data))
                .Concat(l.Mlp is null ? Array.Empty<double>() : l.Mlp.Stages.SelectMany(s => s.Weights.Data.Concat(s.Bias))))
                .Concat(model.TokenEmbedding.Data).Concat(model.PositionEmbedding.Data).Select(v => BitConverter.DoubleToInt64Bits(v)));
            return (string.Join("|", model.ResidualLabels), weights, ForwardPassEmitter.Emit(model, "Ns", "Pass"));
        }
    }
}
