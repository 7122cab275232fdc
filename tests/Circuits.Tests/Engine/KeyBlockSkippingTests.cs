using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Circuits.Compiler;
using Circuits.Tests.Emit;
using Xunit;

namespace Circuits.Tests.Engine
{
    /// <summary>
    /// Rows that skip key blocks (<see cref="RowBounds{T}"/>) and heads with a floor from their certified gap
    /// (<see cref="SoftmaxFloor"/>). Oracles: the naive double-precision pass (<see cref="ReferenceModel"/>), the task
    /// definition, the emulated-precision pass (which weighs every key) and a brute-force check of every skip decision.
    /// </summary>
    public class KeyBlockSkippingTests
    {
        private const int Long = 700; // three key blocks and a partial fourth

        public static IEnumerable<object[]> Masks() => Enum.GetValues<AttentionMask>().Select(m => new object[] { m });

        /// <summary>A random dense model over several key blocks whose scores spread far beyond −100: many blocks are skipped.</summary>
        private static CompiledModel SpreadModel(AttentionMask mask, int seed)
        {
            var rng = new Random(seed);
            const int width = 6;
            var m = ReferenceModel.RandomEmbeddings(rng, width, 4, Long);
            m.Layers = new[]
            {
                new Layer
                {
                    Heads = new[]
                    {
                        ReferenceModel.RandomHead(rng, width, 3, 2, mask, 6),  // scores up to a few hundred: blocks below −100 vanish
                        ReferenceModel.RandomHead(rng, width, 1, 2, mask, 0.3), // nearly flat: nothing may be skipped
                        ReferenceModel.RandomHead(rng, width, 0, 1, mask),     // no score dimensions: a uniform mean
                    },
                    Mlp = ReferenceModel.RandomMlp(rng, width, 5),
                },
                new Layer { Heads = new[] { ReferenceModel.RandomHead(rng, width, 2, 3, mask, 4) } },
            };
            m.Output = new Readout { Offset = 2, Dims = 1, Encoding = Compiler.Encoding.Scalar, Kind = ValueKind.Numerical };
            m.Card = new ModelCard { Name = "spread " + mask, Certified = new[] { "float64" } };
            return m;
        }

        [Theory]
        [MemberData(nameof(Masks))]
        public void SkippedBlocks_LeaveEveryResidualCoordinateOfTheNaivePass(AttentionMask mask)
        {
            // Lengths at and across block edges; a block scored first (the highest bound) must not disturb its neighbours'
            // scores (a tail vector once overwrote them) — the naive pass computes every key in double with no skipping.
            var model = SpreadModel(mask, 90 + (int)mask);
            foreach (int threads in new[] { 1, 2 })
                ReferenceModel.AssertEveryCoordinate(model, (m, ids) => Circuits.Engine.Create(m, NumericType.Float64, threads).Forward(ids),
                    new Random(4), new[] { 1, 2, 255, 256, 257, 300, 513, Long }, $"{mask}, {threads} thread(s)");
        }

        [Theory]
        [MemberData(nameof(Masks))]
        public void ScoresAcrossWideVectorEdges_LeaveEveryResidualCoordinateOfTheNaivePass(AttentionMask mask)
        {
            // The engine scores a block four 512-bit vectors (32 doubles) at a time where the machine has them, and the rest of
            // the block one vector at a time: lengths just below, at and above those edges, and ranges starting off a block
            // edge (a second range from lo), must all give the naive pass's residual.
            var model = SpreadModel(mask, 290 + (int)mask);
            ReferenceModel.AssertEveryCoordinate(model, (m, ids) => Circuits.Engine.Create(m, NumericType.Float64, 1).Forward(ids),
                new Random(5), new[] { 31, 32, 33, 63, 64, 65, 97, 287, 289, 319 }, $"{mask}");
        }

        [Theory]
        [MemberData(nameof(Masks))]
        public void GeneratedPass_WithSkippedBlocks_KeepsTheNaivePass(AttentionMask mask)
        {
            var model = SpreadModel(mask, 190 + (int)mask);
            var pass = EmittedPass.For($"spread-{mask}", model);
            EmittedPass.AssertNoWarnings(pass);
            var engine = Circuits.Engine.Create(model, NumericType.Float64, threads: 1);
            var rng = new Random(8);
            foreach (int length in new[] { 1, 3, 256, 257, 511, Long })
            {
                var ids = ReferenceModel.RandomIds(rng, length, 4);
                var expected = ReferenceModel.Residual(model, ids);
                var got = pass.Forward(ids);
                var fromEngine = engine.Forward(ids);
                // Dense random weights: the emitted sums may associate differently from the engine's, so not bit for bit.
                for (int t = 0; t < length; t++)
                {
                    Assert.True(Math.Abs(got[t] - expected[t + 1][2]) <= 1e-9 * Math.Max(1, Math.Abs(expected[t + 1][2])), $"{mask}, length {length}, position {t}: {got[t]} ≠ {expected[t + 1][2]}");
                    Assert.True(Math.Abs(got[t] - fromEngine[t]) <= 1e-9 * Math.Max(1, Math.Abs(fromEngine[t])), $"{mask}, length {length}, position {t}: {got[t]} ≠ engine {fromEngine[t]}");
                }
            }
        }

