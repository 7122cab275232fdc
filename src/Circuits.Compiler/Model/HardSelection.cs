namespace Circuits.Compiler
{
    /// <summary>
    /// What a hard head's scores mean, recorded by the compiler for the selectors it builds from exact matches: a key is
    /// selected when every <see cref="Matches"/> term holds (its code equals the query's, neither ⊥), the tie-break picks the
    /// rightmost or leftmost such key, and the BOS sink wins when none is selected. Plain data, so it serialises with the model.
    /// The score it describes is q_i·k_j = Σ terms + <see cref="TieBreakWeight"/>·sign·x_j[<see cref="TieBreakOffset"/>]
    /// + <see cref="SinkWeight"/>·x_i[<see cref="OneOffset"/>]·x_j[<see cref="BosOffset"/>]; an engine that relies on it
    /// checks it against W_Q·W_Kᵀ first (the indexed mode does), so a stale description is never trusted.
    /// </summary>
    public sealed class HardSelection
    {
        /// <summary>The exact-match conjuncts (at least one).</summary>
        public EqualityMatch[] Matches { get; set; } = System.Array.Empty<EqualityMatch>();
        /// <summary>Which selected key wins; None when at most one key can be selected.</summary>
        public TieBreak TieBreak { get; set; }
        /// <summary>μ: the tie-break's weight per position (0 without a tie-break).</summary>
        public double TieBreakWeight { get; set; }
        /// <summary>The key-side coordinate holding position + 1 (BOS: 0), or −1 without a tie-break.</summary>
        public int TieBreakOffset { get; set; } = -1;
        /// <summary>The coordinate that is 1 at every position (read on the query side).</summary>
        public int OneOffset { get; set; }
        /// <summary>The coordinate that is 1 at the BOS sink only (read on the key side).</summary>
        public int BosOffset { get; set; }
        /// <summary>The score the BOS sink gets from every query.</summary>
        public double SinkWeight { get; set; }
    }

    /// <summary>
    /// One exact-match conjunct of a <see cref="HardSelection"/>: the query's code at <see cref="QueryOffset"/> equals the key's
    /// at <see cref="KeyOffset"/>. Its score is, per encoding, <see cref="Weight"/>·(q·k) for one-hot and ±1 codes, and
    /// <see cref="Weight"/>·(1 − (v_q − v_k)²) for the quadratic code (1, v, v²); 0 when either side is ⊥ (the zero vector).
    /// </summary>
    public sealed class EqualityMatch
    {
        /// <summary>The code both sides use: <see cref="Encoding.OneHot"/>, <see cref="Encoding.Binary"/> or <see cref="Encoding.Quadratic"/>.</summary>
        public Encoding Encoding { get; set; }
        /// <summary>First coordinate of the query's code.</summary>
        public int QueryOffset { get; set; }
        /// <summary>First coordinate of the key's code.</summary>
        public int KeyOffset { get; set; }
        /// <summary>Coordinates per code (3 for the quadratic code).</summary>
        public int Dims { get; set; }
        /// <summary>The score's scale (α for one-hot and ±1 codes, λ for the quadratic code).</summary>
        public double Weight { get; set; }
    }
}
