using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// Marks a <c>static partial</c> class whose <see cref="ProgramAttribute"/> method is compiled into transformer weights at
    /// build time by the Circuits source generator. The generator adds <c>Model</c>, <c>Card</c>, <c>Forward</c> and <c>Run</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    public sealed class CircuitAttribute : Attribute
    {
        /// <summary>The vocabulary: each character is one symbol (token id = index). Must be non-empty, without repeats.</summary>
        public string Vocabulary { get; set; } = "";

        /// <summary>Maximum input length N (at least 1).</summary>
        public int MaxLength { get; set; } = 64;

        /// <summary>When true every head is causal: position i only sees positions j ≤ i.</summary>
        public bool Causal { get; set; }

        /// <summary>The numeric type the model must be certified exact in; the build fails otherwise.</summary>
        public NumericType Precision { get; set; } = NumericType.Float64;
    }
}