        [Theory]
        [InlineData("induction-head", 2, NumericType.Float32)]
        [InlineData("induction-head", 2, NumericType.Float64)]
        [InlineData("k-hop", 4, NumericType.Float32)]
        [InlineData("k-hop", 16, NumericType.Float64)]
        [InlineData("hist", 2, NumericType.Float32)]
        public void CertifiedFloorsAndSkippedBlocks_KeepTheTaskAndThePassThatWeighsEveryKey(string name, int k, NumericType precision)
        {
            // At N = 700 every row spans several blocks, and each head's floor is −Δ/2 (only the top class weighs).
            var entry = ProgramCatalog.Find(name);
            var model = CircuitCompiler.Compile(entry.Build(k), ProgramCatalog.Options(name, "abcd", Long, precision));
            Assert.Contains(precision == NumericType.Float32 ? "float32" : "float64", model.Card.Certified);
            Assert.Contains(model.Layers.SelectMany(l => l.Heads), h => SoftmaxFloor.For(h, certified: true) > SoftmaxFloor.Default);
            var engine = Circuits.Engine.Create(model, precision, threads: 2);
            var everyKey = new EmulatedPrecisionPass(model, precision == NumericType.Float32 ? 24 : 53);
            var rng = new Random(11);
            var inputs = new List<int[]>
            {
                new[] { 2 },
                Enumerable.Repeat(1, Long).ToArray(),                         // every key ties
                Enumerable.Range(0, Long).Select(i => i % 2).ToArray(),
                Enumerable.Range(0, 257).Select(i => i / 64 % 4).ToArray(),   // runs that end on block edges
                entry.Generate(rng, Long, 4), entry.Generate(rng, Long - 1, 4), entry.Generate(rng, 256, 4), entry.Generate(rng, 513, 4),
            };
            foreach (var ids in inputs)
            {
                var got = engine.Forward(ids);
                Assert.Equal(entry.Reference(ids, k), got);
                Assert.Equal(everyKey.Forward(ids), got);
            }
        }

        [Fact]
        public void Floor_IsHalfTheGapClampedForCertifiedHeadsAndMinus100Otherwise()
        {
            Assert.Equal(-7.5, SoftmaxFloor.For(new AttentionHead { Gap = 15 }, certified: true));
            Assert.Equal(-4, SoftmaxFloor.For(new AttentionHead { Gap = 3 }, certified: true));
            Assert.Equal(-100, SoftmaxFloor.For(new AttentionHead { Gap = 1e6 }, certified: true));
            Assert.Equal(-100, SoftmaxFloor.For(new AttentionHead { Gap = 15 }, certified: false));
            Assert.Equal(-100, SoftmaxFloor.For(new AttentionHead { Gap = 0 }, certified: true));
            Assert.Equal(-100, SoftmaxFloor.For(new AttentionHead { Gap = double.NaN }, certified: true));
            Assert.Equal(-100, SoftmaxFloor.For(new AttentionHead { Gap = double.PositiveInfinity }, certified: true));
        }

        [Fact]
        public void TheCertificate_CoversOnlyTheWeightsItWasBuiltFor()
        {
            var model = CircuitCompiler.Compile(ProgramCatalog.Find("k-hop").Build(2), ProgramCatalog.Options("k-hop", "abcd", 16, NumericType.Float64));
            Assert.Equal(ModelDigest.Of(model), model.Card.WeightsDigest);
            Assert.True(SoftmaxFloor.Certifies(model, NumericType.Float64));
            Assert.Equal(model.Card.Certified.Contains("float32"), SoftmaxFloor.Certifies(model, NumericType.Float32));
            // One weight changed after compilation: the card no longer speaks for the model.
            var head = model.Layers.SelectMany(l => l.Heads).First(h => h.Gap > 0);
            head.Key.Data[0] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(head.Key.Data[0]) + 1);
            Assert.False(SoftmaxFloor.Certifies(model, NumericType.Float64));
            // A hand-built model that claims a certification without a digest.
            var claimed = new CompiledModel { Card = new ModelCard { Certified = new[] { "float64" } } };
            Assert.False(SoftmaxFloor.Certifies(claimed, NumericType.Float64));
        }

        [Fact]
        public void EverySkippedBlock_HasNoKeyAtOrAboveTheMaximumOrTheFloor_Float() => CheckSkips<float>(3);

