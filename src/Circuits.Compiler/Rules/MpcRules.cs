using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Circuits.Mpc;

namespace Circuits.Compiler
{
    /// <summary>An MPC program's declared resource budget per machine and round (0 = unconstrained), from [MpcBudget].</summary>
    public sealed class MpcBudget
    {
        /// <summary>The most rounds R.</summary>
        public int Rounds { get; set; }
        /// <summary>The most words a machine holds at once.</summary>
        public int Memory { get; set; }
        /// <summary>The most words a machine sends in one round (push messages and pull requests).</summary>
        public int Sends { get; set; }
        /// <summary>The most words a machine receives in one round (pulled words and its inbox).</summary>
        public int Receives { get; set; }
    }

    /// <summary>
    /// The MPC model's budgets (THEORY §5.1: each machine holds at most s words and sends and receives at most s per round)
    /// and lower bounds (§4.5, §4.6) as pure rules over a protocol and its compiled card, counted statically: what a machine
    /// may hold, send and receive in the worst case over inputs. A pull read costs the reader one request and one received
    /// word (the reply's fan-out is the attention head's, free in the compiled model); a push send one message per sender
    /// and up to s inbox words per receiver (more is a run-time receive overflow, reported by the simulator and the forward pass).
    /// </summary>
    public static class MpcRules
    {
        /// <summary>One round's static costs per machine.</summary>
        public sealed class RoundCost
        {
            internal RoundCost(MpcRound round, int memory, int sends, int receives)
            {
                Round = round; Memory = memory; Sends = sends; Receives = receives;
            }
            /// <summary>The round.</summary>
            public MpcRound Round { get; }
            /// <summary>The most words live at once during the round (registers written and still to be read; the machine id is free).</summary>
            public int Memory { get; }
            /// <summary>Words sent: one request per pull read or lookup, one message per push send.</summary>
            public int Sends { get; }
            /// <summary>Words received: one per pull read, lookup or count, plus s inbox slots when the round sends.</summary>
            public int Receives { get; }

            /// <summary>The round's statements by kind (how each is compiled) and its per-machine costs.</summary>
            public string Describe(int localMemory)
                => string.Format(CultureInfo.InvariantCulture, "{0}; per machine: holds ≤ {1}, sends {2}, receives ≤ {3} words (s = {4})",
                    Round.Cost(), Memory, Sends, Receives, localMemory);
        }

        /// <summary>Every round's static costs, in order.</summary>
        public static IReadOnlyList<RoundCost> Costs(MpcProtocol protocol)
        {
            if (protocol is null) throw new ArgumentNullException(nameof(protocol));
            var live = MpcSimulator.Liveness(protocol);
            var costs = new List<RoundCost>();
            int k = 0;
            foreach (var round in protocol.Rounds)
            {
                int memory = 0, sends = 0, receives = 0;
                foreach (var statement in round.Statements)
                {
                    memory = Math.Max(memory, live[k++].Count);
                    switch (statement)
                    {
                        case MpcRead _:
                        case MpcLookup _:
                            sends++; receives++; break;
                        case MpcCount _:
                            receives++; break;
                        case MpcSend send:
                            sends++; receives += send.Inbox.Count; break;
                    }
                }
                costs.Add(new RoundCost(round, memory, sends, receives));
            }
            return costs;
        }

