using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Circuits.Compiler;
using Circuits.Export.Onnx;
using DataType = Circuits.Export.Onnx.TensorProto.Types.DataType;

namespace Circuits.Export
{
    /// <summary>
    /// Writes a <see cref="CompiledModel"/> as an ONNX graph of standard operators (opset 17) that computes what the engine
    /// computes: BOS prepended at position 0, token + position embeddings, every head's unscaled softmax attention under
    /// its mask (BOS always visible), every MLP at every position, then the readout decoded as <see cref="ReadoutDecoder"/> does.
    /// </summary>
    internal static class OnnxExporter
    {
        public const int Opset = 17;
        /// <summary>IR version 8 is the one that goes with opset 17.</summary>
        public const long IrVersion = 8;

        public const string Input = "tokens", Output = "output", Decoded = "decoded";

        public static ModelProto Build(CompiledModel model, NumericType precision)
        {
            // The engine's constructor is the one place that checks a model's shapes and that its weights are finite in
            // the compute type: a model it refuses is refused here too, with the same message.
            Engine.Create(model, precision);
            bool single = precision == NumericType.Float32;
            var t = single ? DataType.Float : DataType.Double;
            int w = model.Width, n = model.MaxLength, v = model.Vocabulary.Length;
            if (w == 0) throw new ArgumentException($"model '{model.Name}' has residual width 0; there is nothing to export", nameof(model));

            var g = new OnnxGraph(Identifier(model.Name));
            var weights = new WeightWriter(g, single);

            // Shapes: batch as a [1] vector (to build the BOS shape), seq as a scalar (for ranges).
            string shape = g.Node("Shape", "tokens_shape", new[] { Input });
            string batch = g.Node("Gather", "batch", new[] { shape, g.Vector(0) }, OnnxGraph.Int("axis", 0));
            string seq = g.Node("Gather", "seq", new[] { shape, g.Scalar(1) }, OnnxGraph.Int("axis", 0));

            // Token embedding. Gather would wrap a negative id to the end of the table, so every id outside [0, V) is sent
            // to index V instead, which fails in the node below (its name says why) rather than reading a wrong row.
            string valid = g.Node("And", "ids_valid", new[]
            {
                g.Node("GreaterOrEqual", "ids_nonnegative", new[] { Input, g.Scalar(0) }),
                g.Node("Less", "ids_below_vocabulary", new[] { Input, g.Scalar(v) }),
            });
            string ids = g.Node("Where", "ids_checked", new[] { valid, Input, g.Scalar(v) });
            string tokenTable = weights.Matrix("embed.tokens", model.TokenEmbedding.Data, v, w);
            string tokens = g.Node("Gather", $"embed_tokens_ids_must_be_in_0_to_{v - 1}", new[] { tokenTable, ids }, OnnxGraph.Int("axis", 0));

            // Position embedding: row t for input token t; a sequence longer than N asks for row N, which does not exist.
            string positions = g.Node("Range", "positions", new[] { g.Scalar(0), seq, g.Scalar(1) });
            var pe = model.PositionEmbedding.Data.AsSpan(0, n * w).ToArray();
            string posTable = weights.Matrix("embed.positions", pe, n, w);
            // Rows past N go to index N explicitly: ONNX Runtime rewrites a Gather of a plain Range into a Slice, which would
            // clip instead of failing here.
            string rows = g.Node("Where", "positions_checked", new[] { g.Node("Less", "positions_below_max_length", new[] { positions, g.Scalar(n) }), positions, g.Scalar(n) });
            string pos = g.Node("Gather", $"embed_positions_seq_must_be_at_most_{n}", new[] { posTable, rows }, OnnxGraph.Int("axis", 0));
            string embedded = g.Node("Add", "embed", new[] { tokens, pos });

            // BOS sink at position 0, then the tokens: the residual stream x is [batch, seq + 1, width].
            string bos = weights.Tensor("embed.bos", model.BosEmbedding, new long[] { 1, 1, w });
            string bosShape = g.Node("Concat", "bos_shape", new[] { batch, g.Vector(1, w) }, OnnxGraph.Int("axis", 0));
            string bosRows = g.Node("Expand", "bos", new[] { bos, bosShape });
            string x = g.Node("Concat", "residual_0", new[] { bosRows, embedded }, OnnxGraph.Int("axis", 1));

            var masks = new MaskBuilder(g, seq);
            for (int l = 0; l < model.Layers.Length; l++)
            {
                var layer = model.Layers[l];
                var heads = layer.Heads ?? Array.Empty<AttentionHead>();
                var outputs = new System.Collections.Generic.List<string>();
                for (int h = 0; h < heads.Length; h++)
                {
                    string? o = Head(g, weights, masks, heads[h], x, w, single, $"layers.{l}.heads.{h}");
                    if (o is not null) outputs.Add(o);
                }
                // All heads read the same residual; their sum is added once, as the engine does.
                if (outputs.Count > 0)
                {
                    string delta = outputs.Count == 1 ? outputs[0] : g.Node("Sum", $"layers.{l}.attention", outputs.ToArray());
                    x = g.Node("Add", $"residual_{l}_attention", new[] { x, delta });
                }
                if (layer.Mlp is { Stages.Length: > 0 } mlp)
                    x = g.Node("Add", $"residual_{l}_mlp", new[] { x, Mlp(g, weights, mlp, x, w, $"layers.{l}.mlp") });
            }

            var (output, decoded, integer) = OnnxReadout.Build(g, model.Output, x, single);
            g.Proto.Output.Add(OnnxGraph.Value(Output, integer ? DataType.Int64 : DataType.Double,
                integer ? "decoded value per input token (vocabulary id when token-valued); -1 = ⊥, -2 = did not decode" : "decoded value per input token; NaN = ⊥ or did not decode",
                "batch", "seq"));
            g.Proto.Output.Add(OnnxGraph.Value(Decoded, DataType.Bool,
                "false where the final residual does not decode cleanly (the C# engine throws there)", "batch", "seq"));
            // The graph's outputs must be named exactly; the readout's last nodes are renamed through Identity.
            g.Proto.Node.Add(Rename(output, Output));
            g.Proto.Node.Add(Rename(decoded, Decoded));
            g.Proto.Input.Add(OnnxGraph.Value(Input, DataType.Int64,
                $"vocabulary ids in [0, {v}), without BOS; seq from 1 to {n}", "batch", "seq"));

            string type = ExportPrecision.Name(precision);
            g.Proto.DocString = Doc(model, type, integer);
            var proto = new ModelProto
            {
                IrVersion = IrVersion,
                ProducerName = "Circuits",
                ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "",
                Domain = "circuits",
                ModelVersion = 1,
                DocString = g.Proto.DocString,
                Graph = g.Proto,
            };
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
            Meta(proto, "circuits.name", model.Name);
            Meta(proto, "circuits.vocabulary", JsonSerializer.Serialize(model.Vocabulary));
            Meta(proto, "circuits.max_length", n.ToString(CultureInfo.InvariantCulture));
            Meta(proto, "circuits.numeric_type", type);
            Meta(proto, "circuits.certified", string.Join(",", model.Card?.Certified ?? Array.Empty<string>()));
            Meta(proto, "circuits.output", integer ? "int64; -1 = bottom; -2 = undecodable" : "float64; NaN = bottom or undecodable");
            Meta(proto, "circuits.token_valued", model.Output.TokenValued ? "true" : "false");
            return proto;
        }

