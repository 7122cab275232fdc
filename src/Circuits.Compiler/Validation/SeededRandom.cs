namespace Circuits.Compiler
{
    /// <summary>SplitMix64: a fixed, platform-independent sequence for the validator's stated samples.</summary>
    internal sealed class SeededRandom
    {
        private ulong _state;
        public SeededRandom(ulong seed) { _state = seed; }

        /// <summary>A value in [0, n).</summary>
        public int Next(int n)
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z % (ulong)n);
        }
    }
}
