using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Mpc;
using Circuits.Tasks;
using Circuits.Tests.Computes;
using Circuits.Tests.Engine;
using Circuits.Tests.Reference;
using Xunit;

namespace Circuits.Tests.Mpc
{
    /// <summary>
    /// The converse (a compiled transformer run as an MPC protocol, THEORY §5.1) against two independent oracles: the tests'
    /// naive forward pass on random models, coordinate by coordinate, and, on compiled programs, the engine's forward pass and
    /// the task definitions; plus its accounting against the layout's definition.
    /// </summary>
    public class ConverseTests
    {
        /// <summary>Inputs of length 256 per program in the default run (each is ~10⁵ machines); CIRCUITS_CONVERSE_LONG raises it.</summary>
        private static int LongInputs => int.TryParse(Environment.GetEnvironmentVariable("CIRCUITS_CONVERSE_LONG"), out int n) ? n : 4;

        /// <summary>
        /// The reference executor's random model (heads with no query dimensions, with no value dimensions, every mask), then a
        /// layer that is its MLP alone, one whose only head writes nothing (both run inside the token machines), and two heads.
        /// </summary>
        private static CompiledModel RandomModel(AttentionMask mask, int seed)
        {
            var m = ReferenceExecutorTests.RandomModel(mask, seed);
            var rng = new Random(seed);
            int width = m.Width;
            m.Layers = m.Layers.Concat(new[]
            {
                new Layer { Mlp = ReferenceModel.RandomMlp(rng, width, 3) },
                new Layer { Heads = new[] { ReferenceModel.RandomHead(rng, width, 2, 0, mask) } },
                new Layer { Heads = new[] { ReferenceModel.RandomHead(rng, width, 4, 3, AttentionMask.None, 2), ReferenceModel.RandomHead(rng, width, 1, 4, mask, 3) }, Mlp = ReferenceModel.RandomMlp(rng, width, 3) },
            }).ToArray();
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
            ReferenceModel.AssertEveryCoordinate(RandomModel(mask, 70 + (int)mask), (model, ids) => new TransformerToMpc(model, ids.Length).Run(ids).Outputs,
                new Random(11), new[] { 1, 2, 3, 17, 40 }, mask.ToString());
        }

        public static TheoryData<string, KnownTask, int> LongPrograms() => new TheoryData<string, KnownTask, int>
        {
            { "induction-head", KnownTask.InductionHead, 0 },
            { "hop", KnownTask.KHop, 4 },
        };

        /// <summary>The acceptance: the round trip holds for the induction head and 4-hop at N = 256.</summary>
        [Theory]
        [MemberData(nameof(LongPrograms))]
        public void InductionHeadAndFourHopRoundTripAtN256(string name, KnownTask task, int k)
        {
            const int n = 256;
            var model = ReferenceExecutorTests.Compile(ReferenceExecutorTests.Program(name, k), "abcd", n, causal: true, task, k);
            var candidates = ComputesSample.Candidates(4, n, n, task, k).ToList();
            // The edge cases (length 1, all equal, no repeats, short periods, k-hop chains that fall off the start) and random
            // short inputs, then inputs of the full length 256.
            var inputs = candidates.Where(x => x.Length <= 16).Take(30).Concat(candidates.Where(x => x.Length == n).Take(LongInputs)).ToList();
            Assert.Contains(inputs, x => x.Length == 1);
            Assert.Contains(inputs, x => x.Length == n);
            AgreeWithTheForwardPassAndTheTask(model, inputs, task, k, causal: true);
        }

        public static TheoryData<string, KnownTask, bool> SmallPrograms() => new TheoryData<string, KnownTask, bool>
        {
            { "reverse", KnownTask.Reverse, false },
            { "hist", KnownTask.Histogram, false },
            { "sort", KnownTask.Sort, false },
            { "length", KnownTask.Length, false },
            { "prefix-sum", KnownTask.PrefixSum, true },
        };

        [Theory]
        [MemberData(nameof(SmallPrograms))]
        public void LibraryProgramsRoundTripAtSmallN(string name, KnownTask task, bool causal)
        {
            const int n = 12;
            var model = ReferenceExecutorTests.Compile(ReferenceExecutorTests.Program(name, 0), "abcde", n, causal, task);
            AgreeWithTheForwardPassAndTheTask(model, ComputesSample.Candidates(5, n, n, task, 0).Take(60).ToList(), task, 0, causal);
        }

