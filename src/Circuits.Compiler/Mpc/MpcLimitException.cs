using System;
using System.Globalization;

namespace Circuits.Mpc
{
    /// <summary>Which limit of the MPC model a run broke.</summary>
    public enum MpcLimit
    {
        /// <summary>A machine held more than s words.</summary>
        Memory,
        /// <summary>A machine sent more than s messages in one round.</summary>
        Send,
        /// <summary>A machine received more than s messages in one round.</summary>
        Receive,
        /// <summary>A machine sent a message to a machine that does not exist.</summary>
        Destination,
    }

    /// <summary>
    /// A run broke a limit of the MPC model. Thrown by the simulator and, for receive overflows and bad destinations, by the
    /// compiled model's run (the forward pass carries the fault to its output); never a silently dropped message.
    /// </summary>
    public sealed class MpcLimitException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="limit">The limit broken.</param>
        /// <param name="machine">The machine that broke it (the first, by id, in the first round that broke any).</param>
        /// <param name="round">The round, 1-based.</param>
        /// <param name="count">The words or messages counted, when known (the compiled model does not carry it).</param>
        /// <param name="bound">The limit s (for a bad destination: the number of machines).</param>
        public MpcLimitException(MpcLimit limit, int machine, int round, int? count, int bound)
            : base(Describe(limit, machine, round, count, bound))
        {
            Limit = limit; Machine = machine; Round = round; Count = count; Bound = bound;
        }

        /// <summary>The limit broken.</summary>
        public MpcLimit Limit { get; }

        /// <summary>The machine that broke it.</summary>
        public int Machine { get; }

        /// <summary>The round (1-based).</summary>
        public int Round { get; }

        /// <summary>The words or messages counted, or null when the compiled model reported the fault.</summary>
        public int? Count { get; }

        /// <summary>The limit's value.</summary>
        public int Bound { get; }

        private static string Describe(MpcLimit limit, int machine, int round, int? count, int bound)
        {
            string m = machine.ToString(CultureInfo.InvariantCulture), r = round.ToString(CultureInfo.InvariantCulture);
            string b = bound.ToString(CultureInfo.InvariantCulture);
            string c = count?.ToString(CultureInfo.InvariantCulture) ?? "more than " + b;
            return limit switch
            {
                MpcLimit.Memory => $"machine {m} holds {c} words in round {r}; the local memory is s = {b}",
                MpcLimit.Send => $"machine {m} sends {c} messages in round {r}; at most s = {b} per round",
                MpcLimit.Receive => $"machine {m} receives {c} messages in round {r}; at most s = {b} per round (receive overflow)",
                _ => $"machine {m} sends a message in round {r} to machine {count?.ToString(CultureInfo.InvariantCulture) ?? "?"}, which does not exist (machines 0..{bound - 1})",
            };
        }
    }
}
