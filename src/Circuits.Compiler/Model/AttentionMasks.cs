using System;

namespace Circuits.Compiler
{
    /// <summary>Which keys a mask lets a query read: one definition for every engine (generic, emulated, reference executor).</summary>
    public static class AttentionMasks
    {
        /// <summary>The non-BOS keys (j ≥ 1) query <paramref name="i"/> may read under <paramref name="mask"/>, as [lo, hi).</summary>
        /// <param name="mask">The head's mask.</param>
        /// <param name="i">The query position (BOS is 0).</param>
        /// <param name="count">Positions including BOS.</param>
        /// <param name="lo">First readable key.</param>
        /// <param name="hi">One past the last readable key.</param>
        public static void KeyRange(AttentionMask mask, int i, int count, out int lo, out int hi)
        {
            switch (mask)
            {
                case AttentionMask.Causal: lo = 1; hi = i + 1; break;
                case AttentionMask.StrictCausal: lo = 1; hi = i; break;
                case AttentionMask.AntiCausal: lo = Math.Max(i, 1); hi = count; break;
                case AttentionMask.StrictAntiCausal: lo = Math.Max(i + 1, 1); hi = count; break;
                default: lo = 1; hi = count; break;
            }
        }
    }
}
