using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Circuits.Compiler.Emit
{
    /// <summary>
    /// Emits the private kernel class: scratch buffers, the embedding, one method per head (sparse projections, then a
    /// streaming softmax over key blocks) and per MLP (CSR stages), and the driver that runs the layers in order.
    /// </summary>
    internal sealed class KernelEmitter
    {
        /// <summary>Score (value) dimensions up to this many are unrolled into explicit SIMD code; more use a loop.</summary>
        private const int Unroll = 8;
        private const string Tp = "global::System.Numerics.Tensors.TensorPrimitives";
        private const string Ros = "global::System.ReadOnlySpan";

        private readonly ModelPlan _plan;
        private readonly Real _real;
        private readonly CodeWriter _w;
        private readonly List<(string Name, string Type, IReadOnlyList<string> Items)> _tables = new List<(string, string, IReadOnlyList<string>)>();

        /// <summary>"new global::System.Span&lt;float&gt;" (no AsSpan: the emitted file has no using directives).</summary>
        private string Sp => "new global::System.Span<" + _real.Name + ">";

        public KernelEmitter(ModelPlan plan, CodeWriter writer)
        {
            _plan = plan;
            _real = plan.Real;
            _w = writer;
        }

        /// <summary>The kernel class name nested in the user's class.</summary>
        public const string ClassName = "CircuitsKernel";

        public void Emit()
        {
            _w.Line("/// <summary>The specialised pass: weights as static data, one method per head and MLP. Not part of the public API.</summary>");
            using (_w.Block("private static class " + ClassName))
            {
                _w.Line("/// <summary>Positions of a full-length pass: the BOS sink plus <see cref=\"MaxLength\"/> tokens.</summary>");
                _w.Line("internal const int Positions = MaxLength + 1;");
                _w.Line("/// <summary>Keys per streaming-softmax block.</summary>");
                _w.Line("private const int KeyBlock = " + Margins.KeyBlock + ";");
                _w.Line("/// <summary>Scores this far below the running maximum are clamped before exp (as in the generic engine).</summary>");
                _w.Line("private const " + _real.Name + " ExpFloor = " + _real.Literal(-100) + ";");
                _w.Line();
                _w.Line("[global::System.ThreadStatic]");
                _w.Line("private static Scratch? scratch;");
                _w.Line();
                EmitScratch();
                _w.Line();
                EmitDriver();
                _w.Line();
                EmitEmbedding();
                foreach (var (heads, mlp) in _plan.Layers)
                {
                    foreach (var h in heads)
                    {
                        if (h.Dv == 0) continue;
                        _w.Line();
                        EmitHead(h);
                    }
                    if (mlp is not null)
                    {
                        _w.Line();
                        EmitMlp(mlp);
                    }
                }
                ReadoutEmitter.EmitKernelPart(_plan, _w);
                EmitTables();
            }
        }

        private void EmitScratch()
        {
            string t = _real.Name;
            _w.Line("/// <summary>Per-thread buffers, allocated once for <see cref=\"Positions\"/> positions; every call reuses them.</summary>");
            using (_w.Block("internal sealed class Scratch"))
            {
                _w.Line($"public readonly {t}[] X = new {t}[Positions * Width];");
                _w.Line($"public readonly {t}[] Delta = new {t}[Positions * Width];");
                _w.Line($"public readonly {t}[] Queries = new {t}[Positions * {_plan.MaxDq}];");
                _w.Line($"public readonly {t}[] KeysT = new {t}[{_plan.MaxDq} * Positions];");
                _w.Line($"public readonly {t}[] ValuesT = new {t}[{_plan.MaxDv} * Positions];");
                _w.Line($"public readonly {t}[] Scores = new {t}[KeyBlock];");
                _w.Line($"public readonly {t}[] HiddenA = new {t}[{_plan.MaxHidden}];");
                _w.Line($"public readonly {t}[] HiddenB = new {t}[{_plan.MaxHidden}];");
                _w.Line($"public readonly double[] Readout = new double[{_plan.Output.Dims}];");
            }
        }

        private void EmitDriver()
        {
            _w.Line("/// <summary>Runs every layer on validated ids; the final residual is left in the returned scratch.</summary>");
            using (_w.Block($"internal static Scratch Compute({Ros}<int> ids)"))
            {
                _w.Line("Scratch s = scratch ??= new Scratch();");
                _w.Line("int count = ids.Length + 1; // BOS sink + tokens");
                _w.Line("Embed(ids, s.X, count);");
                for (int l = 0; l < _plan.Layers.Count; l++)
                {
                    var (heads, mlp) = _plan.Layers[l];
                    var live = heads.Where(h => h.Dv > 0).ToList();
                    _w.Line();
                    _w.Line($"// Layer {l}: {heads.Count} head(s){(mlp is null ? "" : ", MLP")}.");
                    if (live.Count > 0)
                    {
                        _w.Line($"global::System.Span<{_real.Name}> x{l} = {Sp}(s.X, 0, count * Width), d{l} = {Sp}(s.Delta, 0, count * Width);");
                        _w.Line($"d{l}.Clear();");
                        foreach (var h in live) _w.Line($"{h.Name}(s, count); // {Literals.Comment(h.Label)}");
                        _w.Line($"{Tp}.Add(x{l}, d{l}, x{l});");
                    }
                    foreach (var h in heads.Where(h => h.Dv == 0))
                        _w.Line($"// head {h.Index} ({Literals.Comment(h.Label)}) writes nothing: no value dimension reaches the residual.");
                    if (mlp is not null) _w.Line($"{mlp.Name}(s, count); // {Literals.Comment(mlp.Label)}");
                }
                _w.Line("return s;");
            }
        }

        private void EmitEmbedding()
        {
            string t = _real.Name;
            var (tc, tt) = _plan.TokenColumns;
            var positions = _plan.Positions;
            var pc = positions.TableColumns;
            _tables.Add(("TokenColumns", "int", tc.Select(c => Literals.Int(c)).ToList()));
            _tables.Add(("TokenEmbedding", t, tt.Select(_real.Literal).ToList()));
            if (pc.Length > 0)
            {
                _tables.Add(("PositionColumns", "int", pc.Select(c => Literals.Int(c)).ToList()));
                _tables.Add(("PositionEmbedding", t, positions.Table.Select(_real.Literal).ToList()));
            }

            _w.Line("/// <summary>");
            _w.Line("/// BOS at position 0; token t at position t + 1 gets its token row plus position row t (non-zero columns only).");
            if (positions.Formulas.Count > 0)
                _w.Line("/// Position columns are formulas of the index t, each checked against every row of the model's table when this was emitted"
                    + (pc.Length > 0 ? "; the columns no formula reproduces are read from a table." : "."));
            _w.Line("/// </summary>");
            using (_w.Block($"private static void Embed({Ros}<int> ids, {t}[] x, int count)"))
            {
                _w.Line($"{Sp}(x, 0, count * Width).Clear();");
                foreach (var term in _plan.Bos) _w.Line($"x[{term.Index}] = {_real.Literal(term.Weight)};");
                _w.Line($"{Ros}<int> tokenColumns = TokenColumns;");
                _w.Line($"{Ros}<{t}> tokens = TokenEmbedding;");
                if (pc.Length > 0)
                {
                    _w.Line($"{Ros}<int> positionColumns = PositionColumns;");
                    _w.Line($"{Ros}<{t}> positions = PositionEmbedding;");
                }
                using (_w.Block("for (int t = 0; t < ids.Length; t++)"))
                {
                    _w.Line("int o = (t + 1) * Width;");
                    _w.Line($"{Ros}<{t}> token = tokens.Slice(ids[t] * {tc.Length}, {tc.Length});");
                    _w.Line($"for (int c = 0; c < {tc.Length}; c++) x[o + tokenColumns[c]] = token[c];");
                    EmitPositionFormulas(positions.Formulas);
                    if (pc.Length > 0)
                    {
                        _w.Line($"{Ros}<{t}> position = positions.Slice(t * {pc.Length}, {pc.Length});");
                        _w.Line($"for (int c = 0; c < {pc.Length}; c++) x[o + positionColumns[c]] += position[c];");
                    }
                }
            }
        }

        /// <summary>One statement per formula column, grouped by the range of token indices where it is non-zero.</summary>
        private void EmitPositionFormulas(IReadOnlyList<PositionFormula> formulas)
        {
            if (formulas.Count == 0) return;
            if (formulas.Any(f => f.ReadsIndex))
                _w.Line("double index = t; // formulas of the index are evaluated in double, then rounded once to the compute type");
            var labels = _plan.Model.ResidualLabels;
            foreach (var range in formulas.GroupBy(f => (f.From, f.To)).OrderBy(g => g.Key.From).ThenByDescending(g => g.Key.To))
            {
                var (from, to) = range.Key;
                string? condition = from == 0 && to == _plan.MaxLength - 1 ? null
                    : from == to ? $"t == {from}"
                    : from == 0 ? $"t <= {to}"
                    : to == _plan.MaxLength - 1 ? $"t >= {from}"
                    : $"t >= {from} && t <= {to}";
                using (condition is null ? null : _w.Block($"if ({condition})"))
                    foreach (var f in range)
                    {
                        string label = labels is not null && labels.Length == _plan.Width && !string.IsNullOrEmpty(labels[f.Column]) ? Literals.Comment(labels[f.Column]) + ": " : "";
                        _w.Line($"x[o + {f.Column}] += {f.Expression(_real)}; // {label}{f.Describe()}");
                    }
            }
        }

        /// <summary>"x[o + 3] * 2f + x[o + 7]" (ascending coordinates, as the engine sums); "0f" for no terms.</summary>
        private string Dot(IReadOnlyList<Term> terms, string array, string offset)
            => Dot(terms, index => $"{array}[{offset}{index}]");

        private string Dot(IReadOnlyList<Term> terms, System.Func<int, string> reader)
        {
            if (terms.Count == 0) return _real.Zero;
            var sb = new StringBuilder();
            for (int i = 0; i < terms.Count; i++)
            {
                var term = terms[i];
                string read = reader(term.Index);
                string part = term.Weight == 1 ? read : term.Weight == -1 ? "-" + read : $"{read} * {_real.Literal(term.Weight)}";
                if (i == 0) sb.Append(part);
                else if (part.StartsWith("-", System.StringComparison.Ordinal)) sb.Append(" - ").Append(part.Substring(1));
                else sb.Append(" + ").Append(part);
            }
            return sb.ToString();
        }

        private void EmitHead(HeadPlan h)
        {
            string t = _real.Name;
            int dq = h.Dq, dv = h.Dv;
            _w.Line($"/// <summary>Layer {h.Layer}, head {h.Index} ({h.Mask}): {Xml(h.Label)}. {dq} score and {dv} value dimension(s) after dropping structurally zero ones.</summary>");
            using (_w.Block($"private static void {h.Name}(Scratch s, int count)"))
            {
                _w.Line($"{t}[] x = s.X, delta = s.Delta, q = s.Queries, k = s.KeysT, v = s.ValuesT;");
                _w.Line("// Project every position once: q row-major, k and v transposed so a block of keys is contiguous.");
                using (_w.Block("for (int p = 0; p < count; p++)"))
                {
                    _w.Line("int o = p * Width;");
                    for (int c = 0; c < dq; c++) _w.Line($"q[p * {dq} + {c}] = {Dot(h.Query[c], "x", "o + ")};");
                    for (int c = 0; c < dq; c++) _w.Line($"k[{Row(c)}p] = {Dot(h.Key[c], "x", "o + ")};");
                    for (int e = 0; e < dv; e++) _w.Line($"v[{Row(e)}p] = {Dot(h.Value[e], "x", "o + ")};");
                }
                _w.Line($"global::System.Span<{t}> num = stackalloc {t}[{dv}];");
                using (_w.Block("for (int i = 0; i < count; i++)"))
                {
                    _w.Line($"{Ros}<{t}> qi = {Sp}(q, i * {dq}, {dq});");
                    _w.Line($"{t} max = {t}.NegativeInfinity, den = {_real.Zero};");
                    _w.Line("num.Clear();");
                    string Call(string a, string b) => $"{h.Name}Keys(s, qi, {a}, {b}, ref max, ref den, num);";
                    switch (h.Mask)
                    {
                        case AttentionMask.Causal:
                            _w.Line("// Causal: BOS and keys 1..i, one contiguous range.");
                            _w.Line(Call("0", "i + 1"));
                            break;
                        case AttentionMask.StrictCausal:
                            _w.Line("// Strictly causal: BOS and keys 1..i-1.");
                            _w.Line(Call("0", "global::System.Math.Max(i, 1)"));
                            break;
                        case AttentionMask.AntiCausal:
                            _w.Line("// Anti-causal: BOS and keys max(i, 1)..count-1.");
                            _w.Line($"if (i <= 1) {Call("0", "count")}");
                            _w.Line($"else {{ {Call("0", "1")} {Call("i", "count")} }}");
                            break;
                        case AttentionMask.StrictAntiCausal:
                            _w.Line("// Strictly anti-causal: BOS and keys i+1..count-1.");
                            _w.Line($"if (i == 0) {Call("0", "count")}");
                            _w.Line($"else {{ {Call("0", "1")} if (i + 1 < count) {Call("i + 1", "count")} }}");
                            break;
                        default:
                            _w.Line("// Bidirectional: every position.");
                            _w.Line(Call("0", "count"));
                            break;
                    }
                    _w.Line("int o = i * Width;");
                    for (int e = 0; e < dv; e++) _w.Line($"{t} a{e} = num[{e}] / den;");
                    // delta_i += a · W_O, one statement per residual column the head writes.
                    var columns = new SortedDictionary<int, List<Term>>();
                    for (int e = 0; e < dv; e++)
                        foreach (var term in h.Output[e])
                        {
                            if (!columns.TryGetValue(term.Index, out var list)) columns[term.Index] = list = new List<Term>();
                            list.Add(new Term(e, term.Weight));
                        }
                    foreach (var kv in columns) _w.Line($"delta[o + {kv.Key}] += {Dot(kv.Value, e => "a" + e)};");
                }
            }
            _w.Line();
            EmitKeys(h);
        }

        private static string Row(int c) => c == 0 ? "" : c == 1 ? "Positions + " : $"{c} * Positions + ";

        private void EmitKeys(HeadPlan h)
        {
            string t = _real.Name, vec = _real.Vector, m = _real.MathClass;
            int dq = h.Dq, dv = h.Dv;
            _w.Line($"/// <summary>Online softmax of {h.Name} over keys [start, end) in blocks: scores, block max (rescaling the running sums when it grows), then exp-weighted sums.</summary>");
            using (_w.Block($"private static void {h.Name}Keys(Scratch s, {Ros}<{t}> qi, int start, int end, ref {t} max, ref {t} den, global::System.Span<{t}> num)"))
            {
                _w.Line($"{t}[] k = s.KeysT, v = s.ValuesT, sc = s.Scores;");
                bool unrollQ = dq <= Unroll, unrollV = dv <= Unroll;
                if (unrollQ)
                {
                    for (int c = 0; c < dq; c++) _w.Line($"{t} q{c} = qi[{c}];");
                    for (int c = 0; c < dq; c++) _w.Line($"{vec} vq{c} = new {vec}(q{c});");
                }
                _w.Line($"{vec} floor = new {vec}(ExpFloor);");
                using (_w.Block("for (int b = start; b < end; b += KeyBlock)"))
                {
                    _w.Line("int len = global::System.Math.Min(KeyBlock, end - b);");
                    _w.Line("int j = 0;");
                    _w.Line($"{t} blockMax;");
                    if (unrollQ)
                    {
                        _w.Line($"{vec} vmax = new {vec}({t}.NegativeInfinity);");
                        using (_w.Block($"for (; j <= len - {vec}.Count; j += {vec}.Count)"))
                        {
                            var parts = Enumerable.Range(0, dq).Select(c => $"vq{c} * new {vec}(k, {Row(c)}b + j)").ToList();
                            _w.Line($"{vec} score = {(dq == 0 ? vec + ".Zero" : string.Join(" + ", parts))};");
                            _w.Line("score.CopyTo(sc, j);");
                            _w.Line("vmax = global::System.Numerics.Vector.Max(vmax, score);");
                        }
                        _w.Line($"blockMax = {t}.NegativeInfinity;");
                        _w.Line($"for (int c = 0; c < {vec}.Count; c++) if (vmax[c] > blockMax) blockMax = vmax[c];");
                        using (_w.Block("for (; j < len; j++)"))
                        {
                            var parts = Enumerable.Range(0, dq).Select(c => $"q{c} * k[{Row(c)}b + j]").ToList();
                            _w.Line($"{t} score = {(dq == 0 ? _real.Zero : string.Join(" + ", parts))};");
                            _w.Line("sc[j] = score;");
                            _w.Line("if (score > blockMax) blockMax = score;");
                        }
                    }
                    else
                    {
                        _w.Line($"global::System.Span<{t}> scores = {Sp}(sc, 0, len);");
                        _w.Line("scores.Clear();");
                        _w.Line($"for (int c = 0; c < {dq}; c++) {Tp}.MultiplyAdd({Sp}(k, c * Positions + b, len), qi[c], scores, scores);");
                        _w.Line($"blockMax = {Tp}.Max<{t}>(scores);");
                    }
                    using (_w.Block("if (blockMax > max)"))
                    {
                        _w.Line("// First block: max is -inf, so the scale is 0 and the (zero) sums stay zero.");
                        _w.Line($"{t} scale = {m}.Exp(max - blockMax);");
                        _w.Line("den *= scale;");
                        _w.Line("for (int e = 0; e < num.Length; e++) num[e] *= scale;");
                        _w.Line("max = blockMax;");
                    }
                    // Shift and clamp in one pass, exponentiate with TensorPrimitives (widest SIMD the machine has), then sum.
                    _w.Line($"{vec} vm = new {vec}(max);");
                    _w.Line("j = 0;");
                    _w.Line($"for (; j <= len - {vec}.Count; j += {vec}.Count) global::System.Numerics.Vector.Max(new {vec}(sc, j) - vm, floor).CopyTo(sc, j);");
                    _w.Line($"for (; j < len; j++) sc[j] = {m}.Max(sc[j] - max, ExpFloor);");
                    _w.Line($"global::System.Span<{t}> weights = {Sp}(sc, 0, len);");
                    _w.Line($"{Tp}.Exp<{t}>(weights, weights);");
                    if (unrollV)
                    {
                        _w.Line($"{vec} vden = {vec}.Zero;");
                        for (int e = 0; e < dv; e++) _w.Line($"{vec} vn{e} = {vec}.Zero;");
                        _w.Line("j = 0;");
                        using (_w.Block($"for (; j <= len - {vec}.Count; j += {vec}.Count)"))
                        {
                            _w.Line($"{vec} p = new {vec}(sc, j);");
                            _w.Line("vden += p;");
                            for (int e = 0; e < dv; e++) _w.Line($"vn{e} += p * new {vec}(v, {Row(e)}b + j);");
                        }
                        _w.Line($"{t} blockDen = global::System.Numerics.Vector.Sum(vden);");
                        for (int e = 0; e < dv; e++) _w.Line($"{t} n{e} = global::System.Numerics.Vector.Sum(vn{e});");
                        using (_w.Block("for (; j < len; j++)"))
                        {
                            _w.Line($"{t} p = sc[j];");
                            _w.Line("blockDen += p;");
                            for (int e = 0; e < dv; e++) _w.Line($"n{e} += p * v[{Row(e)}b + j];");
                        }
                        _w.Line("den += blockDen;");
                        for (int e = 0; e < dv; e++) _w.Line($"num[{e}] += n{e};");
                    }
                    else
                    {
                        _w.Line($"den += {Tp}.Sum<{t}>(weights);");
                        _w.Line($"for (int e = 0; e < {dv}; e++) num[e] += {Tp}.Dot<{t}>({Sp}(sc, 0, len), {Sp}(v, e * Positions + b, len));");
                    }
                }
            }
        }

        private void EmitMlp(MlpPlan mlp)
        {
            string t = _real.Name;
            _w.Line($"/// <summary>Layer {mlp.Layer} MLP: {Xml(mlp.Label)}. Stages in CSR form (each unit reads only its non-zero inputs); x += MLP(x) per position.</summary>");
            using (_w.Block($"private static void {mlp.Name}(Scratch s, int count)"))
            {
                _w.Line($"{t}[] x = s.X, a = s.HiddenA, b = s.HiddenB;");
                for (int k = 0; k < mlp.Stages.Count; k++)
                {
                    var st = mlp.Stages[k];
                    string p = $"{mlp.Name}Stage{k}";
                    var starts = new List<string> { "0" };
                    var index = new List<string>();
                    var weights = new List<string>();
                    foreach (var terms in st.Terms)
                    {
                        foreach (var term in terms) { index.Add(Literals.Int(term.Index)); weights.Add(_real.Literal(term.Weight)); }
                        starts.Add(Literals.Int(index.Count));
                    }
                    _tables.Add((p + "Start", "int", starts));
                    _tables.Add((p + "Input", "int", index));
                    _tables.Add((p + "Weight", t, weights));
                    _tables.Add((p + "Bias", t, st.Bias.Select(_real.Literal).ToList()));
                    _w.Line($"{Ros}<int> start{k} = {p}Start, input{k} = {p}Input;");
                    _w.Line($"{Ros}<{t}> weight{k} = {p}Weight, bias{k} = {p}Bias;");
                    if (k == mlp.Stages.Count - 1)
                    {
                        _tables.Add((p + "Column", "int", st.Units.Select(u => Literals.Int(u)).ToList()));
                        _w.Line($"{Ros}<int> column{k} = {p}Column;");
                    }
                }
                using (_w.Block("for (int p = 0; p < count; p++)"))
                {
                    _w.Line("int o = p * Width;");
                    for (int k = 0; k < mlp.Stages.Count; k++)
                    {
                        var st = mlp.Stages[k];
                        bool last = k == mlp.Stages.Count - 1;
                        string src = k == 0 ? "x" : (k - 1) % 2 == 0 ? "a" : "b";
                        string dst = k % 2 == 0 ? "a" : "b";
                        string srcOffset = k == 0 ? "o + " : "";
                        _w.Line($"// Stage {k}: {st.Inputs} inputs -> {st.Units.Count} {(last ? "residual column(s), linear" : "units" + (st.Relu ? ", ReLU" : ", linear"))}.");
                        using (_w.Block($"for (int u = 0; u < {st.Units.Count}; u++)"))
                        {
                            _w.Line($"{t} acc = bias{k}[u];");
                            _w.Line($"for (int n = start{k}[u]; n < start{k}[u + 1]; n++) acc += {src}[{srcOffset}input{k}[n]] * weight{k}[n];");
                            _w.Line(st.Relu ? $"{dst}[u] = acc > {_real.Zero} ? acc : {_real.Zero};" : $"{dst}[u] = acc;");
                        }
                        if (last) _w.Line($"for (int u = 0; u < {st.Units.Count}; u++) x[o + column{k}[u]] += {dst}[u];");
                    }
                }
            }
        }

        private void EmitTables()
        {
            if (_tables.Count == 0) return;
            _w.Line();
            _w.Line("// Weights: only the non-zero structure, as static data (no allocation: the compiler maps these to the assembly's data section).");
            foreach (var (name, type, items) in _tables)
            {
                if (items.Count == 0)
                {
                    _w.Line($"private static {Ros}<{type}> {name} => {Ros}<{type}>.Empty;");
                    continue;
                }
                _w.Line($"private static {Ros}<{type}> {name} => new {type}[]");
                using (_w.Open("};"))
                    foreach (var line in Literals.Wrap(items, type == "int" ? 16 : 8)) _w.Line(line);
            }
        }

        /// <summary>Text safe inside an XML doc comment line.</summary>
        internal static string Xml(string? s)
            => Literals.Comment(s).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
