using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace Circuits.Tests.Export
{
    /// <summary>Runs exported ONNX models in ONNX Runtime and compares them with the C# engine, batch by batch.</summary>
    internal static class OnnxHarness
    {
        /// <summary>Whether the full acceptance sweep runs (≥ 1,000 inputs per program) instead of the fast default.</summary>
        public static bool Full => Environment.GetEnvironmentVariable("CIRCUITS_EXPORT_FULL") == "1";

        public static InferenceSession Session(byte[] onnx, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL)
        {
            using var options = new SessionOptions { GraphOptimizationLevel = level, IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            return new InferenceSession(onnx, options);
        }

        /// <summary>One batch (all sequences of one length): the outputs (⊥ = NaN) and decoded flags, per sequence.</summary>
        public static (double[][] Outputs, bool[][] Decoded) Run(InferenceSession session, IReadOnlyList<int[]> batch)
        {
            int length = batch[0].Length;
            Assert.All(batch, s => Assert.Equal(length, s.Length));
            var tokens = new DenseTensor<long>(new[] { batch.Count, length });
            for (int b = 0; b < batch.Count; b++)
                for (int t = 0; t < length; t++) tokens[b, t] = batch[b][t];
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("tokens", tokens) });
            var output = results.First(r => r.Name == "output");
            var decoded = results.First(r => r.Name == "decoded").AsTensor<bool>();
            var outputs = new double[batch.Count][];
            var flags = new bool[batch.Count][];
            bool integer = output.Value is Tensor<long>;
            for (int b = 0; b < batch.Count; b++)
            {
                outputs[b] = new double[length];
                flags[b] = new bool[length];
                for (int t = 0; t < length; t++)
                {
                    flags[b][t] = decoded[b, t];
                    if (integer)
                    {
                        long v = output.AsTensor<long>()[b, t];
                        outputs[b][t] = v == Bottom.Id ? double.NaN : v;
                    }
                    else outputs[b][t] = output.AsTensor<double>()[b, t];
                }
            }
            return (outputs, flags);
        }

        /// <summary>
        /// Exports <paramref name="model"/> in <paramref name="precision"/>, runs the batches in ONNX Runtime and asserts every
        /// position equals the engine's output in the same precision; where the engine throws (does not decode), the ONNX
        /// graph must mark some position of that sequence undecoded. Returns the number of sequences checked.
        /// </summary>
        public static int Check(CompiledModel model, NumericType precision, IEnumerable<List<int[]>> batches, string what)
        {
            using var session = Session(model.ToOnnx(precision));
            var engine = global::Circuits.Engine.Create(model, precision);
            int count = 0;
            foreach (var batch in batches)
            {
                var (outputs, decoded) = Run(session, batch);
                for (int b = 0; b < batch.Count; b++)
                {
                    string Input() => $"{what} ({precision}): batch of {batch.Count}, sequence {b}, length {batch[b].Length}: [{string.Join(",", batch[b])}]";
                    double[] expected;
                    try
                    {
                        expected = engine.Forward(batch[b]);
                    }
                    catch (InvalidOperationException e)
                    {
                        Assert.True(decoded[b].Contains(false), $"the engine throws ({e.Message}) but ONNX decodes every position; {Input()}");
                        count++;
                        continue;
                    }
                    for (int t = 0; t < expected.Length; t++)
                    {
                        Assert.True(decoded[b][t], $"ONNX does not decode position {t}, the engine gives {expected[t]}; {Input()}");
                        Assert.True(Parity.Same(outputs[b][t], expected[t]), $"ONNX {outputs[b][t]} ≠ engine {expected[t]} at position {t}; {Input()}");
                    }
                    count++;
                }
            }
            return count;
        }
    }
}
