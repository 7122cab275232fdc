using System;
using System.Collections.Generic;

namespace Circuits.Compiler.Emit
{
    /// <summary>One non-zero weight: input coordinate and narrowed value.</summary>
    internal readonly struct Term
    {
        public Term(int index, double weight) { Index = index; Weight = weight; }
        public int Index { get; }
        public double Weight { get; }
    }

    /// <summary>
    /// A head reduced to its structure: score dimensions whose W_Q or W_K column is all zero contribute nothing and are
    /// dropped, as are value dimensions whose W_V column or W_O row is all zero. Each kept column is a short term list.
    /// </summary>
    internal sealed class HeadPlan
    {
        public int Layer { get; set; }
        public int Index { get; set; }
        public string Label { get; set; } = "";
        public AttentionMask Mask { get; set; }
        /// <summary>Keys further than this below the row maximum weigh 0 (<see cref="SoftmaxFloor"/>, in the pass's compute type).</summary>
        public double Floor { get; set; } = SoftmaxFloor.Default;
        /// <summary>Per kept score dimension: the residual terms of q and of k.</summary>
        public List<Term[]> Query { get; } = new List<Term[]>();
        public List<Term[]> Key { get; } = new List<Term[]>();
        /// <summary>Per kept value dimension: the residual terms of v, and the residual columns it writes (W_O row).</summary>
        public List<Term[]> Value { get; } = new List<Term[]>();
        public List<Term[]> Output { get; } = new List<Term[]>();
        public int Dq => Query.Count;
        public int Dv => Value.Count;
        public string Name => "Head" + Layer + "_" + Index;
    }

    /// <summary>One MLP stage in CSR form: per kept output unit, its bias and input terms.</summary>
    internal sealed class StagePlan
    {
        public int Inputs { get; set; }
        public bool Relu { get; set; }
        /// <summary>The output units kept (all of them except in the last stage, where structurally zero residual columns are dropped).</summary>
        public List<int> Units { get; } = new List<int>();
        public List<double> Bias { get; } = new List<double>();
        public List<Term[]> Terms { get; } = new List<Term[]>();
    }

    /// <summary>An MLP: its stages; the last one's units are residual columns.</summary>
    internal sealed class MlpPlan
    {
        public int Layer { get; set; }
        public string Label { get; set; } = "";
        public List<StagePlan> Stages { get; } = new List<StagePlan>();
        public string Name => "Mlp" + Layer;
        public int MaxUnits
        {
            get { int m = 0; foreach (var s in Stages) m = Math.Max(m, s.Units.Count); return m; }
        }
    }

    /// <summary>The model checked (the same shape rules as the engine) and reduced to what the emitted pass computes.</summary>
    internal sealed class ModelPlan
    {
        /// <param name="model">The model.</param>
        /// <param name="positionFormulas">False: the position embedding is emitted as a table even where formulas reproduce it (tests compare both).</param>
        public ModelPlan(CompiledModel model, bool positionFormulas = true)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            Model = model;
            Real = Real.For(model);
            Width = model.Width;
            MaxLength = model.MaxLength;
            if (Width < 0) throw new ArgumentException($"model width {Width} is negative", nameof(model));
            if (MaxLength < 1) throw new ArgumentException($"model maximum length {MaxLength} must be at least 1", nameof(model));
            if (model.Vocabulary is null || model.Vocabulary.Length == 0) throw new ArgumentException("model vocabulary is empty", nameof(model));
            Vocabulary = model.Vocabulary;

            if (model.BosEmbedding is null || model.BosEmbedding.Length != Width)
                throw new ArgumentException($"BOS embedding has {model.BosEmbedding?.Length ?? 0} entries, expected the width {Width}", nameof(model));
            for (int c = 0; c < Width; c++)
            {
                double w = Real.Narrow(model.BosEmbedding[c], $"BOS embedding entry {c}");
                if (w != 0) Bos.Add(new Term(c, w));
            }
            var te = Check(model.TokenEmbedding, Vocabulary.Length, Width, "token embedding", exactRows: true);
            var pe = Check(model.PositionEmbedding, MaxLength, Width, "position embedding", exactRows: false);
            TokenColumns = NonZeroColumns(te, Vocabulary.Length, "token embedding");
            _positionTable = pe;
            _positionFormulas = positionFormulas;

            _certified = SoftmaxFloor.Certifies(model, Real.Numeric);
            var layers = model.Layers ?? Array.Empty<Layer>();
            for (int l = 0; l < layers.Length; l++)
            {
                var layer = layers[l] ?? throw new ArgumentException($"layer {l} is missing", nameof(model));
                var heads = new List<HeadPlan>();
                var source = layer.Heads ?? Array.Empty<AttentionHead>();
                for (int h = 0; h < source.Length; h++) heads.Add(PlanHead(source[h], l, h));
                MlpPlan? mlp = null;
                if (layer.Mlp is not null && (layer.Mlp.Stages?.Length ?? 0) > 0) mlp = PlanMlp(layer.Mlp, l);
                Layers.Add((heads, mlp));
            }

