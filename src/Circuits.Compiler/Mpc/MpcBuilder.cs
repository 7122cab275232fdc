using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Mpc
{
    /// <summary>
    /// Builds an <see cref="MpcProtocol"/> in code, the way <see cref="Rasp"/> builds a circuit: open a round with
    /// <see cref="Round"/>, then write registers with local steps, pull reads, lookups, counts and sends. Registers are
    /// single-assignment; a loop that updates a value writes a new register each round.
    /// </summary>
    public sealed class MpcBuilder
    {
        private readonly List<MpcRegister> _registers = new List<MpcRegister>();
        private readonly List<MpcRound> _rounds = new List<MpcRound>();

        /// <summary>Starts a protocol.</summary>
        /// <param name="name">The protocol's name.</param>
        /// <param name="maxLength">N: the most machines (one per input word).</param>
        /// <param name="localMemory">s: words per machine, and messages sent or received per machine per round.</param>
        /// <param name="wordRange">W: input words are 0..W−1.</param>
        /// <exception cref="ArgumentException">A size is out of range.</exception>
        public MpcBuilder(string name, int maxLength, int localMemory, int wordRange)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("The protocol needs a name.", nameof(name));
            if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "N must be at least 1.");
            if (localMemory < 1) throw new ArgumentOutOfRangeException(nameof(localMemory), localMemory, "The local memory s must be at least 1 word.");
            if (wordRange < 1) throw new ArgumentOutOfRangeException(nameof(wordRange), wordRange, "The word range W must be at least 1.");
            Name = name; MaxLength = maxLength; LocalMemory = localMemory; WordRange = wordRange;
            Word = NewRegister("word", MpcKind.Categorical);
            Machine = NewRegister("machine", MpcKind.Categorical);
        }

        /// <summary>The protocol's name.</summary>
        public string Name { get; }
        /// <summary>N.</summary>
        public int MaxLength { get; }
        /// <summary>s.</summary>
        public int LocalMemory { get; }
        /// <summary>W.</summary>
        public int WordRange { get; }
        /// <summary>The machine's input word (categorical, 0..W−1).</summary>
        public MpcRegister Word { get; }
        /// <summary>The machine's id (categorical, 0..n−1).</summary>
        public MpcRegister Machine { get; }

        /// <summary>Opens the next round; the statements that follow belong to it.</summary>
        public void Round(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A round needs a name.", nameof(name));
            _rounds.Add(new MpcRound(_rounds.Count + 1, name));
        }

        /// <summary>Local step of one register: target = f(x).</summary>
        public MpcRegister Local(string name, MpcKind kind, Func<double, double> f, MpcRegister x, string label)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            return Local(name, kind, xs => f(xs[0]), new[] { x }, label);
        }

        /// <summary>Local step of two registers: target = f(x, y).</summary>
        public MpcRegister Local(string name, MpcKind kind, Func<double, double, double> f, MpcRegister x, MpcRegister y, string label)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            return Local(name, kind, xs => f(xs[0], xs[1]), new[] { x, y }, label);
        }

        /// <summary>
        /// Local step: target = f(inputs) on every machine. A categorical target takes integers or NaN (⊥), a numerical one
        /// finite numbers; ⊥ in any input gives ⊥ (0 when numerical) without calling f. The compiler evaluates f on every
        /// combination of values its inputs can take.
        /// </summary>
        public MpcRegister Local(string name, MpcKind kind, Func<double[], double> f, MpcRegister[] inputs, string label)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (inputs is null || inputs.Length == 0) throw new ArgumentException("A local step needs at least one input register.", nameof(inputs));
            foreach (var x in inputs) Own(x, nameof(inputs));
            var target = NewRegister(name, kind);
            Add(new MpcLocal(target, (MpcRegister[])inputs.Clone(), f, label ?? "f"));
            return target;
        }

        /// <summary>Local equality test of two categorical registers: 1 where they are equal (neither ⊥), else 0 (numerical).</summary>
        public MpcRegister Same(string name, MpcRegister left, MpcRegister right)
        {
            Categorical(left, nameof(left)); Categorical(right, nameof(right));
            var target = NewRegister(name, MpcKind.Numerical);
            Add(new MpcSame(target, left, right));
            return target;
        }

        /// <summary>Pull read: <paramref name="register"/> on the machine whose id is in <paramref name="from"/>.</summary>
        public MpcRegister Read(string name, MpcRegister register, MpcRegister from)
        {
            Own(register, nameof(register)); Categorical(from, nameof(from));
            var target = NewRegister(name, register.Kind);
            Add(new MpcRead(target, register, from));
            return target;
        }

        /// <summary>Associative pull read: <paramref name="register"/> on the first or last machine whose <paramref name="key"/> equals this machine's <paramref name="query"/>.</summary>
        public MpcRegister Lookup(string name, MpcRegister register, MpcRegister key, MpcRegister query, MpcPick pick, bool earlierOnly = false)
        {
            Own(register, nameof(register)); Categorical(key, nameof(key)); Categorical(query, nameof(query));
            var target = NewRegister(name, register.Kind);
            Add(new MpcLookup(target, register, key, query, pick, earlierOnly));
            return target;
        }

        /// <summary>All-reduce: the number of machines whose <paramref name="flag"/> is 1.</summary>
        public MpcRegister Count(string name, MpcRegister flag)
        {
            Categorical(flag, nameof(flag));
            var target = NewRegister(name, MpcKind.Categorical);
            Add(new MpcCount(target, flag));
            return target;
        }

        /// <summary>
        /// Push send of <paramref name="payload"/> to the machine in <paramref name="to"/> (⊥ sends nothing). Returns the
        /// receiver's inbox: s slots in sender order and the number received. One send per round.
        /// </summary>
        public MpcInbox Send(string name, MpcRegister to, MpcRegister payload) => Send(name, to, payload, LocalMemory);

        /// <summary>
        /// Push send into an inbox of <paramref name="slots"/> ≤ s words: the receiver reserves that much of its memory for the
        /// round's messages, and more than <paramref name="slots"/> messages to one machine is a receive overflow. The inbox
        /// also gives each sender the slot its message lands in (<see cref="MpcInbox.Position"/>).
        /// </summary>
        public MpcInbox Send(string name, MpcRegister to, MpcRegister payload, int slots)
        {
            Categorical(to, nameof(to)); Own(payload, nameof(payload));
            if (slots < 1 || slots > LocalMemory)
                throw new ArgumentOutOfRangeException(nameof(slots), slots, $"an inbox holds 1..s = {LocalMemory} words.");
            var round = Current();
            if (round.Body.Any(s => s is MpcSend))
                throw new InvalidOperationException($"round {round.Number} ('{round.Name}') already sends; merge the messages into one send per round.");
            var received = NewRegister(name + ".received", MpcKind.Categorical);
            var inbox = Enumerable.Range(0, slots).Select(t => NewRegister(name + "[" + t + "]", payload.Kind)).ToArray();
            var position = NewRegister(name + ".position", MpcKind.Categorical);
            var send = new MpcSend(received, to, payload, inbox, position);
            round.Body.Add(send);
            return new MpcInbox(inbox, received, position);
        }

        /// <summary>Finishes the protocol with <paramref name="output"/> as each machine's output (numerical when the protocol sends).</summary>
        public MpcProtocol Build(MpcRegister output)
        {
            Own(output, nameof(output));
            if (output.Kind != MpcKind.Numerical && _rounds.Any(r => r.Body.Any(x => x is MpcSend)))
                throw new ArgumentException($"'{Name}' sends messages, so its output must be numerical (output register '{output.Name}' is categorical): a fault replaces the output of the machine that broke a limit, and no map can replace a categorical ⊥.", nameof(output));
            return new MpcProtocol(Name, MaxLength, LocalMemory, WordRange, _rounds.ToArray(), _registers.ToArray(), Word, Machine, output);
        }

        private MpcRegister NewRegister(string name, MpcKind kind)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A register needs a name.", nameof(name));
            if (kind != MpcKind.Categorical && kind != MpcKind.Numerical) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown register kind.");
            var r = new MpcRegister(_registers.Count, name, kind);
            _registers.Add(r);
            return r;
        }

        private void Add(MpcStatement s) => Current().Body.Add(s);

        private MpcRound Current()
            => _rounds.Count > 0 ? _rounds[_rounds.Count - 1] : throw new InvalidOperationException("Open a round with Round(name) before the first statement.");

        private void Own(MpcRegister r, string parameter)
        {
            if (r is null) throw new ArgumentNullException(parameter);
            if (r.Id >= _registers.Count || !ReferenceEquals(_registers[r.Id], r))
                throw new ArgumentException($"register '{r.Name}' belongs to another protocol.", parameter);
        }

        private void Categorical(MpcRegister r, string parameter)
        {
            Own(r, parameter);
            if (r.Kind != MpcKind.Categorical)
                throw new ArgumentException($"register '{r.Name}' is numerical; addresses, keys, destinations and flags must be categorical (convert it with a categorical local step).", parameter);
        }
    }

    /// <summary>What a send delivers: s inbox slots in sender order and the number of messages received.</summary>
    public sealed class MpcInbox
    {
        internal MpcInbox(MpcRegister[] slots, MpcRegister received, MpcRegister position) { Slots = slots; Received = received; Position = position; }

        /// <summary>The inbox slots (⊥, or 0 when numerical, past the last message).</summary>
        public IReadOnlyList<MpcRegister> Slots { get; }

        /// <summary>The number of messages received.</summary>
        public MpcRegister Received { get; }

        /// <summary>On the sender: the inbox slot its message lands in (the number of earlier senders to the same machine, at most the slot count); 0 when it sends nothing.</summary>
        public MpcRegister Position { get; }
    }
}
