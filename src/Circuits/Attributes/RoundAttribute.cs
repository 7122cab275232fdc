using System;
using Circuits.Mpc;

namespace Circuits
{
    /// <summary>
    /// Marks a method of an [MpcProgram] class as a round: <c>static S Name(MpcBuilder m)</c>, <c>static S Name(MpcBuilder m, S state)</c>
    /// or <c>static S Name(MpcBuilder m, S state, int j)</c>, where <c>state</c> is what the previous round returned and
    /// <c>j</c> the repetition (0-based). It runs <see cref="Times"/> times, or ⌈log2 N⌉ times with <see cref="RoundRepeat.Log2N"/>,
    /// plus <see cref="Plus"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
    public sealed class RoundAttribute : Attribute
    {
        /// <summary>Once (<see cref="Times"/> times) or ⌈log2 N⌉ times.</summary>
        public RoundRepeat Repeat { get; set; } = RoundRepeat.Once;

        /// <summary>The fixed count for <see cref="RoundRepeat.Once"/> (0 = 1).</summary>
        public int Times { get; set; }

        /// <summary>Added to the count (e.g. −1 for ⌈log2 N⌉ − 1); the total is at least 0.</summary>
        public int Plus { get; set; }
    }
}
