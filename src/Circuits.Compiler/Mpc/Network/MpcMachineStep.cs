using System;

namespace Circuits.Mpc
{
    /// <summary>
    /// What one machine sees during its local step of one round: its id, the round, its inbox (the words delivered at the end of
    /// the previous round) and its memory; it sends words with <see cref="Send(int, double)"/>. The network reuses one instance
    /// for every machine of a round, so a step must not keep it.
    /// </summary>
    public sealed class MpcMachineStep
    {
        private readonly MpcNetwork _network;
        private double[] _memory = Array.Empty<double>();

        internal MpcMachineStep(MpcNetwork network) { _network = network; }

        /// <summary>The machine taking the step.</summary>
        public int Machine { get; private set; }

        /// <summary>The round, 1-based.</summary>
        public int Round { get; private set; }

        /// <summary>The words this machine received at the end of the previous round (empty in round 1).</summary>
        public NetworkInbox Inbox { get; private set; }

        /// <summary>
        /// The words the machine holds: what it kept from the previous round on entry, what it keeps into the next one on exit
        /// (at most s words, checked when the step returns). Words of the inbox not copied here are gone after the step.
        /// </summary>
        /// <exception cref="ArgumentNullException">Set to null (use an empty array).</exception>
        public double[] Memory
        {
            get => _memory;
            set => _memory = value ?? throw new ArgumentNullException(nameof(value), "a machine's memory is an array of words; use an empty array for none");
        }

        /// <summary>Words sent so far in this step.</summary>
        public int Sent { get; private set; }

        /// <summary>Sends one word to machine <paramref name="to"/>; it is delivered at the end of the round.</summary>
        /// <exception cref="MpcLimitException">No machine <paramref name="to"/> exists (<see cref="MpcLimit.Destination"/>).</exception>
        public void Send(int to, double word)
        {
            if ((uint)to >= (uint)_network.Machines)
                throw new MpcLimitException(MpcLimit.Destination, Machine, Round, to, _network.Machines);
            _network.Post(new MpcMessage(Machine, to, word));
            Sent++;
        }

        /// <summary>Sends <paramref name="count"/> words of <paramref name="words"/> from <paramref name="offset"/>, in order, to machine <paramref name="to"/>.</summary>
        /// <exception cref="MpcLimitException">No machine <paramref name="to"/> exists (<see cref="MpcLimit.Destination"/>).</exception>
        public void Send(int to, double[] words, int offset, int count)
        {
            if (words is null) throw new ArgumentNullException(nameof(words));
            for (int c = 0; c < count; c++) Send(to, words[offset + c]);
        }

        internal void Begin(int machine, int round, NetworkInbox inbox, double[] memory)
        {
            Machine = machine; Round = round; Inbox = inbox; _memory = memory; Sent = 0;
        }
    }
}
