using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    /// <summary>
    /// Lowers a protocol into the circuit IR, statement by statement (MPC is a second language, not a second compiler):
    /// local steps become maps (MLPs), pull reads exact lookup heads on the machine id (THEORY §1.3 G2), associative reads
    /// exact-match heads with a tie-break (G3), counts counting heads (G4), and a send the rank + gather routing of THEORY
    /// §5.3. Scheduling, encodings, certificates and validation are the circuit compiler's.
    /// </summary>
    internal static class MpcLowering
    {
        /// <summary>Faults are written as outputs at or below this value: −2^20 − (2·round + kind).</summary>
        public const double FaultBase = -(1 << 20);

        public static SOp Lower(MpcProtocol p)
        {
            var env = new Dictionary<MpcRegister, SOp> { [p.Word] = Ir.Tokens, [p.Machine] = Ir.Indices };
            var localRound = new Dictionary<MpcRegister, int>();
            var carried = new Dictionary<MpcRegister, SOp>();
            SOp? fault = null;
            foreach (var round in p.Rounds)
                foreach (var statement in round.Statements)
                {
                    if (statement is MpcLocal local)
                    {
                        env[local.Target] = LowerLocal(local, local.Arguments.Select(a => Carried(a, round.Number, env, localRound, carried)).ToArray()).Named(local.Target.Name);
                        localRound[local.Target] = round.Number;
                        continue;
                    }
                    if (statement is MpcSend send)
                    {
                        var roundFault = LowerSend(p, round, send, env);
                        fault = fault is null ? roundFault
                            : Ir.SequenceMap(Keep(fault), roundFault, (a, b) => a > 0 ? a : b, ValueKind.Categorical, "first-fault").Named("fault@" + round.Number);
                        continue;
                    }
                    env[statement.Target] = LowerStatement(statement, env).Named(statement.Target.Name);
                }
            var output = env[p.Output];
            if (fault is null) return output;
            // The output of a machine that faulted is its fault code, so the run reports it instead of a wrong answer. The
            // output is numerical (the builder insists), because a map cannot replace a categorical ⊥: ⊥ in gives ⊥ out.
            // Both pass through self-reads, so this MLP is a table of (fault code, output) and not of everything behind them.
            return Ir.SequenceMap(Keep(fault), Keep(output), (f, o) => f > 0 ? FaultBase - f : o, output.Kind, "fault-or-output").Named("output");
        }

        /// <summary>
        /// A local step's argument. The circuit compiler fuses chains of maps into one function of their non-map inputs; across
        /// rounds that would make round j's MLP a function of every earlier round's reads (min of k inputs, a sum with a joint
        /// term), which no small exact MLP computes. So a value written by a local step of an earlier round is passed through
        /// the round boundary by a self-read (an exact lookup head on the machine's own id), which sits in the attention
        /// sublayer the round's reads already need: one head more, no layer more, and each round's local step is one MLP of
        /// that round's values — THEORY §5.3's φ.
        /// </summary>
        private static SOp Carried(MpcRegister r, int round, Dictionary<MpcRegister, SOp> env, Dictionary<MpcRegister, int> localRound, Dictionary<MpcRegister, SOp> carried)
        {
            if (!localRound.TryGetValue(r, out int written) || written == round) return env[r];
            if (!carried.TryGetValue(r, out var copy))
                carried[r] = copy = Keep(env[r]);
            return copy;
        }

        private static SOp LowerLocal(MpcLocal local, SOp[] args)
        {
            var kind = Kind(local.Target);
            var f = local.Function;
            if (args.Length == 1) return Ir.Map(args[0], x => f(new[] { x }), kind, local.Label);
            if (args.Length == 2) return Ir.SequenceMap(args[0], args[1], (x, y) => f(new[] { x, y }), kind, local.Label);
            return Ir.NaryMap(args, xs => f((double[])xs.Clone()), kind, local.Label);
        }

        private static SOp LowerStatement(MpcStatement statement, Dictionary<MpcRegister, SOp> env)
        {
            switch (statement)
            {
                case MpcRead read:
                    return Ir.Aggregate(Ir.Select(Ir.Indices, env[read.Address], Predicate.Equal).Named("read " + read.Source + " @ " + read.Address), env[read.Source]);
                case MpcLookup lookup:
                {
                    var match = Ir.Select(env[lookup.Key], env[lookup.Query], Predicate.Equal);
                    if (lookup.EarlierOnly) match = Ir.And(match, Ir.Select(Ir.Indices, Ir.Indices, Predicate.Less));
                    var picked = (lookup.Pick == MpcPick.First ? match.Leftmost() : match.Rightmost()).Named("lookup " + lookup.Key + " = " + lookup.Query);
                    return Ir.Aggregate(picked, env[lookup.Source]);
                }
                case MpcSame same:
                {
                    var self = Ir.And(Ir.Select(env[same.Left], env[same.Right], Predicate.Equal), Ir.Select(Ir.Indices, Ir.Indices, Predicate.Equal));
                    return Ir.Aggregate(self.Named(same.Left + " == " + same.Right + " (self)"), Ir.Constant(1, ValueKind.Numerical));
                }
                case MpcCount count:
                    return Ir.SelectorWidth(Ir.Select(env[count.Flag], Ir.Constant(1), Predicate.Equal).Named("count " + count.Flag));
                default:
                    throw new InvalidOperationException("unknown statement " + statement.GetType().Name);
            }
        }

        /// <summary>
        /// THEORY §5.3 with one outbox slot per machine. Rank layer: each sender counts the earlier senders to the same
        /// machine. Gather layer: receiver d's slot t reads the sender whose (destination, rank) is (d, t); that pair is unique
        /// among senders by construction, and the compiler proves it (Dependence.SenderRankUnique), so the head needs no
        /// tie-break and no tie-break margin (which cost about 60 bits at N = 1,024). Alongside: the receiver counts its messages (overflow when more than s), and each sender
        /// reads back that its destination exists. Returns the round's fault code per machine (0 = none).
        /// </summary>
        private static SOp LowerSend(MpcProtocol p, MpcRound round, MpcSend send, Dictionary<MpcRegister, SOp> env)
        {
            var destination = env[send.Destination];
            var payload = env[send.Payload];
            string name = send.Received.Name.Substring(0, send.Received.Name.Length - ".received".Length);
            var earlier = Ir.Select(Ir.Indices, Ir.Indices, Predicate.Less);
            var rank = Ir.SelectorWidth(Ir.And(Ir.Select(destination, destination, Predicate.Equal), earlier).Named(name + ": earlier senders to the same machine")).Named(name + ".rank");
            var toMe = Ir.Select(destination, Ir.Indices, Predicate.Equal).Named(name + ": messages to me");
            for (int t = 0; t < send.Inbox.Count; t++)
            {
                var slot = Ir.And(toMe, Ir.Select(rank, Ir.Constant(t), Predicate.Equal)).Named(name + ": slot " + t);
                env[send.Inbox[t]] = Ir.Aggregate(slot, payload).Named(send.Inbox[t].Name);
            }
            var received = Ir.SelectorWidth(toMe).Named(send.Received.Name);
            env[send.Received] = received;
            int s = send.Inbox.Count;
            // Capped at the slot count (a larger rank means the receiver overflows and faults), and kept, so a later round's
            // table reads a value of at most s + 1 codes rather than the rank's N.
            env[send.Position] = Keep(Ir.Map(rank, r => Math.Min(r, s), ValueKind.Categorical, "min s").Named(send.Position.Name));

            double overflowCode = 2 * round.Number, destinationCode = 2 * round.Number + 1;
            // Each fault flag passes through a self-read before flags meet, so every MLP of the fault chain is a small table
            // of flags rather than one fused function of counts, destinations and payloads (and the validator stays fast).
            var overflow = Keep(Ir.Map(received, c => c > s ? 1 : 0, ValueKind.Categorical, "> s").Named(name + ".overflow"));
            var sends = Ir.Map(destination, d => 1, ValueKind.Numerical, "sends").Named(name + ".sends");
            var delivered = Ir.Aggregate(Ir.Select(Ir.Indices, destination, Predicate.Equal).Named(name + ": destination exists"), Ir.Constant(1, ValueKind.Numerical)).Named(name + ".delivered");
            var lost = Keep(Ir.SequenceMap(sends, delivered, (a, b) => a - b, ValueKind.Numerical, "sent-delivered").Named(name + ".lost"));
            var lostFlag = Ir.Map(lost, l => l > 0.5 ? 1 : 0, ValueKind.Categorical, "> 0");
            return Ir.SequenceMap(overflow, lostFlag, (o, l) => l == 1 ? destinationCode : o == 1 ? overflowCode : 0, ValueKind.Categorical, "fault").Named("fault@" + round.Number);
        }

        /// <summary>The value passed through a self-read (an exact lookup head on the machine's own id): a leaf for map fusion.</summary>
        private static SOp Keep(SOp value)
            => Ir.Aggregate(Ir.Select(Ir.Indices, Ir.Indices, Predicate.Equal).Named("keep"), value).Named(value + " (kept)");

        private static ValueKind Kind(MpcRegister r) => r.Kind == MpcKind.Numerical ? ValueKind.Numerical : ValueKind.Categorical;
    }
}
