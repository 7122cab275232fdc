using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using Circuits.Compiler;
using Circuits.Tests.Emit;
using Xunit;

namespace Circuits.Tests.Engine
{
    /// <summary>
    /// The fast exact mode: rows split among threads (the engine's and the generated pass's fork-join), the two-pass softmax
    /// that skips keys below the exp floor, and no allocation per call. Oracles: the task definition, the single-threaded
    /// engine, and the emulated-precision pass (which weighs every key with an online maximum).
    /// </summary>
    public class FastExactTests
    {
        // Above ForkJoin.MinRowsToFork, so every layer is split among threads.
        private const int N = 80;

        public static IEnumerable<object[]> Programs() => new[]
        {
            new object[] { "induction-head", 2 }, // causal, prev-1 and an exact-match head
            new object[] { "k-hop", 4 },          // causal, pointer doubling over several layers
            new object[] { "sort", 2 },           // bidirectional
            new object[] { "hist", 2 },           // a count head: many keys tie at the maximum
        };

        private static readonly Dictionary<string, CompiledModel> Models = new Dictionary<string, CompiledModel>();

        private static CompiledModel Model(string name, int k)
        {
            lock (Models)
            {
                string key = name + k;
                if (!Models.TryGetValue(key, out var m))
                    Models[key] = m = CircuitCompiler.Compile(ProgramCatalog.Find(name).Build(k), ProgramCatalog.Options(name, "abcd", N, NumericType.Float32));
                return m;
            }
        }

        /// <summary>Length 1, length N, all one token (every key ties), two alternating tokens, and random ones of several lengths.</summary>
        private static List<int[]> Inputs(string name, int seed)
        {
            var entry = ProgramCatalog.Find(name);
            var rng = new Random(seed);
            var inputs = new List<int[]>
            {
                new[] { 0 }, new[] { 3 },
                Enumerable.Repeat(1, N).ToArray(),
                Enumerable.Range(0, N).Select(i => i % 2).ToArray(),
                Enumerable.Range(0, N).Select(i => 3 - i % 4).ToArray(),
            };
            foreach (int n in new[] { N, N, N - 1, ForkJoin<object>.MinRowsToFork - 1, ForkJoin<object>.MinRowsToFork, 2, 17 })
                inputs.Add(entry.Generate(rng, n, 4));
            return inputs;
        }

        [Theory]
        [MemberData(nameof(Programs))]
        public void EngineOnSeveralThreads_EqualsSingleThreadAndTheTask(string name, int k)
        {
            var model = Model(name, k);
            var single = Circuits.Engine.Create(model, NumericType.Float32, threads: 1);
            var split = Circuits.Engine.Create(model, NumericType.Float32, threads: 3); // more threads than rows per chunk on 2 cores
            var entry = ProgramCatalog.Find(name);
            foreach (var ids in Inputs(name, 1))
            {
                var expected = single.Forward(ids);
                Assert.Equal(entry.Reference(ids, k), expected);
                // Repeated calls on the same instance reuse every buffer: a stale row must never leak into the next call.
                for (int call = 0; call < 2; call++) Assert.Equal(expected, split.Forward(ids));
            }
        }

        [Theory]
        [MemberData(nameof(Programs))]
        public void GeneratedPass_CalledConcurrentlyFromSeveralThreads_EqualsSingleThreadedEngine(string name, int k)
        {
            var model = Model(name, k);
            var pass = EmittedPass.For("fast-exact-" + name + k, model);
            var single = Circuits.Engine.Create(model, NumericType.Float32, threads: 1);
            var inputs = Inputs(name, 2);
            var expected = inputs.Select(ids => single.Forward(ids)).ToList();
            // Each thread has its own [ThreadStatic] scratch and fork-join; all of them fork onto the same thread pool.
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
            {
                for (int round = 0; round < 3; round++)
                    for (int i = 0; i < inputs.Count; i++)
                    {
                        int which = (i + t) % inputs.Count;
                        Assert.Equal(expected[which], pass.Forward(inputs[which]));
                    }
            });
        }

