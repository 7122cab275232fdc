using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tasks;
using Circuits.Tests.Engine;
using Circuits.Tests.Reference;
using Xunit;

namespace Circuits.Tests.Computes
{
    /// <summary>
    /// The core's scalar reference executor against two independent oracles: the tests' naive forward pass on random
    /// models (every coordinate, every mask), and, on compiled library programs, the runtime engine and the task definitions.
    /// </summary>
    public class ReferenceExecutorTests
    {
        internal static CompiledModel RandomModel(AttentionMask mask, int seed)
        {
            var rng = new Random(seed);
            const int width = 6;
            var m = ReferenceModel.RandomEmbeddings(rng, width, 4, 40);
            m.Layers = new[]
            {
                new Layer
                {
                    Heads = new[] { ReferenceModel.RandomHead(rng, width, 3, 2, mask), ReferenceModel.RandomHead(rng, width, 0, 2, mask), ReferenceModel.RandomHead(rng, width, 2, 0, mask) },
                    Mlp = ReferenceModel.RandomMlp(rng, width, 5, 4),
                },
                new Layer { Heads = new[] { ReferenceModel.RandomHead(rng, width, 4, 3, AttentionMask.None, 2) }, Mlp = ReferenceModel.RandomMlp(rng, width, 3) },
            };
            return m;
        }

        [Theory]
        [InlineData(AttentionMask.None)]
        [InlineData(AttentionMask.Causal)]
        [InlineData(AttentionMask.StrictCausal)]
        [InlineData(AttentionMask.AntiCausal)]
        [InlineData(AttentionMask.StrictAntiCausal)]
        public void RandomModelsMatchTheNaivePassOnEveryCoordinate(AttentionMask mask)
        {
            ReferenceModel.AssertEveryCoordinate(RandomModel(mask, 40 + (int)mask), ReferenceExecutor.Run, new Random(7), new[] { 1, 2, 3, 13, 40 }, mask.ToString());
        }

        public static TheoryData<string, KnownTask, int, bool> Programs() => new TheoryData<string, KnownTask, int, bool>
        {
            { "induction-head", KnownTask.InductionHead, 0, true },
            { "hop", KnownTask.KHop, 3, true },
            { "hop", KnownTask.KHop, 5, true },
            { "shift", KnownTask.Shift, 0, false },
            { "reverse", KnownTask.Reverse, 0, false },
            { "sort", KnownTask.Sort, 0, false },
            { "hist", KnownTask.Histogram, 0, false },
            { "length", KnownTask.Length, 0, true },
            { "length", KnownTask.Length, 0, false },
            { "prefix-sum", KnownTask.PrefixSum, 0, true },
        };

        internal static SOp Program(string name, int k) => name switch
        {
            "induction-head" => Library.InductionHead(),
            "hop" => Library.Hop(k),
            "shift" => Library.Shift(Rasp.Tokens),
            "reverse" => Library.Reverse(Rasp.Tokens),
            "sort" => Library.Sort(Rasp.Tokens, Rasp.Tokens),
            "hist" => Library.Histogram(),
            "length" => Library.Length(),
            "prefix-sum" => Library.PrefixSum(Rasp.Tokens),
            _ => throw new ArgumentException(name),
        };

        internal static CompiledModel Compile(SOp program, string vocabulary, int maxLength, bool causal, KnownTask task = KnownTask.None, int k = 0)
            => CircuitCompiler.Compile(program, new CompileOptions { Name = "test", Vocabulary = CompileOptions.CharVocabulary(vocabulary), MaxLength = maxLength, Causal = causal, Task = task, K = k });

        [Theory]
        [MemberData(nameof(Programs))]
        public void CompiledProgramsMatchTheEngineAndTheTask(string name, KnownTask task, int k, bool causal)
        {
            const int n = 24;
            var model = Compile(Program(name, k), "abcde", n, causal);
            var engine = Circuits.Engine.Create(model);
            var inputs = ComputesSample.Candidates(5, n, n, task, k).Take(40).ToList();
            int defined = 0;
            foreach (var x in inputs)
            {
                var got = ReferenceExecutor.Run(model, x);
                Sequences.Equal(engine.Forward(x), got, "engine, x = " + Sequences.Show(x));
                Sequences.Equal(KnownTaskDefinitions.Expected(task, k, x, causal), got, "task, x = " + Sequences.Show(x));
                defined += got.Count(v => !double.IsNaN(v));
            }
            Assert.True(defined > 0, "every output was ⊥");
        }

        [Fact]
        public void BadInputIsRefusedWithTheValueAndTheLimit()
        {
            var model = Compile(Library.Shift(Rasp.Tokens), "abc", 4, causal: true);
            Assert.Contains("at least 1 token", Assert.Throws<ArgumentException>(() => ReferenceExecutor.Run(model, Array.Empty<int>())).Message);
            Assert.Contains("5 tokens but the model's maximum length is 4", Assert.Throws<ArgumentException>(() => ReferenceExecutor.Run(model, new int[5])).Message);
            Assert.Contains("token id 3 at position 1", Assert.Throws<ArgumentException>(() => ReferenceExecutor.Run(model, new[] { 0, 3 })).Message);
        }

        [Fact]
        public void OutputBetweenTheDesignedLevelsIsLoudLikeTheEngine()
        {
            var model = Compile(Library.Shift(Rasp.Tokens), "abc", 4, causal: true);
            // Halve the one-hot / binary readout coordinates of every token: the output sits between "on" and "off".
            for (int t = 0; t < model.TokenEmbedding.Rows; t++)
                for (int c = model.Output.Offset; c < model.Output.Offset + model.Output.Dims; c++) model.TokenEmbedding[t, c] += 0.5;
            var x = new[] { 0, 1, 2 };
            var engine = Assert.Throws<InvalidOperationException>(() => Circuits.Engine.Create(model).Forward(x));
            var reference = Assert.Throws<InvalidOperationException>(() => ReferenceExecutor.Run(model, x));
            Assert.Equal(engine.Message, reference.Message);
        }

        [Fact]
        public void CostGrowsWithTheCausalTriangle()
        {
            var model = Compile(Library.InductionHead(), "abcd", 64, causal: true);
            long c16 = new ReferenceExecutor(model).Cost(16), c32 = new ReferenceExecutor(model).Cost(32), c64 = new ReferenceExecutor(model).Cost(64);
            Assert.True(c16 < c32 && c32 < c64);
            // Quadratic in the length once attention dominates: doubling the length more than doubles the cost.
            Assert.True(c64 > 2 * c32, $"{c64} vs {c32}");
        }
    }
}
