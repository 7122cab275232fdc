namespace Circuits.Mpc
{
    /// <summary>
    /// One word in flight between two machines of an <see cref="MpcNetwork"/>. A word is a double, standing in for the theory's
    /// real of O(log N) bits (THEORY §5.1); the sender's id travels with it as the header every MPC model gives a message for free.
    /// </summary>
    public readonly struct MpcMessage
    {
        /// <summary>Creates a message.</summary>
        /// <param name="from">The sending machine.</param>
        /// <param name="to">The receiving machine.</param>
        /// <param name="word">The word.</param>
        public MpcMessage(int from, int to, double word) { From = from; To = to; Word = word; }

        /// <summary>The sending machine.</summary>
        public int From { get; }

        /// <summary>The receiving machine.</summary>
        public int To { get; }

        /// <summary>The word.</summary>
        public double Word { get; }
    }
}
