using System;

namespace Circuits
{
    /// <summary>The default budget for every circuit in the assembly (0 = unconstrained); see <see cref="BudgetAttribute"/>.</summary>
    [AttributeUsage(AttributeTargets.Assembly, Inherited = false, AllowMultiple = false)]
    public sealed class CircuitBudgetAttribute : Attribute
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
