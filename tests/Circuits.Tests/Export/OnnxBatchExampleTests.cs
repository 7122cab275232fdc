using System.IO;
using System.Linq;
using Circuits.Compiler;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace Circuits.Tests.Export
{
    // The README's snippet says Engine; inside Circuits.Tests that name is the Engine test namespace.
    using Engine = global::Circuits.Engine;

    /// <summary>The README's "run it in ONNX Runtime" example, verbatim: three sequences in one batch, checked against the task.</summary>
    public class OnnxBatchExampleTests
    {
        [Fact]
        public void ReadmeExampleRunsABatchOfThree()
        {
            // README: Export → ONNX Runtime, batch > 1
            var model = CircuitCompiler.Compile(Library.InductionHead(), new CompileOptions
            {
                Name = "induction-head",
                Vocabulary = CompileOptions.CharVocabulary("abcd"),
                MaxLength = 4096,
                Causal = true,
                Precision = NumericType.Float32,
            });
            using var stream = new MemoryStream();
            model.ExportOnnx(stream);                        // float32: the certified type

            using var session = new InferenceSession(stream.ToArray());
            string[] batch = { "abcab", "dcbad", "aaaaa" };  // one length per batch
            var tokens = new DenseTensor<long>(new[] { batch.Length, 5 });
            for (int b = 0; b < batch.Length; b++)
                for (int t = 0; t < 5; t++) tokens[b, t] = Engine.Encode(model, batch[b])[t];
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("tokens", tokens) });
            var output = results.First(r => r.Name == "output").AsTensor<long>();   // ids, −1 = ⊥
            // output rows: [-1 -1 -1 1 2], [-1 -1 -1 -1 2], [-1 0 0 0 0]
            // README end

            var expected = batch.Select(s => Tasks.TaskDefinitions.InductionHead(Engine.Encode(model, s))).ToArray();
            for (int b = 0; b < batch.Length; b++)
                for (int t = 0; t < 5; t++)
                    Assert.Equal(double.IsNaN(expected[b][t]) ? -1 : (long)expected[b][t], output[b, t]);
        }
    }
}
