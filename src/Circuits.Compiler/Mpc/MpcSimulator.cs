using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    /// <summary>
    /// The reference semantics of a protocol: runs its rounds on n machines with concrete numbers, statement by statement,
    /// and enforces the model's limits — words held (live registers holding a value), messages sent and received per round,
    /// and destinations that exist — throwing <see cref="MpcLimitException"/> at the first violation (earliest round; in
    /// a round, bad destinations, then overflows, then memory and sends, each by machine id).
    /// </summary>
    public static class MpcSimulator
    {
        /// <summary>Runs <paramref name="protocol"/> on <paramref name="input"/> (one word per machine); returns each machine's output, NaN for ⊥.</summary>
        /// <exception cref="ArgumentException">The input is empty, longer than N, or holds a word outside 0..W−1.</exception>
        /// <exception cref="MpcLimitException">A machine broke a limit.</exception>
        public static double[] Run(MpcProtocol protocol, IReadOnlyList<int> input)
        {
            if (protocol is null) throw new ArgumentNullException(nameof(protocol));
            CheckInput(protocol, input);
            int n = input.Count, s = protocol.LocalMemory;
            var values = new double[protocol.Registers.Count][];
            values[protocol.Word.Id] = input.Select(w => (double)w).ToArray();
            values[protocol.Machine.Id] = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
            var live = Liveness(protocol);

            int k = 0;
            foreach (var round in protocol.Rounds)
            {
                var peak = new int[n];
                var sent = new int[n];
                foreach (var statement in round.Statements)
                {
                    Execute(protocol, statement, values, n, sent, round.Number);
                    foreach (var r in live[k])
                        for (int i = 0; i < n; i++)
                            if (r.Kind == MpcKind.Numerical || !Bottom.Is(values[r.Id][i])) peak[i]++;
                    for (int i = 0; i < n; i++)
                    {
                        if (peak[i] > s) throw new MpcLimitException(MpcLimit.Memory, i, round.Number, peak[i], s);
                        peak[i] = 0;
                    }
                    k++;
                }
                for (int i = 0; i < n; i++)
                    if (sent[i] > s) throw new MpcLimitException(MpcLimit.Send, i, round.Number, sent[i], s);
            }
            return (double[])values[protocol.Output.Id].Clone();
        }

        /// <summary>Checks an input against the protocol's N and W.</summary>
        public static void CheckInput(MpcProtocol protocol, IReadOnlyList<int> input)
        {
            if (protocol is null) throw new ArgumentNullException(nameof(protocol));
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (input.Count == 0) throw new ArgumentException("the input is empty; at least 1 word (machine) is required", nameof(input));
            if (input.Count > protocol.MaxLength)
                throw new ArgumentException($"the input has {input.Count} words but '{protocol.Name}' is built for at most N = {protocol.MaxLength} machines", nameof(input));
            for (int i = 0; i < input.Count; i++)
                if (input[i] < 0 || input[i] >= protocol.WordRange)
                    throw new ArgumentException($"word {input[i]} at machine {i} is outside the word range 0..{protocol.WordRange - 1} of '{protocol.Name}'", nameof(input));
        }

        private static void Execute(MpcProtocol p, MpcStatement statement, double[][] values, int n, int[] sent, int round)
        {
            var target = new double[n];
            switch (statement)
            {
                case MpcLocal local:
                {
                    var args = new double[local.Arguments.Count];
                    for (int i = 0; i < n; i++)
                    {
                        bool bottom = false;
                        for (int a = 0; a < args.Length; a++) bottom |= Bottom.Is(args[a] = values[local.Arguments[a].Id][i]);
                        // The IR's convention for maps: ⊥ in any input gives ⊥ (0 for a numerical result), f is not called.
                        target[i] = bottom ? Default(local.Target) : local.Function((double[])args.Clone());
                    }
                    break;
                }
                case MpcRead read:
                {
                    var source = values[read.Source.Id];
                    var address = values[read.Address.Id];
                    for (int i = 0; i < n; i++)
                        target[i] = Machine(address[i], n) is int j ? source[j] : Default(read.Source);
                    break;
                }
                case MpcLookup lookup:
                {
                    var source = values[lookup.Source.Id];
                    var keys = values[lookup.Key.Id];
                    var queries = values[lookup.Query.Id];
                    for (int i = 0; i < n; i++)
                    {
                        target[i] = Default(lookup.Source);
                        int end = lookup.EarlierOnly ? i : n;
                        for (int t = 0; t < end; t++)
                        {
                            int j = lookup.Pick == MpcPick.First ? t : end - 1 - t;
                            if (!Bottom.Is(queries[i]) && keys[j] == queries[i]) { target[i] = source[j]; break; }
                        }
                    }
                    break;
                }
                case MpcSame same:
                {
                    var left = values[same.Left.Id];
                    var right = values[same.Right.Id];
                    for (int i = 0; i < n; i++) target[i] = !Bottom.Is(left[i]) && left[i] == right[i] ? 1 : 0;
                    break;
                }
                case MpcCount count:
                {
                    int c = values[count.Flag.Id].Count(v => v == 1);
                    for (int i = 0; i < n; i++) target[i] = c;
                    break;
                }
                case MpcSend send:
                {
                    var destination = values[send.Destination.Id];
                    var payload = values[send.Payload.Id];
                    var inbox = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
                    var position = new double[n];
                    int slots = send.Inbox.Count;
                    for (int i = 0; i < n; i++)
                    {
                        if (Bottom.Is(destination[i])) continue;
                        if (!(Machine(destination[i], n) is int d))
                            throw new MpcLimitException(MpcLimit.Destination, i, round, (int)destination[i], n);
                        position[i] = Math.Min(inbox[d].Count, slots);
                        inbox[d].Add(payload[i]);
                        sent[i]++;
                    }
                    values[send.Position.Id] = position;
                    for (int d = 0; d < n; d++)
                        if (inbox[d].Count > slots) throw new MpcLimitException(MpcLimit.Receive, d, round, inbox[d].Count, slots);
                    for (int t = 0; t < send.Inbox.Count; t++)
                    {
                        var slot = new double[n];
                        for (int d = 0; d < n; d++) slot[d] = t < inbox[d].Count ? inbox[d][t] : Default(send.Payload);
                        values[send.Inbox[t].Id] = slot;
                    }
                    for (int d = 0; d < n; d++) target[d] = inbox[d].Count;
                    break;
                }
                default:
                    throw new InvalidOperationException("unknown statement " + statement.GetType().Name);
            }
            values[statement.Target.Id] = target;
        }

        /// <summary>The machine a categorical value names, or null (⊥, not an integer, or no such machine).</summary>
        internal static int? Machine(double v, int n)
            => !Bottom.Is(v) && v >= 0 && v < n && v == Math.Floor(v) ? (int)v : (int?)null;

        private static double Default(MpcRegister r) => r.Kind == MpcKind.Numerical ? 0 : Bottom.Value;

        /// <summary>The most registers any statement of <paramref name="protocol"/> leaves live: the words a machine may have to hold (⊥ counted as held).</summary>
        public static int PeakWords(MpcProtocol protocol)
        {
            if (protocol is null) throw new ArgumentNullException(nameof(protocol));
            return Math.Max(1, Liveness(protocol).Select(l => l.Count).DefaultIfEmpty(0).Max());
        }

        /// <summary>Per statement (in protocol order), the registers live right after it: written by then and read by a later statement (the output always).</summary>
        internal static List<MpcRegister>[] Liveness(MpcProtocol p)
        {
            var statements = p.Rounds.SelectMany(r => r.Statements).ToList();
            var defined = new Dictionary<MpcRegister, int> { [p.Word] = -1 };
            var lastUse = new Dictionary<MpcRegister, int>();
            for (int k = 0; k < statements.Count; k++)
            {
                defined[statements[k].Target] = k;
                if (statements[k] is MpcSend send) { foreach (var slot in send.Inbox) defined[slot] = k; defined[send.Position] = k; }
                foreach (var input in statements[k].Inputs) lastUse[input] = k;
            }
            lastUse[p.Output] = int.MaxValue;
            var live = new List<MpcRegister>[statements.Count];
            for (int k = 0; k < statements.Count; k++)
                live[k] = defined.Where(kv => kv.Value <= k && lastUse.TryGetValue(kv.Key, out int last) && last > k && kv.Key != p.Machine)
                    .Select(kv => kv.Key).ToList();
            return live;
        }
    }
}
