namespace Circuits.Compiler
{
    /// <summary>
    /// Tasks with known depth/width lower bounds (docs/theory.md, THEORY §4.8). A circuit declares the one it computes with
    /// <c>[Computes]</c>; the lower-bound rules that use it live next to this enum in the compiler core.
    /// </summary>
    public enum KnownTask
    {
        /// <summary>No declared task.</summary>
        None,
        /// <summary>The token after the previous occurrence of the current token.</summary>
        InductionHead,
        /// <summary>k-hop induction (the hop count is the attribute's <c>K</c>).</summary>
        KHop,
        /// <summary>The tokens in reverse order.</summary>
        Reverse,
        /// <summary>The tokens sorted ascending.</summary>
        Sort,
        /// <summary>Per-token count of equal tokens.</summary>
        Histogram,
        /// <summary>The previous token.</summary>
        Shift,
        /// <summary>The sequence length.</summary>
        Length,
        /// <summary>Prefix sums.</summary>
        PrefixSum,
        /// <summary>Graph connectivity (THEORY §2.3, §4.6).</summary>
        Connectivity,
        /// <summary>Cycle detection / 1-vs-2 cycle (THEORY §2.3, §4.6).</summary>
        CycleDetection,
    }
}
