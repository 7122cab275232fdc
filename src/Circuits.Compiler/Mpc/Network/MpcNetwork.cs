using System;
using System.Collections.Generic;

namespace Circuits.Mpc
{
    /// <summary>
    /// The general MPC model of THEORY §5.1 (Karloff et al.), run natively: q machines, each holding at most s words (doubles,
    /// standing in for reals of O(log N) bits); a round is every machine's local step — which reads its inbox and memory, keeps
    /// at most s words and sends words to other machines — then the delivery of every word sent. The network enforces the
    /// model's limits and throws <see cref="MpcLimitException"/> at the first violation: within a round, machine by machine in
    /// id order, a send to a machine that does not exist (at the send), then more than s words kept or sent (when its step
    /// returns); after every step, more than s words received, by the lowest receiving machine. Nothing is ever dropped.
    /// Unlike <see cref="MpcSimulator"/>, which runs one-machine-per-token register protocols, a machine here is any code.
    /// </summary>
    public sealed class MpcNetwork
    {
        private readonly double[][] _memory;
        private readonly List<MpcMessage> _outgoing = new List<MpcMessage>();
        private readonly int[] _inboxStart;
        private MpcMessage[] _delivered = Array.Empty<MpcMessage>();
        private readonly MpcMachineStep _step;

        /// <summary>Creates <paramref name="machines"/> machines of <paramref name="localMemory"/> words each, all empty.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 machine or a local memory below 1 word.</exception>
        public MpcNetwork(int machines, int localMemory)
        {
            if (machines < 1) throw new ArgumentOutOfRangeException(nameof(machines), machines, "an MPC network needs at least 1 machine");
            if (localMemory < 1) throw new ArgumentOutOfRangeException(nameof(localMemory), localMemory, "the local memory s must be at least 1 word");
            Machines = machines;
            LocalMemory = localMemory;
            _memory = new double[machines][];
            for (int m = 0; m < machines; m++) _memory[m] = Array.Empty<double>();
            _inboxStart = new int[machines + 1];
            _step = new MpcMachineStep(this);
        }

        /// <summary>q: the number of machines.</summary>
        public int Machines { get; }

        /// <summary>s: the words a machine may hold, send in a round and receive in a round.</summary>
        public int LocalMemory { get; }

        /// <summary>Rounds run so far.</summary>
        public int Rounds { get; private set; }

        /// <summary>Words delivered so far, over all rounds and machines.</summary>
        public long Messages { get; private set; }

        /// <summary>The most words any machine held at the end of a step (or was loaded with).</summary>
        public int PeakMemory { get; private set; }

        /// <summary>The most words any machine sent in one round.</summary>
        public int PeakSent { get; private set; }

        /// <summary>The most words any machine received in one round.</summary>
        public int PeakReceived { get; private set; }

        /// <summary>Gives machine <paramref name="machine"/> its share of the input before the first round.</summary>
        /// <exception cref="InvalidOperationException">A round has run already.</exception>
        /// <exception cref="ArgumentException">The machine does not exist or the share is longer than s.</exception>
        public void Load(int machine, double[] words)
        {
            if (words is null) throw new ArgumentNullException(nameof(words));
            if (Rounds > 0) throw new InvalidOperationException("the input is loaded before the first round");
            CheckMachine(machine);
            if (words.Length > LocalMemory)
                throw new ArgumentException($"the input gives machine {machine} {words.Length} words; the local memory is s = {LocalMemory}", nameof(words));
            _memory[machine] = (double[])words.Clone();
            PeakMemory = Math.Max(PeakMemory, words.Length);
        }

        /// <summary>A copy of the words machine <paramref name="machine"/> holds now.</summary>
        public double[] Memory(int machine)
        {
            CheckMachine(machine);
            return (double[])_memory[machine].Clone();
        }

        /// <summary>The words delivered to <paramref name="machine"/> at the end of the last round (its next step's inbox).</summary>
        public NetworkInbox Inbox(int machine)
        {
            CheckMachine(machine);
            return new NetworkInbox(_delivered, _inboxStart[machine], _inboxStart[machine + 1] - _inboxStart[machine]);
        }

        /// <summary>Runs one round: <paramref name="step"/> on every machine in id order, then delivery.</summary>
        /// <exception cref="MpcLimitException">A machine broke a limit of the model.</exception>
        public void Round(Action<MpcMachineStep> step)
        {
            if (step is null) throw new ArgumentNullException(nameof(step));
            int round = ++Rounds, s = LocalMemory;
            _outgoing.Clear();
            for (int m = 0; m < Machines; m++)
            {
                _step.Begin(m, round, Inbox(m), _memory[m]);
                step(_step);
                var kept = _step.Memory;
                if (kept.Length > s) throw new MpcLimitException(MpcLimit.Memory, m, round, kept.Length, s);
                if (_step.Sent > s) throw new MpcLimitException(MpcLimit.Send, m, round, _step.Sent, s);
                _memory[m] = kept;
                PeakMemory = Math.Max(PeakMemory, kept.Length);
                PeakSent = Math.Max(PeakSent, _step.Sent);
            }
            Deliver(round);
        }

        internal void Post(MpcMessage message) => _outgoing.Add(message);

        /// <summary>A stable counting sort by receiver: each inbox keeps the senders' id order and each sender's send order.</summary>
        private void Deliver(int round)
        {
            var start = _inboxStart;
            Array.Clear(start, 0, start.Length);
            foreach (var message in _outgoing) start[message.To + 1]++;
            for (int m = 0; m < Machines; m++)
            {
                int received = start[m + 1];
                if (received > LocalMemory) throw new MpcLimitException(MpcLimit.Receive, m, round, received, LocalMemory);
                PeakReceived = Math.Max(PeakReceived, received);
            }
            for (int m = 0; m < Machines; m++) start[m + 1] += start[m];
            if (_delivered.Length < _outgoing.Count) _delivered = new MpcMessage[_outgoing.Count];
            var next = new int[Machines];
            Array.Copy(start, next, Machines);
            foreach (var message in _outgoing) _delivered[next[message.To]++] = message;
            Messages += _outgoing.Count;
        }

        private void CheckMachine(int machine)
        {
            if ((uint)machine >= (uint)Machines)
                throw new ArgumentOutOfRangeException(nameof(machine), machine, $"the network has machines 0..{Machines - 1}");
        }
    }
}