        /// <summary>One head's contribution a·W_O, or null when it writes nothing (no value dimensions).</summary>
        private static string? Head(OnnxGraph g, WeightWriter weights, MaskBuilder masks, AttentionHead head, string x, int w, bool single, string name)
        {
            int dq = head.Query.Rows == 0 && head.Query.Cols == 0 ? 0 : head.Query.Cols;
            int dv = head.Value.Rows == 0 && head.Value.Cols == 0 ? 0 : head.Value.Cols;
            if (dv == 0) return null;

            string scores;
            if (dq == 0)
            {
                // No query dimensions: every score is 0 (uniform attention over the allowed keys), as in the engine.
                string k0 = g.Node("MatMul", name + ".keys", new[] { x, weights.Matrix(name + ".W_K0", new double[w], w, 1) });
                scores = g.Node("MatMul", name + ".scores", new[] { k0, g.Node("Transpose", name + ".keys_t", new[] { k0 }, OnnxGraph.Ints("perm", 0, 2, 1)) });
            }
            else
            {
                string q = g.Node("MatMul", name + ".queries", new[] { x, weights.Matrix(name + ".W_Q", head.Query.Data, w, dq) });
                string k = g.Node("MatMul", name + ".keys", new[] { x, weights.Matrix(name + ".W_K", head.Key.Data, w, dq) });
                string kt = g.Node("Transpose", name + ".keys_t", new[] { k }, OnnxGraph.Ints("perm", 0, 2, 1));
                // Scores q_i·k_j with no 1/√d: temperatures are folded into W_Q.
                scores = g.Node("MatMul", name + ".scores", new[] { q, kt });
            }
            string? allowed = masks.Allowed(head.Mask);
            if (allowed is not null)
                scores = g.Node("Where", name + ".masked", new[] { allowed, scores, g.ScalarOf(single, double.NegativeInfinity) });
            string attention = g.Node("Softmax", name + ".attention", new[] { scores }, OnnxGraph.Int("axis", -1));
            string values = g.Node("MatMul", name + ".values", new[] { x, weights.Matrix(name + ".W_V", head.Value.Data, w, dv) });
            string mixed = g.Node("MatMul", name + ".mixed", new[] { attention, values });
            return g.Node("MatMul", name + ".out", new[] { mixed, weights.Matrix(name + ".W_O", head.Output.Data, dv, w) });
        }

