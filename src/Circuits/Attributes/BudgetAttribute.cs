using System;

namespace Circuits
{
    /// <summary>
    /// The resources a circuit may use; exceeding one is a build error. 0 leaves a resource unconstrained.
    /// Overrides the assembly-wide <see cref="CircuitBudgetAttribute"/> field by field (a non-zero value wins).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    public sealed class BudgetAttribute : Attribute
    {
        /// <summary>Maximum number of layers (0 = unconstrained).</summary>
        public int Layers { get; set; }
        /// <summary>Maximum residual width d_model (0 = unconstrained).</summary>
        public int Width { get; set; }
        /// <summary>Maximum heads in any one layer (0 = unconstrained).</summary>
        public int HeadsPerLayer { get; set; }
        /// <summary>Maximum dense parameter count (0 = unconstrained).</summary>
        public long Parameters { get; set; }
        /// <summary>Maximum mantissa bits (0 = unconstrained).</summary>
        public int Bits { get; set; }
    }
}
