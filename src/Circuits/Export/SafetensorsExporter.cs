using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Circuits.Compiler;

namespace Circuits.Export
{
    /// <summary>
    /// Writes model.safetensors (every weight, by stable name) and manifest.json (what the weights mean: vocabulary,
    /// residual labels, per-layer and per-head shapes and names, masks, BOS handling, readout, numeric type, certificate
    /// and card), enough for a plain numpy forward pass (examples/python/run_safetensors.py).
    /// </summary>
    internal static class SafetensorsExporter
    {
        public const string WeightsFile = "model.safetensors", ManifestFile = "manifest.json";
        public const int FormatVersion = 1;

        public static void Write(CompiledModel model, NumericType precision, string directory)
        {
            // The engine's constructor checks shapes and finiteness in the compute type (one place for those checks).
            Engine.Create(model, precision);
            bool single = precision == NumericType.Float32;
            int w = model.Width, n = model.MaxLength, v = model.Vocabulary.Length;
            var tensors = new SafetensorsWriter(single);

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("format", "circuits-safetensors");
                json.WriteNumber("format_version", FormatVersion);
                json.WriteString("name", model.Name);
                json.WriteString("weights", WeightsFile);
                json.WriteString("numeric_type", ExportPrecision.Name(precision));
                Strings(json, "certified", model.Card?.Certified ?? Array.Empty<string>());
                Strings(json, "vocabulary", model.Vocabulary);
                json.WriteString("text", SymbolText.Concatenates(model.Vocabulary) ? "concatenated" : "whitespace-separated");
                json.WriteNumber("max_length", n);
                json.WriteNumber("width", w);
                json.WriteBoolean("causal", model.Causal);

                json.WriteStartObject("bos");
                json.WriteNumber("position", 0);
                json.WriteString("embedding", tensors.Weight("embed.bos", model.BosEmbedding, w));
                json.WriteString("rule", "the forward pass puts the BOS sink at position 0 (the input never contains it); input token t sits at position t + 1, embedded as embed.tokens[id] + embed.positions[t]; every head can always read key 0, and an empty selection reads its default (⊥ or 0) from it");
                json.WriteEndObject();

                json.WriteStartObject("embeddings");
                json.WriteString("tokens", tensors.Weight("embed.tokens", model.TokenEmbedding.Data, v, w));
                json.WriteString("positions", tensors.Weight("embed.positions", model.PositionEmbedding.Data.AsSpan(0, n * w).ToArray(), n, w));
                json.WriteEndObject();

                json.WriteStartArray("residual");
                for (int i = 0; i < model.ResidualLabels.Length; i++)
                {
                    json.WriteStartObject();
                    json.WriteNumber("index", i);
                    json.WriteString("label", model.ResidualLabels[i]);
                    json.WriteEndObject();
                }
                json.WriteEndArray();

                json.WriteStartObject("attention");
                json.WriteString("scores", "s_ij = (x_i · W_Q) · (x_j · W_K), no 1/sqrt(d) scaling (temperatures are folded into W_Q)");
                json.WriteString("softmax", "over the readable keys of query i; a_i = Σ_j softmax(s_i)_j (x_j · W_V); the head adds a_i · W_O");
                json.WriteString("sublayer", "all heads of a layer read the same residual; their outputs are summed, then added");
                json.WriteStartObject("masks");
                foreach (AttentionMask mask in Enum.GetValues<AttentionMask>()) json.WriteString(MaskName(mask), MaskRule(mask));
                json.WriteEndObject();
                json.WriteEndObject();

                json.WriteStartArray("layers");
                for (int l = 0; l < model.Layers.Length; l++) Layer(json, tensors, model.Layers[l], l, w);
                json.WriteEndArray();

                Readout(json, tensors, model.Output);
                Precision(json, model);
                json.WritePropertyName("card");
                json.WriteRawValue(CardFormatter.ToJson(model.Card ?? new ModelCard()));
                json.WriteEndObject();
            }

            Directory.CreateDirectory(directory);
            var metadata = new Dictionary<string, string>
            {
                ["format"] = "circuits-safetensors",
                ["name"] = model.Name,
                ["numeric_type"] = ExportPrecision.Name(precision),
                ["manifest"] = ManifestFile,
            };
            using (var file = File.Create(Path.Combine(directory, WeightsFile))) tensors.Write(file, metadata);
            File.WriteAllBytes(Path.Combine(directory, ManifestFile), buffer.ToArray());
        }

