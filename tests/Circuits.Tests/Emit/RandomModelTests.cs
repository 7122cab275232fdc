using System;
using Circuits.Compiler;
using Circuits.Tests.Engine;
using Xunit;

namespace Circuits.Tests.Emit
{
    /// <summary>
    /// Dense random models (every mask, score/value widths on both sides of the unrolling threshold, a head that writes
    /// nothing, MLPs, inputs longer than one key block) read through a raw scalar readout: the emitted pass must match the
    /// engine's numbers, not just decoded symbols.
    /// </summary>
    public class RandomModelTests
    {
        /// <summary>The random model for one mask (also exported to ONNX by the export tests).</summary>
        internal static CompiledModel Random(AttentionMask mask, int seed, bool float32)
        {
            var rng = new Random(seed);
            const int width = 6, maxLength = 300;
            var m = ReferenceModel.RandomEmbeddings(rng, width, 4, maxLength);
            m.Layers = new[]
            {
                new Layer
                {
                    Heads = new[]
                    {
                        ReferenceModel.RandomHead(rng, width, 3, 2, mask),
                        ReferenceModel.RandomHead(rng, width, 12, 11, mask, 0.5),
                        ReferenceModel.RandomHead(rng, width, 0, 2, mask),
                    },
                    Mlp = ReferenceModel.RandomMlp(rng, width, 5, 4),
                },
                new Layer
                {
                    Heads = new[] { ReferenceModel.RandomHead(rng, width, 2, 0, mask), ReferenceModel.RandomHead(rng, width, 2, 3, AttentionMask.None) },
                    Mlp = ReferenceModel.RandomMlp(rng, width, 3),
                },
            };
            m.Output = new Readout { Offset = 2, Dims = 1, Encoding = Compiler.Encoding.Scalar, Kind = ValueKind.Numerical };
            m.Card = new ModelCard { Name = "random " + mask, Certified = float32 ? new[] { "float32", "float64" } : new[] { "float64" } };
            return m;
        }

        [Theory]
        [InlineData(AttentionMask.None, false)]
        [InlineData(AttentionMask.Causal, false)]
        [InlineData(AttentionMask.StrictCausal, false)]
        [InlineData(AttentionMask.AntiCausal, false)]
        [InlineData(AttentionMask.StrictAntiCausal, false)]
        [InlineData(AttentionMask.StrictCausal, true)]
        [InlineData(AttentionMask.AntiCausal, true)]
        public void RandomModel_MatchesEngineNumbers(AttentionMask mask, bool float32)
        {
            var model = Random(mask, 11 + (int)mask, float32);
            var pass = EmittedPass.For($"random-{mask}-{float32}", model);
            EmittedPass.AssertNoWarnings(pass);
            Assert.NotNull(pass.DoubleForward);
            var engine = global::Circuits.Engine.Create(model, float32 ? NumericType.Float32 : NumericType.Float64);
            double tolerance = float32 ? 1e-3 : 1e-9;
            var rng = new Random(3);
            foreach (int length in new[] { 1, 2, 3, 17, 255, 256, 257, 300, rng.Next(1, 301), rng.Next(1, 301) })
            {
                var ids = ReferenceModel.RandomIds(rng, length, 4);
                var got = pass.Forward(ids);
                var expected = engine.Forward(ids);
                for (int i = 0; i < length; i++)
                    Assert.True(Math.Abs(got[i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                        $"{mask}: emitted {got[i]} ≠ engine {expected[i]} at {i} of {length}");
            }
        }
    }
}
