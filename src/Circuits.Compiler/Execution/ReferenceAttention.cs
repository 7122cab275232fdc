using System;
using System.Runtime.CompilerServices;

namespace Circuits.Compiler
{
    /// <summary>
    /// One attention head in plain double arithmetic: scores q_i·k_j over the keys the mask allows plus the BOS sink, an
    /// exact two-pass softmax (max, then e^(s−max)), and a_i·W_O added to the layer's delta. No streaming, no clamping:
    /// this is the reference the fast engines are an optimisation of.
    /// </summary>
    internal sealed class ReferenceAttention
    {
        private readonly AttentionMask _mask;
        private readonly SparseRows _query, _key, _value, _output;

        public ReferenceAttention(AttentionHead head)
        {
            _mask = head.Mask;
            _query = new SparseRows(head.Query);
            _key = new SparseRows(head.Key);
            _value = new SparseRows(head.Value);
            _output = new SparseRows(head.Output);
        }

        /// <summary>Work of one pass over <paramref name="count"/> positions (BOS included), in multiply-adds; an exponential counts <see cref="ReferenceExecutor.ExpCost"/>.</summary>
        public long Cost(int count)
        {
            long dq = _query.Cols, dv = _value.Cols;
            if (dv == 0) return 0;
            long pairs = 0;
            for (int i = 0; i < count; i++)
            {
                AttentionMasks.KeyRange(_mask, i, count, out int lo, out int hi);
                pairs += 1 + Math.Max(0, hi - lo);
            }
            return count * ((long)_query.NonZero + _key.NonZero + _value.NonZero + _output.NonZero + dq + dv) + pairs * (dq + dv + ReferenceExecutor.ExpCost);
        }

        /// <summary>
        /// Adds the head's output at each of the first <paramref name="count"/> positions of <paramref name="x"/> to <paramref name="delta"/>;
        /// when <paramref name="pattern"/> is given (count × count), also writes the softmax weight of each query and key there.
        /// </summary>
        [MethodImpl(ReferenceExecutor.Optimized)]
        public void Apply(double[] x, int count, int width, double[] delta, double[]? pattern = null)
        {
            int dq = _query.Cols, dv = _value.Cols;
            if (dv == 0) return; // writes nothing, whatever it attends to
            var q = Project(x, count, width, _query);
            var k = Project(x, count, width, _key);
            var v = Project(x, count, width, _value);
            var scores = new double[count];
            var a = new double[dv];
            for (int i = 0; i < count; i++)
            {
                AttentionMasks.KeyRange(_mask, i, count, out int lo, out int hi);
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
                if (pattern != null) Pattern(scores, lo, hi, max, denominator, pattern, i * count);
                for (int c = 0; c < dv; c++)
                {
                    double ac = a[c] / denominator;
                    if (ac != 0) _output.AddRow(c, ac, delta, i * width);
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
            // Keys more than 100 below the max weigh under e^−100 ≈ 4·10⁻⁴⁴ against the max key's 1 (all of them together under
            // 10⁻³⁸ at N = 65,536, far below the sum's own rounding error); the engine clamps them there too. Dropping them keeps
            // subnormal products out: hard heads would make thousands, and x86 computes with those hundreds of times slower.
            if (d < -100) return 0;
            double e = Math.Exp(d);
            int vj = j * dv;
            for (int c = 0; c < dv; c++) a[c] += e * v[vj + c];
            return e;
        }

        /// <summary>Each visible key's weight e^(s_j − max) / denominator, with <see cref="Accumulate"/>'s cut-off, into one row of a pattern.</summary>
        private static void Pattern(double[] scores, int lo, int hi, double max, double denominator, double[] pattern, int row)
        {
            pattern[row] = Weight(scores[0] - max) / denominator;
            for (int j = lo; j < hi; j++) pattern[row + j] = Weight(scores[j] - max) / denominator;
        }

        private static double Weight(double d) => d < -100 ? 0 : Math.Exp(d);

        /// <summary>x·W for every position (rows of x are positions).</summary>
        private static double[] Project(double[] x, int count, int width, SparseRows w)
        {
            var y = new double[count * w.Cols];
            if (w.Cols == 0 || w.Rows != width) return y;
            for (int p = 0; p < count; p++) w.MultiplyAdd(x, p * width, y, p * w.Cols);
            return y;
        }
    }
}
