using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>Which key positions a head may read, besides the BOS sink (always visible).</summary>
    public enum AttentionMask
    {
        /// <summary>All positions (bidirectional).</summary>
        None,
        /// <summary>Keys j ≤ i.</summary>
        Causal,
        /// <summary>Keys j &lt; i.</summary>
        StrictCausal,
        /// <summary>Keys j ≥ i.</summary>
        AntiCausal,
        /// <summary>Keys j &gt; i.</summary>
        StrictAntiCausal,
    }

    /// <summary>How a value is laid out in the residual stream.</summary>
    public enum Encoding
    {
        /// <summary>One coordinate per value; ⊥ is the zero vector.</summary>
        OneHot,
        /// <summary>±1 code of the value's index, ceil(log2 |V|) coordinates; ⊥ is the zero vector.</summary>
        Binary,
        /// <summary>One coordinate holding the number.</summary>
        Scalar,
        /// <summary>(1, v, v²) for an integer v, THEORY §1.3 G2's quadratic positional code; ⊥ is the zero vector. Three coordinates for any domain, exact only with enough mantissa bits for v².</summary>
        Quadratic,
    }

    /// <summary>One attention head: scores q_i·k_j with no 1/√d scaling (temperatures are folded into W_Q).</summary>
    public sealed class AttentionHead
    {
        /// <summary>What the head computes, for the card.</summary>
        public string Label { get; set; } = "";
        /// <summary>The head's mask.</summary>
        public AttentionMask Mask { get; set; }
        /// <summary>W_Q: width × dq.</summary>
        public Matrix Query { get; set; } = new Matrix(0, 0);
        /// <summary>W_K: width × dq.</summary>
        public Matrix Key { get; set; } = new Matrix(0, 0);
        /// <summary>W_V: width × dv.</summary>
        public Matrix Value { get; set; } = new Matrix(0, 0);
        /// <summary>W_O: dv × width.</summary>
        public Matrix Output { get; set; } = new Matrix(0, 0);
        /// <summary>The designed score gap Δ between the chosen keys and the rest.</summary>
        public double Gap { get; set; }
        /// <summary>The largest |score| this head can produce.</summary>
        public double MaxScore { get; set; }
        /// <summary>True when the head selects exactly one key (hard attention is exact for it).</summary>
        public bool Hard { get; set; }
        /// <summary>
        /// For a hard head built from exact matches: what its scores mean, so an engine can look the selected key up instead of
        /// scoring every key (see the indexed mode). Null when not recorded (count heads, predicate tables, hand-built models).
        /// </summary>
        public HardSelection? Selection { get; set; }
    }

    /// <summary>A dense layer of an MLP: y = x·W + b, optionally followed by ReLU.</summary>
    public sealed class DenseLayer
    {
        /// <summary>Weights: inputs × outputs.</summary>
        public Matrix Weights { get; set; } = new Matrix(0, 0);
        /// <summary>Bias, one per output.</summary>
        public double[] Bias { get; set; } = System.Array.Empty<double>();
        /// <summary>Whether ReLU follows.</summary>
        public bool Relu { get; set; }
    }

    /// <summary>A per-token MLP: ReLU stages then a linear stage back to the residual, added to it.</summary>
    public sealed class Mlp
    {
        /// <summary>What it computes, for the card.</summary>
        public string Label { get; set; } = "";
        /// <summary>The stages in order; the last one is linear and maps to the residual width.</summary>
        public DenseLayer[] Stages { get; set; } = System.Array.Empty<DenseLayer>();
    }

    /// <summary>One transformer layer: heads (summed into the residual) then an optional MLP.</summary>
    public sealed class Layer
    {
        /// <summary>The heads of the attention sublayer (may be empty).</summary>
        public AttentionHead[] Heads { get; set; } = System.Array.Empty<AttentionHead>();
        /// <summary>The MLP sublayer, or null.</summary>
        public Mlp? Mlp { get; set; }
    }

    /// <summary>How the program's output is read from the final residual.</summary>
    public sealed class Readout
    {
        /// <summary>First coordinate.</summary>
        public int Offset { get; set; }
        /// <summary>Number of coordinates.</summary>
        public int Dims { get; set; }
        /// <summary>Encoding of the value.</summary>
        public Encoding Encoding { get; set; }
        /// <summary>Categorical or numerical.</summary>
        public ValueKind Kind { get; set; }
        /// <summary>Domain: for one-hot, the value of each coordinate; for binary, the value of each code index; for scalar, the admissible values.</summary>
        public double[] Values { get; set; } = System.Array.Empty<double>();
        /// <summary>Largest error the readout accepts before it reports a failure.</summary>
        public double Tolerance { get; set; }
        /// <summary>
        /// For numerical outputs: the most a decoded output may differ from the reference, because some admissible values lie
        /// closer together than any numeric type resolves (16 ulps of the largest). 0 means outputs equal the reference bit for bit.
        /// </summary>
        public double MaxDeviation { get; set; }
        /// <summary>True when the output values are vocabulary ids (printed as symbols).</summary>
        public bool TokenValued { get; set; }
    }

    /// <summary>
    /// A compiled transformer: plain data (weights, layout, conventions). The engine runs any model; the generator emits code specialised to one.
    /// Position 0 is the BOS sink, added by the forward pass; input token t sits at position t+1.
    /// </summary>
    public sealed class CompiledModel
    {
        /// <summary>The program's name.</summary>
        public string Name { get; set; } = "";
        /// <summary>The vocabulary symbols; token id = index.</summary>
        public string[] Vocabulary { get; set; } = System.Array.Empty<string>();
        /// <summary>The maximum number of input tokens.</summary>
        public int MaxLength { get; set; }
        /// <summary>Whether every head is at least causal.</summary>
        public bool Causal { get; set; }
        /// <summary>Residual width.</summary>
        public int Width { get; set; }
        /// <summary>A label per residual coordinate.</summary>
        public string[] ResidualLabels { get; set; } = System.Array.Empty<string>();
        /// <summary>Embedding of the BOS sink (position 0).</summary>
        public double[] BosEmbedding { get; set; } = System.Array.Empty<double>();
        /// <summary>Token embeddings: |Σ| × width.</summary>
        public Matrix TokenEmbedding { get; set; } = new Matrix(0, 0);
        /// <summary>Position embeddings: MaxLength × width (row t is input index t).</summary>
        public Matrix PositionEmbedding { get; set; } = new Matrix(0, 0);
        /// <summary>The layers.</summary>
        public Layer[] Layers { get; set; } = System.Array.Empty<Layer>();
        /// <summary>The output readout.</summary>
        public Readout Output { get; set; } = new Readout();
        /// <summary>The model card.</summary>
        public ModelCard Card { get; set; } = new ModelCard();
        /// <summary>Per-component precision requirements.</summary>
        public IReadOnlyList<PrecisionRequirement> Precision { get; set; } = System.Array.Empty<PrecisionRequirement>();
    }
}
