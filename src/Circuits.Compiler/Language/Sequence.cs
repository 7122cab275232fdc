using System;
using System.Linq;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// A typed sequence of the language: <see cref="Categorical{T}"/> (symbols: ints, bools, doubles, tuples of them) or
    /// <see cref="Numerical"/> (numbers read as magnitudes, averaged by attention). The type says which operations make
    /// sense, so a numerical mean cannot be read as a symbol and an int map cannot truncate a fraction. Underneath, a
    /// sequence is one IR node (<see cref="SOp"/>), or one per field for a tuple.
    /// </summary>
    public abstract class Sequence
    {
        private protected Sequence(SOp[] parts)
        {
            if (parts.Length == 0) throw new ArgumentException("A sequence has at least one part.", nameof(parts));
            foreach (var p in parts) if (p is null) throw new ArgumentNullException(nameof(parts));
            Parts = parts;
        }

        /// <summary>The IR nodes: one, or one per scalar field of a tuple.</summary>
        internal SOp[] Parts { get; }

        /// <summary>The IR node of this sequence (what the compiler and the reference evaluator take).</summary>
        /// <exception cref="InvalidOperationException">The sequence is tuple-valued: map it to a single value first.</exception>
        public SOp Node => Parts.Length == 1 ? Parts[0]
            : throw new InvalidOperationException("A tuple-valued sequence has " + Parts.Length + " fields and no single node; map it to one value first (Map(t => ...)).");

        /// <summary>The IR node, so a typed program compiles and evaluates wherever an <see cref="SOp"/> is expected.</summary>
        public static implicit operator SOp(Sequence sequence) => (sequence ?? throw new ArgumentNullException(nameof(sequence))).Node;

        /// <summary>Reference equality: <c>==</c> on sequences builds an elementwise comparison, it never compares handles.</summary>
        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        /// <inheritdoc />
        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

        /// <inheritdoc />
        public override string ToString() => Parts.Length == 1 ? Parts[0].ToString() : "(" + string.Join(", ", Parts.Select(p => p.ToString())) + ")";

        /// <summary>The parts renamed: "name" for one part, "name.0", "name.1", ... for tuple fields.</summary>
        private protected SOp[] NamedParts(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A name must be non-empty.", nameof(name));
            return Parts.Length == 1 ? new[] { Parts[0].Named(name) } : Parts.Select((p, i) => p.Named(name + "." + i)).ToArray();
        }
    }
}
