using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    /// <summary>
    /// What the converse of one model used on inputs of length n, measured by the <see cref="MpcNetwork"/>, beside SHT24's
    /// bounds for an MPC simulation of a depth-L, width-m transformer (THEORY §5.1): R = O(L) rounds, s = O(m) words of local
    /// memory, q = O(N²) machines. The protocol is oblivious, so these numbers depend on the model and n, not on the tokens.
    /// </summary>
    public sealed class ConverseAccounting
    {
        internal ConverseAccounting(CompiledModel model, TransformerToMpc protocol, MpcNetwork network, ConverseLayer[] layers)
        {
            Model = model.Name;
            Tokens = protocol.Length;
            Layers = model.Layers.Length;
            var attention = layers.Where(l => l.Heads.Length > 0).ToArray();
            AttentionLayers = attention.Length;
            Heads = layers.Sum(l => l.Heads.Length);
            Width = model.Width;
            TokenMachines = protocol.Length + 1;
            PairMachines = protocol.PairMachines;
            Machines = network.Machines;
            LocalMemory = network.LocalMemory;
            Rounds = network.Rounds;
            LayerRounds = attention.Select(l => l.PairRounds + 1).ToArray();
            FanOut = attention.Length == 0 ? 0 : attention.Min(l => l.Heads.Min(h => h.FanOut));
            FanIn = attention.Length == 0 ? 0 : attention.Min(l => l.Heads.Min(h => h.FanIn));
            Messages = network.Messages;
            PeakMemory = network.PeakMemory;
            PeakSent = network.PeakSent;
            PeakReceived = network.PeakReceived;
            LocalScratch = model.Layers.Where(l => l.Mlp != null).SelectMany(l => l.Mlp!.Stages).Select(s => s.Bias.Length).DefaultIfEmpty(0).Max();
        }

        /// <summary>The model's name.</summary>
        public string Model { get; }

        /// <summary>n: input tokens (the BOS sink is one more position).</summary>
        public int Tokens { get; }

        /// <summary>L: the model's layers.</summary>
        public int Layers { get; }

        /// <summary>Layers with at least one head that writes to the residual (the others run inside the token machines).</summary>
        public int AttentionLayers { get; }

        /// <summary>Heads that write to the residual, over all layers.</summary>
        public int Heads { get; }

        /// <summary>m: the residual width.</summary>
        public int Width { get; }

        /// <summary>Token machines: n + 1 (the sink included).</summary>
        public int TokenMachines { get; }

        /// <summary>Pair machines: the most any layer uses (one per head and readable (query, key) pair).</summary>
        public int PairMachines { get; }

        /// <summary>q: all machines.</summary>
        public int Machines { get; }

        /// <summary>s: words per machine.</summary>
        public int LocalMemory { get; }

        /// <summary>R: rounds run.</summary>
        public int Rounds { get; }

        /// <summary>Rounds of each attention layer: 2 + fan-out depth + fan-in depth (R is 1 + their sum).</summary>
        public int[] LayerRounds { get; }

        /// <summary>The smallest fan-out of any broadcast tree (⌊s / (2·dq + dv)⌋, at most n + 1).</summary>
        public int FanOut { get; }

        /// <summary>The smallest fan-in of any sum tree (⌊s / (dv + 2)⌋, at most n + 1).</summary>
        public int FanIn { get; }

        /// <summary>Words delivered over the whole run.</summary>
        public long Messages { get; }

        /// <summary>The most words any machine held between rounds.</summary>
        public int PeakMemory { get; }

        /// <summary>The most words any machine sent in one round.</summary>
        public int PeakSent { get; }

        /// <summary>The most words any machine received in one round.</summary>
        public int PeakReceived { get; }

        /// <summary>
        /// The widest MLP stage: words a token machine computes with inside one local step and does not keep (the theory's φ is
        /// an arbitrary local function, so this scratch is not counted in s).
        /// </summary>
        public int LocalScratch { get; }

        /// <summary>The table: each quantity, its value, and the theorem's bound with the ratio that shows the constant.</summary>
        public string ToTable()
        {
            var inv = CultureInfo.InvariantCulture;
            string N(long v) => v.ToString("N0", inv);
            string Ratio(double v) => v.ToString("0.###", inv);
            int positions = Tokens + 1;
            var sb = new StringBuilder();
            string Count(int v, string what) => N(v) + " " + what + (v == 1 ? "" : "s");
            sb.Append($"converse of '{Model}': n = {Count(Tokens, "token")} + the BOS sink, L = {Count(Layers, "layer")} ({AttentionLayers} with attention), width m = {N(Width)}, {Count(Heads, "head")}\n");
            void Row(string quantity, string value, string theorem) => sb.Append($"  {quantity,-18}{value,-22}{theorem}".TrimEnd()).Append('\n');
            Row("quantity", "converse", "theorem (SHT24, THEORY §5.1)");
            string perLayer = LayerRounds.Length == 0 ? "no attention layer" : "per attention layer " + string.Join(", ", LayerRounds.Select(r => r.ToString(inv)))
                + $" (2 + fan-out depth + fan-in depth, fan-out ≥ {FanOut}, fan-in ≥ {FanIn}: O(log_s n))";
            Row("rounds R", N(Rounds), $"O(L): R/L = {Ratio(Layers == 0 ? Rounds : (double)Rounds / Layers)}; 1 + {perLayer}");
            Row("local memory s", N(LocalMemory) + " words", $"O(m): s/m = {Ratio(Width == 0 ? LocalMemory : (double)LocalMemory / Width)}");
            Row("machines q", N(Machines), $"O(N²): q/(n+1)² = {Ratio((double)Machines / ((double)positions * positions))} ({N(TokenMachines)} token + {N(PairMachines)} pair machines)");
            Row("messages", N(Messages) + " words", "");
            Row("peak per machine", $"{N(PeakMemory)}/{N(PeakSent)}/{N(PeakReceived)}", $"words held / sent / received in one round, each ≤ s = {N(LocalMemory)}");
            Row("local scratch", N(LocalScratch) + " words", "widest MLP stage, inside a token machine's step (φ is a local function)");
            return sb.ToString();
        }
    }
}
