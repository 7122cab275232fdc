namespace Circuits.Compiler
{
    /// <summary>A declared resource budget; 0 leaves a quantity unconstrained.</summary>
    public sealed class Budget
    {
        /// <summary>Most layers allowed.</summary>
        public int Layers { get; set; }
        /// <summary>Largest residual width allowed.</summary>
        public int Width { get; set; }
        /// <summary>Most heads in any one layer.</summary>
        public int HeadsPerLayer { get; set; }
        /// <summary>Most dense parameters.</summary>
        public long Parameters { get; set; }
        /// <summary>Most mantissa bits (the precision p of the lower bounds).</summary>
        public int Bits { get; set; }
    }

    /// <summary>How serious a finding is.</summary>
    public enum FindingSeverity
    {
        /// <summary>The declared budget is exceeded: a build error.</summary>
        Error,
        /// <summary>Theory says the budget cannot suffice (constants unknown, so a warning).</summary>
        Warning,
    }

    /// <summary>One budget or lower-bound finding, with a stable CIRC code and a message that carries the numbers.</summary>
    public sealed class RuleFinding
    {
        /// <summary>Creates a finding.</summary>
        public RuleFinding(string code, FindingSeverity severity, string message)
        {
            Code = code; Severity = severity; Message = message;
        }
        /// <summary>CIRC + 4 digits (0100 budgets, 0400 lower bounds).</summary>
        public string Code { get; }
        /// <summary>Error or warning.</summary>
        public FindingSeverity Severity { get; }
        /// <summary>The measured value, the limit, what drives it and what would fix it.</summary>
        public string Message { get; }
        /// <inheritdoc />
        public override string ToString() => Code + ": " + Message;
    }
}
