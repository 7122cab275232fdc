using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// Checks one layer's MLP: on every combination of the values its independent parts read (raw inputs within their ε, carried
    /// as affine forms through the ReLU stages), each claimed output gets the code of the IR node's value, erased slots become 0,
    /// nothing else moves, and at the BOS sink nothing it writes leaves 0.
    /// </summary>
    internal sealed class MlpCheck
    {
        /// <summary>Above this many input combinations a part is checked on a sample.</summary>
        public const long ComboBudget = 1 << 11;
        public const int SampleCount = 1024;

        private sealed class Stage
        {
            public int Inputs, Outputs;
            public List<(int Row, double W)>[] Cols = Array.Empty<List<(int, double)>>();
            public double[] Bias = Array.Empty<double>();
            public bool Relu;
        }

        private readonly LayoutClaim _c;
        private readonly ClaimMlp _claim;
        private readonly Readout _readout;
        private readonly Dictionary<ClaimSlot, double[]> _eps;
        private readonly ValidationStats _stats;
        private readonly Stage[] _stages;
        private readonly int _width, _stage;
        private readonly string _name;
        private readonly List<ClaimSlot> _live;
        private readonly ClaimSlot?[] _owner;     // live input owner per coordinate
        private readonly ClaimSlot?[] _written;   // computed output owner per coordinate

        public MlpCheck(LayoutClaim c, ClaimMlp claim, Mlp? mlp, int width, Readout readout, Dictionary<ClaimSlot, double[]> eps, ValidationStats stats)
        {
            _c = c; _claim = claim; _readout = readout; _eps = eps; _stats = stats; _width = width;
            _stage = 2 * claim.Layer;
            _name = $"layer {claim.Layer} MLP";
            _live = c.Slots.Where(x => x.LiveAt(_stage)).ToList();
            _owner = new ClaimSlot?[width];
            foreach (var s in _live) for (int b = 0; b < s.Dims; b++) _owner[s.Offset + b] = s;
            _written = new ClaimSlot?[width];
            foreach (var (node, slot) in claim.Computes)
            {
                if (slot.Write != _stage) throw new ValidationFailure(_name, $"claims to write '{slot.Label}', which is written at stage {slot.Write}", "");
                for (int b = 0; b < slot.Dims; b++) _written[slot.Offset + b] = slot;
            }
            _stages = (mlp?.Stages ?? Array.Empty<DenseLayer>()).Select(ToSparse).ToArray();
        }

        private static Stage ToSparse(DenseLayer l)
        {
            var s = new Stage { Inputs = l.Weights.Rows, Outputs = l.Weights.Cols, Bias = l.Bias, Relu = l.Relu, Cols = new List<(int, double)>[l.Weights.Cols] };
            for (int u = 0; u < s.Outputs; u++) s.Cols[u] = new List<(int, double)>();
            for (int r = 0; r < s.Inputs; r++)
                for (int u = 0; u < s.Outputs; u++)
                {
                    double w = l.Weights[r, u];
                    if (w != 0) s.Cols[u].Add((r, w));
                }
            return s;
        }

        private bool IsConstant(int coord) => _owner[coord] is ClaimSlot s && (s.Role == SlotRole.One || s.Role == SlotRole.Bos);

        public void Run()
        {
            if (_stages.Length > 0)
            {
                var first = _stages[0];
                for (int u = 0; u < first.Outputs; u++)
                    foreach (var (r, _) in first.Cols[u])
                        if (_owner[r] == null) throw new ValidationFailure(_name, $"unit {u} reads residual coordinate {r}, which holds no live value", "");
                var last = _stages[_stages.Length - 1];
                if (last.Relu) throw new ValidationFailure(_name, "the last stage is not linear", "");
            }
            var parts = Components();
            foreach (var p in parts) CheckPart(p);
            // Claimed outputs no unit writes keep 0: their value must encode as zeros everywhere.
            var touched = new HashSet<int>(parts.SelectMany(p => p.Outputs));
            foreach (var (node, slot) in _claim.Computes)
            {
                if (Enumerable.Range(slot.Offset, slot.Dims).Any(touched.Contains)) continue;
                foreach (var v in HeadCheck.NodeValues(_c, node))
                {
                    var e = IrSemantics.Encode(slot, v);
                    if (e == null || e.Any(x => x != 0))
                        throw new ValidationFailure(_name, $"'{slot.Label}' is never written, but its value {Show(v)} is not the zero code", $"{_c.Label(node)} = {Show(v)}");
                }
            }
            foreach (var s in _claim.Erases)
                if (!Enumerable.Range(s.Offset, s.Dims).All(touched.Contains) && s.Dims > 0)
                    throw new ValidationFailure(_name, $"claims to erase '{s.Label}' but does not write it", "");
            CheckBos();
        }

        private sealed class Part
        {
            public List<int>[] Units = Array.Empty<List<int>>(); // per stage (except the last): unit indices to evaluate
            public List<int> Outputs = new List<int>();
            public List<ClaimSlot> Inputs = new List<ClaimSlot>();
        }

        private List<Part> Components()
        {
            var result = new List<Part>();
            if (_stages.Length == 0) return result;
            int hiddenStages = _stages.Length - 1;
            var offsets = new int[hiddenStages + 1];
            int total = _width;
            for (int k = 0; k < hiddenStages; k++) { offsets[k] = total; total += _stages[k].Outputs; }
            var parent = Enumerable.Range(0, total).ToArray();
            int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
            void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) parent[a] = b; }
            // constant units: depend only on one/bos
            var constant = new bool[hiddenStages][];
            for (int k = 0; k < hiddenStages; k++)
            {
                constant[k] = new bool[_stages[k].Outputs];
                for (int u = 0; u < _stages[k].Outputs; u++)
                    constant[k][u] = _stages[k].Cols[u].All(x => k == 0 ? IsConstant(x.Row) : constant[k - 1][x.Row]);
            }
            for (int k = 0; k < hiddenStages; k++)
                for (int u = 0; u < _stages[k].Outputs; u++)
                {
                    if (constant[k][u]) continue;
                    foreach (var (r, _) in _stages[k].Cols[u])
                    {
                        if (k == 0 ? IsConstant(r) : constant[k - 1][r]) continue;
                        Union(offsets[k] + u, k == 0 ? r : offsets[k - 1] + r);
                    }
                }
            var lastStage = _stages[hiddenStages];
            var outputs = new List<int>();
            for (int c = 0; c < lastStage.Outputs; c++)
            {
                bool any = lastStage.Bias[c] != 0;
                foreach (var (u, _) in lastStage.Cols[c])
                {
                    any = true;
                    if (hiddenStages == 0 ? !IsConstant(u) : !constant[hiddenStages - 1][u]) Union(c, hiddenStages == 0 ? u : offsets[hiddenStages - 1] + u);
                }
                if (any) outputs.Add(c);
            }
            // A claimed slot is one value: its coordinates (and an erased slot's) belong to one part.
            foreach (var slot in _claim.Computes.Select(t => t.Output).Concat(_claim.Erases))
                for (int b = 1; b < slot.Dims; b++) Union(slot.Offset, slot.Offset + b);
            var byRoot = new Dictionary<int, Part>();
            Part PartOf(int node)
            {
                int r = Find(node);
                if (!byRoot.TryGetValue(r, out var p)) { p = new Part { Units = Enumerable.Range(0, hiddenStages).Select(_ => new List<int>()).ToArray() }; byRoot[r] = p; result.Add(p); }
                return p;
            }
            foreach (var c in outputs) PartOf(c).Outputs.Add(c);
            foreach (var p in result)
            {
                var extra = p.Outputs.Select(c => _written[c]).Where(w => w != null).Distinct().SelectMany(w => Enumerable.Range(w!.Offset, w.Dims)).ToList();
                foreach (var c in extra) if (!p.Outputs.Contains(c)) p.Outputs.Add(c);
            }
            foreach (var p in result)
            {
                // every unit in the same class, plus all constant units
                for (int k = 0; k < hiddenStages; k++)
                    for (int u = 0; u < _stages[k].Outputs; u++)
                        if (constant[k][u] || ReferenceEquals(byRoot.TryGetValue(Find(offsets[k] + u), out var q) ? q : null, p)) p.Units[k].Add(u);
            }
            foreach (var p in result)
            {
                var coords = new HashSet<int>();
                if (hiddenStages == 0) foreach (var c in p.Outputs) foreach (var (r, _) in lastStage.Cols[c]) coords.Add(r);
                else foreach (var u in p.Units[0]) foreach (var (r, _) in _stages[0].Cols[u]) coords.Add(r);
                foreach (var c in p.Outputs) if (_owner[c] != null) coords.Add(c); // erased slots are read back
                foreach (var r in coords.OrderBy(x => x))
                {
                    var s = _owner[r];
                    if (s != null && s.Role != SlotRole.One && s.Role != SlotRole.Bos && !p.Inputs.Contains(s)) p.Inputs.Add(s);
                }
            }
            return result;
        }

        /// <summary>Evaluates the part's units on an input given as affine forms per coordinate.</summary>
        private Affine[] Evaluate(Part p, Affine[] x)
        {
            Affine[] cur = x;
            for (int k = 0; k < _stages.Length; k++)
            {
                var st = _stages[k];
                bool last = k == _stages.Length - 1;
                var next = new Affine[st.Outputs];
                IEnumerable<int> units = last ? p.Outputs : p.Units[k];
                foreach (var u in units)
                {
                    var a = new Affine { C = st.Bias[u] };
                    foreach (var (r, w) in st.Cols[u])
                    {
                        var xi = cur[r];
                        a.C += w * xi.C;
                        a.R += Math.Abs(w) * xi.R;
                        if (xi.A != null)
                        {
                            if (a.A == null) a.A = new double[xi.A.Length];
                            for (int t = 0; t < xi.A.Length; t++) a.A[t] += w * xi.A[t];
                        }
                    }
                    if (st.Relu)
                    {
                        double lo = a.Lo, hi = a.Hi;
                        if (hi <= 0) a = default;
                        else if (lo < 0) a = new Affine { C = hi / 2, R = hi / 2 };
                    }
                    next[u] = a;
                }
                cur = next;
            }
            return cur;
        }

        private static string Show(double v) => Bottom.Is(v) ? "⊥" : v.ToString("R", CultureInfo.InvariantCulture);

        private void CheckPart(Part p)
        {
            var sets = p.Inputs.Select(s => HeadCheck.SlotValues(_c, s).ToArray()).ToList();
            long product = sets.Aggregate(1L, (a, s) => a * Math.Max(1, s.Length));
            IEnumerable<double[]> combos = Enumeration.Product(sets);
            if (product > ComboBudget)
            {
                var rng = new SeededRandom((ulong)(7919 + _claim.Layer));
                var sample = new List<double[]>();
                foreach (var corner in new[] { 0, 1 })
                    sample.Add(sets.Select(s => s[corner == 0 ? 0 : s.Length - 1]).ToArray());
                // One input (a pointer's clean-up): evenly spaced values cover every range of it; several: seeded random combinations.
                if (sets.Count == 1)
                    for (int t = 1; t <= SampleCount; t++) sample.Add(new[] { sets[0][(int)((long)t * (sets[0].Length - 1) / (SampleCount + 1))] });
                else
                    for (int t = 0; t < SampleCount; t++) sample.Add(sets.Select(s => s[rng.Next(s.Length)]).ToArray());
                combos = sample;
                _stats.Sampled.Add($"{_name}: {sample.Count} of {product} input combinations");
                _stats.Combinations += sample.Count;
            }
            else _stats.Combinations += product;

            // noise symbols: one per raw input coordinate
            var symbol = new Dictionary<int, int>();
            foreach (var s in p.Inputs.Where(s => s.Raw))
                for (int b = 0; b < s.Dims; b++) symbol[s.Offset + b] = symbol.Count;
            var env = new Dictionary<SOp, double>(ReferenceComparer<SOp>.Instance);
            var x = new Affine[_width];
            var point = new Affine[_width];
            foreach (var combo in combos)
            {
                Array.Clear(x, 0, x.Length); Array.Clear(point, 0, point.Length);
                env.Clear();
                foreach (var s in _live)
                    if (s.Role == SlotRole.One) x[s.Offset] = point[s.Offset] = new Affine { C = 1 };
                string witness = string.Join(", ", p.Inputs.Select((s, i) => s.Label + " = " + Show(combo[i])));
                for (int i = 0; i < p.Inputs.Count; i++)
                {
                    var s = p.Inputs[i];
                    if (s.Node != null) env[s.Node] = combo[i];
                    var e = IrSemantics.Encode(s, combo[i]) ?? throw new ValidationFailure(_name, $"input '{s.Label}' cannot encode {Show(combo[i])}", witness);
                    for (int b = 0; b < s.Dims; b++)
                    {
                        point[s.Offset + b] = new Affine { C = e[b] };
                        var a = new Affine { C = e[b] };
                        if (s.Raw)
                        {
                            if (!_eps.TryGetValue(s, out var eps)) throw new ValidationFailure(_name, $"reads raw slot '{s.Label}', which no head writes", "");
                            a.A = new double[symbol.Count];
                            // A count 1/(1+c) reads 1 on the sink and 0 elsewhere, so leaked or uneven weight moves it by a share of itself.
                            a.A[symbol[s.Offset + b]] = s.WidthFraction ? eps[b] * Math.Abs(e[b]) : eps[b];
                        }
                        x[s.Offset + b] = a;
                    }
                }
                var outA = Evaluate(p, x);
                var outP = Evaluate(p, point);
                var expected = new Dictionary<ClaimSlot, double[]>();
                foreach (var c in p.Outputs)
                {
                    var o = outA[c];
                    var w = _written[c];
                    if (w != null)
                    {
                        if (!expected.TryGetValue(w, out var code))
                        {
                            var node = _claim.Computes.First(t => ReferenceEquals(t.Output, w)).Node;
                            double v = Expected(w, node, env, witness);
                            code = IrSemantics.Encode(w, v) ?? throw new ValidationFailure(_name, $"'{w.Label}' = {Show(v)} is outside its code's domain", witness);
                            expected[w] = code;
                            if (ReferenceEquals(w, _c.Output))
                            {
                                var lo = new double[w.Dims]; var hi = new double[w.Dims];
                                for (int b = 0; b < w.Dims; b++) { lo[b] = outA[w.Offset + b].Lo; hi[b] = outA[w.Offset + b].Hi; }
                                var why = ReadoutCheck.Rejects(_readout, lo, hi, v);
                                if (why != null) throw new ValidationFailure(_name, $"output '{w.Label}' does not decode to {Show(v)}: {why}", witness);
                            }
                        }
                        if (ReferenceEquals(w, _c.Output)) continue;
                        double want = code[c - w.Offset];
                        double tol = 1e-6 * (1 + Math.Abs(want));
                        if (!(Math.Abs(o.Lo - want) <= tol && Math.Abs(o.Hi - want) <= tol))
                            throw new ValidationFailure(_name, $"writes {o.Lo:G8}..{o.Hi:G8} to '{w.Label}' coordinate {c - w.Offset}, expected {want:G8} (the code of {Show(env.Count > 0 ? Eval(w, env) : double.NaN)})", witness);
                    }
                    else if (_owner[c] is ClaimSlot erased && _claim.Erases.Contains(erased))
                    {
                        double before = point[c].C;
                        double after = before + outP[c].C;
                        double e = _eps.TryGetValue(erased, out var ee) ? ee[c - erased.Offset] : 0;
                        double after2 = Math.Max(Math.Abs(x[c].C + o.Lo), Math.Abs(x[c].C + o.Hi));
                        if (Math.Abs(after) > 1e-9 * (1 + Math.Abs(before)) || after2 > 1e-9 * (1 + Math.Abs(before)) + 4 * e)
                            throw new ValidationFailure(_name, $"leaves {after:G6} in erased slot '{erased.Label}' coordinate {c - erased.Offset}", witness);
                    }
                    else if (Math.Abs(o.Lo) > 1e-9 || Math.Abs(o.Hi) > 1e-9)
                        throw new ValidationFailure(_name, $"writes {o.Lo:G6}..{o.Hi:G6} to residual coordinate {c}, which it does not claim ({(_owner[c] is ClaimSlot s ? "'" + s.Label + "'" : "free")})", witness);
                }
            }
        }

        /// <summary>The node's value from the inputs read; values it does not read must not change it.</summary>
        private double Expected(ClaimSlot w, SOp node, Dictionary<SOp, double> env, string witness)
        {
            if (IrSemantics.TryEval(_c, node, env, out var v)) return v;
            var roots = new List<SOp>();
            IrSemantics.Roots(_c, node, roots);
            var missing = roots.Where(r => !env.ContainsKey(r)).ToList();
            var sets = missing.Select(r => IrSemantics.RootValues(_c, r)).ToList();
            if (sets.Aggregate(1L, (a, x) => a * Math.Max(1, x.Length)) > (1 << 16))
                throw new ValidationFailure(_name, $"computes '{w.Label}' without reading {string.Join(", ", missing.Select(_c.Label))}", witness);
            double[]? first = null; double firstV = 0;
            var local = new Dictionary<SOp, double>(env, ReferenceComparer<SOp>.Instance);
            foreach (var combo in Enumeration.Product(sets))
            {
                for (int i = 0; i < missing.Count; i++) local[missing[i]] = combo[i];
                IrSemantics.TryEval(_c, node, local, out var x);
                var e = IrSemantics.Encode(w, x) ?? throw new ValidationFailure(_name, $"'{w.Label}' = {Show(x)} is outside its code's domain", witness);
                if (first == null) { first = e; firstV = x; }
                else if (!first.SequenceEqual(e))
                    throw new ValidationFailure(_name, $"computes '{w.Label}' without reading {string.Join(", ", missing.Select(_c.Label))}, on which it depends ({Show(firstV)} vs {Show(x)})", witness);
            }
            return firstV;
        }

        private double Eval(ClaimSlot w, Dictionary<SOp, double> env)
        {
            var node = _claim.Computes.First(t => ReferenceEquals(t.Output, w)).Node;
            IrSemantics.TryEval(_c, node, env, out var v);
            return v;
        }

        /// <summary>At the sink: one = bos = 1, values 0, raw slots anywhere in the hull of their codes; nothing written may move.</summary>
        private void CheckBos()
        {
            if (_stages.Length == 0) return;
            var all = new Part
            {
                Units = Enumerable.Range(0, _stages.Length - 1).Select(k => Enumerable.Range(0, _stages[k].Outputs).ToList()).ToArray(),
                Outputs = Enumerable.Range(0, _stages[_stages.Length - 1].Outputs).ToList(),
            };
            var raws = _live.Where(s => s.Raw).ToList();
            var hulls = new Dictionary<ClaimSlot, (double[] Lo, double[] Hi)>();
            foreach (var s in raws)
            {
                var lo = new double[s.Dims]; var hi = new double[s.Dims];
                foreach (var v in HeadCheck.SlotValues(_c, s).Concat(new[] { s.WidthFraction ? 0.0 : Bottom.Value }))
                {
                    var e = IrSemantics.Encode(s, v);
                    if (e == null) continue;
                    for (int b = 0; b < s.Dims; b++) { lo[b] = Math.Min(lo[b], e[b]); hi[b] = Math.Max(hi[b], e[b]); }
                }
                if (s.WidthFraction) { lo[0] = 0; hi[0] = 1; }
                hulls[s] = (lo, hi);
            }
            int symbols = raws.Sum(s => s.Dims);
            Affine[] Input(Func<ClaimSlot, int, (double C, double R)> raw, bool affine)
            {
                var x = new Affine[_width];
                foreach (var s in _live)
                {
                    if (s.Role == SlotRole.One || s.Role == SlotRole.Bos) x[s.Offset] = new Affine { C = 1 };
                }
                int sym = 0;
                foreach (var s in raws)
                    for (int b = 0; b < s.Dims; b++, sym++)
                    {
                        var (c, r) = raw(s, b);
                        var a = new Affine { C = c };
                        if (affine && r > 0) { a.A = new double[symbols]; a.A[sym] = r; }
                        x[s.Offset + b] = a;
                    }
                return x;
            }
            var points = new List<Affine[]>
            {
                Input((s, b) => (hulls[s].Lo[b], 0), false),
                Input((s, b) => (hulls[s].Hi[b], 0), false),
                Input((s, b) => ((hulls[s].Lo[b] + hulls[s].Hi[b]) / 2, 0), false),
            };
            var box = Input((s, b) => ((hulls[s].Lo[b] + hulls[s].Hi[b]) / 2, (hulls[s].Hi[b] - hulls[s].Lo[b]) / 2), true);
            foreach (var x in points.Concat(new[] { box }))
            {
                bool isBox = ReferenceEquals(x, box);
                var o = Evaluate(all, x);
                foreach (var c in all.Outputs)
                {
                    var erased = _owner[c] is ClaimSlot s && _claim.Erases.Contains(s) ? s : null;
                    if (erased != null)
                    {
                        if (isBox) continue;
                        double after = x[c].C + o[c].C;
                        if (Math.Abs(after) > 1e-9 * (1 + Math.Abs(x[c].C)))
                            throw new ValidationFailure(_name, $"at the BOS sink leaves {after:G6} in erased slot '{erased.Label}'", "BOS");
                        continue;
                    }
                    if (Math.Abs(o[c].Lo) > 1e-9 || Math.Abs(o[c].Hi) > 1e-9)
                        throw new ValidationFailure(_name, $"at the BOS sink writes {o[c].Lo:G6}..{o[c].Hi:G6} to coordinate {c} ({(_written[c] is ClaimSlot w ? "'" + w.Label + "'" : "unclaimed")}); the sink must stay 0", "BOS");
                }
            }
        }
    }
}
