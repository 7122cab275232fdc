using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>What a residual slot holds besides an IR node's value.</summary>
    internal enum SlotRole
    {
        /// <summary>The value of <see cref="ClaimSlot.Node"/>.</summary>
        Value,
        /// <summary>The constant 1 at every position (the BOS sink included).</summary>
        One,
        /// <summary>1 at the BOS sink, 0 elsewhere.</summary>
        Bos,
        /// <summary>Input index + 1 (0 at the sink).</summary>
        PositionPlusOne,
    }

    /// <summary>A claimed block of residual coordinates: which value, in which code, from which stage to which.</summary>
    internal sealed class ClaimSlot
    {
        public const int End = int.MaxValue;
        public int Id;
        public string Label = "";
        public SlotRole Role;
        /// <summary>The canonical IR node whose value it holds (Role = Value).</summary>
        public SOp? Node;
        public Encoding Encoding;
        /// <summary>Code domain (one-hot coordinate t / binary code index t); empty for scalars.</summary>
        public double[] Domain = Array.Empty<double>();
        public int Offset, Dims;
        /// <summary>Stage that writes it: 0 embedding, 2ℓ−1 attention of layer ℓ, 2ℓ its MLP.</summary>
        public int Write;
        /// <summary>The MLP stage that zeroes it, or <see cref="End"/>.</summary>
        public int Erase = End;
        /// <summary>A raw head output (carries the head's error).</summary>
        public bool Raw;
        /// <summary>A raw selector-width output holding 1/(1+count).</summary>
        public bool WidthFraction;

        /// <summary>Readable by sublayer <paramref name="stage"/> (written before it, not yet erased).</summary>
        public bool LiveAt(int stage) => Write < stage && stage <= Erase;
    }

    /// <summary>A claimed head: the IR selector it realises, aggregate or count, and (source → raw output) slot pairs.</summary>
    internal sealed class ClaimHead
    {
        public int Layer, Index;
        public Selector Selector = null!;
        public bool Count;
        public List<(ClaimSlot Source, ClaimSlot Raw)> Values = new List<(ClaimSlot, ClaimSlot)>();
        public string Name => $"layer {Layer} head {Index}";
    }

    /// <summary>A claimed MLP: which IR nodes it computes into which slots, and which slots it zeroes.</summary>
    internal sealed class ClaimMlp
    {
        public int Layer;
        public List<(SOp Node, ClaimSlot Output)> Computes = new List<(SOp, ClaimSlot)>();
        public List<ClaimSlot> Erases = new List<ClaimSlot>();
    }

    /// <summary>
    /// The declarative layout lowering exports for the validator: slots, heads, MLPs, the output slot, plus the IR facts
    /// (canonical nodes, value sets, options). Nothing about how weights were derived (gaps, tolerances, unit forms).
    /// </summary>
    internal sealed class LayoutClaim
    {
        public List<ClaimSlot> Slots = new List<ClaimSlot>();
        public List<ClaimHead> Heads = new List<ClaimHead>();
        public List<ClaimMlp> Mlps = new List<ClaimMlp>();
        public ClaimSlot Output = null!;
        public SOp OutputNode = null!;
        public int N, S;
        public bool Causal;
        public Func<SOp, SOp> Canon = s => s;
        /// <summary>The values of map chains the validator has enumerated (HeadCheck.NodeValues), by canonical node.</summary>
        public Dictionary<SOp, double[]> NodeValueCache = new Dictionary<SOp, double[]>(ReferenceComparer<SOp>.Instance);
        public Func<Selector, Selector> CanonSelector = s => s;
        /// <summary>The IR value set of a non-map node (value inference over the IR, not lowering).</summary>
        public Func<SOp, ValueSet> Values = _ => throw new InvalidOperationException();
        public Func<SOp, string> Label = s => s.ToString();

        /// <summary>
        /// <paramref name="canonical"/> remembered per node object: the validator asks for the canonical node at every step of
        /// every evaluation (hundreds of thousands of key configurations at large N), and the canonicaliser looks nodes up by
        /// structural key strings, whose hashing would otherwise dominate.
        /// </summary>
        private static Func<SOp, SOp> ByReference(Func<SOp, SOp> canonical)
        {
            var memo = new Dictionary<SOp, SOp>(ReferenceComparer<SOp>.Instance);
            return s => memo.TryGetValue(s, out var k) ? k : memo[s] = canonical(s);
        }

        /// <summary>The adapter: reads a schedule once and states what its weights claim to hold.</summary>
        public static LayoutClaim From(Context ctx, Schedule s)
        {
            var claim = new LayoutClaim
            {
                N = ctx.N, S = ctx.S, Causal = ctx.Options.Causal,
                Canon = ByReference(ctx.C), CanonSelector = ctx.C, Values = x => ctx.Values[ctx.C(x)], Label = ctx.Label,
                OutputNode = ctx.Output,
            };
            var map = new Dictionary<Slot, ClaimSlot>(ReferenceComparer<Slot>.Instance);
            foreach (var slot in s.Slots)
            {
                var c = new ClaimSlot
                {
                    Id = slot.Id, Label = slot.Label, Node = slot.Sop == null ? null : ctx.C(slot.Sop),
                    Role = ReferenceEquals(slot, s.One) ? SlotRole.One : ReferenceEquals(slot, s.Bos) ? SlotRole.Bos
                        : ReferenceEquals(slot, s.TieBreakSlot) ? SlotRole.PositionPlusOne : SlotRole.Value,
                    Encoding = slot.Code.Encoding, Domain = slot.Code.Domain.ToArray(), Offset = slot.Offset, Dims = slot.Dims,
                    Write = slot.Write, Erase = slot.Erase ? slot.EraseStage : ClaimSlot.End, Raw = slot.Raw, WidthFraction = slot.WidthFraction,
                };
                map[slot] = c;
                claim.Slots.Add(c);
            }
            claim.Output = map[s.Output];
            for (int layer = 1; layer <= s.Layers; layer++)
            {
                int index = 0;
                foreach (var job in s.Heads.Where(h => h.Layer == layer))
                {
                    var h = new ClaimHead { Layer = layer, Index = index++, Selector = job.Plan.Selector, Count = job.Width };
                    foreach (var (source, raw) in job.Values) h.Values.Add((map[source], map[raw]));
                    claim.Heads.Add(h);
                }
                var m = new ClaimMlp { Layer = layer };
                foreach (var job in s.Mlps.Where(x => x.Layer == layer)) m.Computes.Add((ctx.C(job.Target), map[job.Output]));
                foreach (var slot in s.Slots.Where(x => x.Erase && x.EraseStage == 2 * layer)) m.Erases.Add(map[slot]);
                claim.Mlps.Add(m);
            }
            return claim;
        }
    }
}
