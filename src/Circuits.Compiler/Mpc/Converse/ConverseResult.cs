namespace Circuits.Mpc
{
    /// <summary>One run of <see cref="TransformerToMpc"/>: the decoded outputs and what the protocol used.</summary>
    public sealed class ConverseResult
    {
        internal ConverseResult(double[] outputs, ConverseAccounting accounting) { Outputs = outputs; Accounting = accounting; }

        /// <summary>The decoded output of each input token (NaN = ⊥), as the forward pass decodes it.</summary>
        public double[] Outputs { get; }

        /// <summary>q, R, s, messages and peaks, beside the theorem's bounds.</summary>
        public ConverseAccounting Accounting { get; }
    }
}
