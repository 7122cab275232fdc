using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// THEORY §4.8 as rules. The sources give no constants, so violations of necessary conditions are warnings with the
    /// safety factor THEORY suggests, each saying whether the bound is a theorem or conditional, and what would fix it
    /// ("add a layer" beats "add width" for induction heads).
    /// <para>
    /// Two different questions use the same bounds. A declared budget is an envelope: can any model within it compute the
    /// task? The compiled model is one point: can it? A bound holds for every transformer whose layers, heads, width and
    /// precision are at most the given numbers, so each question takes its own numbers as they are; mixing them (the least
    /// of budget and model per quantity) would describe neither. When both fail, the model's finding is kept: it is the
    /// stronger statement, since the program itself cannot be the declared task at this length.
    /// </para>
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
        /// <param name="vocabularySize">The number of symbols (0 = unknown); IH-1 needs at least 3.</param>
        public static IReadOnlyList<RuleFinding> Check(KnownTask task, int k, int n, Budget budget, NumericType precision, int vocabularySize = 0)
        {
            if (budget is null) throw new ArgumentNullException(nameof(budget));
            var envelope = new Envelope(budget.Layers, budget.HeadsPerLayer, budget.Width, budget.Bits > 0 ? budget.Bits : MantissaBits(precision), "", true);
            return Evaluate(task, k, n, vocabularySize, envelope);
        }

        /// <summary>
        /// Findings for the compiled model's own layers, heads per layer, width and precision (the mantissa of the numeric type it
        /// computes in), then for the declared budget when there is one, at most one finding per code (the model's first).
        /// </summary>
        /// <param name="task">The task the circuit declares.</param>
        /// <param name="k">k for k-hop (ignored otherwise).</param>
        /// <param name="model">The compiled model's card.</param>
        /// <param name="precision">The numeric type the model computes in.</param>
        /// <param name="budget">The declared budget, or null.</param>
        public static IReadOnlyList<RuleFinding> Check(KnownTask task, int k, ModelCard model, NumericType precision, Budget? budget)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            int heads = model.HeadsPerLayer.Length == 0 ? 0 : model.HeadsPerLayer.Max();
            var actual = new Envelope(model.Layers, heads, model.Width, MantissaBits(precision), model.Name, false);
            var findings = Evaluate(task, k, model.MaxLength, model.VocabularySize, actual).ToList();
            if (budget != null)
                foreach (var f in Check(task, k, model.MaxLength, budget, precision, model.VocabularySize))
                    if (!findings.Any(x => x.Code == f.Code)) findings.Add(f);
            return findings;
        }

        /// <summary>The mantissa bits (implicit bit included) of a numeric type: the p of the bounds.</summary>
        public static int MantissaBits(NumericType precision) => precision == NumericType.Float32 ? 24 : 53;

        /// <summary>Resources to test against the bounds: a budget (0 = unconstrained) or a compiled model (all known).</summary>
        private sealed class Envelope
        {
            public Envelope(int layers, int heads, int width, int bits, string name, bool isBudget)
            {
                Layers = layers; Heads = heads; Width = width; Bits = bits; Name = name; IsBudget = isBudget;
            }
            public int Layers { get; }
            public int Heads { get; }
            public int Width { get; }
            public int Bits { get; }
            public string Name { get; }
            public bool IsBudget { get; }
        }

        private static IReadOnlyList<RuleFinding> Evaluate(KnownTask task, int k, int n, int vocabularySize, Envelope e)
        {
            var c = CultureInfo.InvariantCulture;
            var findings = new List<RuleFinding>();
            int p = e.Bits;
            double quarter = n / 4.0;
            // IH-1 is SHT24b's theorem for induction heads (= 1-hop). Its INDEX reduction writes bits 0/1 and a marker, so it
            // needs 3 symbols: over 2 symbols the answer is the previous token whenever the current one occurred before.
            bool inductionHead = task == KnownTask.InductionHead || (task == KnownTask.KHop && k == 1);
            if (inductionHead && e.Layers == 1 && e.Heads > 0 && e.Width > 0 && (vocabularySize == 0 || vocabularySize >= 3))
            {
                long size = (long)e.Heads * (e.Width + 1) * p;
                if (size < quarter)
                    findings.Add(new RuleFinding("CIRC0401", FindingSeverity.Warning, e.IsBudget
                        ? string.Format(c,
                            "a 1-layer transformer solving induction heads on N = {0} needs H(m+1)p ≥ N/4 = {1} (SHT24b, theorem); this budget gives {2}·({3}+1)·{4} = {5}. Add a layer: 2 layers suffice with 1 head and width O(log N).",
                            n, Number(quarter), e.Heads, e.Width, p, size)
                        : string.Format(c,
                            "'{0}' compiles to 1 layer with {1} head(s) of width {2} at p = {3} bits: a 1-layer transformer solving induction heads on N = {4} needs H(m+1)p ≥ N/4 = {5} (SHT24b, theorem), and this model gives {1}·({2}+1)·{3} = {6}, so its program cannot be the declared task at this length. Induction heads take 2 layers: a previous-token head, then a match head (1 head each, width O(log N)).",
                            e.Name, e.Heads, e.Width, p, n, Number(quarter), size)));
            }
            if (task == KnownTask.KHop && k >= 2 && e.Layers > 0)
            {
                int known = Library.FloorLog2(k) + 2;
                if (e.Layers < known)
                {
                    // The conjecture's bound is L = Ω(log k) for m·H ≤ N^(1−ε); below log2 k layers we read it as applying.
                    // A model whose m·H reaches N is outside its premise; a budget that leaves m or H open is stated conditionally.
                    bool belowLog = (1L << Math.Min(e.Layers, 62)) < k;
                    bool premise = e.IsBudget || (long)e.Width * e.Heads < n;
                    string kind = belowLog && premise
                        ? e.IsBudget
                            ? "impossible under the 1-vs-2-cycle conjecture when m·H ≤ N^(1−ε) (SHT24: depth Ω(log k)); no construction is known"
                            : string.Format(c, "impossible under the 1-vs-2-cycle conjecture, since m·H = {0}·{1} < N = {2} (SHT24: depth Ω(log k)); no construction is known", e.Width, e.Heads, n)
                        : "beyond the known constructions (not proven impossible)";
                    findings.Add(new RuleFinding("CIRC0402", FindingSeverity.Warning, e.IsBudget
                        ? string.Format(c, "{0}-hop with {1} layer(s): {2}. Add layers: ⌊log2 k⌋+2 = {3} layers suffice with 1 head per layer (pointer doubling, Sanford–Hsu–Telgarsky 2024).",
                            k, e.Layers, kind, known)
                        : string.Format(c, "'{0}' compiles to {1} layer(s) but declares {2}-hop: {3}. Pointer doubling needs ⌊log2 k⌋+2 = {4} layers with 1 head per layer (Sanford–Hsu–Telgarsky 2024); check the program or the declared K.",
                            e.Name, e.Layers, k, kind, known)));
                }
            }
            if ((task == KnownTask.Connectivity || task == KnownTask.CycleDetection) && e.Layers == 1 && e.Heads > 0 && e.Width > 0)
            {
                double need = n / Math.Max(1.0, Math.Log(n, 2));
                long mh = (long)e.Width * e.Heads;
                if (mh < need)
                    findings.Add(new RuleFinding("CIRC0403", FindingSeverity.Warning, string.Format(c,
                        "{0}a 1-layer transformer for {1} on N = {2} needs m·H = Ω̃(N) (SFH+24 Thm 6, unconditional): {3}·{4} = {5} < N/log2 N ≈ {6:F0}. Add layers: O(log N) layers with width O(N^ε) suffice.",
                        e.IsBudget ? "" : "'" + e.Name + "' compiles to 1 layer; ", task, n, e.Width, e.Heads, mh, need)));
            }
            return findings;
        }

        /// <summary>What theory says a one-layer transformer and a recurrent model would need for the task (THEORY §4.1, §4.3), for the card.</summary>
        /// <param name="task">The declared task.</param>
        /// <param name="k">k for k-hop.</param>
        /// <param name="n">The maximum length N.</param>
        /// <param name="precision">The numeric type the model computes in: its mantissa is the p of the one-layer bound.</param>
        /// <param name="vocabularySize">The number of symbols (0 = unknown).</param>
        public static IEnumerable<string> TheoryNotes(KnownTask task, int k, int n, NumericType precision, int vocabularySize = 0)
        {
            var c = CultureInfo.InvariantCulture;
            switch (task)
            {
                case KnownTask.InductionHead:
                    yield return OneLayerNote(n, precision, vocabularySize);
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

        /// <summary>
        /// IH-1 in the card, at the model's own p. With one head, H(m+1)p ≥ N/4 means m ≥ ⌈N/(4p)⌉ − 1; when that is at most 1
        /// every useful width meets it, and the note says the bound is vacuous here instead of printing "width ≥ 0".
        /// </summary>
        private static string OneLayerNote(int n, NumericType precision, int vocabularySize)
        {
            var c = CultureInfo.InvariantCulture;
            int p = MantissaBits(precision);
            string type = precision == NumericType.Float32 ? "float32" : "float64";
            double quarter = n / 4.0;
            string head = string.Format(c, "Theory (SHT24b): one layer needs H(m+1)p ≥ N/4 = {0}", Number(quarter));
            const string tail = "; two layers suffice with 1 head and width O(log N).";
            if (vocabularySize > 0 && vocabularySize < 3)
                return head + string.Format(c, " for alphabets of at least 3 symbols (the reduction writes 0, 1 and a marker), so it does not apply to these {0}", vocabularySize) + tail;
            long width = (long)Math.Ceiling(quarter / p) - 1;
            return width >= 2
                ? head + string.Format(c, " — at p = {0} bits ({1}) and 1 head, width ≥ {2}", p, type, width) + tail
                : head + string.Format(c, " — vacuous at N = {0}: at p = {1} bits ({2}) one head of width 1 already gives (1+1)·{1} = {3} ≥ {4}", n, p, type, 2 * p, Number(quarter)) + tail;
        }

        private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
