using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Circuits.Compiler;
using Circuits.Export.Onnx;
using Circuits.Tests.Validation;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace Circuits.Tests.Export
{
    /// <summary>The ONNX file itself: its declared interface, standard operators only, loadable with and without graph optimisations, loud on bad input.</summary>
    public class OnnxContractTests
    {
        /// <summary>ONNX operators of the default domain the exporter may use (all in opset 17).</summary>
        private static readonly HashSet<string> Standard = new HashSet<string>(StringComparer.Ordinal)
        {
            "Abs", "Add", "And", "ArgMax", "Cast", "Concat", "Equal", "Expand", "Gather", "Greater", "GreaterOrEqual", "Identity",
            "IsInf", "IsNaN", "Less", "LessOrEqual", "MatMul", "Mul", "Not", "Or", "Range", "ReduceSum", "Relu", "Shape",
            "Slice", "Softmax", "Sub", "Sum", "Transpose", "Unsqueeze", "Where",
        };

        private static CompiledModel Compile(string name, int n, NumericType precision = NumericType.Float64, int k = ProgramCatalog.DefaultK)
            => CircuitCompiler.Compile(ProgramCatalog.Find(name).Build(k), ProgramCatalog.Options(name, "abcd", n, precision));

        public static IEnumerable<object[]> Programs() => ProgramCatalog.All.Select(e => new object[] { e.Name });

        [Theory]
        [MemberData(nameof(Programs))]
        public void GraphIsStandardOpset17WithTheDeclaredInterface(string name)
        {
            var model = Compile(name, ProgramCatalog.Find(name).MaxLength ?? 16);
            var proto = ModelProto.Parser.ParseFrom(model.ToOnnx());
            Assert.Equal(8, proto.IrVersion);
            var opset = Assert.Single(proto.OpsetImport);
            Assert.Equal("", opset.Domain);
            Assert.True(opset.Version >= 17);
            Assert.All(proto.Graph.Node, n => Assert.True(n.Domain == "" && Standard.Contains(n.OpType), $"node {n.Name}: {n.Domain}:{n.OpType}"));
            var input = Assert.Single(proto.Graph.Input);
            Assert.Equal("tokens", input.Name);
            Assert.Equal((int)TensorProto.Types.DataType.Int64, input.Type.TensorType.ElemType);
            Assert.Equal(new[] { "batch", "seq" }, input.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
            Assert.Equal(new[] { "output", "decoded" }, proto.Graph.Output.Select(o => o.Name));
            // Token-valued outputs are vocabulary ids (int64, −1 = ⊥); a numerical output is a float.
            int elem = proto.Graph.Output[0].Type.TensorType.ElemType;
            if (model.Output.TokenValued) Assert.Equal((int)TensorProto.Types.DataType.Int64, elem);
            if (model.Output.Kind == ValueKind.Numerical) Assert.Equal((int)TensorProto.Types.DataType.Double, elem);
            // The weights are in the numeric type the doc string names.
            string type = model.Card.Certified.Contains("float32") ? "float32" : "float64";
            Assert.Contains("in " + type, proto.Graph.DocString, StringComparison.Ordinal);
            var weight = proto.Graph.Initializer.First(t => t.Name == "embed.tokens");
            Assert.Equal((int)(type == "float32" ? TensorProto.Types.DataType.Float : TensorProto.Types.DataType.Double), weight.DataType);
        }

        [Theory]
        [MemberData(nameof(Programs))]
        public void OptimisedAndUnoptimisedSessionsAgree(string name)
        {
            var entry = ProgramCatalog.Find(name);
            var model = Compile(name, entry.MaxLength ?? 16);
            byte[] onnx = model.ToOnnx();
            using var plain = OnnxHarness.Session(onnx, GraphOptimizationLevel.ORT_DISABLE_ALL);
            using var optimised = OnnxHarness.Session(onnx, GraphOptimizationLevel.ORT_ENABLE_ALL);
            foreach (var batch in ExportInputs.Batches(20, model.MaxLength, 4, seed: 5, entry.Generate))
            {
                var a = OnnxHarness.Run(plain, batch);
                var b = OnnxHarness.Run(optimised, batch);
                for (int s = 0; s < batch.Count; s++)
                {
                    Assert.Equal(a.Decoded[s], b.Decoded[s]);
                    Assert.True(a.Outputs[s].Zip(b.Outputs[s]).All(p => p.First.Equals(p.Second)), $"{name}: [{string.Join(",", batch[s])}]");
                }
            }
        }

        [Fact]
        public void LongerThanMaxLengthFailsNamingTheLimit()
        {
            var model = Compile("induction-head", 8);
            using var session = OnnxHarness.Session(model.ToOnnx());
            Assert.Equal(new[] { -1.0, -1.0 }.Length, OnnxHarness.Run(session, new List<int[]> { new[] { 0, 1 } }).Outputs[0].Length);
            var e = Assert.Throws<OnnxRuntimeException>(() => OnnxHarness.Run(session, new List<int[]> { new int[9] }));
            Assert.True(e.Message.Contains("embed_positions_seq_must_be_at_most_8", StringComparison.Ordinal), e.Message);
        }

        [Theory]
        [InlineData(4)]
        [InlineData(-1)]
        public void TokenOutsideTheVocabularyFailsNamingTheRange(int id)
        {
            var model = Compile("induction-head", 8);
            using var session = OnnxHarness.Session(model.ToOnnx());
            var e = Assert.Throws<OnnxRuntimeException>(() => OnnxHarness.Run(session, new List<int[]> { new[] { 0, id, 1 } }));
            Assert.Contains("embed_tokens_ids_must_be_in_0_to_3", e.Message, StringComparison.Ordinal);
        }

        /// <summary>A readout pushed between its levels: the engine throws, and the graph says which positions did not decode.</summary>
        [Fact]
        public void UndecodableResidualIsMarkedWhereTheEngineThrows()
        {
            var model = ModelMutation.Clone(Compile("induction-head", 8));
            // The last head writes the copied token's one-hot code; at half strength every written coordinate is 0.5.
            var last = model.Layers[^1].Heads[^1];
            for (int i = 0; i < last.Output.Data.Length; i++) last.Output.Data[i] *= 0.5;
            var ids = new[] { 0, 1, 0, 1 };
            Assert.Throws<InvalidOperationException>(() => global::Circuits.Engine.Create(model, NumericType.Float64).Forward(ids));
            using var session = OnnxHarness.Session(model.ToOnnx(NumericType.Float64));
            var (outputs, decoded) = OnnxHarness.Run(session, new List<int[]> { ids });
            // Positions 0 and 1 have no earlier occurrence (⊥, decoded); 2 and 3 copy a token at half strength.
            Assert.Equal(new[] { true, true, false, false }, decoded[0]);
            Assert.True(double.IsNaN(outputs[0][0]) && double.IsNaN(outputs[0][1]));
            var proto = ModelProto.Parser.ParseFrom(model.ToOnnx(NumericType.Float64));
            Assert.Contains("-2 where the residual does not decode", proto.Graph.DocString, StringComparison.Ordinal);
        }

        [Fact]
        public void ExportInAnUncertifiedTypeIsRefused()
        {
            // A running mean at N = 1,024 is certified in float64 only.
            var model = Compile("frac-prevs", 1024);
            Assert.DoesNotContain("float32", model.Card.Certified);
            var e = Assert.Throws<ArgumentException>(() => model.ExportOnnx(new MemoryStream(), NumericType.Float32));
            Assert.Contains("not float32", e.Message, StringComparison.Ordinal);
        }
    }
}
