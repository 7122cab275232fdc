using System;
using System.Numerics;
using System.Numerics.Tensors;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>Scratch shared by all heads of a pass (heads run one after another), sized once for the largest head.</summary>
    internal sealed class AttentionScratch<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Keys per streaming-softmax block: large enough to amortise the per-block rescale, small enough to stay in L1. The precision
        /// analysis bounds summation depth with the same block (the compiler's Margins.KeyBlock, which the generated pass uses too).
        /// </summary>
        public const int KeyBlock = 256;

        public AttentionScratch(int positions, int maxQueryDims, int maxValueDims)
        {
            Positions = positions;
            Queries = new T[positions * maxQueryDims];
            KeysT = new T[maxQueryDims * positions];
            ValuesT = new T[maxValueDims * positions];
            Row = new T[Math.Max(maxQueryDims, maxValueDims)];
            Scores = new T[KeyBlock];
            Numerators = new T[maxValueDims];
        }

        /// <summary>Row stride of the transposed layouts: MaxLength + 1 (the BOS sink included).</summary>
        public int Positions { get; }
        /// <summary>q_i, row-major: position × dq.</summary>
        public T[] Queries { get; }
        /// <summary>K^T: dq rows of length <see cref="Positions"/>, so a block of keys is a contiguous slice.</summary>
        public T[] KeysT { get; }
        /// <summary>V^T: dv rows of length <see cref="Positions"/>.</summary>
        public T[] ValuesT { get; }
        /// <summary>One k_j or v_j before it is scattered into the transposed layout.</summary>
        public T[] Row { get; }
        /// <summary>Scores, then softmax numerators, of one key block.</summary>
        public T[] Scores { get; }
        /// <summary>Running Σ_j e^(s_ij − m) v_j, one per value dimension; becomes a_i.</summary>
        public T[] Numerators { get; }
    }

    /// <summary>One attention head in the compute type, with its streaming-softmax evaluation.</summary>
    internal sealed class AttentionKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly int _width, _dq, _dv;
        private readonly AttentionMask _mask;
        private readonly T[] _query, _key, _value, _output; // width×dq, width×dq, width×dv, dv×width (row-major)

        public AttentionKernel(AttentionHead head, int width, string name)
        {
            if (head is null) throw new ArgumentException($"{name} is missing", "model");
            _width = width;
            _mask = head.Mask;
            if (!Enum.IsDefined(_mask))
                throw new ArgumentException($"{name} has unknown mask {_mask}", "model");

            _dq = Weights<T>.Cols(head.Query, width, $"{name} W_Q");
            int dk = Weights<T>.Cols(head.Key, width, $"{name} W_K");
            if (dk != _dq) throw new ArgumentException($"{name}: W_Q has {_dq} columns but W_K has {dk}", "model");
            _dv = Weights<T>.Cols(head.Value, width, $"{name} W_V");
            int outCols = Weights<T>.Cols(head.Output, _dv, $"{name} W_O");
            if (_dv > 0 && outCols != width)
                throw new ArgumentException($"{name}: W_O has {outCols} columns, expected the residual width {width}", "model");

            _query = _dq == 0 ? Array.Empty<T>() : Weights<T>.Convert(head.Query, width, _dq, $"{name} W_Q");
            _key = _dq == 0 ? Array.Empty<T>() : Weights<T>.Convert(head.Key, width, _dq, $"{name} W_K");
            _value = _dv == 0 ? Array.Empty<T>() : Weights<T>.Convert(head.Value, width, _dv, $"{name} W_V");
            _output = _dv == 0 ? Array.Empty<T>() : Weights<T>.Convert(head.Output, _dv, width, $"{name} W_O");
        }

        public int QueryDims => _dq;
        public int ValueDims => _dv;

        /// <summary>Adds this head's output at each of the first <paramref name="count"/> positions of <paramref name="x"/> to <paramref name="delta"/>.</summary>
        public void Apply(ReadOnlySpan<T> x, int count, Span<T> delta, AttentionScratch<T> s)
        {
            // A head without value dimensions writes nothing, whatever it attends to.
            if (_dv == 0) return;
            int stride = s.Positions;

            // Project every position once; keys and values go to the transposed layouts used by the block loop.
            for (int p = 0; p < count; p++)
            {
                ReadOnlySpan<T> xp = x.Slice(p * _width, _width);
                Project(xp, _query, _dq, s.Queries.AsSpan(p * _dq, _dq));
                Span<T> row = s.Row.AsSpan(0, _dq);
                Project(xp, _key, _dq, row);
                for (int c = 0; c < _dq; c++) s.KeysT[c * stride + p] = row[c];
                row = s.Row.AsSpan(0, _dv);
                Project(xp, _value, _dv, row);
                for (int e = 0; e < _dv; e++) s.ValuesT[e * stride + p] = row[e];
            }

            Span<T> num = s.Numerators.AsSpan(0, _dv);
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<T> q = s.Queries.AsSpan(i * _dq, _dq);
                T max = T.NegativeInfinity, denominator = T.Zero;
                num.Clear();

                // Allowed non-BOS keys are [lo, hi); BOS (key 0) is always allowed and must be counted exactly once.
                KeyRange(i, count, out int lo, out int hi);
                if (hi <= lo)
                {
                    Accumulate(q, 0, 1, s, ref max, ref denominator, num);
                }
                else if (lo == 1)
                {
                    Accumulate(q, 0, hi, s, ref max, ref denominator, num); // BOS is contiguous with the range
                }
                else
                {
                    Accumulate(q, 0, 1, s, ref max, ref denominator, num);
                    Accumulate(q, lo, hi, s, ref max, ref denominator, num);
                }

                // a_i = numerators / denominator, then delta_i += a_i · W_O.
                TensorPrimitives.Divide(num, denominator, num);
                Span<T> target = delta.Slice(i * _width, _width);
                for (int e = 0; e < _dv; e++)
                {
                    T a = num[e];
                    if (a != T.Zero) TensorPrimitives.MultiplyAdd(_output.AsSpan(e * _width, _width), a, target, target);
                }
            }
        }

        private void KeyRange(int i, int count, out int lo, out int hi) => AttentionMasks.KeyRange(_mask, i, count, out lo, out hi);

        /// <summary>
        /// Online softmax over keys [start, end): each block's scores are computed from K^T with one vector op per query
        /// dimension; when the running max grows, the denominator and numerators are rescaled by e^(m_old − m_new).
        /// </summary>
        private static readonly T ExpFloor = T.CreateChecked(-100);

        private void Accumulate(ReadOnlySpan<T> q, int start, int end, AttentionScratch<T> s,
                                ref T max, ref T denominator, Span<T> num)
        {
            int stride = s.Positions;
            for (int b = start; b < end; b += AttentionScratch<T>.KeyBlock)
            {
                int len = Math.Min(AttentionScratch<T>.KeyBlock, end - b);
                Span<T> scores = s.Scores.AsSpan(0, len);
                scores.Clear(); // with dq = 0 every score stays 0: uniform attention
                for (int c = 0; c < _dq; c++)
                {
                    T qc = q[c];
                    if (qc != T.Zero) TensorPrimitives.MultiplyAdd(s.KeysT.AsSpan(c * stride + b, len), qc, scores, scores);
                }

                T blockMax = TensorPrimitives.Max<T>(scores);
                if (blockMax > max)
                {
                    // First block: max is −∞, so the scale is 0 and the (zero) accumulators stay zero.
                    T scale = T.Exp(max - blockMax);
                    denominator *= scale;
                    TensorPrimitives.Multiply(num, scale, num);
                    max = blockMax;
                }
                TensorPrimitives.Subtract(scores, max, scores);
                // Scores far below the max contribute e^-100 ≈ 4e-44 or less: clamping them keeps Exp on its fast vector
                // path (very negative doubles fall back to scalar code) without changing any certified result.
                TensorPrimitives.Max(scores, ExpFloor, scores);
                TensorPrimitives.Exp<T>(scores, scores);
                denominator += TensorPrimitives.Sum<T>(scores);
                for (int e = 0; e < num.Length; e++)
                    num[e] += TensorPrimitives.Dot<T>(scores, s.ValuesT.AsSpan(e * stride + b, len));
            }
        }

        /// <summary>y = x·W for row-major W (width × cols): a sum of W's rows weighted by x, skipping the (many) zeros of x.</summary>
        private void Project(ReadOnlySpan<T> x, T[] w, int cols, Span<T> y)
        {
            y.Clear();
            if (cols == 0) return;
            for (int r = 0; r < _width; r++)
            {
                T xr = x[r];
                if (xr != T.Zero) TensorPrimitives.MultiplyAdd(w.AsSpan(r * cols, cols), xr, y, y);
            }
        }
    }
}