        private static void AgreeWithTheForwardPassAndTheTask(CompiledModel model, System.Collections.Generic.List<int[]> inputs, KnownTask task, int k, bool causal)
        {
            var engine = Circuits.Engine.Create(model);
            int defined = 0, bottom = 0;
            foreach (var x in inputs)
            {
                var got = new TransformerToMpc(model, x.Length).Run(x).Outputs;
                Sequences.Equal(engine.Forward(x), got, "forward pass, x = " + Sequences.Show(x));
                Sequences.Equal(KnownTaskDefinitions.Expected(task, k, x, causal), got, "task, x = " + Sequences.Show(x));
                defined += got.Count(v => !double.IsNaN(v));
                bottom += got.Count(double.IsNaN);
            }
            Assert.True(defined > 0, "every output was ⊥");
            if (task is KnownTask.InductionHead or KnownTask.KHop) Assert.True(bottom > 0, "no input reached ⊥");
        }

        [Fact]
        public void AccountingFollowsTheLayoutAndStarsTakeFourRoundsPerLayer()
        {
            const int n = 40;
            var model = ReferenceExecutorTests.Compile(Library.Hop(4), "abcd", n, causal: true, KnownTask.KHop, 4);
            var x = ReferenceModel.RandomIds(new Random(5), n, 4);
            var expected = Circuits.Engine.Create(model).Forward(x);

            var tight = new TransformerToMpc(model, n);
            var run = tight.Run(x);
            Sequences.Equal(expected, run.Outputs, "minimum s");
            var a = run.Accounting;

            // q: n + 1 token machines, and per layer one pair machine for each writing head and each key it may read (sink included).
            int positions = n + 1;
            int pairs = model.Layers.Max(l => l.Heads.Where(h => h.Value.Cols > 0)
                .Sum(h => Enumerable.Range(0, positions).Sum(i => Enumerable.Range(0, positions).Count(j => ReferenceModel.Allowed(h.Mask, i, j)))));
            Assert.Equal(positions + pairs, a.Machines);
            Assert.Equal(positions, a.TokenMachines);
            Assert.Equal(model.Layers.Length, a.Layers);
            Assert.True(a.AttentionLayers >= 1);
            // R: one round to embed, then per attention layer its rounds; every tree has fan-in and fan-out ≥ 2, so a layer takes
            // at most 2 + 2⌈log2(n + 1)⌉ rounds.
            Assert.Equal(1 + a.LayerRounds.Sum(), a.Rounds);
            int log2 = (int)Math.Ceiling(Math.Log(positions, 2));
            Assert.All(a.LayerRounds, r => Assert.InRange(r, 4, 2 + 2 * log2));
            Assert.True(a.FanOut >= 2 && a.FanIn >= 2, $"fan-out {a.FanOut}, fan-in {a.FanIn}");
            Assert.InRange(a.PeakMemory, a.Width, a.LocalMemory);
            Assert.InRange(a.PeakSent, 1, a.LocalMemory);
            Assert.InRange(a.PeakReceived, 1, a.LocalMemory);
            Assert.True(a.Messages > pairs, $"{a.Messages} words for {pairs} pair machines");

            // With room for every key at once, each tree is a star: send q, k, v; score; sum; W_O and MLP — 4 rounds per layer.
            int wide = positions * a.LocalMemory;
            var star = new TransformerToMpc(model, n, wide).Run(x);
            Sequences.Equal(expected, star.Outputs, "wide s");
            Assert.Equal(1 + 4 * a.AttentionLayers, star.Accounting.Rounds);
            Assert.Equal(a.Machines, star.Accounting.Machines);
            Assert.Equal(a.Messages, star.Accounting.Messages);
            Assert.Contains("q/(n+1)²", star.Accounting.ToTable());
        }

        [Fact]
        public void BadLayoutsAndInputsAreRefusedWithTheValueAndTheLimit()
        {
            var model = ReferenceExecutorTests.Compile(Library.InductionHead(), "abc", 8, causal: true);
            var tight = new TransformerToMpc(model, 5);
            var small = Assert.Throws<ArgumentException>(() => new TransformerToMpc(model, 5, tight.MinimumLocalMemory - 1));
            Assert.Contains($"s = {tight.MinimumLocalMemory - 1} words is below the {tight.MinimumLocalMemory}", small.Message);
            Assert.Contains("length 9 is outside 1..8", Assert.Throws<ArgumentException>(() => new TransformerToMpc(model, 9)).Message);
            Assert.Contains("laid out for n = 5", Assert.Throws<ArgumentException>(() => tight.Run(new[] { 0, 1 })).Message);
            Assert.Contains("token id 3 at position 4", Assert.Throws<ArgumentException>(() => tight.Run(new[] { 0, 1, 2, 0, 3 })).Message);
        }
    }
}
