namespace Circuits.Compiler
{
    /// <summary>
    /// The margins every exact gadget is designed with, in one place. A ramp unit's pre-activation sits at ≤ <see cref="RampOff"/>
    /// or ≥ <see cref="RampOn"/> for every admissible input, so a ReLU(p) − ReLU(p − 1) pair outputs exactly 0 or 1 while its
    /// inputs stay within their tolerance (gain 2 × <see cref="Code"/> = 0.4 of the 0.5 margin) and rounding adds at most
    /// <see cref="RampRounding"/>.
    /// </summary>
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
