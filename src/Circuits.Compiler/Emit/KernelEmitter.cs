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
        /// <summary>Value dimensions up to this many are unrolled into explicit SIMD accumulators; more use a loop.</summary>
        private const int Unroll = 8;
        /// <summary>Score dimensions up to this many keep q in vector registers (16 of them plus the score fit the 32 AVX-512 registers); more use a loop.</summary>
        private const int UnrollScores = 16;
        private const string Tp = "global::System.Numerics.Tensors.TensorPrimitives";
        private const string Ros = "global::System.ReadOnlySpan";

        private readonly ModelPlan _plan;
        private readonly Real _real;
        private readonly CodeWriter _w;
        private readonly List<Table> _tables = new List<Table>();

        /// <summary>
        /// A static table of the kernel: literal items (a span over the assembly's data), or an expression: a view of another
        /// table, or a static readonly field initialised when the type loads.
        /// </summary>
        private sealed class Table
        {
            public Table(string name, string type, IReadOnlyList<string> items) { Name = name; Type = type; Items = items; }
            private Table(string name, string type, string expression, bool field)
            {
                Name = name; Type = type; Items = System.Array.Empty<string>(); Expression = expression; Field = field;
            }
            /// <summary>A span property <paramref name="name"/> => <paramref name="expression"/> over <paramref name="type"/> elements.</summary>
            public static Table View(string name, string type, string expression) => new Table(name, type, expression, field: false);
            /// <summary>A static readonly field of <paramref name="type"/> initialised with <paramref name="expression"/>.</summary>
            public static Table Initialised(string name, string type, string expression, string comment)
                => new Table(name, type, expression, field: true) { Comment = comment };
            public string Name { get; }
            /// <summary>The element type; for a field, the field's type.</summary>
            public string Type { get; }
            public IReadOnlyList<string> Items { get; }
            /// <summary>Null for a literal table.</summary>
            public string? Expression { get; }
            public bool Field { get; }
            /// <summary>A comment line before the declaration; null for none.</summary>
            public string? Comment { get; private set; }
        }

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
                _w.Line("/// <summary>Keys per softmax block (the runtime's SoftmaxLanes.KeyBlock, the precision analysis' summation block).</summary>");
                _w.Line("private const int KeyBlock = " + Margins.KeyBlock + ";");
                _w.Line("/// <summary>Row stride of the transposed key and value layouts: a tail vector (at most 64 lanes) stays inside the row.</summary>");
                _w.Line("private const int KeyStride = Positions + 64;");
                int maxDq = LiveHeads().Select(h => h.Dq).DefaultIfEmpty(0).Max();
                _w.Line("/// <summary>Where score dimension c's row starts in a head's transposed keys (the rows KeyScores reads).</summary>");
                _w.Line($"private static readonly int[] KeyRows = new int[] {{ {string.Join(", ", Enumerable.Range(0, maxDq).Select(c => c == 0 ? "0" : c == 1 ? "KeyStride" : $"{c} * KeyStride"))} }};");
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
                _w.Line("public readonly double[] Readout = new double[" + _plan.Output.Dims + "];");
                _w.Line("/// <summary>Positions of the running call (BOS included).</summary>");
                _w.Line("public int Count;");
                _w.Line("/// <summary>Per head: q row-major, K and V transposed so a run of keys is contiguous.</summary>");
                foreach (var h in LiveHeads())
                {
                    _w.Line($"public readonly {t}[] {h.Name}Q = new {t}[Positions * {h.Dq}];");
                    _w.Line($"public readonly {t}[] {h.Name}K = new {t}[{h.Dq} * KeyStride];");
                    _w.Line($"public readonly {t}[] {h.Name}V = new {t}[{h.Dv} * KeyStride];");
                    _w.Line($"public readonly global::Circuits.KeyBlockBounds<{t}> {h.Name}Bounds = new global::Circuits.KeyBlockBounds<{t}>({h.Dq}, Positions);");
                }
                _w.Line("/// <summary>One scratch per thread of a fork (worker 0 is the calling thread).</summary>");
                _w.Line("public readonly Worker[] Workers = new Worker[global::Circuits.ForkJoin<Scratch>.DefaultThreads];");
                _w.Line("public readonly global::Circuits.ForkJoin<Scratch> Fork;");
                using (_w.Block("public Scratch()"))
                {
                    _w.Line("for (int w = 0; w < Workers.Length; w++) Workers[w] = new Worker();");
                    _w.Line("Fork = new global::Circuits.ForkJoin<Scratch>(this, Workers.Length);");
                }
            }
            _w.Line();
            _w.Line("/// <summary>One thread's row buffers.</summary>");
            using (_w.Block("internal sealed class Worker"))
            {
                _w.Line($"public readonly {t}[] Scores = new {t}[KeyStride];");
                _w.Line($"public readonly {t}[] BlockMax = new {t}[Positions / KeyBlock + 3];");
                _w.Line($"public readonly {t}[] Delta = new {t}[Width];");
                _w.Line($"public readonly {t}[] Numerators = new {t}[{_plan.MaxDv}];");
                _w.Line($"public readonly {_real.Vector}[] Lanes = new {_real.Vector}[{_plan.MaxDv}];");
                _w.Line($"public readonly {t}[] HiddenA = new {t}[{_plan.MaxHidden}];");
                _w.Line($"public readonly {t}[] HiddenB = new {t}[{_plan.MaxHidden}];");
                _w.Line($"public readonly global::Circuits.RowBounds<{t}> Bounds = new global::Circuits.RowBounds<{t}>(Positions);");
            }
        }

        private IEnumerable<HeadPlan> LiveHeads() => _plan.Layers.SelectMany(l => l.Heads).Where(h => h.Dv > 0);

        private void EmitDriver()
        {
            _w.Line("/// <summary>");
            _w.Line("/// Runs every layer on validated ids; the final residual is left in the returned scratch. Each layer is one fork over");
            _w.Line("/// query rows: a row's heads, residual add, MLP and the next layer's projections read only that row and projections");
            _w.Line("/// finished before the fork, so the result does not depend on which thread ran which row.");
            _w.Line("/// </summary>");
            using (_w.Block($"internal static Scratch Compute({Ros}<int> ids)"))
            {
                _w.Line("Scratch s = scratch ??= new Scratch();");
                _w.Line("int count = ids.Length + 1; // BOS sink + tokens");
                _w.Line("s.Count = count;");
                _w.Line("Embed(ids, s.X, count);");
                _w.Line("s.Fork.Run(count, static (state, worker, start, end) => Project0(state, start, end));");
                for (int l = 0; l < _plan.Layers.Count; l++)
                {
                    foreach (var h in _plan.Layers[l].Heads.Where(h => h.Dv > 0))
                        _w.Line($"s.{h.Name}Bounds.Compute(s.{h.Name}K, KeyStride, count); // key-block bounds: rows skip blocks that cannot reach the floor");
                    _w.Line($"s.Fork.Run(count, static (state, worker, start, end) => Layer{l}(state, state.Workers[worker], start, end));");
                }
                _w.Line("return s;");
            }
            _w.Line();
            EmitProjections(0);
            for (int l = 0; l < _plan.Layers.Count; l++)
            {
                var (heads, mlp) = _plan.Layers[l];
                var live = heads.Where(h => h.Dv > 0).ToList();
                _w.Line();
                bool projectNext = l + 1 < _plan.Layers.Count && _plan.Layers[l + 1].Heads.Any(h => h.Dv > 0);
                _w.Line($"/// <summary>Layer {l} ({heads.Count} head(s){(mlp is null ? "" : ", MLP")}) at positions [start, end){(projectNext ? $", then layer {l + 1}'s projections there" : "")}.</summary>");
                using (_w.Block($"private static void Layer{l}(Scratch s, Worker w, int start, int end)"))
                {
                    _w.Line($"{_real.Name}[] x = s.X, d = w.Delta;");
                    using (_w.Block("for (int i = start; i < end; i++)"))
                    {
                        _w.Line("int o = i * Width;");
                        if (live.Count > 0)
                        {
                            _w.Line($"{Sp}(d).Clear();");
                            foreach (var h in live) _w.Line($"{h.Name}(s, w, i, d); // {Literals.Comment(h.Label)}");
                            _w.Line($"{Tp}.Add({Sp}(x, o, Width), d, {Sp}(x, o, Width));");
                        }
                        foreach (var h in heads.Where(h => h.Dv == 0))
                            _w.Line($"// head {h.Index} ({Literals.Comment(h.Label)}) writes nothing: no value dimension reaches the residual.");
                        if (mlp is not null) _w.Line($"{mlp.Name}(x, o, w.HiddenA, w.HiddenB); // {Literals.Comment(mlp.Label)}");
                    }
                    if (projectNext) _w.Line($"Project{l + 1}(s, start, end);");
                }
                if (l + 1 < _plan.Layers.Count)
                {
                    _w.Line();
                    EmitProjections(l + 1);
                }
            }
        }

        /// <summary>Project{layer}: q, K^T and V^T of the layer's heads at positions [start, end).</summary>
        private void EmitProjections(int layer)
        {
            var heads = layer < _plan.Layers.Count ? _plan.Layers[layer].Heads.Where(h => h.Dv > 0).ToList() : new List<HeadPlan>();
            _w.Line($"/// <summary>Layer {layer}'s q (row-major), K^T and V^T at positions [start, end).</summary>");
            using (_w.Block($"private static void Project{layer}(Scratch s, int start, int end)"))
            {
                if (heads.Count == 0) { _w.Line("// No head of this layer writes the residual."); return; }
                string arrays = string.Join(", ", heads.Select(h => $"{h.Name}q = s.{h.Name}Q, {h.Name}k = s.{h.Name}K, {h.Name}v = s.{h.Name}V"));
                _w.Line($"{_real.Name}[] x = s.X, {arrays};");
                using (_w.Block("for (int p = start; p < end; p++)"))
                {
                    _w.Line("int o = p * Width;");
                    foreach (var h in heads)
                    {
                        for (int c = 0; c < h.Dq; c++) _w.Line($"{h.Name}q[p * {h.Dq} + {c}] = {Dot(h.Query[c], "x", "o + ")};");
                        for (int c = 0; c < h.Dq; c++) _w.Line($"{h.Name}k[{Row(c)}p] = {Dot(h.Key[c], "x", "o + ")};");
                        for (int e = 0; e < h.Dv; e++) _w.Line($"{h.Name}v[{Row(e)}p] = {Dot(h.Value[e], "x", "o + ")};");
                    }
                }
            }
        }

        private void EmitEmbedding()
        {
            string t = _real.Name;
            var (tc, tt) = _plan.TokenColumns;
            var positions = _plan.Positions;
            var pc = positions.TableColumns;
            _tables.Add(new Table("TokenColumns", "int", tc.Select(c => Literals.Int(c)).ToList()));
            _tables.Add(new Table("TokenEmbedding", t, tt.Select(_real.Literal).ToList()));
            if (pc.Length > 0)
            {
                _tables.Add(new Table("PositionColumns", "int", pc.Select(c => Literals.Int(c)).ToList()));
                _tables.Add(new Table("PositionEmbedding", t, positions.Table.Select(_real.Literal).ToList()));
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
            _w.Line($"/// <summary>Layer {h.Layer}, head {h.Index} ({h.Mask}): {Xml(h.Label)}. {dq} score and {dv} value dimension(s) after dropping structurally zero ones; adds its output at query i to d.</summary>");
            using (_w.Block($"private static void {h.Name}(Scratch s, Worker w, int i, {t}[] d)"))
            {
                _w.Line("// BOS (key 0) is always readable and counted once: alone, contiguous with [lo, hi), or before it.");
                _w.Line($"global::Circuits.Compiler.AttentionMasks.KeyRange(global::Circuits.Compiler.AttentionMask.{h.Mask}, i, s.Count, out int lo, out int hi);");
                _w.Line("int firstEnd = hi <= lo ? 1 : lo == 1 ? hi : 1;");
                _w.Line("bool second = hi > lo && lo > 1;");
                _w.Line("// The block whose scores may be highest first, then the others, passing over blocks that cannot reach the floor");
                _w.Line("// (RowBounds: exact). BOS alone is one block, so a second range's blocks are numbered from 1.");
                _w.Line($"{t} max = {t}.NegativeInfinity;");
                _w.Line($"int best = w.Bounds.Plan(new global::System.ReadOnlySpan<{t}>(s.{h.Name}Q, i * {dq}, {dq}), s.{h.Name}Bounds, firstEnd, lo, hi, second);");
                using (_w.Block("if (best >= 0)"))
                {
                    _w.Line($"max = {h.Name}Scores(s, w, i, w.Bounds.BestStart, w.Bounds.BestEnd, best, max);");
                    _w.Line("w.Bounds.Seed(best);");
                }
                _w.Line($"max = {h.Name}Scores(s, w, i, 0, firstEnd, 0, max);");
                _w.Line($"if (second) max = {h.Name}Scores(s, w, i, lo, hi, 1, max);");
                _w.Line($"{t}[] num = w.Numerators;");
                _w.Line($"{t} den;");
                using (_w.Block($"if (!{t}.IsFinite(max))"))
                {
                    _w.Line("// A NaN or infinite score: no softmax is meaningful. NaN reaches the readout, which refuses it loudly.");
                    _w.Line($"den = {t}.NaN;");
                    _w.Line($"{Sp}(num, 0, {dv}).Fill({t}.NaN);");
                }
                using (_w.Block("else"))
                {
                    _w.Line($"den = {_real.Zero};");
                    _w.Line($"{Sp}(num, 0, {dv}).Clear();");
                    _w.Line($"{h.Name}Weigh(s, w, max, 0, firstEnd, 0, ref den);");
                    _w.Line($"if (second) {h.Name}Weigh(s, w, max, lo, hi, 1, ref den);");
                }
                for (int e = 0; e < dv; e++) _w.Line($"{t} a{e} = num[{e}] / den;");
                // d += a · W_O, one statement per residual column the head writes.
                var columns = new SortedDictionary<int, List<Term>>();
                for (int e = 0; e < dv; e++)
                    foreach (var term in h.Output[e])
                    {
                        if (!columns.TryGetValue(term.Index, out var list)) columns[term.Index] = list = new List<Term>();
                        list.Add(new Term(e, term.Weight));
                    }
                foreach (var kv in columns) _w.Line($"d[{kv.Key}] += {Dot(kv.Value, e => "a" + e)};");
            }
            _w.Line();
            EmitScores(h);
            _w.Line();
            EmitWeigh(h);
        }

        private static string Row(int c) => c == 0 ? "" : c == 1 ? "KeyStride + " : $"{c} * KeyStride + ";

        /// <summary>The first pass over a key range: scores into the row buffer, each block's maximum, and the running maximum (as the engine's Scores).</summary>
        private void EmitScores(HeadPlan h)
        {
            string t = _real.Name, vec = _real.Vector, lanes = $"global::Circuits.SoftmaxLanes<{t}>";
            int dq = h.Dq;
            bool unrollQ = dq <= UnrollScores;
            _w.Line($"/// <summary>{h.Name}'s scores of keys [start, end) into w.Scores (by key position), each key block's maximum into w.BlockMax[firstBlock + n] (−∞ for a block the row's bounds pass over); returns the running maximum (NaN if a score is NaN).</summary>");
            using (_w.Block($"private static {t} {h.Name}Scores(Scratch s, Worker w, int i, int start, int end, int firstBlock, {t} max)"))
            {
                _w.Line($"{t}[] q = s.{h.Name}Q, k = s.{h.Name}K, sc = w.Scores;");
                if (unrollQ) for (int c = 0; c < dq; c++) _w.Line($"{vec} q{c} = new {vec}(q[i * {dq} + {c}]);");
                using (_w.Block("for (int b = start, n = firstBlock; b < end; b += KeyBlock, n++)"))
                {
                    _w.Line($"if (w.Bounds.Skips(n, max, {_real.Literal(h.Floor)}, w.BlockMax)) continue;");
                    _w.Line("int blockEnd = global::System.Math.Min(b + KeyBlock, end);");
                    _w.Line("// The block's bulk in 512-bit registers by the engine's routine (the same floats), the rest a vector at a time.");
                    _w.Line("int j = b;");
                    _w.Line($"{t} wideMax = global::Circuits.KeyScores<{t}>.Block512(k, q, i * {dq}, KeyRows, {dq}, sc, ref j, blockEnd);");
                    _w.Line($"{vec} vmax = {lanes}.MinusInfinity;");
                    using (_w.Block($"for (; j < blockEnd; j += {vec}.Count)"))
                    {
                        if (dq == 0) _w.Line($"{vec} score = {vec}.Zero;");
                        else if (unrollQ)
                            _w.Line($"{vec} score = {string.Join(" + ", Enumerable.Range(0, dq).Select(c => $"q{c} * new {vec}(k, {Row(c)}j)"))};");
                        else
                        {
                            _w.Line($"{vec} score = {vec}.Zero;");
                            _w.Line($"for (int c = 0; c < {dq}; c++) score += new {vec}(q[i * {dq} + c]) * new {vec}(k, c * KeyStride + j);");
                        }
                        using (_w.Block($"if (blockEnd - j < {vec}.Count)"))
                        {
                            _w.Line("// A tail vector keeps the scores past the block's end: another block may already have written them.");
                            _w.Line($"{vec} inBlock = {lanes}.Before(blockEnd - j);");
                            _w.Line($"score = global::System.Numerics.Vector.ConditionalSelect(inBlock, score, {lanes}.MinusInfinity);");
                            _w.Line($"global::System.Numerics.Vector.ConditionalSelect(inBlock, score, new {vec}(sc, j)).CopyTo(sc, j);");
                        }
                        _w.Line("else score.CopyTo(sc, j);");
                        _w.Line("vmax = global::System.Numerics.Vector.Max(vmax, score);");
                    }
                    _w.Line($"{t} blockMax = {lanes}.Max(wideMax, {lanes}.HorizontalMax(vmax));");
                    _w.Line("w.BlockMax[n] = blockMax;");
                    _w.Line($"max = {lanes}.Max(max, blockMax);");
                }
                _w.Line("return max;");
            }
        }

        /// <summary>The second pass: exp-weighted sums of keys [start, end) per key block (as the engine's Weigh).</summary>
        private void EmitWeigh(HeadPlan h)
        {
            string t = _real.Name, vec = _real.Vector, lanes = $"global::Circuits.SoftmaxLanes<{t}>";
            int dv = h.Dv;
            bool unrollV = dv <= Unroll;
            string floor = _real.Literal(h.Floor);
            _w.Line($"/// <summary>{h.Name}: adds e^(s - max) and e^(s - max)·v of keys [start, end) to den and w.Numerators, one key block at a time; keys more than {-h.Floor:R} below the maximum count 0 (the head's floor, see SoftmaxFloor), and a block whose maximum is below it is skipped unread.</summary>");
            using (_w.Block($"private static void {h.Name}Weigh(Scratch s, Worker w, {t} max, int start, int end, int firstBlock, ref {t} den)"))
            {
                _w.Line($"{t}[] sc = w.Scores, v = s.{h.Name}V, num = w.Numerators;");
                if (!unrollV) _w.Line($"{vec}[] vn = w.Lanes;");
                _w.Line($"{vec} vm = new {vec}(max), floor = new {vec}({floor});");
                using (_w.Block("for (int b = start, n = firstBlock; b < end; b += KeyBlock, n++)"))
                {
                    _w.Line($"if (!{lanes}.Reaches(w.BlockMax[n], max, {floor})) continue;");
                    _w.Line("int blockEnd = global::System.Math.Min(b + KeyBlock, end);");
                    _w.Line($"{vec} vden = {vec}.Zero;");
                    if (unrollV) for (int e = 0; e < dv; e++) _w.Line($"{vec} vn{e} = {vec}.Zero;");
                    else _w.Line($"new global::System.Span<{vec}>(vn, 0, {dv}).Clear();");
                    using (_w.Block($"for (int j = b; j < blockEnd; j += {vec}.Count)"))
                    {
                        _w.Line($"{vec} shifted = new {vec}(sc, j) - vm;");
                        _w.Line($"{vec} live = {lanes}.Live(shifted, blockEnd - j, floor);");
                        _w.Line($"if ({lanes}.None(live)) continue; // no key within reach of the maximum: no exp");
                        _w.Line($"{vec} p = {lanes}.Weights(shifted, live);");
                        _w.Line("vden += p;");
                        if (unrollV) for (int e = 0; e < dv; e++) _w.Line($"vn{e} += p * new {vec}(v, {Row(e)}j);");
                        else _w.Line($"for (int e = 0; e < {dv}; e++) vn[e] += p * new {vec}(v, e * KeyStride + j);");
                    }
                    _w.Line("den += global::System.Numerics.Vector.Sum(vden);");
                    if (unrollV) for (int e = 0; e < dv; e++) _w.Line($"num[{e}] += global::System.Numerics.Vector.Sum(vn{e});");
                    else _w.Line($"for (int e = 0; e < {dv}; e++) num[e] += global::System.Numerics.Vector.Sum(vn[e]);");
                }
            }
        }

        private void EmitMlp(MlpPlan mlp)
        {
            string t = _real.Name;
            _w.Line($"/// <summary>Layer {mlp.Layer} MLP: {Xml(mlp.Label)}. Stages by rows of W: each non-zero input adds its row's non-zeros to the units (zero inputs, most of them after a ReLU, are skipped, as in the engine); x += MLP(x) at the position whose row starts at o.</summary>");
            using (_w.Block($"private static void {mlp.Name}({t}[] x, int o, {t}[] a, {t}[] b)"))
            {
                var denseRows = new bool[mlp.Stages.Count];
                var shared = new SharedColumns?[mlp.Stages.Count];
                for (int k = 0; k < mlp.Stages.Count; k++)
                {
                    var st = mlp.Stages[k];
                    string p = $"{mlp.Name}Stage{k}";
                    // W's rows (one per input), non-zeros by kept unit ascending: each unit sums its bias, then its inputs in
                    // ascending order, the engine's order.
                    var rows = new List<(int Unit, double Weight)>[st.Inputs];
                    for (int r = 0; r < st.Inputs; r++) rows[r] = new List<(int, double)>();
                    for (int u = 0; u < st.Terms.Count; u++)
                        foreach (var term in st.Terms[u]) rows[term.Index].Add((u, term.Weight));
                    // A row with at least a quarter of its entries non-zero is stored whole and added with one vector
                    // multiply-add, as the engine does (MlpKernel's rule), so both compute the same floats.
                    int count = st.Units.Count;
                    bool IsDense(List<(int, double)> row) => count > 0 && 4 * row.Count >= count;
                    long denseEntries = 0, sparseEntries = 0;
                    foreach (var row in rows)
                        if (IsDense(row)) denseEntries += count;
                        else sparseEntries += row.Count;
                    bool anyDense = denseEntries > 0;
                    denseRows[k] = anyDense;
                    shared[k] = SharedColumnsOf(st);
                    // A shared-columns stage's rows repeat its few distinct columns (a decode ladder's: N² weights, 2 columns
                    // of N): when the columns are shorter, the rows are rebuilt from them when the type loads, the same values,
                    // and only the layout (where each row starts) is written here.
                    bool derive = _plan.RowsFromColumns && shared[k] is SharedColumns few && denseEntries + sparseEntries > few.Columns.Length;
                    var starts = new List<string> { "0" };
                    var units = new List<string>();
                    var weights = new List<string>();
                    var denseAt = new List<string>();
                    var dense = new List<string>();
                    int sparseAt = 0, denseNext = 0;
                    foreach (var row in rows)
                    {
                        if (IsDense(row))
                        {
                            denseAt.Add(Literals.Int(denseNext));
                            denseNext += count;
                            if (!derive)
                            {
                                var full = new double[count];
                                foreach (var (unit, weight) in row) full[unit] = weight;
                                dense.AddRange(full.Select(_real.Literal));
                            }
                        }
                        else
                        {
                            denseAt.Add("-1");
                            sparseAt += row.Count;
                            if (!derive)
                                foreach (var (unit, weight) in row) { units.Add(Literals.Int(unit)); weights.Add(_real.Literal(weight)); }
                        }
                        starts.Add(Literals.Int(sparseAt));
                    }
                    string rowTables = $"global::Circuits.SharedColumnsRows<{t}>";
                    _tables.Add(new Table(p + "RowStart", "int", starts));
                    if (derive)
                    {
                        _tables.Add(Table.Initialised(p + "Rows", rowTables,
                            $"{rowTables}.Expand({p}Shared, {p}SharedStart, {p}SharedUnit, {p}RowStart, {p}DenseAt)",
                            $"// {p}'s rows ({denseEntries + sparseEntries} weights) repeat its {shared[k]!.Count} distinct columns: rebuilt from them when the type loads."));
                        _tables.Add(Table.View(p + "Unit", "int", p + "Rows.Unit"));
                        _tables.Add(Table.View(p + "Weight", t, p + "Rows.Weight"));
                    }
                    else
                    {
                        _tables.Add(new Table(p + "Unit", "int", units));
                        _tables.Add(new Table(p + "Weight", t, weights));
                    }
                    _tables.Add(new Table(p + "Bias", t, st.Bias.Select(_real.Literal).ToList()));
                    _w.Line($"{Ros}<int> start{k} = {p}RowStart, unit{k} = {p}Unit;");
                    _w.Line($"{Ros}<{t}> weight{k} = {p}Weight, bias{k} = {p}Bias;");
                    if (anyDense || derive) _tables.Add(new Table(p + "DenseAt", "int", denseAt));
                    if (anyDense)
                    {
                        _tables.Add(derive ? Table.View(p + "Dense", t, p + "Rows.Dense") : new Table(p + "Dense", t, dense));
                        _w.Line($"{Ros}<int> denseAt{k} = {p}DenseAt;");
                        _w.Line($"{Ros}<{t}> dense{k} = {p}Dense;");
                    }
                    if (shared[k] is SharedColumns sc)
                    {
                        _tables.Add(new Table(p + "Shared", t, sc.Columns.Select(_real.Literal).ToList()));
                        _tables.Add(new Table(p + "SharedStart", "int", sc.GroupStart.Select(g => Literals.Int(g)).ToList()));
                        _tables.Add(new Table(p + "SharedUnit", "int", sc.Units.Select(u => Literals.Int(u)).ToList()));
                        _w.Line($"{Ros}<{t}> shared{k} = {p}Shared;");
                        _w.Line($"{Ros}<int> sharedStart{k} = {p}SharedStart, sharedUnit{k} = {p}SharedUnit;");
                    }
                    if (k == mlp.Stages.Count - 1)
                    {
                        _tables.Add(new Table(p + "Column", "int", st.Units.Select(u => Literals.Int(u)).ToList()));
                        _w.Line($"{Ros}<int> column{k} = {p}Column;");
                    }
                }
                for (int k = 0; k < mlp.Stages.Count; k++)
                {
                    var st = mlp.Stages[k];
                    bool last = k == mlp.Stages.Count - 1;
                    string src = k == 0 ? "x" : (k - 1) % 2 == 0 ? "a" : "b";
                    string dst = k % 2 == 0 ? "a" : "b";
                    string srcOffset = k == 0 ? "o + " : "";
                    _w.Line($"// Stage {k}: {st.Inputs} inputs -> {st.Units.Count} {(last ? "residual column(s), linear" : "units" + (st.Relu ? ", ReLU" : ", linear"))}.");
                    // A shared-columns stage (a decode ladder's thresholds) gives the row-by-row floats when its inputs and sums are
                    // small integers, checked per position (the runtime's SharedColumnsStage, as in the engine); otherwise the rows run.
                    var sharedStage = shared[k];
                    using (sharedStage is null ? null : _w.Block($"if (!global::Circuits.SharedColumnsStage<{t}>.TryApply(new {Ros}<{t}>({src}, {(k == 0 ? "o" : "0")}, {st.Inputs}), shared{k}, sharedStart{k}, sharedUnit{k}, bias{k}, {Literals.Double(sharedStage.ColumnAbsSum)}, {Literals.Double(sharedStage.BiasAbs)}, {Sp}({dst}, 0, {st.Units.Count})))"))
                    {
                        _w.Line($"bias{k}.CopyTo({Sp}({dst}, 0, {st.Units.Count}));");
                        using (_w.Block($"for (int r = 0; r < {st.Inputs}; r++)"))
                        {
                            _w.Line($"{t} h = {src}[{srcOffset}r];");
                            _w.Line($"if (h == {_real.Zero}) continue;");
                            if (denseRows[k])
                            {
                                _w.Line($"int at = denseAt{k}[r];");
                                _w.Line($"if (at >= 0) {{ {Tp}.MultiplyAdd(dense{k}.Slice(at, {st.Units.Count}), h, {Sp}({dst}, 0, {st.Units.Count}), {Sp}({dst}, 0, {st.Units.Count})); continue; }}");
                            }
                            _w.Line($"for (int n = start{k}[r]; n < start{k}[r + 1]; n++) {dst}[unit{k}[n]] += weight{k}[n] * h;");
                        }
                        if (st.Relu) _w.Line($"for (int u = 0; u < {st.Units.Count}; u++) if (!({dst}[u] > {_real.Zero})) {dst}[u] = {_real.Zero};");
                    }
                    if (last) _w.Line($"for (int u = 0; u < {st.Units.Count}; u++) x[o + column{k}[u]] += {dst}[u];");
                }
            }
        }

        /// <summary>The stage's <see cref="SharedColumns"/> over its kept units (the weights as the pass computes with them), or null.</summary>
        private static SharedColumns? SharedColumnsOf(StagePlan st)
        {
            int cols = st.Units.Count;
            var weights = new double[st.Inputs * cols];
            for (int u = 0; u < cols; u++)
                foreach (var term in st.Terms[u]) weights[term.Index * cols + u] = term.Weight;
            return SharedColumns.Find(weights, st.Inputs, st.Bias.ToArray(), st.Relu);
        }

        private void EmitTables()
        {
            if (_tables.Count == 0) return;
            _w.Line();
            _w.Line("// Weights: only the non-zero structure, as static data (no allocation: the compiler maps these to the assembly's data section).");
            foreach (var table in _tables)
            {
                var (name, type, items) = (table.Name, table.Type, table.Items);
                if (table.Comment is not null) _w.Line(table.Comment);
                if (table.Expression is not null)
                {
                    _w.Line(table.Field
                        ? $"private static readonly {type} {name} = {table.Expression};"
                        : $"private static {Ros}<{type}> {name} => {table.Expression};");
                    continue;
                }
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
