using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>Renders a <see cref="ModelCard"/> as readable text or as JSON.</summary>
    public static class CardFormatter
    {
        /// <summary>Up to this many residual labels are listed one per line; beyond it runs of similar labels are summarized.</summary>
        public const int ResidualListLimit = 100;

        // Relaxed escaping keeps labels such as "⊥" or "≤" readable; the output is not embedded in HTML.
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Only MPC cards have an "mpc" section; circuit cards keep their fields as they were.
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>A readable multi-line card: the summary figures, then the critical path, components, precision, residual and notes.</summary>
        /// <param name="card">The card.</param>
        /// <returns>The text, lines separated by '\n', ending with a newline.</returns>
        public static string ToText(ModelCard card)
        {
            ArgumentNullException.ThrowIfNull(card);
            var sb = new StringBuilder();
            sb.Append("Model card: ").Append(card.Name).Append('\n');
            Field(sb, "vocabulary", Count(card.VocabularySize) + " symbols");
            Field(sb, "max length N", Count(card.MaxLength));
            Field(sb, "attention", card.Causal ? "causal" : "bidirectional");
            Field(sb, "layers", Count(card.Layers));
            Field(sb, "heads per layer", IntList(card.HeadsPerLayer));
            Field(sb, "MLP hidden/layer", IntList(card.MlpHiddenPerLayer));
            Field(sb, "width", Count(card.Width));
            Field(sb, "parameters", Count(card.Parameters) + " dense, " + Count(card.NonzeroParameters) + " nonzero");
            Field(sb, "FLOPs/forward", Count(card.FlopsPerForward) + " at N = " + Count(card.MaxLength));
            Field(sb, "precision", Count(card.PrecisionBits) + " mantissa bits");
            Field(sb, "certified", card.Certified is { Length: > 0 } ? string.Join(", ", card.Certified) : "none");
            if (!string.IsNullOrEmpty(card.Validation)) Field(sb, "validation", card.Validation);

            Section(sb, "Critical path", Numbered(card.CriticalPath));
            Section(sb, "Components", card.Components ?? Array.Empty<string>());
            Section(sb, "Precision", (card.Precision ?? Array.Empty<PrecisionRequirement>())
                .Select(p => p.Component + ": " + Count(p.Bits) + " bits — " + p.Reason));
            Section(sb, "Residual (" + Count(card.Residual?.Length ?? 0) + ")", ResidualLines(card.Residual ?? Array.Empty<string>()));
            Section(sb, "Notes", card.Notes ?? Array.Empty<string>());
            if (card.Mpc is { } mpc)
            {
                Section(sb, "MPC", new[]
                {
                    "rounds R " + Count(mpc.Rounds) + ", machines q " + Count(mpc.Machines) + ", local memory s " + Count(mpc.LocalMemory) + " words, words 0.." + Count(mpc.WordRange - 1),
                    "layers L " + Count(mpc.Layers) + " (SHT24's simulation: R + 1 = " + Count(mpc.TheoremLayers) + "), width " + Count(card.Width)
                        + ", heads " + Count(card.HeadsPerLayer?.Sum() ?? 0) + ", " + Count(card.PrecisionBits) + " bits, tokens " + Count(mpc.Machines + 1) + " (BOS + one per machine)",
                    "routing: " + mpc.Routing,
                }.Concat(mpc.RoundCosts ?? Array.Empty<string>()));
            }
            return sb.ToString();
        }

        /// <summary>
        /// The card as indented camelCase JSON: name, vocabularySize, maxLength, causal, layers, headsPerLayer, mlpHiddenPerLayer,
        /// width, parameters, nonzeroParameters, flopsPerForward, precisionBits, certified, criticalPath, residual, components,
        /// precision (objects with component, bits, reason) and notes.
        /// </summary>
        /// <param name="card">The card.</param>
        /// <returns>The JSON text.</returns>
        public static string ToJson(ModelCard card)
        {
            ArgumentNullException.ThrowIfNull(card);
            return JsonSerializer.Serialize(card, JsonOptions);
        }

        private static void Field(StringBuilder sb, string name, string value)
            => sb.Append("  ").Append(name.PadRight(18)).Append(value).Append('\n');

        private static void Section(StringBuilder sb, string title, IEnumerable<string> lines)
        {
            sb.Append(title).Append(':').Append('\n');
            bool any = false;
            foreach (var line in lines)
            {
                sb.Append("  ").Append(line).Append('\n');
                any = true;
            }
            if (!any) sb.Append("  (none)\n");
        }

        private static IEnumerable<string> Numbered(string[]? lines)
            => (lines ?? Array.Empty<string>()).Select((l, i) => Count(i + 1) + ". " + l);

        /// <summary>One line per coordinate for small widths; otherwise one line per run of labels sharing a prefix.</summary>
        private static IEnumerable<string> ResidualLines(string[] labels)
        {
            if (labels.Length <= ResidualListLimit)
            {
                int digits = Index(Math.Max(0, labels.Length - 1)).Length;
                for (int i = 0; i < labels.Length; i++) yield return Index(i).PadLeft(digits) + "  " + labels[i];
                yield break;
            }
            int start = 0;
            while (start < labels.Length)
            {
                string prefix = Prefix(labels[start]);
                int end = start + 1;
                while (end < labels.Length && Prefix(labels[end]) == prefix) end++;
                yield return end - start == 1
                    ? Index(start) + "  " + labels[start]
                    : Index(start) + ".." + Index(end - 1) + "  " + prefix + " ×" + Count(end - start)
                      + " (" + labels[start] + " … " + labels[end - 1] + ")";
                start = end;
            }
        }

        /// <summary>The part of a label before its value ("pos=12" → "pos"), used to group runs of coordinates of one value.</summary>
        private static string Prefix(string label)
        {
            int cut = label.IndexOfAny(new[] { ':', '=', '[', ' ' });
            return cut > 0 ? label.Substring(0, cut) : label;
        }

        private static string IntList(int[]? values)
            => values is { Length: > 0 } ? string.Join(", ", values.Select(v => Count(v))) : "none";

        private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
    }
}
