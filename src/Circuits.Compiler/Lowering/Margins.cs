namespace Circuits.Compiler
{
    /// <summary>
    /// The margins every exact gadget is designed with, in one place. A ramp unit's pre-activation sits at ≤ <see cref="RampOff"/>
    /// or ≥ <see cref="RampOn"/> for every admissible input, so a ReLU(p) − ReLU(p − 1) pair outputs exactly 0 or 1 while its
    /// inputs stay within their tolerance (gain 2 × <see cref="Code"/> = 0.4 of the 0.5 margin) and rounding adds at most
    /// <see cref="RampRounding"/>.
    /// </summary>
    /// <remarks>
    /// A discretise-then-table row is ReLU(1 − 2·Σ V_j) over its violation units V_j = ReLU(q_j): "the numerical input is
    /// above (below) this bucket's upper (lower) threshold", "the categorical leaf holds another value". Each q_j is ≤
    /// <see cref="RampOff"/> when satisfied and ≥ <see cref="RampOn"/> when violated; threshold gains are 2/gap, so an error of
    /// <see cref="Code"/>·gap / Σ|a| on each slot of an affine input Σ a·x moves q_j by at most 0.4, and rounding by at most
    /// <see cref="RampRounding"/>. A satisfied V_j is then ReLU of a negative number: an exact 0, not merely a small one. On its
    /// row every V_j is 0, so the row's pre-activation is exactly 1 (nothing else is added) and it outputs exactly 1. Off its
    /// row some V_j ≥ 1, so the pre-activation is ≤ −1 before rounding; the precision analysis checks that rounding (the row's
    /// own and its inputs', folded into its bound on |pre-activation|) stays within <see cref="RampRounding"/>, so the row
    /// outputs exactly 0. Rows are exclusive: the output is the code of one row, exactly, and only the output sum rounds.
    /// (The AND of exact 0/1 indicators, ReLU(Σ I − (m − 1)), would be 0 off its row only up to rounding, and that rounding
    /// grows with the threshold gains; the violation form keeps the output exact.)
    /// </remarks>
    internal static class Margins
    {
        /// <summary>Pre-activation of a ramp that must output 0.</summary>
        public const double RampOff = -0.5;

        /// <summary>Pre-activation of a ramp that must output 1.</summary>
        public const double RampOn = 1.5;

        /// <summary>The error a code coordinate (±1, one-hot, presence) may carry into a decision.</summary>
        public const double Code = 0.2;

        /// <summary>The share of a ramp's 0.5 margin left for rounding its pre-activation.</summary>
        public const double RampRounding = 0.1;

        /// <summary>A scalar readout accepts this fraction of the smallest gap between admissible values.</summary>
        public const double ScalarReadout = 0.45;

        /// <summary>The fraction of that gap the output's own (designed) error may use; rounding at the readout takes the rest.</summary>
        public const double ScalarOutput = 0.4;

        /// <summary>A code readout decides on bands: one-hot "on" above 0.75 and "off" below 0.25, ±1 codes by sign beyond 0.5.</summary>
        public const double CodeBand = 0.25;

        /// <summary>When a linear form passes a raw head output to the readout, the head may use this share of the output's tolerance.</summary>
        public const double AffineShare = 0.8;

        /// <summary>A head's output tolerance when no reader asked for one (it is read only by the readout's bands).</summary>
        public const double DefaultHead = Code;

        /// <summary>
        /// Keys per softmax block in every engine (generic and generated): each block is summed on its own, then added to the
        /// running sums, so no weight passes through more than KeyBlock − 1 + ⌈n / KeyBlock⌉ additions, whatever the order inside a block.
        /// </summary>
        public const int KeyBlock = 256;

        /// <summary>Relative error of the engines' exp (vectorised TensorPrimitives.Exp and Math.Exp), in units of the roundoff u.</summary>
        public const double ExpUlps = 4;
    }
}
