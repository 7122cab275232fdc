using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>The generic forward-pass engine: runs any <see cref="CompiledModel"/> in float32 or float64.</summary>
    public static class Engine
    {
        /// <summary>
        /// Builds a forward pass for <paramref name="model"/>: checks the model's shapes, converts every weight to the
        /// requested numeric type once, and allocates all scratch buffers for inputs up to <see cref="CompiledModel.MaxLength"/>.
        /// Each call uses every core (<see cref="Create(CompiledModel, NumericType, int)"/> chooses); the result does not depend
        /// on the thread count. The returned object is not thread-safe.
        /// </summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="precision">The numeric type to compute in.</param>
        /// <returns>A reusable forward pass.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        /// <exception cref="ArgumentException">The model is malformed (inconsistent shapes, or a weight that is not finite in <paramref name="precision"/>).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not a known numeric type.</exception>
        public static IForwardPass Create(CompiledModel model, NumericType precision = NumericType.Float64)
            => Create(model, precision, ForkJoin<object>.DefaultThreads);

        /// <summary>
        /// Builds a forward pass as <see cref="Create(CompiledModel, NumericType)"/> does, whose calls split their query rows
        /// among at most <paramref name="threads"/> threads (the caller and the process's fork-join helper threads; 1 = the calling thread only).
        /// Every row is computed the same way whichever thread runs it, so the outputs equal the single-threaded ones exactly.
        /// The helper threads are one process-wide crew that serves one fork at a time: passes called concurrently from different
        /// threads do not oversubscribe the cores; while one pass's fork holds the crew, another computes its rows alone on its
        /// calling thread, with the same bits.
        /// </summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="precision">The numeric type to compute in.</param>
        /// <param name="threads">The most threads one call may use, at least 1.</param>
        /// <returns>A reusable forward pass.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        /// <exception cref="ArgumentException">The model is malformed (inconsistent shapes, or a weight that is not finite in <paramref name="precision"/>).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not a known numeric type, or <paramref name="threads"/> is below 1.</exception>
        public static IForwardPass Create(CompiledModel model, NumericType precision, int threads)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
            return precision switch
            {
                NumericType.Float32 => new ForwardPass<float>(model, precision, threads),
                NumericType.Float64 => new ForwardPass<double>(model, precision, threads),
                _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, $"unknown numeric type {precision}"),
            };
        }

        /// <summary>
        /// Builds a forward pass in <see cref="AttentionMode.Indexed"/> mode: <b>hard attention</b>. Each head the compiler proved
        /// hard (it selects at most one key) and recorded as exact matches (<see cref="AttentionHead.Selection"/>, checked here
        /// against W_Q·W_Kᵀ) copies the value of the key it selects, found by a hash lookup in a prefix, suffix or whole-sequence
        /// scan: O(N) per head instead of O(N²). Every other head runs exact softmax in the same pass, and
        /// <see cref="IIndexedForwardPass.Heads"/> says which is which. This is not the model's softmax: outputs equal
        /// <see cref="Create(CompiledModel, NumericType)"/>'s only where the certificate proves the indexed heads hard, as it does for models the compiler emits.
        /// The returned object is not thread-safe.
        /// </summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="precision">The numeric type to compute in.</param>
        /// <returns>A reusable indexed forward pass.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        /// <exception cref="ArgumentException">The model is malformed (as for <see cref="Create(CompiledModel, NumericType)"/>).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not a known numeric type.</exception>
        public static IIndexedForwardPass CreateIndexed(CompiledModel model, NumericType precision = NumericType.Float64)
            => CreateIndexed(model, precision, ForkJoin<object>.DefaultThreads);

        /// <summary>
        /// Builds an indexed forward pass as <see cref="CreateIndexed(CompiledModel, NumericType)"/> does, whose calls split their
        /// positions among at most <paramref name="threads"/> threads (the caller and the process's fork-join helper threads; 1 = the calling thread
        /// only). Every position is computed the same way whichever thread runs it, so the outputs equal the single-threaded ones exactly.
        /// The helper threads are one process-wide crew that serves one fork at a time: passes called concurrently from different
        /// threads do not oversubscribe the cores; while one pass's fork holds the crew, another computes its positions alone on
        /// its calling thread, with the same bits.
        /// </summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="precision">The numeric type to compute in.</param>
        /// <param name="threads">The most threads one call may use, at least 1.</param>
        /// <returns>A reusable indexed forward pass.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        /// <exception cref="ArgumentException">The model is malformed (as for <see cref="Create(CompiledModel, NumericType)"/>).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not a known numeric type, or <paramref name="threads"/> is below 1.</exception>
        public static IIndexedForwardPass CreateIndexed(CompiledModel model, NumericType precision, int threads)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
            return precision switch
            {
                NumericType.Float32 => new IndexedForwardPass<float>(model, precision, threads),
                NumericType.Float64 => new IndexedForwardPass<double>(model, precision, threads),
                _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, $"unknown numeric type {precision}"),
            };
        }

        /// <summary>
        /// Builds a forward pass in the given attention mode: <see cref="Create(CompiledModel, NumericType)"/> for <see cref="AttentionMode.Exact"/>,
        /// <see cref="CreateIndexed(CompiledModel, NumericType)"/> (hard attention) for <see cref="AttentionMode.Indexed"/>.
        /// </summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="precision">The numeric type to compute in.</param>
        /// <param name="mode">Exact softmax, or indexed hard attention.</param>
        /// <returns>A reusable forward pass.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        /// <exception cref="ArgumentException">The model is malformed.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> or <paramref name="mode"/> is unknown.</exception>
        public static IForwardPass Create(CompiledModel model, NumericType precision, AttentionMode mode) => mode switch
        {
            AttentionMode.Exact => Create(model, precision),
            AttentionMode.Indexed => CreateIndexed(model, precision),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"unknown attention mode {mode}"),
        };

        /// <summary>
        /// Turns text into token ids. When every vocabulary symbol is one text element (user-perceived character, so "😀"
        /// and "👍🏽" are one each) and no two fuse when written together, each text element is one token; otherwise the
        /// text is split on whitespace and each piece must be a vocabulary symbol (see <see cref="SymbolText"/>).
        /// Length is not checked here (<see cref="IForwardPass.Forward(ReadOnlySpan{int})"/> does).
        /// </summary>
        /// <param name="model">The model whose vocabulary to use.</param>
        /// <param name="text">The input text.</param>
        /// <returns>The token ids.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="text"/> is null.</exception>
        /// <exception cref="ArgumentException">A text element (or symbol) is not in the vocabulary; the message names it, its position and the vocabulary.</exception>
        public static int[] Encode(CompiledModel model, string text)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(text);
            return InputValidation.Encode(model.Vocabulary, text);
        }
    }
}
