using System;
using Circuits.Compiler;
using Xunit;
using static Circuits.Tests.Engine.ReferenceModel;

namespace Circuits.Tests.Engine
{
    public class ForwardPassTests
    {
        private static void AssertMatchesReference(CompiledModel m, int[] ids, NumericType precision = NumericType.Float64, double tolerance = 1e-9)
        {
            var expected = Residual(m, ids);
            var actual = EngineResidual(m, ids, precision);
            for (int p = 1; p <= ids.Length; p++)
                for (int c = 0; c < m.Width; c++)
                {
                    double e = expected[p][c], a = actual[p][c];
                    Assert.True(Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e)),
                        $"position {p} coordinate {c}: expected {e:R}, engine {a:R} (n = {ids.Length})");
                }
        }

        /// <summary>Lengths worth testing: 1, MaxLength and a few in between.</summary>
        private static int[] Lengths(Random rng, int maxLength) => new[] { 1, maxLength, 1 + rng.Next(maxLength), 1 + rng.Next(maxLength) };

        [Fact]
        public void EmbeddingOnly_MatchesReference()
        {
            var rng = new Random(1);
            var m = RandomEmbeddings(rng, width: 4, vocabulary: 3, maxLength: 7);
            foreach (int n in Lengths(rng, m.MaxLength)) AssertMatchesReference(m, RandomIds(rng, n, 3));
        }

        [Theory]
        [InlineData(AttentionMask.None)]
        [InlineData(AttentionMask.Causal)]
        [InlineData(AttentionMask.StrictCausal)]
        [InlineData(AttentionMask.AntiCausal)]
        [InlineData(AttentionMask.StrictAntiCausal)]
        public void SingleHead_EachMask_MatchesReference(AttentionMask mask)
        {
            var rng = new Random(10 + (int)mask);
            for (int trial = 0; trial < 5; trial++)
            {
                var m = RandomEmbeddings(rng, width: 5, vocabulary: 4, maxLength: 9);
                m.Layers = new[] { new Layer { Heads = new[] { RandomHead(rng, 5, 3, 2, mask, scale: 1.5) } } };
                foreach (int n in Lengths(rng, m.MaxLength)) AssertMatchesReference(m, RandomIds(rng, n, 4));
            }
        }

        [Fact]
        public void MultipleHeads_ReadTheSameResidualAndSum()
        {
            var rng = new Random(20);
            var m = RandomEmbeddings(rng, width: 6, vocabulary: 5, maxLength: 8);
            m.Layers = new[]
            {
                new Layer
                {
                    Heads = new[]
                    {
                        RandomHead(rng, 6, 2, 3, AttentionMask.None),
                        RandomHead(rng, 6, 4, 1, AttentionMask.Causal),
                        RandomHead(rng, 6, 1, 2, AttentionMask.StrictAntiCausal),
                    },
                },
            };
            foreach (int n in Lengths(rng, m.MaxLength)) AssertMatchesReference(m, RandomIds(rng, n, 5));
        }

        [Fact]
        public void TwoStageMlp_MatchesReference()
        {
            var rng = new Random(30);
            var m = RandomEmbeddings(rng, width: 4, vocabulary: 3, maxLength: 6);
            m.Layers = new[] { new Layer { Mlp = RandomMlp(rng, 4, 7) } };
            foreach (int n in Lengths(rng, m.MaxLength)) AssertMatchesReference(m, RandomIds(rng, n, 3));
        }

        [Fact]
        public void ThreeStageMlp_WithZeroWidthHiddenStage_MatchesReference()
        {
            var rng = new Random(31);
            var m = RandomEmbeddings(rng, width: 3, vocabulary: 3, maxLength: 5);
            m.Layers = new[] { new Layer { Mlp = RandomMlp(rng, 3, 5, 2) } };
            foreach (int n in Lengths(rng, m.MaxLength)) AssertMatchesReference(m, RandomIds(rng, n, 3));
        }

        [Fact]
        public void SeveralLayers_HeadsAndMlps_MatchReference()
        {
            var rng = new Random(40);
            for (int trial = 0; trial < 4; trial++)
            {
                var m = RandomEmbeddings(rng, width: 5, vocabulary: 4, maxLength: 10);
                m.Layers = new[]
                {
                    new Layer { Heads = new[] { RandomHead(rng, 5, 2, 2, AttentionMask.Causal, 0.7), RandomHead(rng, 5, 3, 1, AttentionMask.AntiCausal, 0.7) }, Mlp = RandomMlp(rng, 5, 6) },
                    new Layer { Heads = new[] { RandomHead(rng, 5, 2, 3, AttentionMask.StrictCausal, 0.5) } },
                    new Layer { Mlp = RandomMlp(rng, 5, 4, 3) },
                    new Layer { Heads = new[] { RandomHead(rng, 5, 1, 1, AttentionMask.None, 0.5) }, Mlp = RandomMlp(rng, 5, 2) },
                };
                foreach (int n in Lengths(rng, m.MaxLength)) AssertMatchesReference(m, RandomIds(rng, n, 4), tolerance: 1e-8);
            }
        }

        [Theory]
        [InlineData(AttentionMask.None)]
        [InlineData(AttentionMask.Causal)]
        [InlineData(AttentionMask.AntiCausal)]
        public void LongInput_SpansSeveralKeyBlocks_MatchesReference(AttentionMask mask)
        {
            // 700 keys = several 256-key blocks; scores that grow with position force the running max to move
            // between blocks, exercising the online-softmax rescale.
            var rng = new Random(50);
            const int width = 4, maxLength = 700;
            var m = RandomEmbeddings(rng, width, vocabulary: 3, maxLength);
            for (int t = 0; t < maxLength; t++) m.PositionEmbedding[t, 3] = t / (double)maxLength * 4;
            var head = RandomHead(rng, width, 2, 2, mask);
            head.Query[3, 0] = 3; head.Key[3, 0] = 3;
            m.Layers = new[] { new Layer { Heads = new[] { head } } };
            AssertMatchesReference(m, RandomIds(rng, maxLength, 3));
            AssertMatchesReference(m, RandomIds(rng, 300, 3));
        }

        [Fact]
        public void ZeroQueryDims_AttendsUniformly()
        {
            var rng = new Random(60);
            var m = RandomEmbeddings(rng, width: 4, vocabulary: 3, maxLength: 6);
            var head = RandomHead(rng, 4, 0, 2, AttentionMask.Causal);
            head.Query = new Matrix(0, 0); head.Key = new Matrix(0, 0);
            m.Layers = new[] { new Layer { Heads = new[] { head, RandomHead(rng, 4, 0, 1, AttentionMask.None) } } };
            foreach (int n in Lengths(rng, m.MaxLength)) AssertMatchesReference(m, RandomIds(rng, n, 3));
        }

        [Fact]
        public void EmptyHeadAndValuelessHead_AreNoOps()
        {
            var rng = new Random(61);
            var m = RandomEmbeddings(rng, width: 4, vocabulary: 3, maxLength: 6);
            var ids = RandomIds(rng, 5, 3);
            var before = EngineResidual(m, ids);
            var valueless = RandomHead(rng, 4, 2, 0, AttentionMask.None);
            valueless.Value = new Matrix(4, 0); valueless.Output = new Matrix(0, 0);
            m.Layers = new[] { new Layer { Heads = new[] { new AttentionHead(), valueless } }, new Layer() };
            var after = EngineResidual(m, ids);
            for (int p = 1; p <= ids.Length; p++) Assert.Equal(before[p], after[p]);
        }

        [Fact]
        public void Float32AgreesWithFloat64_OnWellConditionedWeights()
        {
            var rng = new Random(70);
            var m = RandomEmbeddings(rng, width: 5, vocabulary: 4, maxLength: 12);
            m.Layers = new[]
            {
                new Layer { Heads = new[] { RandomHead(rng, 5, 2, 2, AttentionMask.Causal, 0.5), RandomHead(rng, 5, 2, 2, AttentionMask.None, 0.5) }, Mlp = RandomMlp(rng, 5, 6) },
                new Layer { Heads = new[] { RandomHead(rng, 5, 3, 2, AttentionMask.StrictAntiCausal, 0.5) } },
            };
            var ids = RandomIds(rng, 12, 4);
            var single = EngineResidual(m, ids, NumericType.Float32);
            var dbl = EngineResidual(m, ids, NumericType.Float64);
            for (int p = 1; p <= ids.Length; p++)
                for (int c = 0; c < m.Width; c++)
                    Assert.True(Math.Abs(single[p][c] - dbl[p][c]) <= 1e-4 * Math.Max(1, Math.Abs(dbl[p][c])),
                        $"position {p} coordinate {c}: float32 {single[p][c]:R} vs float64 {dbl[p][c]:R}");
            AssertMatchesReference(m, ids, NumericType.Float32, tolerance: 1e-4);
        }

        [Fact]
        public void ReusedPass_LongThenShort_GivesFreshResults()
        {
            var rng = new Random(80);
            var m = RandomEmbeddings(rng, width: 4, vocabulary: 3, maxLength: 9);
            m.Layers = new[] { new Layer { Heads = new[] { RandomHead(rng, 4, 2, 2, AttentionMask.AntiCausal) }, Mlp = RandomMlp(rng, 4, 3) } };
            var pass = Circuits.Engine.Create(m);
            var longIds = RandomIds(rng, 9, 3);
            var shortIds = RandomIds(rng, 4, 3);
            pass.Forward(longIds);
            var reused = pass.Forward(shortIds);
            var fresh = Circuits.Engine.Create(m).Forward(shortIds);
            Assert.Equal(fresh, reused);

            // The span overload writes only the first n entries.
            var buffer = new double[6];
            buffer[4] = 42; buffer[5] = 43;
            pass.Forward(shortIds, buffer);
            Assert.Equal(fresh, buffer[..4]);
            Assert.Equal(42, buffer[4]);
            Assert.Equal(43, buffer[5]);
        }

        [Theory]
        [InlineData(NumericType.Float32)]
        [InlineData(NumericType.Float64)]
        public void SpanForward_DoesNotAllocate(NumericType precision)
        {
            var rng = new Random(85);
            var m = RandomEmbeddings(rng, width: 5, vocabulary: 3, maxLength: 300);
            m.Layers = new[] { new Layer { Heads = new[] { RandomHead(rng, 5, 2, 2, AttentionMask.Causal, 0.3), RandomHead(rng, 5, 0, 1, AttentionMask.AntiCausal) }, Mlp = RandomMlp(rng, 5, 4) } };
            var pass = Circuits.Engine.Create(m, precision);
            var ids = RandomIds(rng, 300, 3);
            var output = new double[300];
            pass.Forward(ids, output); // warm up (JIT, statics)
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass.Forward(ids, output);
            pass.Forward(ids.AsSpan(0, 17), output);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void Create_ReportsPrecisionAndModel()
        {
            var m = RandomEmbeddings(new Random(90), 3, 2, 4);
            var pass = Circuits.Engine.Create(m, NumericType.Float32);
            Assert.Same(m, pass.Model);
            Assert.Equal(NumericType.Float32, pass.Precision);
            Assert.Equal(NumericType.Float64, Circuits.Engine.Create(m).Precision);
        }

        [Fact]
        public void Create_RejectsMalformedModels()
        {
            var rng = new Random(91);
            var m = RandomEmbeddings(rng, 4, 3, 5);
            m.Layers = new[] { new Layer { Heads = new[] { RandomHead(rng, 3, 2, 2, AttentionMask.None) } } };
            var e = Assert.Throws<ArgumentException>(() => Circuits.Engine.Create(m));
            Assert.Contains("layer 0 head 0", e.Message);

            m.Layers = Array.Empty<Layer>();
            m.BosEmbedding = new double[3];
            Assert.Throws<ArgumentException>(() => Circuits.Engine.Create(m));

            m = RandomEmbeddings(rng, 4, 3, 5);
            m.Layers = new[] { new Layer { Mlp = new Mlp { Stages = new[] { new DenseLayer { Weights = new Matrix(4, 3), Bias = new double[3] } } } } };
            e = Assert.Throws<ArgumentException>(() => Circuits.Engine.Create(m));
            Assert.Contains("last stage", e.Message);

            m = RandomEmbeddings(rng, 4, 3, 5);
            m.TokenEmbedding[0, 0] = 1e300;
            Circuits.Engine.Create(m, NumericType.Float64);
            e = Assert.Throws<ArgumentException>(() => Circuits.Engine.Create(m, NumericType.Float32));
            Assert.Contains("not finite", e.Message);

            m = RandomEmbeddings(rng, 4, 3, 5);
            m.Output = new Readout { Offset = 3, Dims = 2, Encoding = Compiler.Encoding.OneHot, Values = new double[] { 0, 1 } };
            e = Assert.Throws<ArgumentException>(() => Circuits.Engine.Create(m));
            Assert.Contains("width 4", e.Message);
        }
    }
}
