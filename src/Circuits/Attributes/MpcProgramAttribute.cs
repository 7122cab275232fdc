using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// Marks a <c>static partial class</c> as an MPC program (THEORY §5.1): one machine per input word, each holding at most
    /// <see cref="LocalMemory"/> words. Its [Round] methods, in declaration order, build the rounds on an
    /// <see cref="Circuits.Mpc.MpcBuilder"/>; the generator runs them at build time, compiles the protocol into exact
    /// transformer weights and adds <c>Protocol</c>, <c>Model</c>, <c>Card</c>, <c>Forward</c>, <c>Run</c> and <c>Simulate</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    public sealed class MpcProgramAttribute : Attribute
    {
        /// <summary>N: the most machines (input words).</summary>
        public int MaxLength { get; set; } = 64;

        /// <summary>s: words per machine, and words sent or received per machine per round.</summary>
        public int LocalMemory { get; set; } = 4;

        /// <summary>W: input words are 0..W−1 (0 = N, so a word can name a machine).</summary>
        public int WordRange { get; set; }

        /// <summary>The numeric type the model is certified for.</summary>
        public NumericType Precision { get; set; } = NumericType.Float64;
    }
}
