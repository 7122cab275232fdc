using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>What the validator checked: combinations, and which components were sampled rather than enumerated.</summary>
    internal sealed class ValidationStats
    {
        public long Combinations;
        public List<string> Sampled = new List<string>();
        public double Milliseconds;

        /// <summary>The model card's line.</summary>
        public string CardLine => Sampled.Count == 0
            ? $"validated exhaustively ({Combinations.ToString("N0", CultureInfo.InvariantCulture)} combinations)"
            : $"validated on samples ({Combinations.ToString("N0", CultureInfo.InvariantCulture)} combinations; domains too large: {string.Join("; ", Sampled)})";
    }

    /// <summary>
    /// The translation validator: checks a compiled model's weights against the IR through the layout claim only —
    /// embedding, every head, every MLP, the readout — in real arithmetic. A model that fails is refused with CIRC0220.
    /// </summary>
    internal static class ModelValidator
    {
        public const string Code = "CIRC0220";

        /// <summary>Validates <paramref name="model"/> against <paramref name="claim"/>; throws <see cref="CompileException"/> (CIRC0220) on failure.</summary>
        public static ValidationStats Validate(CompiledModel model, LayoutClaim claim)
        {
            var clock = Stopwatch.StartNew();
            var stats = new ValidationStats();
            try
            {
                Finite(model);
                ClaimConsistency(model, claim);
                PhaseClock.Time("validate embedding", () => Embedding(model, claim));
                var eps = new Dictionary<ClaimSlot, double[]>();
                var writers = new Dictionary<ClaimSlot, string>();
                if (model.Layers.Length != claim.Mlps.Count) throw new ValidationFailure("model", $"has {model.Layers.Length} layers, the claim {claim.Mlps.Count}", "");
                for (int l = 1; l <= model.Layers.Length; l++)
                {
                    var heads = claim.Heads.Where(h => h.Layer == l).ToList();
                    var layer = model.Layers[l - 1];
                    if (layer.Heads.Length != heads.Count) throw new ValidationFailure($"layer {l}", $"has {layer.Heads.Length} heads, the claim {heads.Count}", "");
                    for (int k = 0; k < heads.Count; k++)
                    {
                        var head = heads[k];
                        var checkedHead = PhaseClock.Time("validate head " + head.Name, () => HeadCheck.Run(claim, head, layer.Heads[k], stats));
                        foreach (var kv in checkedHead) { eps[kv.Key] = kv.Value; writers[kv.Key] = head.Name; }
                    }
                    var mlpCheck = new MlpCheck(claim, claim.Mlps[l - 1], layer.Mlp, model.Width, model.Output, eps, stats);
                    PhaseClock.Time("validate layer " + l + " MLP", mlpCheck.Run);
                }
                Readout(model, claim, eps, writers);
            }
            catch (ValidationFailure f)
            {
                throw new CompileException(CompileError.ValidationFailed, $"'{model.Name}' failed translation validation: {f.Message}. The weights do not compute the program; this is a compiler bug — please report it with the program.", f.Where);
            }
            stats.Milliseconds = clock.Elapsed.TotalMilliseconds;
            return stats;
        }

        private static void Finite(CompiledModel m)
        {
            void Check(double[] data, string what)
            {
                for (int i = 0; i < data.Length; i++)
                    if (double.IsNaN(data[i]) || double.IsInfinity(data[i])) throw new ValidationFailure(what, $"weight {i} is {data[i]}", "");
            }
            Check(m.BosEmbedding, "BOS embedding");
            Check(m.TokenEmbedding.Data, "token embedding");
            Check(m.PositionEmbedding.Data, "position embedding");
            for (int l = 0; l < m.Layers.Length; l++)
            {
                for (int h = 0; h < m.Layers[l].Heads.Length; h++)
                {
                    var head = m.Layers[l].Heads[h];
                    foreach (var (mat, name) in new[] { (head.Query, "W_Q"), (head.Key, "W_K"), (head.Value, "W_V"), (head.Output, "W_O") })
                        Check(mat.Data, $"layer {l + 1} head {h} {name}");
                }
                if (m.Layers[l].Mlp is Mlp mlp)
                    for (int s = 0; s < mlp.Stages.Length; s++) { Check(mlp.Stages[s].Weights.Data, $"layer {l + 1} MLP stage {s}"); Check(mlp.Stages[s].Bias, $"layer {l + 1} MLP stage {s} bias"); }
            }
        }

        /// <summary>Slots sharing coordinates never live at the same time; the readout reads the output slot.</summary>
        private static void ClaimConsistency(CompiledModel m, LayoutClaim c)
        {
            foreach (var a in c.Slots)
            {
                if (a.Offset < 0 || a.Offset + a.Dims > m.Width) throw new ValidationFailure("layout", $"slot '{a.Label}' lies outside the residual", "");
                foreach (var b in c.Slots)
                {
                    if (a.Id >= b.Id || a.Offset >= b.Offset + b.Dims || b.Offset >= a.Offset + a.Dims) continue;
                    bool disjoint = a.Erase < b.Write || b.Erase < a.Write;
                    if (!disjoint) throw new ValidationFailure("layout", $"slots '{a.Label}' and '{b.Label}' share coordinates while both live", "");
                }
            }
            if (m.Output.Offset != c.Output.Offset || m.Output.Dims != c.Output.Dims || m.Output.Encoding != c.Output.Encoding)
                throw new ValidationFailure("readout", $"reads coordinates [{m.Output.Offset}, {m.Output.Offset + m.Output.Dims}), the output '{c.Output.Label}' is at [{c.Output.Offset}, {c.Output.Offset + c.Output.Dims})", "");
        }

        /// <summary>Token rows + position rows = the claimed codes of embedding-level slots; the BOS row holds one and bos only.</summary>
        private static void Embedding(CompiledModel m, LayoutClaim c)
        {
            int d = m.Width;
            var owner = new ClaimSlot?[d];
            foreach (var s in c.Slots.Where(x => x.Write == 0)) for (int b = 0; b < s.Dims; b++) owner[s.Offset + b] = s;
            var env = new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance);
            var tokens = c.Canon(Ir.Tokens); var indices = c.Canon(Ir.Indices);
            var depends = new Dictionary<ClaimSlot, (bool Tok, bool Pos)>();
            foreach (var s in c.Slots.Where(x => x.Write == 0))
            {
                bool tok = false, pos = s.Role == SlotRole.PositionPlusOne;
                if (s.Role == SlotRole.Value)
                {
                    var roots = new List<SOp>(); IrSemantics.Roots(c, s.Node!, roots);
                    if (roots.Any(r => !(r is TokensOp) && !(r is IndicesOp))) throw new ValidationFailure("embedding", $"slot '{s.Label}' depends on more than tokens and positions", "");
                    tok = roots.Any(r => r is TokensOp); pos = roots.Any(r => r is IndicesOp);
                    if (tok && pos) throw new ValidationFailure("embedding", $"slot '{s.Label}' depends on both tokens and positions; no embedding row can hold it", "");
                }
                depends[s] = (tok, pos);
            }
            // A slot's code at (token t, position 0) and at (token 0, position p), encoded once per slot rather than once per
            // coordinate, on first use (so the first failing row is still the one reported).
            var tokenCodes = new Dictionary<ClaimSlot, double[]?[]>();
            var positionCodes = new Dictionary<ClaimSlot, double[]?[]>();
            double[]?[] Codes(ClaimSlot s, bool position)
            {
                var memo = position ? positionCodes : tokenCodes;
                return memo.TryGetValue(s, out var codes) ? codes : memo[s] = new double[]?[position ? c.N : c.S];
            }
            double Expected(ClaimSlot? s, double[]?[]? codes, int b, int t, int p)
            {
                if (s == null) return 0;
                switch (s.Role)
                {
                    case SlotRole.One: return 1;
                    case SlotRole.Bos: return 0;
                    case SlotRole.PositionPlusOne: return p + 1;
                }
                int at = p == 0 ? t : p;
                if (codes![at] is double[] known) return known[b];
                env[tokens] = t; env[indices] = p;
                IrSemantics.TryEval(c, s.Node!, env, out var v);
                var e = IrSemantics.Encode(s, v) ?? throw new ValidationFailure("embedding", $"'{s.Label}' = {v} is outside its code's domain", $"token {t}, position {p}");
                return (codes[at] = e)[b];
            }
            bool Same(double a, double b) => Math.Abs(a - b) <= 1e-12 * (1 + Math.Abs(b));
            for (int col = 0; col < d; col++)
            {
                var s = owner[col];
                bool tok = s != null && depends[s].Tok, pos = s != null && depends[s].Pos;
                double p0 = m.PositionEmbedding[0, col], t0 = m.TokenEmbedding[0, col];
                var byToken = s?.Role == SlotRole.Value ? Codes(s, position: false) : null;
                var byPosition = s?.Role == SlotRole.Value ? Codes(s, position: true) : null;
                int b = s == null ? 0 : col - s.Offset;
                for (int t = 0; t < c.S; t++)
                {
                    double want = Expected(s, byToken, b, t, 0);
                    if (!Same(m.TokenEmbedding[t, col] + p0, want)) throw new ValidationFailure("embedding", $"token row {t} + position row 0 hold {m.TokenEmbedding[t, col] + p0:G8} at coordinate {col} ({s?.Label ?? "free"}), expected {want:G8}", $"token {t}, position 0");
                    if (!tok && m.TokenEmbedding[t, col] != t0) throw new ValidationFailure("embedding", $"token rows differ at coordinate {col} ({s?.Label ?? "free"}), which does not depend on the token", $"token {t}");
                }
                for (int p = 0; p < c.N; p++)
                {
                    double want = p == 0 ? Expected(s, byToken, b, 0, 0) : Expected(s, byPosition, b, 0, p);
                    if (!Same(t0 + m.PositionEmbedding[p, col], want)) throw new ValidationFailure("embedding", $"token row 0 + position row {p} hold {t0 + m.PositionEmbedding[p, col]:G8} at coordinate {col} ({s?.Label ?? "free"}), expected {want:G8}", $"token 0, position {p}");
                    if (!pos && m.PositionEmbedding[p, col] != p0) throw new ValidationFailure("embedding", $"position rows differ at coordinate {col} ({s?.Label ?? "free"}), which does not depend on the position", $"position {p}");
                }
                double bos = s != null && (s.Role == SlotRole.One || s.Role == SlotRole.Bos) ? 1 : 0;
                if (m.BosEmbedding[col] != bos) throw new ValidationFailure("embedding", $"the BOS row holds {m.BosEmbedding[col]:G8} at coordinate {col} ({s?.Label ?? "free"}), expected {bos}", "BOS");
            }
        }

        private static void Readout(CompiledModel m, LayoutClaim c, Dictionary<ClaimSlot, double[]> eps, Dictionary<ClaimSlot, string> writers)
        {
            var s = c.Output;
            if (s.Write % 2 == 0 && s.Write > 0) return; // written by an MLP: checked there against the readout's rules
            double[] e = s.Raw ? (eps.TryGetValue(s, out var x) ? x : throw new ValidationFailure("readout", $"output '{s.Label}' is raw but no head writes it", "")) : new double[s.Dims];
            foreach (var v in HeadCheck.NodeValues(c, c.OutputNode))
            {
                var code = IrSemantics.Encode(s, v) ?? throw new ValidationFailure("readout", $"output value {v} is outside the output code's domain", "");
                var lo = code.Select((y, b) => y - e[b]).ToArray();
                var hi = code.Select((y, b) => y + e[b]).ToArray();
                var why = ReadoutCheck.Rejects(m.Output, lo, hi, v);
                if (why != null) throw new ValidationFailure(writers.TryGetValue(s, out var head) ? "readout of " + head + $" (error bound {e.Max():G4})" : "readout", $"output value {(Bottom.Is(v) ? "⊥" : v.ToString("R", CultureInfo.InvariantCulture))} does not decode to itself: {why}", $"{c.Label(c.OutputNode)} = {v}");
            }
        }
    }
}