            Output = model.Output ?? throw new ArgumentException("the model has no output readout", nameof(model));
            if (Output.Offset < 0 || Output.Dims < 0 || (long)Output.Offset + Output.Dims > Width)
                throw new ArgumentException($"readout coordinates [{Output.Offset}, {Output.Offset + Output.Dims}) do not fit the residual width {Width}", nameof(model));
            var values = Output.Values ?? Array.Empty<double>();
            IntegerOutput = Output.Kind == ValueKind.Categorical;
            foreach (double v in values)
                if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue || double.IsNaN(v)) IntegerOutput = false;
            if (Output.Encoding == Encoding.Scalar && values.Length == 0) IntegerOutput = false;
        }

        public CompiledModel Model { get; }
        public Real Real { get; }
        /// <summary>Whether the card certifies these weights in the compute type: heads then use the floor of their gap.</summary>
        private readonly bool _certified;
        public int Width { get; }
        public int MaxLength { get; }
        public string[] Vocabulary { get; }
        public List<Term> Bos { get; } = new List<Term>();
        /// <summary>Residual columns the token embedding ever writes, and the table restricted to them.</summary>
        public (int[] Columns, double[] Table) TokenColumns { get; }
        /// <summary>
        /// The position embedding as formulas where they reproduce it exactly, and a table for the other columns; derived
        /// on first use (the declarations-only part never needs it).
        /// </summary>
        public PositionEmbeddingPlan Positions => _positions ??= PositionEmbeddingPlan.Derive(_positionTable, MaxLength, Width, Real, _positionFormulas);
        private readonly double[] _positionTable;
        private readonly bool _positionFormulas;
        private PositionEmbeddingPlan? _positions;
        /// <summary>
        /// Whether a shared-columns stage's rows are rebuilt from its columns when the emitted type loads where that is
        /// shorter than writing them out (the default; false: always literal tables, so tests can compare both).
        /// </summary>
        public bool RowsFromColumns { get; set; } = true;
        public List<(List<HeadPlan> Heads, MlpPlan? Mlp)> Layers { get; } = new List<(List<HeadPlan>, MlpPlan?)>();
        public Readout Output { get; }
        /// <summary>Categorical with integer values: Forward writes ints with ⊥ = -1; otherwise doubles.</summary>
        public bool IntegerOutput { get; }

        public int MaxDq { get { int m = 0; foreach (var l in Layers) foreach (var h in l.Heads) m = Math.Max(m, h.Dq); return m; } }
        public int MaxDv { get { int m = 0; foreach (var l in Layers) foreach (var h in l.Heads) m = Math.Max(m, h.Dv); return m; } }
        public int MaxHidden { get { int m = 0; foreach (var l in Layers) if (l.Mlp is not null) m = Math.Max(m, l.Mlp.MaxUnits); return m; } }

        private double[] Check(Matrix? m, int rows, int cols, string what, bool exactRows)
        {
            if (m is null) throw new ArgumentException($"{what} is missing", "model");
            if ((exactRows ? m.Rows != rows : m.Rows < rows) || m.Cols != cols)
                throw new ArgumentException($"{what} is {m.Rows}×{m.Cols}, expected {(exactRows ? "" : "at least ")}{rows}×{cols}", "model");
            var r = new double[rows * cols];
            for (int i = 0; i < r.Length; i++)
            {
                // The entry's name is built only on failure: position tables have N × width entries.
                r[i] = Real.Round(m.Data[i]);
                if (double.IsNaN(r[i]) || double.IsInfinity(r[i])) throw Real.NotFinite(m.Data[i], $"{what}: entry {i}");
            }
            return r;
        }

        private (int[], double[]) NonZeroColumns(double[] table, int rows, string what)
        {
            var cols = new List<int>();
            for (int c = 0; c < Width; c++)
            {
                for (int r = 0; r < rows; r++)
                    if (table[r * Width + c] != 0) { cols.Add(c); break; }
            }
            var t = new double[rows * cols.Count];
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < cols.Count; k++) t[r * cols.Count + k] = table[r * Width + cols[k]];
            return (cols.ToArray(), t);
        }

        private static int Cols(Matrix? m, int rows, string what)
        {
            if (m is null) throw new ArgumentException($"{what} is missing", "model");
            if (m.Rows == 0 && m.Cols == 0) return 0;
            if (m.Rows != rows) throw new ArgumentException($"{what} has {m.Rows} rows, expected {rows}", "model");
            return m.Cols;
        }

        /// <summary>Column <paramref name="c"/> of a rows × cols matrix as non-zero terms.</summary>
        private Term[] Column(Matrix m, int rows, int c, string what)
        {
            var terms = new List<Term>();
            for (int r = 0; r < rows; r++)
            {
                double w = Real.Narrow(m[r, c], $"{what} entry ({r}, {c})");
                if (w != 0) terms.Add(new Term(r, w));
            }
            return terms.ToArray();
        }

        private Term[] Row(Matrix m, int cols, int r, string what)
        {
            var terms = new List<Term>();
            for (int c = 0; c < cols; c++)
            {
                double w = Real.Narrow(m[r, c], $"{what} entry ({r}, {c})");
                if (w != 0) terms.Add(new Term(c, w));
            }
            return terms.ToArray();
        }

        private HeadPlan PlanHead(AttentionHead? head, int l, int h)
        {
            string name = $"layer {l} head {h}";
            if (head is null) throw new ArgumentException($"{name} is missing", "model");
            if (!Enum.IsDefined(typeof(AttentionMask), head.Mask)) throw new ArgumentException($"{name} has unknown mask {head.Mask}", "model");
            int dq = Cols(head.Query, Width, $"{name} W_Q");
            int dk = Cols(head.Key, Width, $"{name} W_K");
            if (dk != dq) throw new ArgumentException($"{name}: W_Q has {dq} columns but W_K has {dk}", "model");
            int dv = Cols(head.Value, Width, $"{name} W_V");
            int outCols = Cols(head.Output, dv, $"{name} W_O");
            if (dv > 0 && outCols != Width)
                throw new ArgumentException($"{name}: W_O has {outCols} columns, expected the residual width {Width}", "model");

            var plan = new HeadPlan { Layer = l, Index = h, Label = head.Label ?? "", Mask = head.Mask, Floor = SoftmaxFloor.For(head, _certified) };
            for (int c = 0; c < dq; c++)
            {
                var q = Column(head.Query, Width, c, $"{name} W_Q");
                var k = Column(head.Key, Width, c, $"{name} W_K");
                if (q.Length > 0 && k.Length > 0) { plan.Query.Add(q); plan.Key.Add(k); }
            }
            for (int e = 0; e < dv; e++)
            {
                var v = Column(head.Value, Width, e, $"{name} W_V");
                var o = Row(head.Output, Width, e, $"{name} W_O");
                if (v.Length > 0 && o.Length > 0) { plan.Value.Add(v); plan.Output.Add(o); }
            }
            return plan;
        }

        private MlpPlan PlanMlp(Mlp mlp, int l)
        {
            string name = $"layer {l} MLP";
            var plan = new MlpPlan { Layer = l, Label = mlp.Label ?? "" };
            var stages = mlp.Stages;
            int inDims = Width;
            for (int k = 0; k < stages.Length; k++)
            {
                string what = $"{name} stage {k}";
                var stage = stages[k] ?? throw new ArgumentException($"{what} is missing", "model");
                var bias = stage.Bias ?? Array.Empty<double>();
                int outDims = bias.Length;
                bool last = k == stages.Length - 1;
                if (last && outDims != Width)
                    throw new ArgumentException($"{what} is the last stage and has {outDims} outputs, expected the residual width {Width}", "model");
                bool empty = inDims == 0 || outDims == 0;
                if (empty)
                {
                    if (stage.Weights is not null && stage.Weights.Data.Length != 0)
                        throw new ArgumentException($"{what} weights are {stage.Weights.Rows}×{stage.Weights.Cols}, expected {inDims}×{outDims}", "model");
                }
                else if (stage.Weights is null || stage.Weights.Rows != inDims || stage.Weights.Cols != outDims)
                {
                    throw new ArgumentException($"{what} weights are {stage.Weights?.Rows ?? 0}×{stage.Weights?.Cols ?? 0}, expected {inDims}×{outDims}", "model");
                }
                var sp = new StagePlan { Inputs = inDims, Relu = stage.Relu };
                for (int u = 0; u < outDims; u++)
                {
                    double b = Real.Narrow(bias[u], $"{what} bias entry {u}");
                    var terms = empty ? Array.Empty<Term>() : Column(stage.Weights!, inDims, u, $"{what} weights");
                    // In the last stage a residual column that receives nothing is skipped (x + 0 = x).
                    if (last && terms.Length == 0 && b == 0) continue;
                    sp.Units.Add(u);
                    sp.Bias.Add(b);
                    sp.Terms.Add(terms);
                }
                plan.Stages.Add(sp);
                inDims = outDims;
            }
            return plan;
        }
    }
}
