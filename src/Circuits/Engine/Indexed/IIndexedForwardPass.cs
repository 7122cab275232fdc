using System.Collections.Generic;

namespace Circuits
{
    /// <summary>
    /// A forward pass in <see cref="AttentionMode.Indexed"/> mode: <b>hard attention</b>, not the model's softmax. Heads listed as
    /// <see cref="HeadExecution.Indexed"/> copy the value of the key their selection picks (the rightmost, leftmost or only key
    /// whose codes equal the query's, else the BOS sink) instead of averaging every key with softmax weights; the rest run exact
    /// softmax. Its outputs equal the exact mode's wherever the compiler's certificate holds (the softmax of a certified hard head is
    /// within the readers' tolerance of that copy), which is only for compiled models whose heads it proves hard. Not thread-safe.
    /// </summary>
    public interface IIndexedForwardPass : IForwardPass
    {
        /// <summary>Every head of the model, in layer order, with how this pass runs it.</summary>
        IReadOnlyList<HeadExecution> Heads { get; }

        /// <summary>
        /// How many indexed heads the last call ran with exact softmax instead, because the residual there did not hold what
        /// the lookup's proof assumes (a coordinate off its code, or several keys tied with no tie-break). 0 on compiled models.
        /// </summary>
        int ExactFallbacks { get; }

        /// <summary>
        /// How many layers the last call ran as one parallel phase, tile by tile: the heads' copies, the MLP and the next layer's
        /// code packing together. A layer takes this path when every head was looked up and could read its keys' values from
        /// the snapshot packed with the codes (with AVX-512, every value +0 or ±1) or from coordinates the layer does not
        /// write; otherwise each head's copy is a phase of its own. The outputs are the same either way; this says how fast.
        /// </summary>
        int SinglePhaseLayers { get; }
    }
}
