using System;
using System.Runtime.CompilerServices;

namespace Circuits.Compiler
{
    /// <summary>
    /// One attention head in plain double arithmetic: scores q_i·k_j over the keys the mask allows plus the BOS sink, an
    /// exact two-pass softmax (max, then e^(s−max)), and a_i·W_O added to the layer's delta. No streaming, no clamping:
    /// this is the reference the fast engines are an optimisation of.
    /// </summary>
    internal static class ReferenceAttention
    {
        /// <summary>Adds the head's output at each of the first <paramref name="count"/> positions of <paramref name="x"/> to <paramref name="delta"/>.</summary>
        [MethodImpl(ReferenceExecutor.Optimized)]
        public static void Apply(AttentionHead head, double[] x, int count, int width, double[] delta)
        {
            int dq = head.Query.Cols, dv = head.Value.Cols;
            if (dv == 0) return; // writes nothing, whatever it attends to
            var q = Project(x, count, width, head.Query);
            var k = Project(x, count, width, head.Key);
            var v = Project(x, count, width, head.Value);
            var scores = new double[count];
            var a = new double[dv];
            var wo = head.Output.Data;
            for (int i = 0; i < count; i++)
            {
                KeyRange(head.Mask, i, count, out int lo, out int hi);
                if (hi < lo) hi = lo;
                int qi = i * dq;
                // Key 0 (BOS) is always visible; keys [lo, hi) are the ones the mask allows.
                double max = Score(q, qi, k, 0, dq);
                scores[0] = max;
                for (int j = lo; j < hi; j++)
                {
                    double s = Score(q, qi, k, j * dq, dq);
                    scores[j] = s;
                    if (s > max) max = s;
                }
                Array.Clear(a, 0, dv);
                double denominator = Accumulate(scores, 0, max, v, dv, a);
                for (int j = lo; j < hi; j++) denominator += Accumulate(scores, j, max, v, dv, a);
                int row = i * width;
                for (int c = 0; c < dv; c++)
                {
                    double ac = a[c] / denominator;
                    if (ac == 0) continue;
                    for (int r = 0; r < width; r++) delta[row + r] += ac * wo[c * width + r];
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Score(double[] q, int qi, double[] k, int kj, int dq)
        {
            double s = 0;
            for (int c = 0; c < dq; c++) s += q[qi + c] * k[kj + c];
            return s;
        }

        /// <summary>Adds e^(s_j − max)·v_j to <paramref name="a"/> and returns e^(s_j − max), the key's share of the denominator.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Accumulate(double[] scores, int j, double max, double[] v, int dv, double[] a)
        {
            double d = scores[j] - max;
            // e^d underflows to exactly 0 below −745.2: skipping the call there changes no bit.
            if (d < -746) return 0;
            double e = Math.Exp(d);
            if (e == 0) return 0;
            int vj = j * dv;
            for (int c = 0; c < dv; c++) a[c] += e * v[vj + c];
            return e;
        }

        /// <summary>The non-BOS keys (j ≥ 1) query <paramref name="i"/> may read under <paramref name="mask"/>, as [lo, hi).</summary>
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

        /// <summary>x·W for every position (rows of x are positions), skipping the many zero coordinates of x.</summary>
        [MethodImpl(ReferenceExecutor.Optimized)]
        private static double[] Project(double[] x, int count, int width, Matrix w)
        {
            int cols = w.Cols;
            var y = new double[count * cols];
            if (cols == 0) return y;
            var data = w.Data;
            for (int p = 0; p < count; p++)
                for (int r = 0; r < width; r++)
                {
                    double xr = x[p * width + r];
                    if (xr == 0) continue;
                    for (int c = 0; c < cols; c++) y[p * cols + c] += xr * data[r * cols + c];
                }
            return y;
        }
    }
}
