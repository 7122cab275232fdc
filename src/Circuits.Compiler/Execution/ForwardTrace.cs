using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>
    /// What one forward pass computed on the way to its output: the residual stream after the embedding and after each layer,
    /// and every head's attention pattern. Positions count the BOS sink as position 0, so input token t is row t + 1.
    /// </summary>
    public sealed class ForwardTrace
    {
        internal ForwardTrace(int positions, int width, IReadOnlyList<double[]> residuals, IReadOnlyList<double[][]> attention)
        {
            Positions = positions;
            Width = width;
            Residuals = residuals;
            Attention = attention;
        }

        /// <summary>Positions of the pass: the input's tokens plus the BOS sink.</summary>
        public int Positions { get; }

        /// <summary>Residual width.</summary>
        public int Width { get; }

        /// <summary>
        /// The residual stream, <see cref="Positions"/> × <see cref="Width"/> row-major: entry 0 right after the embedding,
        /// entry l + 1 after layer l (its heads and its MLP).
        /// </summary>
        public IReadOnlyList<double[]> Residuals { get; }

        /// <summary>
        /// Attention[l][h] is head h of layer l's softmax weights, <see cref="Positions"/> × <see cref="Positions"/> row-major
        /// (query i, key j); keys the mask hides hold 0. A head without value dimensions writes nothing and holds all zeros.
        /// </summary>
        public IReadOnlyList<double[][]> Attention { get; }
    }
}
