using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// A forward pass of one <see cref="CompiledModel"/> in one numeric type: token ids in, one decoded value per token out.
    /// Instances own their scratch buffers (allocated once, sized for <see cref="CompiledModel.MaxLength"/>), so they are
    /// <b>not thread-safe</b>: use one instance per thread.
    /// </summary>
    public interface IForwardPass
    {
        /// <summary>The model this pass runs.</summary>
        CompiledModel Model { get; }

        /// <summary>The numeric type every weight and activation is held in.</summary>
        NumericType Precision { get; }

        /// <summary>
        /// Runs the model on <paramref name="ids"/> and writes the decoded output of input token t to <paramref name="output"/>[t]
        /// (NaN = ⊥). Allocates nothing.
        /// </summary>
        /// <param name="ids">Token ids, 1 ≤ length ≤ <see cref="CompiledModel.MaxLength"/>, each in [0, vocabulary size).</param>
        /// <param name="output">Destination, at least <paramref name="ids"/>.Length long; later entries are left untouched.</param>
        /// <exception cref="ArgumentException">The input is empty, too long, or <paramref name="output"/> is too short.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A token id is outside the vocabulary.</exception>
        /// <exception cref="InvalidOperationException">The final residual does not decode cleanly (an output is not decisive, not admissible, or not finite); the message names the input position (0-based token index) and the offending coordinate value.</exception>
        void Forward(ReadOnlySpan<int> ids, Span<double> output);

        /// <summary>Runs the model on <paramref name="ids"/> and returns one decoded value per token (NaN = ⊥); allocates only the result.</summary>
        /// <param name="ids">Token ids, 1 ≤ length ≤ <see cref="CompiledModel.MaxLength"/>, each in [0, vocabulary size).</param>
        /// <returns>The decoded outputs, one per input token.</returns>
        /// <exception cref="ArgumentException">The input is empty or too long.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A token id is outside the vocabulary.</exception>
        /// <exception cref="InvalidOperationException">The final residual does not decode cleanly.</exception>
        double[] Forward(ReadOnlySpan<int> ids);
    }
}
