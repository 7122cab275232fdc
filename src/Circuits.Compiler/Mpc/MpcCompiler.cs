using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    /// <summary>Compiles an MPC protocol into exact transformer weights through the circuit compiler.</summary>
    public static class MpcCompiler
    {
        /// <summary>The protocol lowered into the circuit IR (what <see cref="Compile"/> compiles).</summary>
        public static SOp Lower(MpcProtocol protocol) => MpcLowering.Lower(protocol ?? throw new ArgumentNullException(nameof(protocol)));

        /// <summary>The compile options of a protocol: vocabulary "0".."W−1", N, bidirectional.</summary>
        public static CompileOptions Options(MpcProtocol protocol, NumericType precision)
        {
            if (protocol is null) throw new ArgumentNullException(nameof(protocol));
            return new CompileOptions
            {
                Name = protocol.Name,
                Vocabulary = protocol.Vocabulary(),
                MaxLength = protocol.MaxLength,
                Causal = false,
                Precision = precision,
            };
        }

        /// <summary>
        /// Lowers and compiles <paramref name="protocol"/>; the card gets an MPC section (rounds, machines, local memory, the
        /// theorem's R + 1 beside the layers, each round's cost and the routing).
        /// </summary>
        /// <exception cref="CompileException">No exact model can be built; the message names the statement's register.</exception>
        public static MpcModel Compile(MpcProtocol protocol, NumericType precision = NumericType.Float64)
        {
            if (protocol is null) throw new ArgumentNullException(nameof(protocol));
            var clock = Stopwatch.StartNew();
            var lowered = PhaseClock.Time("MPC lowering", () => Lower(protocol));
            var model = CircuitCompiler.Compile(lowered, Options(protocol, precision));
            model.Card.Mpc = Card(protocol, model);
            model.Card.Mpc.CompileMilliseconds = clock.ElapsedMilliseconds;
            return new MpcModel(protocol, model);
        }

        private static MpcCard Card(MpcProtocol p, CompiledModel model)
        {
            bool sends = p.Sends;
            int slots = p.Rounds.SelectMany(r => r.Statements).OfType<MpcSend>().Select(x => x.Inbox.Count).DefaultIfEmpty(0).Max();
            return new MpcCard
            {
                Rounds = p.Rounds.Count,
                Machines = p.MaxLength,
                LocalMemory = p.LocalMemory,
                WordRange = p.WordRange,
                Layers = model.Layers.Length,
                TheoremLayers = p.Rounds.Count + 1,
                RoundCosts = p.Rounds.Select(r => r.Cost()).ToArray(),
                Routing = sends
                    ? "rank + gather (THEORY §5.3): per send one counting head ranks each message among earlier senders to the same machine, then "
                      + slots.ToString(CultureInfo.InvariantCulture) + " exact-match heads (one per inbox slot) gather by (destination, rank); "
                      + "chosen over the one-layer O(q) routing because q = N machines would make that head's width grow with N, while rank + gather stays O(s) heads of constant width. "
                      + "Receivers count their messages: more than s is carried as a fault to the output, never dropped"
                    : "none: the protocol only pulls (reads are lookup heads, unbounded fan-out)",
            };
        }
    }

    /// <summary>A compiled protocol: the model and the protocol it came from, with the run-time check of its fault codes.</summary>
    public sealed class MpcModel
    {
        internal MpcModel(MpcProtocol protocol, CompiledModel model) { Protocol = protocol; Model = model; }

        /// <summary>The protocol.</summary>
        public MpcProtocol Protocol { get; }

        /// <summary>The compiled transformer.</summary>
        public CompiledModel Model { get; }

        /// <summary>
        /// Checks a forward pass's outputs for fault codes: a machine whose output is a fault code broke a limit (a receive
        /// overflow or a bad destination) and the earliest such fault is thrown as the simulator throws it. Returns the outputs.
        /// </summary>
        /// <exception cref="MpcLimitException">A machine broke a limit during the forward pass.</exception>
        public double[] Check(double[] outputs) => CheckFaults(Protocol, outputs);

        /// <summary>See <see cref="Check"/>.</summary>
        public static double[] CheckFaults(MpcProtocol protocol, double[] outputs)
        {
            if (protocol is null) throw new ArgumentNullException(nameof(protocol));
            if (outputs is null) throw new ArgumentNullException(nameof(outputs));
            if (!protocol.Sends) return outputs;
            (int Round, int Kind, int Machine)? first = null;
            for (int i = 0; i < outputs.Length; i++)
            {
                if (!(outputs[i] <= MpcLowering.FaultBase)) continue;
                int code = (int)Math.Round(MpcLowering.FaultBase - outputs[i]);
                // Within a round the simulator checks destinations (kind 1) before overflows (kind 0).
                var fault = (Round: code / 2, Kind: 1 - code % 2, Machine: i);
                if (first is null || fault.CompareTo(first.Value) < 0) first = fault;
            }
            if (first is { } f)
                throw f.Kind == 0
                    ? new MpcLimitException(MpcLimit.Destination, f.Machine, f.Round, null, outputs.Length)
                    : new MpcLimitException(MpcLimit.Receive, f.Machine, f.Round, null, protocol.Rounds[f.Round - 1].Statements.OfType<MpcSend>().Single().Inbox.Count);
            return outputs;
        }
    }
}
