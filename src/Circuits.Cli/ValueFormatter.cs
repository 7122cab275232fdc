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
        public const string Bottom = SymbolText.Bottom;

        private static readonly JsonWriterOptions JsonOptions = new JsonWriterOptions
        {
            // Symbols are printed as themselves, not as \u escapes; the output is not embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>
        /// One line of outputs (see <see cref="SymbolText.Render"/>). Token outputs print as vocabulary symbols, concatenated
        /// when the vocabulary's text form allows it (so "abcab" gives "⊥⊥⊥bc") and space-separated otherwise; other outputs
        /// print as numbers separated by spaces.
        /// </summary>
        public static string Text(CompiledModel model, double[] outputs)
            => SymbolText.Render(model.Vocabulary, model.Output.TokenValued, outputs);

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
                foreach (int id in ids) w.WriteRawValue(Quote(model.Vocabulary[id]));
                w.WriteEndArray();
                w.WriteStartArray("output");
                foreach (double v in outputs)
                {
                    if (double.IsNaN(v)) w.WriteNullValue();
                    else if (model.Output.TokenValued && Symbol(model, v) is { } s) w.WriteRawValue(Quote(s));
                    else if (double.IsInfinity(v)) w.WriteNullValue();   // JSON has no infinity; the engine never decodes one
                    else w.WriteNumberValue(v);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>The JSON line run prints for a stdin line that failed: {"line":3,"error":"..."}.</summary>
        public static string JsonError(int line, string error)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, JsonOptions))
            {
                w.WriteStartObject();
                w.WriteNumber("line", line);
                w.WriteString("error", error);
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>A number with at most 6 decimals, invariant culture: 3, 0.5, 0.333333.</summary>
        public static string Number(double v) => SymbolText.Number(v);

        /// <summary>
        /// A JSON string with the symbol's characters as themselves: the writer's encoders escape every character outside
        /// the BMP ("😀" as "\uD83D\uDE00"), which is valid but unreadable. Only what JSON requires is escaped.
        /// </summary>
        private static string Quote(string symbol)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in symbol)
            {
                if (c == '"' || c == '\\') sb.Append('\\').Append(c);
                else if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.Append('"').ToString();
        }

        private static string? Symbol(CompiledModel model, double v) => SymbolText.Symbol(model.Vocabulary, v);
    }
}