        /// <summary>The MLP's output (before it is added to the residual), at every position.</summary>
        private static string Mlp(OnnxGraph g, WeightWriter weights, Mlp mlp, string x, int w, string name)
        {
            string? h = x; // null: the previous stage had no outputs
            int inputs = w;
            for (int k = 0; k < mlp.Stages.Length; k++)
            {
                var stage = mlp.Stages[k];
                int outputs = stage.Bias.Length;
                string stageName = $"{name}.{k}";
                if (outputs == 0) { h = null; inputs = 0; continue; }
                // A stage with no inputs computes its bias alone; x·0 keeps the [batch, positions, outputs] shape.
                string product = h is null || inputs == 0
                    ? g.Node("MatMul", stageName + ".zero", new[] { x, weights.Matrix(stageName + ".zero", new double[w * outputs], w, outputs) })
                    : g.Node("MatMul", stageName + ".linear", new[] { h, weights.Matrix(stageName + ".weight", stage.Weights.Data, inputs, outputs) });
                h = g.Node("Add", stageName + ".affine", new[] { product, weights.Tensor(stageName + ".bias", stage.Bias, new long[] { outputs }) });
                if (stage.Relu) h = g.Node("Relu", stageName + ".relu", new[] { h });
                inputs = outputs;
            }
            return h!;
        }

        private static NodeProto Rename(string from, string to)
        {
            var node = new NodeProto { OpType = "Identity", Name = to + "_identity" };
            node.Input.Add(from);
            node.Output.Add(to);
            return node;
        }

        private static void Meta(ModelProto proto, string key, string value)
            => proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });

        private static string Doc(CompiledModel model, string type, bool integer)
        {
            var card = model.Card;
            return $"Circuits model '{model.Name}', exported from its CompiledModel. Weights and activations in {type} "
                + $"(certified exact in {string.Join(", ", card?.Certified ?? Array.Empty<string>())}; {card?.PrecisionBits ?? 0} mantissa bits needed). "
                + $"Input 'tokens': int64 [batch, seq], vocabulary ids in [0, {model.Vocabulary.Length}) without BOS, 1 <= seq <= {model.MaxLength}; "
                + "sequences of one batch have equal length. The graph prepends the BOS sink at position 0; input token t sits at position t + 1 "
                + $"with position row t. {(model.Causal ? "Causal" : "Bidirectional")}; per-head masks keep BOS visible. "
                + (integer
                    ? "Output 'output': int64 [batch, seq], the decoded value (vocabulary id when token-valued), -1 for ⊥, -2 where the residual does not decode cleanly. "
                    : "Output 'output': float64 [batch, seq], the decoded value, NaN for ⊥ or where the residual does not decode cleanly. ")
                + "Output 'decoded': bool [batch, seq], false where the C# engine would throw. "
                + $"A token id outside the vocabulary fails in node 'embed_tokens_ids_must_be_in_0_to_{model.Vocabulary.Length - 1}'; "
                + $"seq > {model.MaxLength} fails in node 'embed_positions_seq_must_be_at_most_{model.MaxLength}'. "
                + $"Layers {model.Layers.Length}, width {model.Width}, vocabulary [{string.Join(", ", model.Vocabulary)}].";
        }

        /// <summary>A graph name ONNX tools accept: letters, digits and underscores.</summary>
        private static string Identifier(string name)
        {
            var chars = (name ?? "").Select(c => c < 128 && char.IsLetterOrDigit(c) ? c : '_').ToArray();
            return chars.Length == 0 ? "circuit" : new string(chars);
        }
    }
}