        /// <summary>
        /// Findings for every quantity over budget: CIRC0301 memory, CIRC0302 sends, CIRC0303 receives (the first round over
        /// each), CIRC0304 rounds. Errors, like the circuit budgets.
        /// </summary>
        public static IReadOnlyList<RuleFinding> Check(MpcProtocol protocol, MpcBudget budget)
        {
            if (protocol is null) throw new ArgumentNullException(nameof(protocol));
            if (budget is null) throw new ArgumentNullException(nameof(budget));
            var c = CultureInfo.InvariantCulture;
            var findings = new List<RuleFinding>();
            var costs = Costs(protocol);
            void Over(string code, string what, int limit, Func<RoundCost, int> measure, string advice)
            {
                if (limit <= 0) return;
                var worst = costs.FirstOrDefault(x => measure(x) > limit);
                if (worst is null) return;
                findings.Add(new RuleFinding(code, FindingSeverity.Error, string.Format(c,
                    "'{0}' {1} up to {2} words per machine in {3}, the budget allows {4}: {5}. {6}",
                    protocol.Name, what, measure(worst), worst.Round.Cost().Split(':')[0], limit, worst.Describe(protocol.LocalMemory), advice)));
            }
            Over("CIRC0301", "holds", budget.Memory, x => x.Memory, "Raise Memory, or read a value again instead of keeping it across rounds.");
            Over("CIRC0302", "sends", budget.Sends, x => x.Sends, "Raise Sends, or spread the reads over more rounds.");
            Over("CIRC0303", "receives", budget.Receives, x => x.Receives, "Raise Receives, spread the reads over more rounds, or lower LocalMemory (each push send reserves s inbox words).");
            if (budget.Rounds > 0 && protocol.Rounds.Count > budget.Rounds)
                findings.Add(new RuleFinding("CIRC0304", FindingSeverity.Error, string.Format(c,
                    "'{0}' runs {1} rounds at N = {2}, the budget allows {3} (the compiled model has about R + 1 layers). Raise Rounds to {1}, or do more per round.",
                    protocol.Name, protocol.Rounds.Count, protocol.MaxLength, budget.Rounds)));
            return findings;
        }

        /// <summary>
        /// Lower bounds for an MPC program declared to compute connectivity or 1-vs-2 cycle (<see cref="KnownTask.CycleDetection"/>),
        /// judged on its compiled model: CIRC0306, one layer below SFH+24's m·H = Ω̃(N) (unconditional, the rule G-1 of
        /// <see cref="LowerBounds"/>); else CIRC0305, fewer than log2 N layers while m·H &lt; N (our reading of m·H ≤ N^(1−ε)),
        /// which the 1-vs-2 cycle conjecture rules out (conditional). Warnings: the bounds are asymptotic.
        /// </summary>
        public static IReadOnlyList<RuleFinding> LowerBoundFindings(KnownTask task, ModelCard card, NumericType precision)
        {
            if (card is null) throw new ArgumentNullException(nameof(card));
            var findings = new List<RuleFinding>();
            if (task != KnownTask.Connectivity && task != KnownTask.CycleDetection) return findings;
            var c = CultureInfo.InvariantCulture;
            foreach (var f in LowerBounds.Check(task, 0, card, precision, null).Where(f => f.Code == "CIRC0403"))
                findings.Add(new RuleFinding("CIRC0306", FindingSeverity.Warning, "MPC program " + f.Message));
            if (findings.Count > 0) return findings;
            int n = card.MaxLength, layers = card.Layers;
            int heads = card.HeadsPerLayer.Length == 0 ? 0 : card.HeadsPerLayer.Max();
            long mh = (long)card.Width * heads;
            int log = MpcLibrary.CeilLog2(n);
            if (layers >= 1 && layers < log && mh < n)
                findings.Add(new RuleFinding("CIRC0305", FindingSeverity.Warning, string.Format(c,
                    "'{0}' declares {1} and compiles to {2} layer(s) at N = {3}, below log2 N = {4}, with m·H = {5}·{6} = {7} < N. Under the 1-vs-2 cycle conjecture (conditional, not a theorem: SHT24, SFH+24 Thm 2–3), a transformer with m·H ≤ N^(1−ε) needs Ω(log N) layers for {1}, so this program cannot compute it on every input of length N unless the conjecture fails. Pointer doubling needs ⌈log2 N⌉ = {4} rounds (L = R + 1 layers).",
                    card.Name, task == KnownTask.CycleDetection ? "1-vs-2 cycle (CycleDetection)" : "connectivity", layers, n, log, card.Width, heads, mh)));
            return findings;
        }
    }
}
