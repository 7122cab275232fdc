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
    }
}