        [Fact]
        public void EverySkippedBlock_HasNoKeyAtOrAboveTheMaximumOrTheFloor_Double() => CheckSkips<double>(4);

        /// <summary>
        /// Brute force: random and adversarial queries and keys (±1 codes, huge and tiny magnitudes, ties, ±0, NaN, ±∞), scores
        /// computed as the passes compute them (ascending dimensions, one rounding per product and per sum), and row maxima
        /// placed a few ulps either side of the skip threshold. Whenever a block is skipped, each of its keys must be below the
        /// maximum and fl(s − m) below the floor; a NaN score must never be skipped.
        /// </summary>
        private static void CheckSkips<T>(int seed) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var rng = new Random(seed);
            int skipped = 0, nearMisses = 0;
            for (int trial = 0; trial < 300; trial++)
            {
                int dims = new[] { 0, 1, 2, 5, 14 }[rng.Next(5)];
                int count = new[] { 1, 255, 256, 257, 700 }[rng.Next(5)];
                int stride = count + Vector<T>.Count;
                var keys = new T[Math.Max(1, dims) * stride];
                var q = new T[dims];
                for (int c = 0; c < dims; c++)
                {
                    q[c] = Pick<T>(rng, trial);
                    for (int j = 0; j < count; j++) keys[c * stride + j] = Pick<T>(rng, trial);
                }
                var bounds = new KeyBlockBounds<T>(dims, count);
                bounds.Compute(keys, stride, count);
                var plan = new RowBounds<T>(count);
                plan.Plan(q, bounds, count, 0, 0, second: false);
                T floor = T.CreateChecked(rng.Next(2) == 0 ? -100 : -(4 + rng.Next(20)));
                var blockMax = new T[count / SoftmaxLanes<T>.KeyBlock + 3];
                for (int n = 0, b = 0; b < count; b += SoftmaxLanes<T>.KeyBlock, n++)
                {
                    int end = Math.Min(b + SoftmaxLanes<T>.KeyBlock, count);
                    var scores = Enumerable.Range(b, end - b).Select(j => Score(q, keys, stride, j)).ToList();
                    T top = scores.Aggregate(T.NegativeInfinity, SoftmaxLanes<T>.Max);
                    // Row maxima: the block's own maximum, and maxima that put it just above and below the floor.
                    var candidates = new List<T> { top, top - floor, T.BitIncrement(top - floor), T.BitDecrement(top - floor), top - floor + T.One, T.CreateChecked(1e30), T.NegativeInfinity, T.NaN };
                    foreach (var m in candidates)
                    {
                        if (!plan.Skips(n, m, floor, blockMax)) { nearMisses++; continue; }
                        skipped++;
                        Assert.True(T.IsNegativeInfinity(blockMax[n]), "a skipped block's maximum is −∞");
                        foreach (var s in scores)
                        {
                            Assert.False(T.IsNaN(s), $"a NaN score was skipped (dims {dims}, trial {trial})");
                            Assert.True(s < m, $"score {s} ≥ maximum {m} in a skipped block (dims {dims}, trial {trial})");
                            Assert.True(s - m < floor, $"score {s} is within the floor {floor} of {m} in a skipped block (dims {dims}, trial {trial})");
                        }
                    }
                }
            }
            Assert.True(skipped > 100, $"only {skipped} blocks were skipped: the check saw too few");
            Assert.True(nearMisses > 100, $"only {nearMisses} blocks were kept");
        }

        /// <summary>s_j = q_0 k_0j + q_1 k_1j + … in ascending dimension order, as the passes sum (0 without dimensions).</summary>
        private static T Score<T>(T[] q, T[] keys, int stride, int j) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T s = T.Zero;
            for (int c = 0; c < q.Length; c++) s += q[c] * keys[c * stride + j];
            return s;
        }

        private static T Pick<T>(Random rng, int trial) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int r = rng.Next(trial % 7 == 0 ? 40 : 1000); // a few trials are dense with specials
            if (r == 0) return T.NaN;
            if (r == 1) return T.PositiveInfinity;
            if (r == 2) return T.NegativeInfinity;
            if (r == 3) return T.NegativeZero;
            return (r % 6) switch
            {
                0 => rng.Next(2) == 0 ? T.One : -T.One,
                1 => T.CreateChecked(13 * (rng.Next(2) * 2 - 1)),
                2 => T.CreateChecked((rng.NextDouble() - 0.5) * 2e4),
                3 => T.CreateChecked((rng.NextDouble() - 0.5) * 1e-6),
                4 => T.CreateChecked(rng.Next(-3, 4)),
                _ => T.CreateChecked((rng.NextDouble() - 0.5) * 300),
            };
        }
    }
}