        [Theory]
        [MemberData(nameof(Programs))]
        public void SkippingKeysBelowTheExpFloor_KeepsEveryOutputOfThePassThatWeighsThemAll(string name, int k)
        {
            // The emulated pass at 24 bits weighs every key (e^-100 and below included) with an online maximum; the engine
            // gives keys below the floor weight 0 after an exact row maximum. A certified float32 model decodes the same in both.
            var model = Model(name, k);
            var everyKey = new EmulatedPrecisionPass(model, 24);
            var engine = Circuits.Engine.Create(model, NumericType.Float32);
            foreach (var ids in Inputs(name, 3)) Assert.Equal(everyKey.Forward(ids), engine.Forward(ids));
        }

        [Fact]
        public void EngineAndGeneratedPass_AllocateNothingPerCallAfterAThreadsFirstCall()
        {
            var model = Model("k-hop", 4);
            var ids = ProgramCatalog.Find("k-hop").Generate(new Random(4), N, 4);
            var engine = Circuits.Engine.Create(model, NumericType.Float32, threads: 2);
            var output = new double[N];
            var pass = EmittedPass.For("fast-exact-k-hop4", model);
            var generated = new int[N];
            var forward = pass.IntForward!;
            for (int warm = 0; warm < 3; warm++)
            {
                engine.Forward(ids, output);
                forward(ids, generated);
            }
            // The first round after warm-up allocates nothing: the fork-join's helper threads are its own (ForkJoinTests checks
            // theirs too), so no thread-pool worker is ever created on this thread's account.
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 20; call++)
            {
                engine.Forward(ids, output);
                forward(ids, generated);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void KeyBlock_IsThePrecisionAnalysisBlock()
        {
            Assert.Equal(Margins.KeyBlock, SoftmaxLanes<float>.KeyBlock);
            Assert.Equal(Margins.KeyBlock, SoftmaxLanes<double>.KeyBlock);
        }

        [Fact]
        public void Weights_AreTensorPrimitivesExpAboveTheFloorAndZeroBelowOrPastTheEnd_Float()
        {
            var shifted = new List<float> { 0f, -0f, -1e-30f, -1f, -2f, -99.99f, -100f, -100.0001f, -101f, -1e30f, float.NegativeInfinity };
            var rng = new Random(5);
            for (int i = 0; i < 4000; i++) shifted.Add(-100f * (float)rng.NextDouble());
            for (int i = 0; i < 200; i++) shifted.Add(-(float)i / 2);
            CheckWeights(shifted.ToArray(), (x, y) => TensorPrimitives.Exp<float>(x, y));
        }

        [Fact]
        public void Weights_AreTensorPrimitivesExpAboveTheFloorAndZeroBelowOrPastTheEnd_Double()
        {
            var shifted = new List<double> { 0, -0d, -1e-300, -1, -2, -99.99, -100, -100.0000001, -101, -1e300, double.NegativeInfinity };
            var rng = new Random(6);
            for (int i = 0; i < 4000; i++) shifted.Add(-100 * rng.NextDouble());
            CheckWeights(shifted.ToArray(), (x, y) => TensorPrimitives.Exp<double>(x, y));
        }

        private delegate void Exp<T>(ReadOnlySpan<T> x, Span<T> y);

        private static void CheckWeights<T>(T[] shifted, Exp<T> exp) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int lanes = Vector<T>.Count;
            var padded = new T[(shifted.Length + lanes - 1) / lanes * lanes];
            shifted.CopyTo(padded, 0);
            var expected = new T[padded.Length];
            exp(padded, expected);
            for (int j = 0; j < padded.Length; j += lanes)
                for (int remaining = 1; remaining <= lanes; remaining++)
                {
                    var d = new Vector<T>(padded, j);
                    var live = SoftmaxLanes<T>.Live(d, remaining, new Vector<T>(SoftmaxLanes<T>.ExpFloor));
                    var p = SoftmaxLanes<T>.Weights(d, live);
                    for (int l = 0; l < lanes; l++)
                    {
                        bool counts = l < remaining && padded[j + l] >= SoftmaxLanes<T>.ExpFloor;
                        T want = counts ? expected[j + l] : T.Zero;
                        Assert.True(want.Equals(p[l]), $"e^{padded[j + l]} (lane {l}, {remaining} live): expected {want}, got {p[l]}");
                    }
                    Assert.Equal(Enumerable.Range(0, lanes).All(l => l >= remaining || padded[j + l] < SoftmaxLanes<T>.ExpFloor), SoftmaxLanes<T>.None(live));
                }
        }
    }
}
