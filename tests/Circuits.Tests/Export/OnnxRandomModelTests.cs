using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Emit;
using Circuits.Tests.Engine;
using Xunit;

namespace Circuits.Tests.Export
{
    /// <summary>
    /// The emitter's dense random models (every mask kind, a head without query dimensions, heads without value
    /// dimensions, MLPs) read through a raw scalar readout: ONNX Runtime's numbers, not just decoded symbols, must match
    /// the engine's, batches of several sequences included.
    /// </summary>
    public class OnnxRandomModelTests
    {
        [Theory]
        [InlineData(AttentionMask.None, false)]
        [InlineData(AttentionMask.Causal, false)]
        [InlineData(AttentionMask.StrictCausal, false)]
        [InlineData(AttentionMask.AntiCausal, false)]
        [InlineData(AttentionMask.StrictAntiCausal, false)]
        [InlineData(AttentionMask.StrictCausal, true)]
        [InlineData(AttentionMask.StrictAntiCausal, true)]
        public void RandomModelNumbersMatchEngine(AttentionMask mask, bool float32)
        {
            var model = RandomModelTests.Random(mask, 11 + (int)mask, float32);
            var precision = float32 ? NumericType.Float32 : NumericType.Float64;
            using var session = OnnxHarness.Session(model.ToOnnx(precision));
            var engine = global::Circuits.Engine.Create(model, precision);
            double tolerance = float32 ? 1e-3 : 1e-9;
            var rng = new Random(5);
            foreach (int length in new[] { 1, 2, 3, 17, 256, 257, 300, rng.Next(1, 301) })
            {
                var batch = Enumerable.Range(0, 3).Select(_ => ReferenceModel.RandomIds(rng, length, 4)).ToList();
                var (outputs, decoded) = OnnxHarness.Run(session, batch);
                for (int b = 0; b < batch.Count; b++)
                {
                    var expected = engine.Forward(batch[b]);
                    for (int i = 0; i < length; i++)
                    {
                        Assert.True(decoded[b][i]);
                        Assert.True(Math.Abs(outputs[b][i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                            $"{mask}: ONNX {outputs[b][i]} ≠ engine {expected[i]} at {i} of {length} (sequence {b})");
                    }
                }
            }
        }
    }
}
