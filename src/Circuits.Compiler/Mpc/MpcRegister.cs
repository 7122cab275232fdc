namespace Circuits.Mpc
{
    /// <summary>What a register holds on each machine.</summary>
    public enum MpcKind
    {
        /// <summary>An integer word or ⊥ (NaN): compared exactly, usable as an address or a key.</summary>
        Categorical,
        /// <summary>A real number (never ⊥): added, compared and minimised by exact ReLU forms.</summary>
        Numerical,
    }

    /// <summary>
    /// One word of every machine's local memory: a value written once by one statement (registers are single-assignment,
    /// so a loop writes a new register each round). Both consumers of a protocol, the simulator and the lowering, key
    /// their state by register.
    /// </summary>
    public sealed class MpcRegister
    {
        internal MpcRegister(int id, string name, MpcKind kind)
        {
            Id = id; Name = name; Kind = kind;
        }

        /// <summary>The register's position in its protocol's declaration order.</summary>
        public int Id { get; }

        /// <summary>The register's name (residual labels, messages).</summary>
        public string Name { get; }

        /// <summary>Categorical or numerical.</summary>
        public MpcKind Kind { get; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
