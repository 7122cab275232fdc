using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>One built-in program: how to build it, how to mask it, its independent oracle and its instance generator.</summary>
    public sealed class ProgramEntry
    {
        /// <summary>Creates an entry.</summary>
        /// <param name="name">The kebab-case name.</param>
        /// <param name="description">A one-line description.</param>
        /// <param name="causal">Whether the program is compiled with a causal mask.</param>
        /// <param name="build">Builds the program's IR from k (k is used only by k-hop).</param>
        /// <param name="reference">The task definition: token ids and k to the expected outputs (NaN = ⊥).</param>
        /// <param name="generate">Draws a random instance: (rng, length, vocabulary size) to token ids.</param>
        /// <param name="maxLength">The size the program is meant for (Tracr's default sizes), or null for any.</param>
        public ProgramEntry(string name, string description, bool causal, Func<int, SOp> build,
            Func<int[], int, double[]> reference, Func<Random, int, int, int[]> generate, int? maxLength = null)
        {
            MaxLength = maxLength;
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Description = description ?? throw new ArgumentNullException(nameof(description));
            Causal = causal;
            Build = build ?? throw new ArgumentNullException(nameof(build));
            Reference = reference ?? throw new ArgumentNullException(nameof(reference));
            Generate = generate ?? throw new ArgumentNullException(nameof(generate));
        }

        /// <summary>
        /// The maximum length the program is meant for, or null for any: Tracr's programs are written for its default
        /// sizes (max_seq_len 10), where their value sets (fractions, unique keys) stay small enough for exact tables.
        /// </summary>
        public int? MaxLength { get; }

        /// <summary>The kebab-case name (e.g. "induction-head").</summary>
        public string Name { get; }

        /// <summary>A one-line description.</summary>
        public string Description { get; }

        /// <summary>True when the program is compiled with a causal mask (a decoder); false for bidirectional programs.</summary>
        public bool Causal { get; }

        /// <summary>Builds the program's IR; the argument is k, used only by k-hop.</summary>
        public Func<int, SOp> Build { get; }

        /// <summary>
        /// The task definition from <see cref="Tasks.TaskDefinitions"/> (written without the IR, so it is an independent oracle):
        /// token ids and k to one expected value per position, NaN = ⊥.
        /// </summary>
        public Func<int[], int, double[]> Reference { get; }

        /// <summary>Draws a random instance: (random source, length, vocabulary size) to token ids.</summary>
        public Func<Random, int, int, int[]> Generate { get; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
