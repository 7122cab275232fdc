using System;
using System.Collections.Generic;

namespace Circuits.Mpc
{
    /// <summary>One statement of a round: it writes <see cref="Target"/> on every machine from registers written before it.</summary>
    public abstract class MpcStatement
    {
        internal MpcStatement(MpcRegister target) => Target = target;

        /// <summary>The register the statement writes.</summary>
        public MpcRegister Target { get; }

        /// <summary>The registers the statement reads.</summary>
        public abstract IReadOnlyList<MpcRegister> Inputs { get; }

        /// <summary>What the statement does, for the card and messages.</summary>
        public abstract string Describe();
    }

    /// <summary>
    /// Local computation: target = f(inputs) on each machine. f returns an integer or NaN (⊥) for a categorical target, a
    /// finite number for a numerical one. ⊥ in any input gives ⊥ (0 for a numerical target) without calling f, as in the IR.
    /// </summary>
    public sealed class MpcLocal : MpcStatement
    {
        internal MpcLocal(MpcRegister target, MpcRegister[] inputs, Func<double[], double> function, string label) : base(target)
        {
            Arguments = inputs; Function = function; Label = label;
        }

        /// <summary>The arguments, in order.</summary>
        public IReadOnlyList<MpcRegister> Arguments { get; }

        /// <summary>The function of the arguments.</summary>
        public Func<double[], double> Function { get; }

        /// <summary>The function's label.</summary>
        public string Label { get; }

        /// <inheritdoc/>
        public override IReadOnlyList<MpcRegister> Inputs => Arguments;

        /// <inheritdoc/>
        public override string Describe() => Target + " = " + Label + "(" + string.Join(", ", Arguments) + ")";
    }

    /// <summary>
    /// Pull read: target = source on machine <see cref="Address"/> (⊥, or 0 for a numerical source, when the address is ⊥ or
    /// names no machine). Any number of machines may read one machine: attention has unbounded fan-out.
    /// </summary>
    public sealed class MpcRead : MpcStatement
    {
        internal MpcRead(MpcRegister target, MpcRegister source, MpcRegister address) : base(target)
        {
            Source = source; Address = address;
        }

        /// <summary>The register read on the remote machine.</summary>
        public MpcRegister Source { get; }

        /// <summary>The local register holding the remote machine's id.</summary>
        public MpcRegister Address { get; }

        /// <inheritdoc/>
        public override IReadOnlyList<MpcRegister> Inputs => new[] { Source, Address };

        /// <inheritdoc/>
        public override string Describe() => Target + " = read " + Source + " from machine " + Address;
    }

    /// <summary>Which of several matching machines a lookup reads.</summary>
    public enum MpcPick
    {
        /// <summary>The matching machine with the smallest id.</summary>
        First,
        /// <summary>The matching machine with the largest id.</summary>
        Last,
    }

    /// <summary>
    /// Associative pull read (multi-search): target = source on the first or last machine j whose <see cref="Key"/> equals this
    /// machine's <see cref="Query"/> (only machines j &lt; i when <see cref="EarlierOnly"/>); ⊥, or 0 when numerical, if none.
    /// </summary>
    public sealed class MpcLookup : MpcStatement
    {
        internal MpcLookup(MpcRegister target, MpcRegister source, MpcRegister key, MpcRegister query, MpcPick pick, bool earlierOnly) : base(target)
        {
            Source = source; Key = key; Query = query; Pick = pick; EarlierOnly = earlierOnly;
        }

        /// <summary>The register read on the matching machine.</summary>
        public MpcRegister Source { get; }

        /// <summary>The register compared on the remote machines.</summary>
        public MpcRegister Key { get; }

        /// <summary>The local register compared against their keys.</summary>
        public MpcRegister Query { get; }

        /// <summary>Which match is read.</summary>
        public MpcPick Pick { get; }

        /// <summary>Whether only machines with a smaller id are searched.</summary>
        public bool EarlierOnly { get; }

        /// <inheritdoc/>
        public override IReadOnlyList<MpcRegister> Inputs => new[] { Source, Key, Query };

        /// <inheritdoc/>
        public override string Describe()
            => Target + " = read " + Source + " from the " + (Pick == MpcPick.First ? "first" : "last") + (EarlierOnly ? " earlier" : "") + " machine whose " + Key + " equals " + Query;
    }

    /// <summary>
    /// Local equality test: target = 1 where <see cref="Left"/> equals <see cref="Right"/> (both not ⊥), else 0 (numerical).
    /// No communication; it compiles to one exact-match head restricted to the machine itself, instead of an |A|·|B| table.
    /// </summary>
    public sealed class MpcSame : MpcStatement
    {
        internal MpcSame(MpcRegister target, MpcRegister left, MpcRegister right) : base(target) { Left = left; Right = right; }

        /// <summary>The first register compared.</summary>
        public MpcRegister Left { get; }

        /// <summary>The second register compared.</summary>
        public MpcRegister Right { get; }

        /// <inheritdoc/>
        public override IReadOnlyList<MpcRegister> Inputs => new[] { Left, Right };

        /// <inheritdoc/>
        public override string Describe() => Target + " = (" + Left + " == " + Right + ")";
    }

    /// <summary>All-reduce count: target = the number of machines whose <see cref="Flag"/> is 1 (the same on every machine).</summary>
    public sealed class MpcCount : MpcStatement
    {
        internal MpcCount(MpcRegister target, MpcRegister flag) : base(target) => Flag = flag;

        /// <summary>The categorical 0/1 register counted.</summary>
        public MpcRegister Flag { get; }

        /// <inheritdoc/>
        public override IReadOnlyList<MpcRegister> Inputs => new[] { Flag };

        /// <inheritdoc/>
        public override string Describe() => Target + " = count of machines with " + Flag + " = 1";
    }

    /// <summary>
    /// Push send: every machine whose <see cref="Destination"/> is not ⊥ sends one message (its <see cref="Payload"/>) to that
    /// machine. Receiver d's inbox slot r holds the payload of the r-th message to d in sender order (⊥, or 0 when numerical,
    /// if fewer arrived) and <see cref="Received"/> the number of messages. More messages to one machine than the inbox has
    /// slots (s unless the send reserves fewer) is a receive overflow: never dropped silently, reported with the machine and the round.
    /// </summary>
    public sealed class MpcSend : MpcStatement
    {
        internal MpcSend(MpcRegister received, MpcRegister destination, MpcRegister payload, MpcRegister[] inbox, MpcRegister position) : base(received)
        {
            Destination = destination; Payload = payload; Inbox = inbox; Position = position;
        }

        /// <summary>On the sender: the slot its message lands in (earlier senders to the same machine, capped at the slot count); 0 when it sends nothing.</summary>
        public MpcRegister Position { get; }

        /// <summary>The categorical register naming the receiving machine (⊥ = send nothing).</summary>
        public MpcRegister Destination { get; }

        /// <summary>The register sent.</summary>
        public MpcRegister Payload { get; }

        /// <summary>The inbox slots, one register each (s of them).</summary>
        public IReadOnlyList<MpcRegister> Inbox { get; }

        /// <summary>The register holding the number of messages received (0..s).</summary>
        public MpcRegister Received => Target;

        /// <inheritdoc/>
        public override IReadOnlyList<MpcRegister> Inputs => new[] { Destination, Payload };

        /// <inheritdoc/>
        public override string Describe() => "send " + Payload + " to machine " + Destination + " (inbox " + Inbox.Count + " slots)";
    }
}
