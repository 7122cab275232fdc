using System;
using System.Numerics;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>The last step every pass shares: each token's readout coordinates, widened to double, decoded.</summary>
    internal static class ResidualReadout
    {
        /// <summary>
        /// Decodes token t (residual row t + 1, after the BOS sink) into <paramref name="output"/>[t] for every token;
        /// <paramref name="scratch"/> holds one token's coordinates (length ≥ <see cref="ReadoutDecoder.Dims"/>).
        /// </summary>
        public static void Decode<T>(ReadoutDecoder decoder, ReadOnlySpan<T> residual, int width, int tokens, double[] scratch, Span<double> output)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int t = 0; t < tokens; t++)
            {
                ReadOnlySpan<T> coords = residual.Slice((t + 1) * width + decoder.Offset, decoder.Dims);
                for (int c = 0; c < coords.Length; c++) scratch[c] = double.CreateChecked(coords[c]);
                output[t] = decoder.Decode(scratch, t);
            }
        }
    }
}
