using System;
using System.Linq;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// Decides, once per head, whether the indexed mode may replace its softmax by a lookup, and proves it from the weights:
    /// the head must be hard, carry a <see cref="HardSelection"/>, and W_Q·W_Kᵀ must equal the bilinear form that description
    /// implies, entry for entry. With clean codes in the residual (checked on every call) the real-arithmetic argmax is then
    /// "the rightmost / leftmost / only key whose codes all equal the query's, else the BOS sink", by the gap inequalities
    /// checked here for every key position up to MaxLength.
    /// </summary>
    internal static class SelectionCheck
    {
        /// <summary>Bits a packed match key may use (a long, sign bit spare).</summary>
        public const int KeyBits = 63;

        /// <summary>Bits the quadratic code's integer v takes in a packed key (an int).</summary>
        public const int QuadraticBits = 32;

        /// <summary>The selection the head may be indexed by, or null with the reason it runs exactly.</summary>
        public static HardSelection? Check(AttentionHead head, int width, int maxLength, out string reason)
        {
            var sel = head.Selection;
            if (!head.Hard) { reason = "not hard (a mean over several keys, e.g. a count head)"; return null; }
            if (sel is null || sel.Matches is null || sel.Matches.Length == 0) { reason = "no recorded exact-match selection (predicate table or hand-built head)"; return null; }
            if (Cols(head.Value) == 0) { reason = "writes nothing (no value dimensions)"; return null; }

            int bits = 0;
            foreach (var m in sel.Matches)
            {
                if (m is null || !(m.Weight > 0) || m.Dims < 1) { reason = "a match term has no positive weight or no coordinates"; return null; }
                if (!InRange(m.QueryOffset, m.Dims, width) || !InRange(m.KeyOffset, m.Dims, width)) { reason = "a match term lies outside the residual"; return null; }
                switch (m.Encoding)
                {
                    case Encoding.OneHot: bits += BitsFor(m.Dims); break;
                    case Encoding.Binary: bits += m.Dims; break;
                    case Encoding.Quadratic when m.Dims == 3: bits += QuadraticBits; break;
                    default: reason = $"a match term uses the {m.Encoding} code with {m.Dims} coordinates, which has no lookup"; return null;
                }
            }
            if (bits > KeyBits) { reason = $"its match codes need {bits} bits, more than a {KeyBits}-bit lookup key"; return null; }
            bool tie = sel.TieBreak != TieBreak.None;
            if (!InRange(sel.OneOffset, 1, width) || !InRange(sel.BosOffset, 1, width) || (tie && !InRange(sel.TieBreakOffset, 1, width))
                || (tie && !(sel.TieBreakWeight > 0)))
            {
                reason = "its sink or tie-break coordinates are malformed"; return null;
            }

            if (!FormMatches(head, sel, width, out reason)) return null;

            // Gap inequalities in real arithmetic, for key positions j = 1..maxLength (tie term sign·μ·j).
            double selected = 0, minDrop = double.PositiveInfinity;
            foreach (var m in sel.Matches)
            {
                // Score on a match, and the least it drops for a mismatch or ⊥ on either side (±1 codes: one flipped
                // coordinate costs 2α, ⊥ costs α·dims; integers of the quadratic code differ by at least 1).
                double top = m.Encoding == Encoding.Binary ? m.Weight * m.Dims : m.Weight;
                double drop = m.Encoding == Encoding.Binary ? m.Weight * Math.Min(2, m.Dims) : m.Weight;
                selected += top;
                minDrop = Math.Min(minDrop, drop);
            }
            double mu = tie ? sel.TieBreakWeight : 0, n = maxLength;
            double maxTie = sel.TieBreak == TieBreak.Rightmost ? mu * n : sel.TieBreak == TieBreak.Leftmost ? -mu : 0;
            double minTie = sel.TieBreak == TieBreak.Rightmost ? mu : sel.TieBreak == TieBreak.Leftmost ? -mu * n : 0;
            if (!(selected - minDrop + maxTie < sel.SinkWeight))
            {
                reason = $"a non-matching key can outscore the BOS sink ({selected - minDrop + maxTie:G6} ≥ {sel.SinkWeight:G6})"; return null;
            }
            if (!(selected + minTie > sel.SinkWeight))
            {
                reason = $"a matching key can fall below the BOS sink ({selected + minTie:G6} ≤ {sel.SinkWeight:G6})"; return null;
            }
            reason = Describe(head, sel);
            return sel;
        }

        /// <summary>
        /// W_Q·W_Kᵀ (width × width, computed in double from the model's weights) against the form the description implies.
        /// Every weight the compiler writes is a whole number or a half, so both sides are exact and compared for equality.
        /// </summary>
        private static bool FormMatches(AttentionHead head, HardSelection sel, int width, out string reason)
        {
            var expected = new double[width * width];
            foreach (var m in sel.Matches)
            {
                int q = m.QueryOffset, k = m.KeyOffset;
                if (m.Encoding == Encoding.Quadratic)
                {
                    // w(2·v_q·v_k − p_q·v_k² + p_q·p_k − v_q²·p_k) = w(1 − (v_q − v_k)²) for present codes (p = 1), 0 when either is ⊥.
                    expected[(q + 1) * width + k + 1] += 2 * m.Weight;
                    expected[q * width + k + 2] -= m.Weight;
                    expected[q * width + k] += m.Weight;
                    expected[(q + 2) * width + k] -= m.Weight;
                }
                else
                {
                    for (int b = 0; b < m.Dims; b++) expected[(q + b) * width + k + b] += m.Weight;
                }
            }
            if (sel.TieBreak != TieBreak.None)
                expected[sel.OneOffset * width + sel.TieBreakOffset] += (sel.TieBreak == TieBreak.Rightmost ? 1 : -1) * sel.TieBreakWeight;
            expected[sel.OneOffset * width + sel.BosOffset] += sel.SinkWeight;

            var wq = head.Query; var wk = head.Key;
            int dq = Cols(wq);
            if (dq != Cols(wk) || (dq > 0 && (wq.Rows != width || wk.Rows != width))) { reason = "W_Q and W_K have different shapes"; return false; }
            for (int r = 0; r < width; r++)
                for (int s = 0; s < width; s++)
                {
                    double b = 0;
                    for (int c = 0; c < dq; c++) b += wq[r, c] * wk[s, c];
                    if (b != expected[r * width + s])
                    {
                        reason = $"W_Q·W_Kᵀ is {b:R} at ({r}, {s}) where the recorded selection implies {expected[r * width + s]:R}";
                        return false;
                    }
                }
            reason = "";
            return true;
        }

        /// <summary>One line for the pass's report: what the lookup matches and how it scans.</summary>
        private static string Describe(AttentionHead head, HardSelection sel)
        {
            string codes = string.Join(" and ", sel.Matches.Select(m => m.Encoding switch
            {
                Encoding.OneHot => $"one-hot ({m.Dims})",
                Encoding.Binary => $"±1 ({m.Dims} bits)",
                _ => "quadratic (1, v, v²)",
            }));
            string scan = head.Mask switch
            {
                AttentionMask.Causal or AttentionMask.StrictCausal => "prefix scan",
                AttentionMask.AntiCausal or AttentionMask.StrictAntiCausal => "suffix scan",
                _ => "hash lookup",
            };
            string pick = sel.TieBreak switch { TieBreak.Rightmost => "rightmost", TieBreak.Leftmost => "leftmost", _ => "unique" };
            return $"equality on {codes}, {pick} match, {scan} ({head.Mask})";
        }

        private static bool InRange(int offset, int dims, int width) => offset >= 0 && offset + dims <= width;

        /// <summary>Bits that tell <paramref name="values"/> codes apart (at least 1).</summary>
        public static int BitsFor(int values)
        {
            int b = 0;
            while ((1L << b) < values) b++;
            return Math.Max(b, 1);
        }

        private static int Cols(Matrix m) => m is null || (m.Rows == 0 && m.Cols == 0) ? 0 : m.Cols;
    }
}
