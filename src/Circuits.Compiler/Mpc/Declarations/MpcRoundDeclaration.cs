using System;

namespace Circuits.Mpc
{
    /// <summary>
    /// One declared round of an [MpcProgram] class: its name, how often it runs, and its body. The body receives the builder,
    /// the state the previous round returned (null before the first) and the repetition index 0..count−1, and returns the
    /// state for the next round. The generator's interpreter and the generated run-time code both hand these to
    /// <see cref="MpcDeclaration.Build"/>, so build time and run time sequence rounds the same way.
    /// </summary>
    public sealed class MpcRoundDeclaration
    {
        /// <summary>Declares a round.</summary>
        /// <param name="name">The round method's name.</param>
        /// <param name="count">How many times it runs (0 skips it; the state passes through).</param>
        /// <param name="body">(builder, state, repetition) → the next state.</param>
        public MpcRoundDeclaration(string name, int count, Func<MpcBuilder, object?, int, object?> body)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A round needs a name.", nameof(name));
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "A round cannot run a negative number of times.");
            Name = name; Count = count; Body = body ?? throw new ArgumentNullException(nameof(body));
        }

        /// <summary>The round method's name.</summary>
        public string Name { get; }

        /// <summary>How many times the round runs.</summary>
        public int Count { get; }

        /// <summary>(builder, state, repetition) → the next state.</summary>
        public Func<MpcBuilder, object?, int, object?> Body { get; }
    }
}
