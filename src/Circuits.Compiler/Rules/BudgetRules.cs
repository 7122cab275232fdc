using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// Compares a compiled model's card with a declared budget. Each overage names the part of the program that drives
    /// it: the layer that does not fit (from the critical path), the widest values, the busiest layer, the hungriest component.
    /// </summary>
    public static class BudgetRules
    {
        /// <summary>Findings for every quantity over budget (CIRC0101 layers, 0102 width, 0103 heads per layer, 0104 parameters, 0105 bits).</summary>
        public static IReadOnlyList<RuleFinding> Check(ModelCard card, Budget budget)
        {
            if (card is null) throw new ArgumentNullException(nameof(card));
            if (budget is null) throw new ArgumentNullException(nameof(budget));
            var c = CultureInfo.InvariantCulture;
            var findings = new List<RuleFinding>();
            if (budget.Layers > 0 && card.Layers > budget.Layers)
            {
                string why = budget.Layers < card.CriticalPath.Length ? card.CriticalPath[budget.Layers] : "";
                findings.Add(new RuleFinding("CIRC0101", FindingSeverity.Error, string.Format(c,
                    "'{0}' needs {1} layers, the budget allows {2}: {3}. Raise Layers to {1}, or compute that input without waiting on the layer before.",
                    card.Name, card.Layers, budget.Layers, why)));
            }
            if (budget.Width > 0 && card.Width > budget.Width)
                findings.Add(new RuleFinding("CIRC0102", FindingSeverity.Error, string.Format(c,
                    "'{0}' needs residual width {1}, the budget allows {2}; the widest values are {3}. Raise Width to {1}, or shrink those values (fewer symbols, a smaller MaxLength).",
                    card.Name, card.Width, budget.Width, WidestValues(card))));
            if (budget.HeadsPerLayer > 0)
            {
                for (int l = 0; l < card.HeadsPerLayer.Length; l++)
                {
                    if (card.HeadsPerLayer[l] <= budget.HeadsPerLayer) continue;
                    var heads = card.Components.Where(x => x.StartsWith("L" + (l + 1).ToString(c) + " H", StringComparison.Ordinal)).Select(x => x.Split(':')[0]);
                    findings.Add(new RuleFinding("CIRC0103", FindingSeverity.Error, string.Format(c,
                        "'{0}': layer {1} has {2} heads, the budget allows {3} per layer ({4}); heads with different selectors cannot share a head. Raise HeadsPerLayer to {5}, or aggregate through one selector.",
                        card.Name, l + 1, card.HeadsPerLayer[l], budget.HeadsPerLayer, string.Join("; ", heads), card.HeadsPerLayer.Max())));
                }
            }
            if (budget.Parameters > 0 && card.Parameters > budget.Parameters)
            {
                int widest = card.MlpHiddenPerLayer.Length == 0 ? -1 : Array.IndexOf(card.MlpHiddenPerLayer, card.MlpHiddenPerLayer.Max());
                string driver = widest < 0 ? "embeddings" : string.Format(c, "the largest MLP is layer {0}'s with {1} hidden units; position embeddings alone are N × width = {2} × {3}",
                    widest + 1, card.MlpHiddenPerLayer[widest], card.MaxLength, card.Width);
                findings.Add(new RuleFinding("CIRC0104", FindingSeverity.Error, string.Format(c,
                    "'{0}' has {1} dense parameters ({2} non-zero), the budget allows {3}; {4}. Raise Parameters to {1}, or lower MaxLength or the width.",
                    card.Name, card.Parameters, card.NonzeroParameters, budget.Parameters, driver)));
            }
            if (budget.Bits > 0 && card.PrecisionBits > budget.Bits)
            {
                var worst = card.Precision.OrderByDescending(p => p.Bits).FirstOrDefault();
                findings.Add(new RuleFinding("CIRC0105", FindingSeverity.Error, string.Format(c,
                    "'{0}' needs {1} mantissa bits, the budget allows {2}; {3}. Raise Bits to {1}, or lower MaxLength (scores and sums grow with N).", card.Name, card.PrecisionBits, budget.Bits,
                    worst is null ? "" : worst.Component + " needs " + worst.Bits.ToString(c) + " (" + worst.Reason + ")")));
            }
            return findings;
        }

        /// <summary>The three values holding the most residual coordinates (labels "name.bitK", "name=v" → name).</summary>
        private static string WidestValues(ModelCard card)
        {
            var counts = new Dictionary<string, int>();
            foreach (var label in card.Residual)
                foreach (var part in label.Split(new[] { " / " }, StringSplitOptions.None))
                {
                    string name = part;
                    int cut = Math.Max(name.LastIndexOf(".bit", StringComparison.Ordinal), name.LastIndexOf('='));
                    if (cut > 0) name = name.Substring(0, cut);
                    counts[name] = counts.TryGetValue(name, out var n) ? n + 1 : 1;
                }
            return string.Join(", ", counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(3)
                .Select(kv => "'" + kv.Key + "' (" + kv.Value.ToString(CultureInfo.InvariantCulture) + ")"));
        }
    }
}
