namespace Circuits.Mpc
{
    /// <summary>How many times a declared round runs, as a function of N (see <see cref="MpcDeclaration.Repetitions"/>).</summary>
    public enum RoundRepeat
    {
        /// <summary>A fixed number of times: <c>Times</c> (1 by default).</summary>
        Once,
        /// <summary>⌈log2 N⌉ times (pointer doubling: 2^R ≥ N), plus <c>Plus</c>.</summary>
        Log2N,
    }
}
