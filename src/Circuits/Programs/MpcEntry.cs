using System;
using Circuits.Mpc;

namespace Circuits
{
    /// <summary>One built-in MPC program: its protocol at a given N, the task definition it must agree with, and its instances.</summary>
    public sealed class MpcEntry
    {
        /// <summary>Creates an entry.</summary>
        /// <param name="name">The kebab-case name.</param>
        /// <param name="description">A one-line description, including the input format.</param>
        /// <param name="protocol">Builds the protocol for N machines.</param>
        /// <param name="reference">The task definition (written without the protocol): words to outputs, NaN = ⊥.</param>
        /// <param name="generate">Draws a valid instance: (random source, length) to words.</param>
        public MpcEntry(string name, string description, Func<int, MpcProtocol> protocol, Func<int[], double[]> reference, Func<Random, int, int[]> generate)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Description = description ?? throw new ArgumentNullException(nameof(description));
            Protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
            Reference = reference ?? throw new ArgumentNullException(nameof(reference));
            Generate = generate ?? throw new ArgumentNullException(nameof(generate));
        }

        /// <summary>The kebab-case name (e.g. "list-ranking").</summary>
        public string Name { get; }

        /// <summary>A one-line description.</summary>
        public string Description { get; }

        /// <summary>The protocol for N = the argument.</summary>
        public Func<int, MpcProtocol> Protocol { get; }

        /// <summary>The task definition from <see cref="Tasks.MpcTaskDefinitions"/>.</summary>
        public Func<int[], double[]> Reference { get; }

        /// <summary>Draws a valid instance of the given length.</summary>
        public Func<Random, int, int[]> Generate { get; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
