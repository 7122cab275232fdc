using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// From IR to weights: schedule heads and MLPs by longest path, allocate residual slots with liveness,
    /// build each head and MLP, analyse precision, write the card.
    /// </summary>
    internal static partial class Lowering
    {
        public static CompiledModel Lower(Context ctx, bool quadratic, out bool usedQuadratic) => Lower(ctx, quadratic, out usedQuadratic, out _);

        /// <summary>Lowers, then validates the weights against the IR through the layout claim (exported for tests).</summary>
        public static CompiledModel Lower(Context ctx, bool quadratic, out bool usedQuadratic, out LayoutClaim claim)
        {
            PhaseClock.Time("value inference", () => ValueInference.Run(ctx));
            if (PhaseClock.Time("folding", () => Folding.Run(ctx))) PhaseClock.Time("value inference", () => ValueInference.Run(ctx));
            var plan = new Schedule(ctx, quadratic);
            PhaseClock.Time("schedule", plan.Build);
            SizeLimits.CheckSchedule(ctx, plan);
            usedQuadratic = plan.Codes.UsesQuadratic;
            var model = PhaseClock.Time("assembly" + (quadratic ? " (quadratic codes)" : " (±1 codes)"), () => Assembler.Assemble(ctx, plan));
            // The translation validator stands between lowering and every consumer (engine, CLI, generator).
            claim = LayoutClaim.From(ctx, plan);
            var layout = claim;
            var validation = PhaseClock.Time("validation", () => ModelValidator.Validate(model, layout));
            model.Card.Validation = validation.CardLine;
            return model;
        }
    }

    /// <summary>Layers, jobs and residual slots of one program.</summary>
    internal sealed class Schedule
    {
        private readonly Context _ctx;
        private readonly Dictionary<SOp, int> _headLayer = new Dictionary<SOp, int>(ReferenceComparer<SOp>.Instance);
        private readonly Dictionary<SOp, int> _mapLayer = new Dictionary<SOp, int>(ReferenceComparer<SOp>.Instance);
        private readonly Dictionary<SOp, string> _why = new Dictionary<SOp, string>(ReferenceComparer<SOp>.Instance);
        private readonly Dictionary<SOp, Slot> _embed = new Dictionary<SOp, Slot>(ReferenceComparer<SOp>.Instance);
        private readonly Dictionary<SOp, Slot> _raw = new Dictionary<SOp, Slot>(ReferenceComparer<SOp>.Instance);
        private readonly Dictionary<SOp, Slot> _clean = new Dictionary<SOp, Slot>(ReferenceComparer<SOp>.Instance);
        private readonly Dictionary<string, HeadJob> _heads = new Dictionary<string, HeadJob>();

        private readonly bool _quadratic;

        public Schedule(Context ctx, bool quadratic) { _ctx = ctx; _quadratic = quadratic; }

        public Encodings Codes = null!;
        public List<Slot> Slots = new List<Slot>();
        public List<HeadJob> Heads = new List<HeadJob>();
        public List<MlpJob> Mlps = new List<MlpJob>();
        public Slot One = null!, Bos = null!;
        public Slot? TieBreakSlot;
        public Slot Output = null!;
        public int Layers;
        public int Width;

        public void Build()
        {
            var plans = _ctx.Order.SelectMany(s => s.Selectors).Select(sel => SelectorPlanner.Plan(_ctx, sel)).ToList();
            Codes = new Encodings(_ctx, plans, _quadratic);
            One = NewSlot("one", Code.Scalar, 0);
            Bos = NewSlot("bos", Code.Scalar, 0);
            One.LastRead = Bos.LastRead = Slot.End;
            AssignLayers();
            Output = ReadableAtEnd(_ctx.Output);
            Output.LastRead = Slot.End;
            Layers = Math.Max(Math.Max(Heads.Select(h => h.Layer).DefaultIfEmpty(0).Max(), Mlps.Select(m => m.Layer).DefaultIfEmpty(0).Max()), 0);
            Allocate();
        }

        // ---- layers (longest path) ----

        private bool EmbeddingLevel(SOp s)
        {
            if (s is TokensOp || s is IndicesOp || s is ConstantOp) return true;
            if (!MapFusion.IsMap(s)) return false;
            var leaves = MapFusion.Leaves(_ctx, s);
            return leaves.All(l => l is TokensOp) || leaves.All(l => l is IndicesOp);
        }

        /// <summary>The layer after which a clean, attention-readable copy of s exists.</summary>
        private int Available(SOp s)
        {
            s = _ctx.C(s);
            if (EmbeddingLevel(s)) return 0;
            if (_headLayer.TryGetValue(s, out var l)) return l;
            if (_mapLayer.TryGetValue(s, out l)) return l;
            throw new InvalidOperationException("not scheduled: " + _ctx.Label(s));
        }

        private void AssignLayers()
        {
            foreach (var s in _ctx.Order)
            {
                if (s is AggregateOp || s is SelectorWidthOp)
                {
                    var plan = SelectorPlanner.Plan(_ctx, s.Selectors[0]);
                    var inputs = plan.Groups.SelectMany(g => new[] { g.Keys, g.Queries }).ToList();
                    if (s is AggregateOp a) inputs.Add(_ctx.C(a.Values));
                    int layer = 1;
                    string why = "it reads only the embedding";
                    foreach (var i in inputs)
                    {
                        int l = Available(i) + 1;
                        if (l > layer) { layer = l; why = "it reads '" + _ctx.Label(i) + "', ready after layer " + (l - 1); }
                    }
                    _headLayer[s] = layer;
                    _why[s] = why;
                }
                else if (MapFusion.IsMap(s) && !EmbeddingLevel(s))
                {
                    int layer = 1;
                    string why = "it combines embedding values that no single embedding can hold";
                    foreach (var leaf in MapFusion.Leaves(_ctx, s))
                        if (_headLayer.TryGetValue(leaf, out var l) && l >= layer) { layer = l; why = "it maps '" + _ctx.Label(leaf) + "' from layer " + l; }
                    _mapLayer[s] = layer;
                    _why[s] = why;
                }
            }
            // Heads in order of the program; merging aggregates that share selector and layer into one head.
            foreach (var s in _ctx.Order)
            {
                if (!(s is AggregateOp) && !(s is SelectorWidthOp)) continue;
                var head = HeadFor(s);
                if (s is AggregateOp a) head.Values.Add((Readable(a.Values, 2 * head.Layer - 1), Raw(s)));
                else head.Values.Add((Bos, Raw(s)));
            }
        }

        private HeadJob HeadFor(SOp s)
        {
            var plan = SelectorPlanner.Plan(_ctx, s.Selectors[0]);
            bool width = s is SelectorWidthOp;
            int layer = _headLayer[s];
            string key = _ctx.Canon.Key(plan.Selector) + (width ? "#w" : "#a") + layer;
            if (_heads.TryGetValue(key, out var job)) return job;
            job = new HeadJob { Plan = plan, Width = width, Layer = layer, Reason = _why[s], Label = (width ? "count " : "read ") + plan.Label };
            int stage = 2 * layer - 1;
            foreach (var g in plan.Groups) job.Groups.Add((g, Readable(g.Keys, stage), Readable(g.Queries, stage)));
            if (plan.TieBreak != TieBreak.None)
            {
                if (TieBreakSlot == null) { TieBreakSlot = NewSlot("position+1", Code.Scalar, 0); TieBreakSlot.Bound = _ctx.N; }
                Read(TieBreakSlot, stage);
            }
            Read(One, stage); Read(Bos, stage);
            _heads[key] = job;
            Heads.Add(job);
            return job;
        }

        // ---- slots ----

        private Slot NewSlot(string label, Code code, int write)
        {
            var s = new Slot { Id = Slots.Count, Label = label, Code = code, Write = write, LastRead = -1 };
            Slots.Add(s);
            return s;
        }

        private double Bound(SOp s, Code code) => code.Encoding == Encoding.Scalar ? Math.Max(1, _ctx.Values[s].MaxAbs()) : code.CoordinateBound;

        private static void Read(Slot s, int stage) { if (stage > s.LastRead) s.LastRead = stage; }

        /// <summary>A slot attention can read at <paramref name="stage"/>: the embedding or a clean MLP output.</summary>
        private Slot Readable(SOp s, int stage)
        {
            s = _ctx.C(s);
            var slot = EmbeddingLevel(s) ? Embed(s) : Clean(s);
            Read(slot, stage);
            return slot;
        }

        private Slot ReadableAtEnd(SOp s)
        {
            s = _ctx.C(s);
            if (s is AggregateOp) return Raw(s);
            return EmbeddingLevel(s) ? Embed(s) : Clean(s);
        }

        private Slot Embed(SOp s)
        {
            if (_embed.TryGetValue(s, out var slot)) return slot;
            slot = NewSlot(_ctx.Label(s), Codes.Of(s), 0);
            slot.Sop = s;
            slot.Bound = Bound(s, slot.Code);
            _embed[s] = slot;
            return slot;
        }

        private Slot Raw(SOp s)
        {
            if (_raw.TryGetValue(s, out var slot)) return slot;
            int layer = _headLayer[s];
            bool width = s is SelectorWidthOp;
            slot = NewSlot(_ctx.Label(s) + (width ? " (1/(1+count))" : " (raw)"), width ? Code.Scalar : Codes.Of(s), 2 * layer - 1);
            slot.Raw = true;
            slot.WidthFraction = width;
            slot.Sop = s;
            slot.Bound = width ? 1 : Bound(s, slot.Code);
            _raw[s] = slot;
            return slot;
        }

        /// <summary>The clean copy of a head output or the output of a fused map, written by an MLP job.</summary>
        private Slot Clean(SOp s)
        {
            if (_clean.TryGetValue(s, out var slot)) return slot;
            bool head = _headLayer.ContainsKey(s);
            int layer = head ? _headLayer[s] : _mapLayer[s];
            slot = NewSlot(_ctx.Label(s), Codes.Of(s), 2 * layer);
            slot.Sop = s;
            slot.Bound = Bound(s, slot.Code);
            _clean[s] = slot;
            var job = new MlpJob { Target = s, Output = slot, Layer = layer, Cleanup = head, Label = (head ? "clean " : "compute ") + _ctx.Label(s), Reason = head ? "decode the head's output for later layers" : _why[s] };
            foreach (var leaf in head ? new List<SOp> { s } : MapFusion.Leaves(_ctx, s))
                job.Leaves.Add(LeafInput(leaf, layer));
            Mlps.Add(job);
            return slot;
        }

        private LeafRead LeafInput(SOp leaf, int layer)
        {
            Slot slot;
            if (_headLayer.TryGetValue(leaf, out var l) && l == layer) slot = Raw(leaf);
            else if (EmbeddingLevel(leaf)) slot = Embed(leaf);
            else slot = Clean(leaf);
            Read(slot, 2 * layer);
            var values = _ctx.Values[leaf];
            var read = new LeafRead { Leaf = leaf, Slot = slot, Values = values.Values, HasBottom = values.HasBottom };
            read.Points = slot.WidthFraction ? values.Values.Select(c => 1.0 / (1.0 + c)).ToArray() : values.Values;
            return read;
        }

        // ---- residual allocation with liveness ----

        private void Allocate()
        {
            foreach (var s in Slots) if (s.LastRead < 0) s.LastRead = s.Write; // written, never read (cannot happen for reachable nodes)
            var busyUntil = new List<int>();
            var owner = new List<Slot?>();
            foreach (var s in Slots.OrderBy(x => x.Write).ThenBy(x => x.Id))
            {
                int start = FindRun(busyUntil, s.Dims, s.Write);
                while (busyUntil.Count < start + s.Dims) { busyUntil.Add(-1); owner.Add(null); }
                for (int c = start; c < start + s.Dims; c++)
                {
                    var previous = owner[c];
                    if (previous != null) previous.Erase = true;
                    busyUntil[c] = s.EraseStage;
                    owner[c] = s;
                }
                s.Offset = start;
            }
            Width = busyUntil.Count;
        }

        private static int FindRun(List<int> busyUntil, int dims, int write)
        {
            int run = 0;
            for (int c = 0; c < busyUntil.Count; c++)
            {
                run = busyUntil[c] < write ? run + 1 : 0;
                if (run == dims) return c - dims + 1;
            }
            // Extend at the end, reusing a free tail if there is one.
            return busyUntil.Count - run;
        }
    }
}
