using System;
using System.Collections.Generic;
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

        /// <summary>One query configuration, evaluated when the check reaches it.</summary>
        private sealed class Query
        {
            public double[] Leaves = Array.Empty<double>();
            public double[] Vec = Array.Empty<double>();
            public int Position = -1; // explicit position (input index) or -1 when free
            public string Text = "";
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
            var keySide = new Side(c, h, sel.KeyNodes, kSlots, head.Key, "key");
            var keys = PhaseClock.Time("key table of " + h.Name, () => keySide.Table(new ConfigSpace(c, kRoots, explicitPositions)));
            // A query position only matters through the mask: queries whose roots do not include indices get positions at check time.
            var querySpace = new ConfigSpace(c, qRoots, explicitPositions && qRoots.Any(r => r is IndicesOp));
            var querySide = new Side(c, h, sel.QueryNodes, qSlots, head.Query, "query");
            var queries = new Dictionary<long, Query>();
            Query QueryAt(long index) => queries.TryGetValue(index, out var q) ? q : queries[index] = querySide.Query(querySpace, index);
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
            long queryCount = freePositions ? querySpace.Count * c.N : querySpace.Count;
            long pairs = queryCount * keys.Count;
            // (query configuration index, position); the configuration is evaluated when its check comes, as before.
            var checkedQueries = new List<(long Q, int I)>();
            (long, int) At(long t) => freePositions ? (t / c.N, (int)(t % c.N)) : (t, -2);
            if (pairs <= PairBudget)
                for (long t = 0; t < queryCount; t++) checkedQueries.Add(At(t));
            else
            {
                var pick = new SortedSet<long>();
                for (int t = 0; t < 4 && t < queryCount; t++) { pick.Add(t); pick.Add(queryCount - 1 - t); }
                if (freePositions)
                    foreach (long qi in new[] { 0, 1, querySpace.Count - 2, querySpace.Count - 1 })
                        if (qi >= 0 && qi < querySpace.Count) foreach (int i in new[] { 0, 1, c.N - 2, c.N - 1 }) if (i >= 0) pick.Add((long)qi * c.N + i);
                var rng = new SeededRandom((ulong)(20260 + h.Layer * 31 + h.Index));
                int want = (int)Math.Min(queryCount, pick.Count + RandomQueries);
                while (pick.Count < want) pick.Add(((long)rng.Next(int.MaxValue) * rng.Next(int.MaxValue)) % queryCount);
                checkedQueries = pick.Select(At).ToList();
                stats.Sampled.Add($"{h.Name}: {checkedQueries.Count} of {queryCount} query values{(freePositions ? " × positions" : "")}, each against all {keys.Count} keys");
            }
            stats.Combinations += (long)checkedQueries.Count * keys.Count;

            double worst = 0; // total weight on wrong keys (relative), worst over queries
            int n = c.N;
            // Per query: every key's score and selection in a few passes over the key table's columns, then one scan.
            var scores = new double[keys.Count];
            var selected = new bool[keys.Count];
            var runs = new List<(int J, double Min, double Max)>();
            PhaseClock.Time("queries of " + h.Name, () =>
            {
                foreach (var (qi, at) in checkedQueries)
                {
                    var q = QueryAt(qi);
                    int i = at == -2 ? q.Position : at;
                    var (lo, hi) = explicitPositions ? Relevant(c.Causal, head.Mask, keys, i) : (0, keys.Count);
                    keys.Scores(q.Vec, scores, lo, hi);
                    sel.Term.Fill(keys, q.Leaves, selected, lo, hi);
                    double w = explicitPositions ? Explicit(c, h, head, sel, q, i, keys, lo, hi, scores, selected, runs, k0, n) : Analytic(c, h, head, sel, q, keys, scores, selected, k0, kpos, n);
                    worst = Math.Max(worst, w);
                }
            });

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

        private static string Show(double v) => ConfigSpace.Show(v);

        /// <summary>One side of a head (keys or queries): evaluates a configuration's selector leaves and W projection.</summary>
        private sealed class Side
        {
            private readonly LayoutClaim _c;
            private readonly ClaimHead _h;
            private readonly List<SOp> _leafNodes;
            private readonly List<ClaimSlot> _slots;
            private readonly Matrix _w;
            private readonly string _side;
            private readonly Dictionary<SOp, double> _env = new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance);

            public Side(LayoutClaim c, ClaimHead h, List<SOp> leafNodes, List<ClaimSlot> slots, Matrix w, string side)
            {
                _c = c; _h = h; _leafNodes = leafNodes; _slots = slots; _w = w; _side = side;
            }

            /// <summary>Every configuration of <paramref name="space"/>, evaluated in order into a key table.</summary>
            public KeyTable Table(ConfigSpace space)
            {
                var table = new KeyTable(space, _w.Cols, _leafNodes.Count);
                var leaves = new double[_leafNodes.Count];
                var vec = new double[_w.Cols];
                for (int t = 0; t < table.Count; t++)
                {
                    var combo = space.Combo(t);
                    int pos = space.Position(combo);
                    Array.Clear(vec, 0, vec.Length);
                    Evaluate(space, combo, pos, leaves, vec);
                    table.Set(t, pos, leaves, vec);
                }
                table.Finish();
                return table;
            }

            /// <summary>Configuration <paramref name="index"/> of <paramref name="space"/>, evaluated.</summary>
            public Query Query(ConfigSpace space, long index)
            {
                var combo = space.Combo(index);
                int pos = space.Position(combo);
                var q = new Query { Position = pos, Leaves = new double[_leafNodes.Count], Vec = new double[_w.Cols], Text = space.Describe(combo) };
                Evaluate(space, combo, pos, q.Leaves, q.Vec);
                return q;
            }

            private void Evaluate(ConfigSpace space, double[] combo, int pos, double[] leaves, double[] vec)
            {
                space.Bind(combo, _env);
                for (int i = 0; i < _leafNodes.Count; i++)
                    if (!IrSemantics.TryEval(_c, _leafNodes[i], _env, out leaves[i])) throw new ValidationFailure(_h.Name, $"cannot evaluate {_side} '{_c.Label(_leafNodes[i])}'", "");
                foreach (var s in _slots)
                {
                    double[] e;
                    if (s.Role == SlotRole.One) e = One;
                    else if (s.Role == SlotRole.Bos) e = Zero;
                    else if (s.Role == SlotRole.PositionPlusOne) { if (pos < 0) continue; _position[0] = pos + 1.0; e = _position; }
                    else
                    {
                        if (!IrSemantics.TryEval(_c, s.Node!, _env, out var v))
                            throw new ValidationFailure(_h.Name, $"W_{(_side == "key" ? "K" : "Q")} reads '{s.Label}', which the selector's {_side}s do not determine", "");
                        e = Code(s, v);
                    }
                    for (int b = 0; b < e.Length; b++)
                        if (e[b] != 0) for (int k = 0; k < _w.Cols; k++) vec[k] += e[b] * _w[s.Offset + b, k];
                }
            }

            private static readonly double[] One = { 1.0 }, Zero = { 0.0 };
            private readonly double[] _position = new double[1];
            private readonly Dictionary<(ClaimSlot, long), double[]> _codes = new Dictionary<(ClaimSlot, long), double[]>();

            /// <summary>A slot's code of <paramref name="v"/>, encoded once per (slot, value bits): keys repeat values N times.</summary>
            private double[] Code(ClaimSlot s, double v)
            {
                var key = (s, BitConverter.DoubleToInt64Bits(v));
                if (_codes.TryGetValue(key, out var e)) return e;
                e = IrSemantics.Encode(s, v) ?? throw new ValidationFailure(_h.Name, $"{_side} slot '{s.Label}' cannot encode the value {Show(v)}", "");
                return _codes[key] = e;
            }
        }

        private static double Dot(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }

        /// <summary>Witness text of key <paramref name="k"/> (empty for none).</summary>
        private static string Key(KeyTable keys, int k) => k < 0 ? "" : keys.Space.Describe(keys.Space.Combo(k));

        private static double Tol(double scale) => 1e-9 * (1 + Math.Abs(scale));

        /// <summary>Keys do not depend on their position except through the position+1 coordinate: scores are a(q, k) + c(q)·(j+1).</summary>
        private static double Analytic(LayoutClaim c, ClaimHead h, AttentionHead head, IrSemantics.CompiledSelector sel, Query q, KeyTable keys, double[] scores, bool[] selected, double[] k0, double[] kpos, int n)
        {
            var want = c.Causal ? AttentionMask.Causal : AttentionMask.None;
            if (head.Mask != want && n > 1)
                throw new ValidationFailure(h.Name, $"mask {head.Mask} differs from the selector's visibility ({want})", "");
            double cq = Dot(q.Vec, kpos), s0 = Dot(q.Vec, k0);
            double minS = double.PositiveInfinity, maxS = double.NegativeInfinity, maxU = double.NegativeInfinity;
            int minSk = -1, maxUk = -1;
            for (int k = 0; k < keys.Count; k++)
            {
                double a = scores[k];
                if (selected[k]) { if (a < minS) { minS = a; minSk = k; } maxS = Math.Max(maxS, a); }
                else if (a > maxU) { maxU = a; maxUk = k; }
            }
            bool anyS = minSk >= 0, anyU = maxUk >= 0;
            double span = n - 1;
            double lowPos = Math.Min(cq, cq * n), highPos = Math.Max(cq, cq * n);
            double tol = Tol(Math.Max(Math.Abs(maxS), Math.Abs(s0)) + Math.Abs(cq) * n);
            string W(int k) => $"query {q.Text}; key {Key(keys, k)}";
            double leak = 0, tieLeak = 0;
            double margin = double.PositiveInfinity;
            void Need(double m, string what, int k)
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

        /// <summary>
        /// The keys a query at position <paramref name="i"/> can see, in the reference (causal: j ≤ i) or through the head's
        /// mask: the hull of the two position ranges (keys are sorted by position, so each is an index range). A key outside
        /// both is neither selected nor scored nor part of a run in <see cref="Explicit"/>, which only clears a flag local to
        /// its position for it, so skipping it checks the same (query, key) pairs to the same verdict.
        /// </summary>
        private static (int Lo, int Hi) Relevant(bool causal, AttentionMask mask, KeyTable keys, int i)
        {
            int all = keys.Count;
            var reference = causal ? (0, keys.After(i)) : (0, all);
            var masked = mask switch
            {
                AttentionMask.Causal => (0, keys.After(i)),
                AttentionMask.StrictCausal => (0, keys.After(i - 1)),
                AttentionMask.AntiCausal => (keys.After(i - 1), all),
                AttentionMask.StrictAntiCausal => (keys.After(i), all),
                _ => (0, all),
            };
            return (Math.Min(reference.Item1, masked.Item1), Math.Max(reference.Item2, masked.Item2));
        }

        /// <summary>Keys carry positions (selectors on indices): every (query, key) pair with both positions explicit.</summary>
        private static double Explicit(LayoutClaim c, ClaimHead h, AttentionHead head, IrSemantics.CompiledSelector sel, Query q, int i, KeyTable keys, int lo, int hi, double[] scores, bool[] selected, List<(int J, double Min, double Max)> posMin, double[] k0, int n)
        {
            double s0 = Dot(q.Vec, k0);
            double minS = double.PositiveInfinity, maxS = double.NegativeInfinity, maxU = double.NegativeInfinity;
            int minSk = -1, maxUk = -1;
            bool canBeEmpty = true;
            // per selected position: min and max score, for the tie-break chain
            posMin.Clear();
            double scale = Math.Abs(s0);
            var groups = keys.GroupStart;
            for (int g = 0; g + 1 < groups.Length; g++)
            {
                int at = groups[g], end = groups[g + 1];
                if (end <= lo || at >= hi) continue; // visible neither to the reference nor to the head: nothing to check
                int j = keys.Position[at];
                bool refVisible = !c.Causal || j <= i;
                bool headVisible = Visible(head.Mask, i, j);
                bool allSelected = true;
                double pMin = double.PositiveInfinity, pMax = double.NegativeInfinity;
                for (int t = at; t < end; t++)
                {
                    bool s = refVisible && selected[t];
                    if (!s) allSelected = false;
                    if (!headVisible)
                    {
                        if (s) throw new ValidationFailure(h.Name, $"mask {head.Mask} hides a selected key", $"query {q.Text}, index = {i}; key {Key(keys, t)}");
                        continue;
                    }
                    double score = scores[t];
                    scale = Math.Max(scale, Math.Abs(score));
                    if (s)
                    {
                        if (score < minS) { minS = score; minSk = t; }
                        maxS = Math.Max(maxS, score);
                        pMin = Math.Min(pMin, score); pMax = Math.Max(pMax, score);
                    }
                    else if (score > maxU) { maxU = score; maxUk = t; }
                }
                if (refVisible && allSelected && end > at) canBeEmpty = false;
                if (pMin <= pMax) posMin.Add((j, pMin, pMax));
            }
            bool anyS = minSk >= 0, anyU = maxUk >= 0;
            double tol = Tol(scale);
            string W(int k) => $"query {q.Text}{(q.Position < 0 ? ", index = " + i : "")}; key {Key(keys, k)}";
            double margin = double.PositiveInfinity, leak = 0, tieLeak = 0;
            void Need(double m, string what, int k)
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
