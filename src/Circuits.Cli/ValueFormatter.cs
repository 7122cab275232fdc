using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>Prints a model's inputs and outputs: symbols for token-valued outputs, numbers otherwise, ⊥ for NaN.</summary>
    public static class ValueFormatter
    {
        /// <summary>How ⊥ (NaN) prints in text.</summary>
        public const string Bottom = "⊥";

        private static readonly JsonWriterOptions JsonOptions = new JsonWriterOptions
        {
            // Symbols are printed as themselves, not as \u escapes; the output is not embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>
        /// One line of outputs. Token outputs print as vocabulary symbols, concatenated when every symbol is one character
        /// (so "abcab" gives "⊥⊥⊥bc") and space-separated otherwise; other outputs print as numbers separated by spaces.
        /// </summary>
        public static string Text(CompiledModel model, double[] outputs)
        {
            var sb = new StringBuilder();
            bool tokens = model.Output.TokenValued;
            string separator = tokens && SingleCharacters(model.Vocabulary) ? "" : " ";
            for (int i = 0; i < outputs.Length; i++)
            {
                if (i > 0) sb.Append(separator);
                double v = outputs[i];
                if (double.IsNaN(v)) sb.Append(Bottom);
                else if (tokens && Symbol(model, v) is { } s) sb.Append(s);
                else sb.Append(Number(v));
            }
            return sb.ToString();
        }

        /// <summary>
        /// One compact JSON object: {"input":[symbols],"output":[values]} with ⊥ as null, token outputs as symbol strings
        /// and other outputs as numbers.
        /// </summary>
        public static string Json(CompiledModel model, int[] ids, double[] outputs)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, JsonOptions))
            {
                w.WriteStartObject();
                w.WriteStartArray("input");
                foreach (int id in ids) w.WriteStringValue(model.Vocabulary[id]);
                w.WriteEndArray();
                w.WriteStartArray("output");
                foreach (double v in outputs)
                {
                    if (double.IsNaN(v)) w.WriteNullValue();
                    else if (model.Output.TokenValued && Symbol(model, v) is { } s) w.WriteStringValue(s);
                    else if (double.IsInfinity(v)) w.WriteNullValue();   // JSON has no infinity; the engine never decodes one
                    else w.WriteNumberValue(v);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>A number with at most 6 decimals, invariant culture: 3, 0.5, 0.333333.</summary>
        public static string Number(double v)
        {
            if (double.IsNaN(v)) return Bottom;
            double rounded = Math.Round(v, 6);
            if (rounded == 0) rounded = 0;   // no "-0"
            return rounded.ToString("0.######", CultureInfo.InvariantCulture);
        }

        /// <summary>The vocabulary symbol of an id-valued output, or null when it is not a valid id.</summary>
        private static string? Symbol(CompiledModel model, double v)
        {
            if (v != Math.Floor(v) || v < 0 || v >= model.Vocabulary.Length) return null;
            return model.Vocabulary[(int)v];
        }

        private static bool SingleCharacters(string[] vocabulary)
        {
            foreach (var s in vocabulary) if (s.Length != 1) return false;
            return true;
        }
    }
}
