using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>The bits a component needs, and why.</summary>
    public sealed class PrecisionRequirement
    {
        /// <summary>Which head or MLP ("layer 2 head 0: induction").</summary>
        public string Component { get; set; } = "";
        /// <summary>Mantissa bits (including the implicit bit) needed for an exact result.</summary>
        public int Bits { get; set; }
        /// <summary>The binding constraint ("score rounding", "softmax leakage", ...).</summary>
        public string Reason { get; set; } = "";
    }

    /// <summary>What a compiled model costs and guarantees.</summary>
    public sealed class ModelCard
    {
        /// <summary>Program name.</summary>
        public string Name { get; set; } = "";
        /// <summary>Vocabulary size.</summary>
        public int VocabularySize { get; set; }
        /// <summary>Maximum input length N.</summary>
        public int MaxLength { get; set; }
        /// <summary>Causal or bidirectional.</summary>
        public bool Causal { get; set; }
        /// <summary>Number of layers.</summary>
        public int Layers { get; set; }
        /// <summary>Heads in each layer.</summary>
        public int[] HeadsPerLayer { get; set; } = System.Array.Empty<int>();
        /// <summary>Hidden units of each layer's MLP (0 when none).</summary>
        public int[] MlpHiddenPerLayer { get; set; } = System.Array.Empty<int>();
        /// <summary>Residual width d_model.</summary>
        public int Width { get; set; }
        /// <summary>Dense parameter count (all weight matrices, embeddings and biases).</summary>
        public long Parameters { get; set; }
        /// <summary>Non-zero parameters.</summary>
        public long NonzeroParameters { get; set; }
        /// <summary>Multiply-adds of one forward pass at N = MaxLength (causal heads count the triangle).</summary>
        public long FlopsPerForward { get; set; }
        /// <summary>Mantissa bits the model needs (the maximum over components).</summary>
        public int PrecisionBits { get; set; }
        /// <summary>
        /// <see cref="ModelDigest"/> of the weights this card was built for. Engines rely on the certificate (a head's softmax
        /// floor, see <see cref="SoftmaxFloor"/>) only while the weights still have this digest.
        /// </summary>
        public string WeightsDigest { get; set; } = "";
        /// <summary>Numeric types in which the model is certified exact: "float32", "float64".</summary>
        public string[] Certified { get; set; } = System.Array.Empty<string>();
        /// <summary>Why each layer exists, first to last.</summary>
        public string[] CriticalPath { get; set; } = System.Array.Empty<string>();
        /// <summary>Residual coordinate labels.</summary>
        public string[] Residual { get; set; } = System.Array.Empty<string>();
        /// <summary>One line per head / MLP: what it computes.</summary>
        public string[] Components { get; set; } = System.Array.Empty<string>();
        /// <summary>Per-component precision.</summary>
        public IReadOnlyList<PrecisionRequirement> Precision { get; set; } = System.Array.Empty<PrecisionRequirement>();
        /// <summary>What the translation validator checked: "validated exhaustively (… combinations)" or the sampled components.</summary>
        public string Validation { get; set; } = "";
        /// <summary>Notes (construction choices, caveats).</summary>
        public string[] Notes { get; set; } = System.Array.Empty<string>();
        /// <summary>For a compiled MPC protocol: its rounds, machines, memory and routing; null for circuits.</summary>
        public MpcCard? Mpc { get; set; }
    }

    /// <summary>The MPC section of a card: the protocol's accounting beside the compiled model's.</summary>
    public sealed class MpcCard
    {
        /// <summary>R: the protocol's rounds.</summary>
        public int Rounds { get; set; }
        /// <summary>q: machines (one per token, so N).</summary>
        public int Machines { get; set; }
        /// <summary>s: words per machine.</summary>
        public int LocalMemory { get; set; }
        /// <summary>W: the word range (the vocabulary size).</summary>
        public int WordRange { get; set; }
        /// <summary>L: the compiled model's layers.</summary>
        public int Layers { get; set; }
        /// <summary>The depth of SHT24's simulation theorem, R + 1.</summary>
        public int TheoremLayers { get; set; }
        /// <summary>One line per round: its statements by kind and what each lowers to.</summary>
        public string[] RoundCosts { get; set; } = System.Array.Empty<string>();
        /// <summary>The routing chosen for push rounds, and why.</summary>
        public string Routing { get; set; } = "";
        /// <summary>Milliseconds the compilation took (lowering, compiling, validating).</summary>
        public long CompileMilliseconds { get; set; }
    }
}
