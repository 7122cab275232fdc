using System;

namespace Circuits.Mpc
{
    /// <summary>
    /// The words one machine received at the end of the previous round, ordered by sender id and, from one sender, in the
    /// order they were sent: a receiver that knows the protocol can read a sender's words as one contiguous block.
    /// </summary>
    public readonly struct NetworkInbox
    {
        private readonly MpcMessage[]? _messages;
        private readonly int _start;

        internal NetworkInbox(MpcMessage[] messages, int start, int count)
        {
            _messages = messages; _start = start; Count = count;
        }

        /// <summary>How many words arrived.</summary>
        public int Count { get; }

        /// <summary>The <paramref name="index"/>-th word that arrived.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, <see cref="Count"/>).</exception>
        public MpcMessage this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count)
                    throw new ArgumentOutOfRangeException(nameof(index), index, $"the inbox holds {Count} words");
                return _messages![_start + index];
            }
        }
    }
}
