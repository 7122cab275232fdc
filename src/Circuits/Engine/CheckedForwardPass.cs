using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// What every forward pass does around its computation, in one place: check the ids (length, vocabulary) and the output
    /// span with messages that name the value and the limit, and allocate the result of the returning overload.
    /// </summary>
    internal abstract class CheckedForwardPass : IForwardPass
    {
        /// <summary>The limits are read once, here: the pass's buffers are sized from them, whatever the model becomes later.</summary>
        protected CheckedForwardPass(CompiledModel model, NumericType precision)
        {
            Model = model;
            Precision = precision;
            _maxLength = model.MaxLength;
            _vocabularySize = model.Vocabulary?.Length ?? 0;
        }

        /// <summary>The longest input, as the model said when the pass was built.</summary>
        protected readonly int _maxLength;

        /// <summary>The vocabulary size, as the model said when the pass was built.</summary>
        protected readonly int _vocabularySize;

        /// <inheritdoc/>
        public CompiledModel Model { get; }

        /// <inheritdoc/>
        public NumericType Precision { get; }

        /// <inheritdoc/>
        public double[] Forward(ReadOnlySpan<int> ids)
        {
            InputValidation.CheckIds(ids, _maxLength, _vocabularySize);
            var result = new double[ids.Length];
            Run(ids, result);
            return result;
        }

        /// <inheritdoc/>
        public void Forward(ReadOnlySpan<int> ids, Span<double> output)
        {
            InputValidation.CheckIds(ids, _maxLength, _vocabularySize);
            InputValidation.CheckOutput(ids.Length, output.Length);
            Run(ids, output);
        }

        /// <summary>The pass itself, on checked ids; writes one decoded value per token into <paramref name="output"/>.</summary>
        protected abstract void Run(ReadOnlySpan<int> ids, Span<double> output);
    }
}