        private static void Layer(Utf8JsonWriter json, SafetensorsWriter tensors, Layer layer, int l, int w)
        {
            json.WriteStartObject();
            json.WriteNumber("index", l);
            json.WriteStartArray("heads");
            var heads = layer.Heads ?? Array.Empty<AttentionHead>();
            for (int h = 0; h < heads.Length; h++)
            {
                var head = heads[h];
                string p = $"layers.{l}.heads.{h}.";
                int dq = Cols(head.Query), dv = Cols(head.Value);
                json.WriteStartObject();
                json.WriteNumber("index", h);
                json.WriteString("name", head.Label);
                json.WriteString("mask", MaskName(head.Mask));
                json.WriteNumber("query_dims", dq);
                json.WriteNumber("value_dims", dv);
                json.WriteString("W_Q", tensors.Weight(p + "W_Q", head.Query.Data, w, dq));
                json.WriteString("W_K", tensors.Weight(p + "W_K", head.Key.Data, w, dq));
                json.WriteString("W_V", tensors.Weight(p + "W_V", head.Value.Data, w, dv));
                json.WriteString("W_O", tensors.Weight(p + "W_O", head.Output.Data, dv, dv == 0 ? 0 : w));
                json.WriteBoolean("hard", head.Hard);
                json.WriteNumber("gap", head.Gap);
                json.WriteNumber("max_score", head.MaxScore);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (layer.Mlp is { Stages.Length: > 0 } mlp)
            {
                json.WriteStartObject("mlp");
                json.WriteString("name", mlp.Label);
                json.WriteString("rule", "h = x; each stage h = h · weight + bias, then ReLU if relu; the last stage's h is added to x (at every position, BOS included)");
                json.WriteStartArray("stages");
                int inputs = w;
                for (int k = 0; k < mlp.Stages.Length; k++)
                {
                    var stage = mlp.Stages[k];
                    int outputs = stage.Bias.Length;
                    string p = $"layers.{l}.mlp.{k}.";
                    json.WriteStartObject();
                    json.WriteString("weight", tensors.Weight(p + "weight", stage.Weights.Data, inputs, outputs));
                    json.WriteString("bias", tensors.Weight(p + "bias", stage.Bias, outputs));
                    json.WriteBoolean("relu", stage.Relu);
                    json.WriteEndObject();
                    inputs = outputs;
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            else json.WriteNull("mlp");
            json.WriteEndObject();
        }

        private static void Readout(Utf8JsonWriter json, SafetensorsWriter tensors, Readout r)
        {
            bool integer = OutputContract.IntegerValued(r);
            json.WriteStartObject("readout");
            json.WriteNumber("offset", r.Offset);
            json.WriteNumber("dims", r.Dims);
            json.WriteString("encoding", r.Encoding switch
            {
                Encoding.OneHot => "one-hot",
                Encoding.Binary => "binary",
                Encoding.Scalar => "scalar",
                _ => "quadratic",
            });
            json.WriteString("kind", r.Kind == ValueKind.Numerical ? "numerical" : "categorical");
            json.WriteString("values", tensors.Doubles("readout.values", r.Values ?? Array.Empty<double>()));
            json.WriteNumber("tolerance", r.Tolerance);
            json.WriteNumber("max_deviation", r.MaxDeviation);
            json.WriteBoolean("token_valued", r.TokenValued);
            json.WriteString("output", integer ? "integer" : "number");
            json.WriteString("rule", r.Encoding switch
            {
                Encoding.OneHot => "coordinates of input positions (1..seq); any coordinate in (0.25, 0.75) or two >= 0.5: undecodable; none >= 0.5: ⊥; else values[the one >= 0.5]",
                Encoding.Binary => "all |x_b| < 0.5: ⊥; else every |x_b| must be > 0.5 and code = Σ_b [x_b > 0] 2^b < len(values): values[code]; otherwise undecodable",
                Encoding.Scalar => "no values: the number itself; else the value nearest x (the lower on a tie), undecodable when |x − nearest| > tolerance",
                _ => "x = (presence, v, v²): presence in (0.25, 0.75) undecodable; presence < 0.5: ⊥; else the value nearest v, undecodable when more than 0.25 away",
            });
            json.WriteString("non_finite", "any coordinate NaN or infinite: undecodable");
            json.WriteEndObject();
        }

        private static void Precision(Utf8JsonWriter json, CompiledModel model)
        {
            json.WriteStartObject("certificate");
            Strings(json, "certified", model.Card?.Certified ?? Array.Empty<string>());
            json.WriteNumber("precision_bits", model.Card?.PrecisionBits ?? 0);
            json.WriteString("validation", model.Card?.Validation ?? "");
            json.WriteStartArray("components");
            foreach (var p in model.Precision ?? Array.Empty<PrecisionRequirement>())
            {
                json.WriteStartObject();
                json.WriteString("component", p.Component);
                json.WriteNumber("bits", p.Bits);
                json.WriteString("reason", p.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static int Cols(Matrix m) => m.Rows == 0 && m.Cols == 0 ? 0 : m.Cols;

        private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
        {
            json.WriteStartArray(name);
            foreach (var s in values) json.WriteStringValue(s);
            json.WriteEndArray();
        }

        public static string MaskName(AttentionMask mask) => mask switch
        {
            AttentionMask.Causal => "causal",
            AttentionMask.StrictCausal => "strict-causal",
            AttentionMask.AntiCausal => "anti-causal",
            AttentionMask.StrictAntiCausal => "strict-anti-causal",
            AttentionMask.None => "none",
            _ => mask.ToString().ToLowerInvariant(),
        };

        /// <summary>The readable keys j of query i (positions with BOS at 0), as <see cref="AttentionMasks.KeyRange"/> defines them.</summary>
        private static string MaskRule(AttentionMask mask)
        {
            AttentionMasks.KeyRange(mask, 5, 10, out int lo, out int hi);
            string range = mask switch
            {
                AttentionMask.Causal => "1 <= j <= i",
                AttentionMask.StrictCausal => "1 <= j < i",
                AttentionMask.AntiCausal => "max(i, 1) <= j",
                AttentionMask.StrictAntiCausal => "i + 1 <= j",
                _ => "every j",
            };
            return string.Create(CultureInfo.InvariantCulture, $"key 0 (BOS) and {range} (e.g. query 5 of 10 positions: BOS and {lo}..{hi - 1})");
        }
    }
}
