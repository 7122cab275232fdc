using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>A block of residual coordinates holding one value from the sublayer that writes it to its last reader.</summary>
    internal sealed class Slot
    {
        public int Id;
        public string Label = "";
        public Code Code = Code.Scalar;
        public int Dims => Code.Dims;
        public int Offset = -1;
        /// <summary>Stage that writes it: 0 embedding, 2ℓ-1 attention of layer ℓ, 2ℓ its MLP.</summary>
        public int Write;
        public int LastRead;
        /// <summary>Zeroed by the MLP of its last reader's layer, so the coordinates can be reused.</summary>
        public bool Erase;
        /// <summary>Raw head output (approximate until an MLP cleans it).</summary>
        public bool Raw;
        /// <summary>For a raw selector-width slot: the logical count behind each scalar 1/(1+c).</summary>
        public bool WidthFraction;
        /// <summary>Bound on |coordinate| (1 for codes).</summary>
        public double Bound = 1;
        /// <summary>The node whose value it holds (null for one/bos/position+1).</summary>
        public SOp? Sop;

        public const int End = int.MaxValue;

        /// <summary>The MLP stage that erases it (End when it lives to the readout).</summary>
        public int EraseStage => LastRead == End ? End : (LastRead % 2 == 0 ? LastRead : LastRead + 1);
    }

    /// <summary>An attention head: one selector, one or more aggregated values (or a count).</summary>
    internal sealed class HeadJob
    {
        public SelectorPlan Plan = null!;
        public bool Width;
        public int Layer;
        public List<(Slot Source, Slot Raw)> Values = new List<(Slot, Slot)>();
        public List<(SelectGroup Group, Slot Keys, Slot Queries)> Groups = new List<(SelectGroup, Slot, Slot)>();
        public string Label = "";
        public string Reason = "";
    }

    /// <summary>One input of an MLP job: the logical leaf and the slot it is read from.</summary>
    internal sealed class LeafRead
    {
        public SOp Leaf = null!;
        public Slot Slot = null!;
        /// <summary>The logical values (⊥ excluded) and, for scalar slots, the coordinate value of each.</summary>
        public double[] Values = System.Array.Empty<double>();
        public double[] Points = System.Array.Empty<double>();
        public bool HasBottom;
    }

    /// <summary>The ReLU construction an MLP job uses (the card prints each with its details).</summary>
    internal enum MlpForm
    {
        /// <summary>Per-coordinate ramps that snap a raw code back to ±1 / 0-1.</summary>
        Cleanup,
        /// <summary>One ramp pair per combination of categorical inputs.</summary>
        LookupTable,
        /// <summary>f = Σ h(input): parts per input, decoded by a second-stage ladder for categorical outputs.</summary>
        SumOfParts,
        /// <summary>a·x + b through a ± pair.</summary>
        Linear,
        /// <summary>Linear plus hinges at the slope changes.</summary>
        PiecewiseLinear,
        /// <summary>A linear pair per categorical combination, gated.</summary>
        GatedLinear,
        /// <summary>A ramp per step between consecutive input values.</summary>
        ThresholdLadder,
        /// <summary>Ladders per categorical combination, gated.</summary>
        GatedThresholdLadders,
        /// <summary>min / max / |a − b| as a ± ReLU(±(a − b)).</summary>
        Hinge,
        /// <summary>A constant away from BOS.</summary>
        Constant,
        /// <summary>Numerical inputs cut into buckets by threshold ramps (stage 1), one AND unit per bucket combination (stage 2).</summary>
        DiscretisedTable,
    }

    /// <summary>A per-token computation in an MLP: a fused map, or the clean-up of a head's raw output.</summary>
    internal sealed class MlpJob
    {
        public SOp Target = null!;
        public Slot Output = null!;
        public int Layer;
        public List<LeafRead> Leaves = new List<LeafRead>();
        public bool Cleanup;
        public string Label = "";
        public string Reason = "";
    }
}
