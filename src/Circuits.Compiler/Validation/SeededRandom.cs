using System;

// RS1035 bans System.Random in analyzers because an unseeded one makes builds differ. This class overrides every member
// with a fixed-seed SplitMix64, so the generator that links it stays deterministic.
#pragma warning disable RS1035

namespace Circuits.Compiler
{
    /// <summary>
    /// SplitMix64: a fixed, platform-independent sequence for the validator's stated samples and the [Computes] check. It
    /// derives from <see cref="Random"/> so the instance generators take it, while <see cref="Random"/>'s own seeded
    /// sequence is not promised to stay the same across runtimes (the generator runs inside whichever compiler hosts it).
    /// </summary>
    internal sealed class SeededRandom : Random
    {
        private ulong _state;
        public SeededRandom(ulong seed) { _state = seed; }

        /// <summary>A value in [0, n).</summary>
        public override int Next(int n)
        {
            if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The bound must be positive.");
            return (int)(NextUInt64() % (ulong)n);
        }

        /// <summary>A value in [minValue, maxValue).</summary>
        public override int Next(int minValue, int maxValue)
        {
            if (maxValue <= minValue) throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, "The upper bound must exceed the lower bound " + minValue + ".");
            return (int)(minValue + (long)(NextUInt64() % (ulong)((long)maxValue - minValue)));
        }

        /// <summary>A value in [0, int.MaxValue).</summary>
        public override int Next() => Next(int.MaxValue);

        /// <summary>A value in [0, 1) with 53 random bits.</summary>
        public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
        public override void NextBytes(byte[] buffer)
        {
            if (buffer is null) throw new ArgumentNullException(nameof(buffer));
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)NextUInt64();
        }

        protected override double Sample() => NextDouble();

        private ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
