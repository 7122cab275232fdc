using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Circuits.Mpc
{
    /// <summary>One round: local steps, pull reads and at most one push send, in statement order.</summary>
    public sealed class MpcRound
    {
        internal MpcRound(int number, string name) { Number = number; Name = name; }

        /// <summary>The round's number, 1-based.</summary>
        public int Number { get; }

        /// <summary>What the round does.</summary>
        public string Name { get; }

        /// <summary>The statements, in order.</summary>
        public IReadOnlyList<MpcStatement> Statements => Body;

        internal List<MpcStatement> Body { get; } = new List<MpcStatement>();

        /// <summary>One line of cost: the statements by kind.</summary>
        public string Cost()
        {
            int reads = Body.Count(s => s is MpcRead), lookups = Body.Count(s => s is MpcLookup), counts = Body.Count(s => s is MpcCount);
            int sends = Body.Count(s => s is MpcSend), locals = Body.Count(s => s is MpcLocal), tests = Body.Count(s => s is MpcSame);
            var parts = new List<string>();
            if (reads > 0) parts.Add(Plural(reads, "pull read") + " (lookup heads)");
            if (lookups > 0) parts.Add(Plural(lookups, "associative read") + " (exact-match heads with a tie-break)");
            if (counts > 0) parts.Add(Plural(counts, "count") + " (counting heads)");
            if (sends > 0) parts.Add(Plural(sends, "push send") + " (rank + gather routing)");
            if (tests > 0) parts.Add(Plural(tests, "equality test") + " (self-match heads)");
            if (locals > 0) parts.Add(Plural(locals, "local step") + " (MLPs)");
            return "round " + Number.ToString(CultureInfo.InvariantCulture) + " (" + Name + "): " + (parts.Count == 0 ? "nothing" : string.Join(", ", parts));
        }

        private static string Plural(int n, string what) => n.ToString(CultureInfo.InvariantCulture) + " " + what + (n == 1 ? "" : "s");
    }

    /// <summary>
    /// An MPC protocol as data: one machine per input word (q = n ≤ N), local memory s words, words in [0, W), and rounds of
    /// statements over single-assignment registers. Two consumers read it: <see cref="MpcSimulator"/> (the reference
    /// semantics, which enforces the limits) and <see cref="MpcCompiler"/> (the lowering into the circuit IR). Build one with
    /// <see cref="MpcBuilder"/>.
    /// </summary>
    public sealed class MpcProtocol
    {
        internal MpcProtocol(string name, int maxLength, int localMemory, int wordRange, IReadOnlyList<MpcRound> rounds,
            IReadOnlyList<MpcRegister> registers, MpcRegister word, MpcRegister machine, MpcRegister output)
        {
            Name = name; MaxLength = maxLength; LocalMemory = localMemory; WordRange = wordRange; Rounds = rounds;
            Registers = registers; Word = word; Machine = machine; Output = output;
        }

        /// <summary>The protocol's name.</summary>
        public string Name { get; }

        /// <summary>N: the most machines (one per input word) the protocol is built for.</summary>
        public int MaxLength { get; }

        /// <summary>s: the words each machine may hold, send and receive per round.</summary>
        public int LocalMemory { get; }

        /// <summary>W: input words are 0..W−1 (the compiled model's vocabulary).</summary>
        public int WordRange { get; }

        /// <summary>The rounds, in order.</summary>
        public IReadOnlyList<MpcRound> Rounds { get; }

        /// <summary>Every register, in declaration order.</summary>
        public IReadOnlyList<MpcRegister> Registers { get; }

        /// <summary>The machine's input word.</summary>
        public MpcRegister Word { get; }

        /// <summary>The machine's id, 0..n−1 (known to the machine, not held in its memory).</summary>
        public MpcRegister Machine { get; }

        /// <summary>The register each machine outputs.</summary>
        public MpcRegister Output { get; }

        /// <summary>Whether any round pushes messages (the compiled model then carries a fault register).</summary>
        public bool Sends => Rounds.Any(r => r.Body.Any(s => s is MpcSend));

        /// <summary>The vocabulary of the compiled model: the words "0".."W−1".</summary>
        public string[] Vocabulary() => Enumerable.Range(0, WordRange).Select(w => w.ToString(CultureInfo.InvariantCulture)).ToArray();

        /// <summary>The statement writing each register (null for the word and the machine id).</summary>
        internal Dictionary<MpcRegister, MpcStatement> Writers()
        {
            var writers = new Dictionary<MpcRegister, MpcStatement>();
            foreach (var round in Rounds)
                foreach (var s in round.Body)
                {
                    writers[s.Target] = s;
                    if (s is MpcSend send) { foreach (var slot in send.Inbox) writers[slot] = s; writers[send.Position] = s; }
                }
            return writers;
        }
    }
}
