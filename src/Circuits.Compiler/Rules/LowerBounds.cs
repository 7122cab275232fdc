using System;
using System.Collections.Generic;
using System.Globalization;

namespace Circuits.Compiler
{
    /// <summary>
    /// THEORY §4.8 as budget rules. The sources give no constants, so violations of necessary conditions are warnings with
    /// the safety factor THEORY suggests, each saying whether the bound is a theorem or conditional, and what would fix it
    /// ("add a layer" beats "add width" for induction heads).
    /// </summary>
    public static class LowerBounds
    {
        /// <summary>
        /// Findings for a declared task and budget at maximum length <paramref name="n"/>: CIRC0401 (one-layer induction head, IH-1),
        /// CIRC0402 (k-hop below the known constructions, KH-1), CIRC0403 (one-layer connectivity / cycle detection, G-1).
        /// </summary>
        /// <param name="task">The task the circuit computes.</param>
        /// <param name="k">k for k-hop (ignored otherwise).</param>
        /// <param name="n">The maximum length N.</param>
        /// <param name="budget">The declared budget (0 = unconstrained).</param>
        /// <param name="precision">The numeric type: its mantissa is p when the budget gives no bits.</param>
        public static IReadOnlyList<RuleFinding> Check(KnownTask task, int k, int n, Budget budget, NumericType precision)
        {
            if (budget is null) throw new ArgumentNullException(nameof(budget));
            var c = CultureInfo.InvariantCulture;
            var findings = new List<RuleFinding>();
            int p = budget.Bits > 0 ? budget.Bits : precision == NumericType.Float32 ? 24 : 53;
            int layers = budget.Layers;
            bool inductionLike = task == KnownTask.InductionHead || (task == KnownTask.KHop && k >= 1);
            if (inductionLike && layers == 1 && budget.HeadsPerLayer > 0 && budget.Width > 0)
            {
                long size = (long)budget.HeadsPerLayer * (budget.Width + 1) * p;
                if (size < n / 4)
                    findings.Add(new RuleFinding("CIRC0401", FindingSeverity.Warning, string.Format(c,
                        "a 1-layer transformer solving induction heads on N = {0} needs H(m+1)p ≥ N/4 = {1} (SHT24b, theorem); this budget gives {2}·({3}+1)·{4} = {5}. Add a layer: 2 layers suffice with 1 head and width O(log N).",
                        n, n / 4, budget.HeadsPerLayer, budget.Width, p, size)));
            }
            if (task == KnownTask.KHop && k >= 2 && layers > 0)
            {
                int known = Library.FloorLog2(k) + 2;
                if (layers < known)
                {
                    bool conjecture = (1L << Math.Min(layers, 62)) < k;
                    findings.Add(new RuleFinding("CIRC0402", FindingSeverity.Warning, string.Format(c,
                        "{0}-hop with {1} layer(s): {2}. Add layers: ⌊log2 k⌋+2 = {3} layers suffice with 1 head per layer (pointer doubling, Sanford–Hsu–Telgarsky 2024).",
                        k, layers,
                        conjecture
                            ? "impossible under the 1-vs-2-cycle conjecture when m·H ≤ N^(1−ε) (SHT24: depth Ω(log k)); no construction is known"
                            : "beyond the known constructions (not proven impossible)",
                        known)));
                }
            }
            if ((task == KnownTask.Connectivity || task == KnownTask.CycleDetection) && layers == 1 && budget.HeadsPerLayer > 0 && budget.Width > 0)
            {
                double need = n / Math.Max(1.0, Math.Log(n, 2));
                long mh = (long)budget.Width * budget.HeadsPerLayer;
                if (mh < need)
                    findings.Add(new RuleFinding("CIRC0403", FindingSeverity.Warning, string.Format(c,
                        "a 1-layer transformer for {0} on N = {1} needs m·H = Ω̃(N) (SFH+24 Thm 6, unconditional): {2}·{3} = {4} < N/log2 N ≈ {5:F0}. Add layers: O(log N) layers with width O(N^ε) suffice.",
                        task, n, budget.Width, budget.HeadsPerLayer, mh, need)));
            }
            return findings;
        }

        /// <summary>What theory says a one-layer transformer and a recurrent model would need for the task (THEORY §4.1, §4.3), for the card.</summary>
        public static IEnumerable<string> TheoryNotes(KnownTask task, int k, int n)
        {
            var c = CultureInfo.InvariantCulture;
            switch (task)
            {
                case KnownTask.InductionHead:
                    yield return string.Format(c, "Theory (SHT24b): one layer needs H(m+1)p ≥ N/4 = {0} — at p = 24 bits and 1 head, width ≥ {1}; two layers suffice with 1 head and width O(log N).", n / 4, Math.Max(0, (int)Math.Ceiling(n / 4 / 24.0) - 1));
                    yield return string.Format(c, "Theory (INDEX argument): a 1-layer recurrent model needs m·p ≥ N/2 − 1 = {0} state bits (alphabets of ≥ N/2 + 1 symbols).", n / 2 - 1);
                    break;
                case KnownTask.KHop:
                    yield return string.Format(c, "Theory (SHT24): ⌊log2 k⌋+2 = {0} layers suffice; with m·H ≤ N^(1−ε), fewer than Ω(log k) layers are impossible under the 1-vs-2-cycle conjecture.", Library.FloorLog2(Math.Max(1, k)) + 2);
                    double rnnWidth = n / Math.Pow(Math.Max(1, k), 6);
                    yield return rnnWidth >= 1
                        ? string.Format(c, "Theory (SHT24 Cor. 5.2): a recurrent model needs depth ≥ k = {0} or width Ω(N/k⁶) = Ω({1:G3}).", k, rnnWidth)
                        : string.Format(c, "Theory (SHT24 Cor. 5.2): a recurrent model needs depth ≥ k = {0} or width Ω(N/k⁶) (vacuous at N = {1}, where k⁶ > N).", k, n);
                    break;
                case KnownTask.Connectivity:
                case KnownTask.CycleDetection:
                    yield return string.Format(c, "Theory (SFH+24): one layer needs m·H = Ω̃(N); O(log N) layers suffice, and Ω(log N) are needed under the 1-vs-2-cycle conjecture when m·H = O(N^ε).");
                    break;
            }
        }
    }
}
