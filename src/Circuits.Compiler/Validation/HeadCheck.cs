using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// Checks one head against its IR selector on every combination of query and key values (or a stated sample):
    /// selected keys beat unselected ones and the sink, tie-breaks hold, counts tie selected keys with the sink.
    /// Returns the error bound ε of each raw output coordinate, from the head's actual score margins (for a count's
    /// 1/(1+c), relative to the value: the only non-zero value is the sink's 1, so leaked weight scales the quotient).
    /// </summary>
    internal static class HeadCheck
    {
        /// <summary>Above this many (query, key) pairs a head is checked on a sample of query values against all keys.</summary>
        public const long PairBudget = 1 << 21;
        /// <summary>Query values always checked when sampling, besides the first and last few.</summary>
        public const int RandomQueries = 48;

        private sealed class Config
        {
            public double[] Leaves = Array.Empty<double>();
            public double[] Vec = Array.Empty<double>();
            public int Position = -1; // explicit position (input index) or -1 when free
            // Described only when a failure names it: a head over (tokens, positions) has N² configurations.
            public Func<string> Describe = () => "";
            public string Text => Describe();
            // Evaluated on first use: of N² query configurations only the sampled few are ever scored.
            public Action? Pending;
            public Config Ready() { var p = Pending; Pending = null; p?.Invoke(); return this; }
        }

        public static Dictionary<ClaimSlot, double[]> Run(LayoutClaim c, ClaimHead h, AttentionHead head, ValidationStats stats)
        {
            int stage = 2 * h.Layer - 1;
            int d = head.Query.Rows;
            var live = c.Slots.Where(x => x.LiveAt(stage)).ToList();
            ClaimSlot? Owner(int coord) => live.FirstOrDefault(x => coord >= x.Offset && coord < x.Offset + x.Dims);
            var sel = IrSemantics.Compile(c, h.Selector);

            // ---- which slots the scores read ----
            List<ClaimSlot> ReadSlots(Matrix w, string side)
            {
                var list = new List<ClaimSlot>();
                for (int r = 0; r < w.Rows; r++)
                {
                    bool any = false;
                    for (int k = 0; k < w.Cols; k++) if (w[r, k] != 0) { any = true; break; }
                    if (!any) continue;
                    var o = Owner(r) ?? throw new ValidationFailure(h.Name, $"W_{side} reads residual coordinate {r}, which holds no live value at this stage", "");
                    if (o.Raw) throw new ValidationFailure(h.Name, $"W_{side} reads raw (unclean) slot '{o.Label}'", "");
                    if (!list.Contains(o)) list.Add(o);
                }
                return list;
            }
            var qSlots = ReadSlots(head.Query, "Q");
            var kSlots = ReadSlots(head.Key, "K");
            CheckOutput(c, h, head, live, stage);

            var kRoots = new List<SOp>(); foreach (var kn in sel.KeyNodes) IrSemantics.Roots(c, kn, kRoots);
            var qRoots = new List<SOp>(); foreach (var qn in sel.QueryNodes) IrSemantics.Roots(c, qn, qRoots);
            bool keyPositions = kRoots.Any(r => r is IndicesOp);
            bool queryPosSlot = qSlots.Any(s => s.Role == SlotRole.PositionPlusOne);
            bool explicitPositions = keyPositions || queryPosSlot;

            if (queryPosSlot) throw new ValidationFailure(h.Name, "W_Q reads the position+1 coordinate, which no selector needs", "");
            var keys = Configs(c, h, kRoots, sel.KeyNodes, kSlots, head.Key, explicitPositions, "key", evaluateAll: true);
            // A query position only matters through the mask: queries whose roots do not include indices get positions at check time.
            var queries = Configs(c, h, qRoots, sel.QueryNodes, qSlots, head.Query, explicitPositions && qRoots.Any(r => r is IndicesOp), "query", evaluateAll: false);
            bool freePositions = explicitPositions && !qRoots.Any(r => r is IndicesOp);
            var kpos = new double[head.Key.Cols];
            var k0 = new double[head.Key.Cols];
            foreach (var s in kSlots)
                for (int k = 0; k < head.Key.Cols; k++)
                {
                    if (s.Role == SlotRole.PositionPlusOne) kpos[k] += head.Key[s.Offset, k];
                    if (s.Role == SlotRole.One || s.Role == SlotRole.Bos) k0[k] += head.Key[s.Offset, k];
                }

            // ---- (query, position) pairs to check; sampled when query values × positions × keys exceed the budget ----
            long queryCount = freePositions ? (long)queries.Count * c.N : queries.Count;
            long pairs = queryCount * keys.Count;
            var checkedQueries = new List<(Config Q, int I)>();
            (Config, int) At(long t) => freePositions ? (queries[(int)(t / c.N)], (int)(t % c.N)) : (queries[(int)t], queries[(int)t].Position);
            if (pairs <= PairBudget)
                for (long t = 0; t < queryCount; t++) checkedQueries.Add(At(t));
            else
            {
                var pick = new SortedSet<long>();
                for (int t = 0; t < 4 && t < queryCount; t++) { pick.Add(t); pick.Add(queryCount - 1 - t); }
                if (freePositions)
                    foreach (int qi in new[] { 0, 1, queries.Count - 2, queries.Count - 1 })
                        if (qi >= 0 && qi < queries.Count) foreach (int i in new[] { 0, 1, c.N - 2, c.N - 1 }) if (i >= 0) pick.Add((long)qi * c.N + i);
                var rng = new SeededRandom((ulong)(20260 + h.Layer * 31 + h.Index));
                int want = (int)Math.Min(queryCount, pick.Count + RandomQueries);
                while (pick.Count < want) pick.Add(((long)rng.Next(int.MaxValue) * rng.Next(int.MaxValue)) % queryCount);
                checkedQueries = pick.Select(At).ToList();
                stats.Sampled.Add($"{h.Name}: {checkedQueries.Count} of {queryCount} query values{(freePositions ? " × positions" : "")}, each against all {keys.Count} keys");
            }
            stats.Combinations += (long)checkedQueries.Count * keys.Count;

            double worst = 0; // total weight on wrong keys (relative), worst over queries
            int n = c.N;
            foreach (var (q, i) in checkedQueries)
            {
                q.Ready();
                double w = explicitPositions ? Explicit(c, h, head, sel, q, i, keys, k0, n) : Analytic(c, h, head, sel, q, keys, k0, kpos, n);
                worst = Math.Max(worst, w);
            }

            // ---- ε per raw output coordinate ----
            var eps = new Dictionary<ClaimSlot, double[]>();
            foreach (var (source, raw) in h.Values)
            {
                var bounds = source.Role == SlotRole.Bos ? new[] { 1.0 } : IrSemantics.CoordinateBounds(source, SlotValues(c, source));
                eps[raw] = bounds.Select(b => 2 * worst * Math.Max(b, 1e-300)).ToArray();
            }
            return eps;
        }

        /// <summary>The values a slot can hold at a token position (⊥ included when possible).</summary>
        public static IEnumerable<double> SlotValues(LayoutClaim c, ClaimSlot s)
        {
            switch (s.Role)
            {
                case SlotRole.One: return new[] { 1.0 };
                case SlotRole.Bos: return new[] { 0.0 };
                case SlotRole.PositionPlusOne: return Enumerable.Range(1, c.N).Select(x => (double)x);
            }
            return NodeValues(c, s.Node!);
        }

        /// <summary>Values of a node: exact enumeration of a map chain over its roots when small, else the IR value set.</summary>
        public static double[] NodeValues(LayoutClaim c, SOp node)
        {
            node = c.Canon(node);
            // Every head and MLP reading a slot asks again; a wide map chain is up to 2^20 evaluations, so once per claim.
            if (c.NodeValueCache.TryGetValue(node, out var known)) return known;
            return c.NodeValueCache[node] = EnumerateNodeValues(c, node);
        }

        private static double[] EnumerateNodeValues(LayoutClaim c, SOp node)
        {
            if (!(MapFusion.IsMap(node) || node is ConstantOp)) return IrSemantics.RootValues(c, node);
            var roots = new List<SOp>();
            IrSemantics.Roots(c, node, roots);
            var sets = roots.Select(r => IrSemantics.RootValues(c, r)).ToList();
            long product = sets.Aggregate(1L, (a, s) => a * Math.Max(1, s.Length));
            if (product > (1 << 20)) return c.Values(node).WithBottom().ToArray();
            var outs = new HashSet<double>();
            bool bottom = false;
            var env = new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance);
            foreach (var combo in Enumeration.Product(sets))
            {
                for (int i = 0; i < roots.Count; i++) env[roots[i]] = combo[i];
                IrSemantics.TryEval(c, node, env, out var v);
                if (Bottom.Is(v)) bottom = true; else outs.Add(v);
            }
            var list = outs.OrderBy(x => x).ToList();
            if (bottom) list.Add(Bottom.Value);
            return list.ToArray();
        }

        private static string Show(double v) => Bottom.Is(v) ? "⊥" : v.ToString("R", CultureInfo.InvariantCulture);

        private static List<Config> Configs(LayoutClaim c, ClaimHead h, List<SOp> roots, List<SOp> leafNodes, List<ClaimSlot> slots, Matrix w, bool explicitPositions, string side, bool evaluateAll)
        {
            var sets = roots.Select(r => IrSemantics.RootValues(c, r)).ToList();
            int posRoot = roots.FindIndex(r => r is IndicesOp);
            bool extraPos = explicitPositions && posRoot < 0;
            if (extraPos) sets.Add(Enumerable.Range(0, c.N).Select(x => (double)x).ToArray());
            var list = new List<Config>();
            var env = new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance);
            foreach (var combo in Enumeration.Product(sets))
            {
                int pos = posRoot >= 0 ? (int)combo[posRoot] : extraPos ? (int)combo[combo.Length - 1] : -1;
                var cfg = new Config { Position = pos, Leaves = new double[leafNodes.Count], Vec = new double[w.Cols] };
                cfg.Pending = () => Evaluate(cfg, combo, pos);
                cfg.Describe = () => string.Join(", ", roots.Select((r, i) => (r is IndicesOp ? "index" : c.Label(r)) + " = " + Show(combo[i]))) + (extraPos ? (roots.Count > 0 ? ", " : "") + "index = " + pos : "");
                list.Add(cfg);
            }
            if (explicitPositions) list = list.OrderBy(x => x.Position).ToList();
            if (evaluateAll) foreach (var cfg in list) cfg.Ready();
            return list;

            void Evaluate(Config cfg, double[] combo, int pos)
            {
                for (int i = 0; i < roots.Count; i++) env[roots[i]] = combo[i];
                for (int i = 0; i < leafNodes.Count; i++)
                    if (!IrSemantics.TryEval(c, leafNodes[i], env, out cfg.Leaves[i])) throw new ValidationFailure(h.Name, $"cannot evaluate {side} '{c.Label(leafNodes[i])}'", "");
                foreach (var s in slots)
                {
                    double[] e;
                    if (s.Role == SlotRole.One) e = new[] { 1.0 };
                    else if (s.Role == SlotRole.Bos) e = new[] { 0.0 };
                    else if (s.Role == SlotRole.PositionPlusOne) { if (pos < 0) continue; e = new[] { pos + 1.0 }; }
                    else
                    {
                        if (!IrSemantics.TryEval(c, s.Node!, env, out var v))
                            throw new ValidationFailure(h.Name, $"W_{(side == "key" ? "K" : "Q")} reads '{s.Label}', which the selector's {side}s do not determine", "");
                        e = IrSemantics.Encode(s, v) ?? throw new ValidationFailure(h.Name, $"{side} slot '{s.Label}' cannot encode the value {Show(v)}", "");
                    }
                    for (int b = 0; b < e.Length; b++)
                        if (e[b] != 0) for (int k = 0; k < w.Cols; k++) cfg.Vec[k] += e[b] * w[s.Offset + b, k];
                }
            }
        }

        private static double Dot(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }

        private static double Tol(double scale) => 1e-9 * (1 + Math.Abs(scale));

        /// <summary>Keys do not depend on their position except through the position+1 coordinate: scores are a(q, k) + c(q)·(j+1).</summary>
        private static double Analytic(LayoutClaim c, ClaimHead h, AttentionHead head, IrSemantics.CompiledSelector sel, Config q, List<Config> keys, double[] k0, double[] kpos, int n)
        {
            var want = c.Causal ? AttentionMask.Causal : AttentionMask.None;
            if (head.Mask != want && n > 1)
                throw new ValidationFailure(h.Name, $"mask {head.Mask} differs from the selector's visibility ({want})", "");
            double cq = Dot(q.Vec, kpos), s0 = Dot(q.Vec, k0);
            double minS = double.PositiveInfinity, maxS = double.NegativeInfinity, maxU = double.NegativeInfinity;
            Config? minSk = null, maxUk = null;
            foreach (var k in keys)
            {
                double a = Dot(q.Vec, k.Vec);
                if (sel.Holds(k.Leaves, q.Leaves)) { if (a < minS) { minS = a; minSk = k; } maxS = Math.Max(maxS, a); }
                else if (a > maxU) { maxU = a; maxUk = k; }
            }
            bool anyS = minSk != null, anyU = maxUk != null;
            double span = n - 1;
            double lowPos = Math.Min(cq, cq * n), highPos = Math.Max(cq, cq * n);
            double tol = Tol(Math.Max(Math.Abs(maxS), Math.Abs(s0)) + Math.Abs(cq) * n);
            string W(Config? k) => $"query {q.Text}; key {k?.Text}";
            double leak = 0, tieLeak = 0;
            double margin = double.PositiveInfinity;
            void Need(double m, string what, Config? k)
            {
                if (!(m > 0)) throw new ValidationFailure(h.Name, what + $" (margin {m:G4})", W(k));
                margin = Math.Min(margin, m);
            }
            if (sel.TieBreak == TieBreak.None)
            {
                if (anyS && Math.Abs(cq) > tol && (h.Count || n > 1))
                    throw new ValidationFailure(h.Name, $"selected keys score differently at different positions (position slope {cq:G4})", W(minSk));
                if (anyS && anyU) Need(minS - maxU - Math.Abs(cq) * span, "an unselected key scores within reach of a selected one", maxUk);
                if (h.Count)
                {
                    if (anyS && (Math.Abs(minS + cq - s0) > tol || Math.Abs(maxS + cq - s0) > tol))
                        throw new ValidationFailure(h.Name, $"a count needs selected keys level with the sink: selected {minS + cq:G6}..{maxS + cq:G6}, sink {s0:G6}", W(minSk));
                    if (anyU) Need(s0 - maxU - highPos, "an unselected key is not below the sink", maxUk);
                    leak += Math.Exp(maxS - minS) - 1;
                }
                else
                {
                    if (anyS) Need(minS + lowPos - s0, "a selected key does not beat the sink", minSk);
                    if (anyU) Need(s0 - maxU - highPos, "the sink does not beat an unselected key", maxUk);
                    if (anyS && head.Value.Cols > 0) leak += Math.Exp(maxS - minS) - 1;
                }
            }
            else
            {
                double step = sel.TieBreak == TieBreak.Rightmost ? cq : -cq;
                if (anyS)
                {
                    double first = minS - maxS + step;
                    if (n > 1 && !(first > 0)) throw new ValidationFailure(h.Name, $"{sel.TieBreak.ToString().ToLowerInvariant()} tie-break: a neighbouring selected key is not below the winner (margin {first:G4})", W(minSk));
                    if (n > 1) tieLeak = Math.Exp(-(minS - maxS)) / (Math.Exp(step) - 1);
                }
                if (anyS && anyU) Need(minS - maxU - Math.Abs(cq) * span, "an unselected key scores within reach of the winner", maxUk);
                if (h.Count)
                {
                    if (anyS)
                    {
                        double lo = minS + lowPos, hi = maxS + highPos;
                        if (Math.Abs(lo - s0) > tol || Math.Abs(hi - s0) > tol)
                            throw new ValidationFailure(h.Name, $"a count of a tie-broken selector needs the winner level with the sink: winner scores {lo:G6}..{hi:G6} over positions, sink {s0:G6}", W(minSk));
                    }
                    if (anyU) Need(s0 - maxU - highPos, "an unselected key is not below the sink", maxUk);
                }
                else
                {
                    if (anyS) Need(minS + lowPos - s0, "the winner does not beat the sink", minSk);
                    if (anyU) Need(s0 - maxU - highPos, "the sink does not beat an unselected key", maxUk);
                }
            }
            if (!double.IsInfinity(margin)) leak += n * Math.Exp(-margin);
            return leak + tieLeak;
        }

        private static bool Visible(AttentionMask m, int i, int j) => m switch
        {
            AttentionMask.Causal => j <= i,
            AttentionMask.StrictCausal => j < i,
            AttentionMask.AntiCausal => j >= i,
            AttentionMask.StrictAntiCausal => j > i,
            _ => true,
        };

        /// <summary>Keys carry positions (selectors on indices): every (query, key) pair with both positions explicit.</summary>
        private static double Explicit(LayoutClaim c, ClaimHead h, AttentionHead head, IrSemantics.CompiledSelector sel, Config q, int i, List<Config> keys, double[] k0, int n)
        {
            double s0 = Dot(q.Vec, k0);
            double minS = double.PositiveInfinity, maxS = double.NegativeInfinity, maxU = double.NegativeInfinity;
            Config? minSk = null, maxUk = null;
            bool canBeEmpty = true;
            // per selected position: min and max score, for the tie-break chain
            var posMin = new List<(int J, double Min, double Max)>();
            int at = 0;
            double scale = Math.Abs(s0);
            while (at < keys.Count)
            {
                int j = keys[at].Position;
                int end = at;
                while (end < keys.Count && keys[end].Position == j) end++;
                bool refVisible = !c.Causal || j <= i;
                bool headVisible = Visible(head.Mask, i, j);
                bool allSelected = true;
                double pMin = double.PositiveInfinity, pMax = double.NegativeInfinity;
                for (int t = at; t < end; t++)
                {
                    var k = keys[t];
                    bool s = refVisible && sel.Holds(k.Leaves, q.Leaves);
                    if (!s) allSelected = false;
                    if (!headVisible)
                    {
                        if (s) throw new ValidationFailure(h.Name, $"mask {head.Mask} hides a selected key", $"query {q.Text}, index = {i}; key {k.Text}");
                        continue;
                    }
                    double score = Dot(q.Vec, k.Vec);
                    scale = Math.Max(scale, Math.Abs(score));
                    if (s)
                    {
                        if (score < minS) { minS = score; minSk = k; }
                        maxS = Math.Max(maxS, score);
                        pMin = Math.Min(pMin, score); pMax = Math.Max(pMax, score);
                    }
                    else if (score > maxU) { maxU = score; maxUk = k; }
                }
                if (refVisible && allSelected && end > at) canBeEmpty = false;
                if (pMin <= pMax) posMin.Add((j, pMin, pMax));
                at = end;
            }
            bool anyS = minSk != null, anyU = maxUk != null;
            double tol = Tol(scale);
            string W(Config? k) => $"query {q.Text}{(q.Position < 0 ? ", index = " + i : "")}; key {k?.Text}";
            double margin = double.PositiveInfinity, leak = 0, tieLeak = 0;
            void Need(double m, string what, Config? k)
            {
                if (!(m > 0)) throw new ValidationFailure(h.Name, what + $" (margin {m:G4})", W(k));
                margin = Math.Min(margin, m);
            }
            if (anyS && anyU) Need(minS - maxU, sel.TieBreak == TieBreak.None ? "an unselected key scores within reach of a selected one" : "an unselected key scores within reach of the winner", maxUk);
            if (sel.TieBreak != TieBreak.None && posMin.Count > 1)
            {
                if (sel.TieBreak == TieBreak.Leftmost) posMin.Reverse();
                double slope = double.PositiveInfinity;
                for (int t = 1; t < posMin.Count; t++)
                    slope = Math.Min(slope, (posMin[t].Min - posMin[t - 1].Max) / Math.Abs(posMin[t].J - posMin[t - 1].J));
                if (!(slope > 0)) throw new ValidationFailure(h.Name, $"{sel.TieBreak.ToString().ToLowerInvariant()} tie-break does not order the selected keys (slope {slope:G4})", W(minSk));
                tieLeak = 1 / (Math.Exp(slope) - 1);
            }
            if (h.Count)
            {
                if (anyS && (sel.TieBreak != TieBreak.None ? posMin.Any(p => Math.Abs(p.Min - s0) > tol || Math.Abs(p.Max - s0) > tol) : (Math.Abs(minS - s0) > tol || Math.Abs(maxS - s0) > tol)))
                    throw new ValidationFailure(h.Name, $"a count needs selected keys level with the sink: selected {minS:G6}..{maxS:G6}, sink {s0:G6}", W(minSk));
                if (anyU) Need(s0 - maxU, "an unselected key is not below the sink", maxUk);
                if (anyS && sel.TieBreak == TieBreak.None) leak += Math.Exp(maxS - minS) - 1;
            }
            else
            {
                if (anyS) Need(minS - s0, sel.TieBreak == TieBreak.None ? "a selected key does not beat the sink" : "the winner does not beat the sink", minSk);
                if (anyU && canBeEmpty) Need(s0 - maxU, "the sink does not beat an unselected key", maxUk);
                if (anyS && sel.TieBreak == TieBreak.None) leak += Math.Exp(maxS - minS) - 1;
            }
            if (!double.IsInfinity(margin)) leak += n * Math.Exp(-margin);
            return leak + tieLeak;
        }

        /// <summary>W_V·W_O must copy each source slot into its raw slot and write nothing else.</summary>
        private static void CheckOutput(LayoutClaim c, ClaimHead h, AttentionHead head, List<ClaimSlot> live, int stage)
        {
            int d = head.Output.Cols;
            var expected = new Dictionary<(int, int), double>();
            foreach (var (source, raw) in h.Values)
            {
                if (raw.Write != stage) throw new ValidationFailure(h.Name, $"raw slot '{raw.Label}' is not written by this layer's attention", "");
                if (source.Dims != raw.Dims) throw new ValidationFailure(h.Name, $"source '{source.Label}' and raw slot '{raw.Label}' differ in width", "");
                for (int b = 0; b < source.Dims; b++) expected[(source.Offset + b, raw.Offset + b)] = 1;
            }
            for (int r = 0; r < head.Value.Rows; r++)
            {
                bool any = false;
                for (int e = 0; e < head.Value.Cols; e++) if (head.Value[r, e] != 0) { any = true; break; }
                if (!any) continue;
                for (int col = 0; col < d; col++)
                {
                    double ov = 0;
                    for (int e = 0; e < head.Value.Cols; e++) ov += head.Value[r, e] * head.Output[e, col];
                    double want = expected.TryGetValue((r, col), out var x) ? x : 0;
                    if (Math.Abs(ov - want) > 1e-12)
                        throw new ValidationFailure(h.Name, $"W_V·W_O maps residual coordinate {r} to coordinate {col} with weight {ov:G6}, expected {want:G6}", "");
                }
            }
            foreach (var kv in expected)
            {
                double ov = 0;
                for (int e = 0; e < head.Value.Cols; e++) ov += head.Value[kv.Key.Item1, e] * head.Output[e, kv.Key.Item2];
                if (Math.Abs(ov - 1) > 1e-12) throw new ValidationFailure(h.Name, $"W_V·W_O does not copy coordinate {kv.Key.Item1} to {kv.Key.Item2} (weight {ov:G6})", "");
            }
        }
    }
}
