using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>One worker's scratch: everything a row of a layer needs besides the shared projections.</summary>
    internal sealed class WorkerScratch<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public WorkerScratch(int positions, int width, int maxQueryDims, int maxValueDims, int maxHidden)
        {
            Scores = new T[positions + Vector<T>.Count];
            BlockMax = new T[positions / SoftmaxLanes<T>.KeyBlock + 3];
            Numerators = new Vector<T>[maxValueDims];
            Totals = new T[maxValueDims];
            Delta = new T[width];
            Row = new T[Math.Max(maxQueryDims, maxValueDims)];
            QueryValues = new T[maxQueryDims];
            QueryLanes = new Vector<T>[maxQueryDims];
            QueryRows = new int[maxQueryDims];
            HiddenA = new T[maxHidden];
            HiddenB = new T[maxHidden];
            Bounds = new RowBounds<T>(positions);
        }

        /// <summary>The current row's plan over its key blocks.</summary>
        public RowBounds<T> Bounds { get; }

        /// <summary>One query's scores, indexed by key position (padded by a vector so a tail vector stays in bounds).</summary>
        public T[] Scores { get; }
        /// <summary>Each key block's largest score, in the order the blocks are visited (a row's first range, then its second).</summary>
        public T[] BlockMax { get; }
        /// <summary>Per value dimension, the lanes of the current key block's Σ p_j v_j.</summary>
        public Vector<T>[] Numerators { get; }
        /// <summary>Per value dimension, Σ_j p_j v_j over the finished blocks; becomes a_i.</summary>
        public T[] Totals { get; }
        /// <summary>The attention sublayer's sum for one position: every head reads the residual before any writes it.</summary>
        public T[] Delta { get; }
        /// <summary>One k_j or v_j before it is scattered into the transposed layout.</summary>
        public T[] Row { get; }
        /// <summary>The current query's non-zero values.</summary>
        public T[] QueryValues { get; }
        /// <summary>The current query's non-zero values, each in every lane (the score loop's multipliers).</summary>
        public Vector<T>[] QueryLanes { get; }
        /// <summary>Where the current query's non-zero dimensions start in the transposed key layout (dimension × stride).</summary>
        public int[] QueryRows { get; }
        /// <summary>MLP ping-pong buffers.</summary>
        public T[] HiddenA { get; }
        /// <summary>MLP ping-pong buffers.</summary>
        public T[] HiddenB { get; }
    }

    /// <summary>
    /// One attention head in the compute type: its projections (q row-major, K and V transposed so a run of keys is contiguous)
    /// and the exact softmax of one query row at a time, so rows can go to different threads.
    /// </summary>
    internal sealed class AttentionKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly int _width, _dq, _dv, _stride;
        private readonly AttentionMask _mask;
        private readonly T _floor;           // keys further than this below the row maximum weigh 0 (SoftmaxFloor)
        private readonly Vector<T> _floorLanes;
        private readonly SparseColumns<T> _query, _key, _value; // W_Q, W_K, W_V by their non-zeros
        private readonly SparseColumns<T> _output; // W_O transposed (width × dv): column e is row e of W_O
        private readonly T[] _queries, _keysT, _valuesT;   // this head's projections of every position
        private readonly KeyBlockBounds<T> _keyBounds;     // per key block, the range of each k_c (after each layer's projections)

        public AttentionKernel(AttentionHead head, int width, int positions, bool certified, string name)
        {
            if (head is null) throw new ArgumentException($"{name} is missing", "model");
            _width = width;
            _floor = T.CreateChecked(SoftmaxFloor.For(head, certified));
            _floorLanes = new Vector<T>(_floor);
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

            _query = new SparseColumns<T>(_dq == 0 ? Array.Empty<T>() : Weights<T>.Convert(head.Query, width, _dq, $"{name} W_Q"), width, _dq);
            _key = new SparseColumns<T>(_dq == 0 ? Array.Empty<T>() : Weights<T>.Convert(head.Key, width, _dq, $"{name} W_K"), width, _dq);
            _value = new SparseColumns<T>(_dv == 0 ? Array.Empty<T>() : Weights<T>.Convert(head.Value, width, _dv, $"{name} W_V"), width, _dv);
            _output = new SparseColumns<T>(_dv == 0 ? Array.Empty<T>() : Transpose(Weights<T>.Convert(head.Output, _dv, width, $"{name} W_O"), _dv, width), width, _dv);

            // A head without value dimensions writes nothing, whatever it attends to: it needs no projections either.
            bool live = _dv > 0;
            _stride = positions + Vector<T>.Count; // a tail vector reads past the last key, inside the row
            _queries = live ? new T[positions * _dq] : Array.Empty<T>();
            _keysT = live ? new T[_dq * _stride] : Array.Empty<T>();
            _valuesT = live ? new T[_dv * _stride] : Array.Empty<T>();
            _keyBounds = new KeyBlockBounds<T>(live ? _dq : 0, positions);
        }

        private static T[] Transpose(T[] w, int rows, int cols)
        {
            var t = new T[w.Length];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c];
            return t;
        }

        public int QueryDims => _dq;
        public int ValueDims => _dv;

        /// <summary>Projects position <paramref name="p"/> (its residual row <paramref name="xp"/>) into q, K^T and V^T.</summary>
        public void Project(ReadOnlySpan<T> xp, int p, WorkerScratch<T> w)
        {
            if (_dv == 0) return;
            _query.Apply(xp, _queries.AsSpan(p * _dq, _dq));
            Span<T> row = w.Row.AsSpan(0, _dq);
            _key.Apply(xp, row);
            for (int c = 0; c < _dq; c++) _keysT[c * _stride + p] = row[c];
            row = w.Row.AsSpan(0, _dv);
            _value.Apply(xp, row);
            for (int e = 0; e < _dv; e++) _valuesT[e * _stride + p] = row[e];
        }

        /// <summary>Summarises keys [0, <paramref name="count"/>) per key block; call after every position is projected, before any <see cref="Apply"/>.</summary>
        public void Bound(int count)
        {
            if (_dv > 0) _keyBounds.Compute(_keysT, _stride, count);
        }

        /// <summary>Adds this head's output at query <paramref name="i"/> to <paramref name="delta"/> (one residual row).</summary>
        public void Apply(int i, int count, Span<T> delta, WorkerScratch<T> w)
        {
            if (_dv == 0) return;
            // Allowed non-BOS keys are [lo, hi); BOS (key 0) is always allowed and is counted exactly once.
            AttentionMasks.KeyRange(_mask, i, count, out int lo, out int hi);
            int firstEnd = hi <= lo ? 1 : lo == 1 ? hi : 1; // BOS alone, or BOS contiguous with the range
            bool second = hi > lo && lo > 1;

            // Only q's non-zero dimensions enter the scores: a zero one adds q_c·k_cj = ±0, which changes no sum's value.
            ReadOnlySpan<T> qi = _queries.AsSpan(i * _dq, _dq);
            T[] values = w.QueryValues;
            Vector<T>[] lanes = w.QueryLanes;
            int[] rows = w.QueryRows;
            int nonZero = 0;
            for (int c = 0; c < qi.Length; c++)
                if (qi[c] != T.Zero)
                {
                    values[nonZero] = qi[c];
                    lanes[nonZero] = new Vector<T>(qi[c]);
                    rows[nonZero++] = c * _stride;
                }
            // The block whose scores may be highest first, then the others, passing over blocks that cannot reach the floor
            // (RowBounds: exact). BOS alone is one block, so a second range's blocks are numbered from 1.
            T max = T.NegativeInfinity;
            int best = w.Bounds.Plan(qi, _keyBounds, firstEnd, lo, hi, second);
            if (best >= 0)
            {
                max = Scores(nonZero, w.Bounds.BestStart, w.Bounds.BestEnd, w, best, max);
                w.Bounds.Seed(best);
            }
            max = Scores(nonZero, 0, firstEnd, w, 0, max);
            if (second) max = Scores(nonZero, lo, hi, w, 1, max);

            Span<T> num = w.Totals.AsSpan(0, _dv);
            T den;
            if (!T.IsFinite(max))
            {
                // A NaN or infinite score: no softmax is meaningful. NaN reaches the readout, which refuses it loudly.
                den = T.NaN;
                num.Fill(T.NaN);
            }
            else
            {
                den = T.Zero;
                num.Clear();
                Weigh(max, 0, firstEnd, w, 0, ref den, num);
                if (second) Weigh(max, lo, hi, w, 1, ref den, num);
            }

            // a_i = numerators / denominator, then delta_i += a_i · W_O by W_O's rows, each over its non-zeros (adding a·0 adds
            // an exact 0: no sum changes), e ascending: every column gets the same additions in the same order as a dense row.
            for (int e = 0; e < _dv; e++)
            {
                T a = num[e] / den;
                if (a != T.Zero) _output.AddScaled(e, a, delta);
            }
        }

        /// <summary>
        /// Scores of keys [start, end) into the worker's row buffer (by key position), one key block at a time, each block's
        /// maximum into its BlockMax[firstBlock + n], and the running maximum returned; blocks the row's bounds pass over
        /// (<see cref="RowBounds{T}"/>) are not scored. s_j = q_0 k_0j + q_1 k_1j + … over the query's <paramref name="dims"/>
        /// non-zero dimensions (<see cref="WorkerScratch{T}.QueryLanes"/>) in ascending order, one rounding per product and
        /// per sum, as the generated pass sums: a vector of keys at a time, every dimension added in registers. Vector.Max
        /// propagates NaN, so a NaN score makes the maximum NaN.
        /// </summary>
        private T Scores(int dims, int start, int end, WorkerScratch<T> w, int firstBlock, T max)
        {
            T[] scores = w.Scores;
            for (int b = start, n = firstBlock; b < end; b += SoftmaxLanes<T>.KeyBlock, n++)
            {
                if (w.Bounds.Skips(n, max, _floor, w.BlockMax)) continue;
                int blockEnd = Math.Min(b + SoftmaxLanes<T>.KeyBlock, end);
                // The block's bulk in 512-bit registers (KeyScores, shared with the generated pass), the rest a vector at a time.
                int j = b;
                T wideMax = KeyScores<T>.Block512(_keysT, w.QueryValues, 0, w.QueryRows, dims, scores, ref j, blockEnd);
                var vmax = SoftmaxLanes<T>.MinusInfinity;
                for (; j < blockEnd; j += Vector<T>.Count)
                {
                    var score = ScoreVector(dims, j, w);
                    if (blockEnd - j < Vector<T>.Count)
                    {
                        // A tail vector keeps the scores past the block's end: another block may already have written them.
                        var inBlock = SoftmaxLanes<T>.Before(blockEnd - j);
                        score = Vector.ConditionalSelect(inBlock, score, SoftmaxLanes<T>.MinusInfinity);
                        Vector.ConditionalSelect(inBlock, score, new Vector<T>(scores, j)).CopyTo(scores, j);
                    }
                    else score.CopyTo(scores, j);
                    vmax = Vector.Max(vmax, score);
                }
                T blockMax = SoftmaxLanes<T>.Max(wideMax, SoftmaxLanes<T>.HorizontalMax(vmax));
                w.BlockMax[n] = blockMax;
                max = SoftmaxLanes<T>.Max(max, blockMax);
            }
            return max;
        }

        /// <summary>The scores of keys [j, j + lanes), as <see cref="KeyScores{T}.Block512"/> (lanes past the row's keys read its padding).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector<T> ScoreVector(int dims, int j, WorkerScratch<T> w)
        {
            if (dims == 0) return Vector<T>.Zero;
            ref T keys = ref MemoryMarshal.GetArrayDataReference(_keysT);
            ref Vector<T> q = ref MemoryMarshal.GetArrayDataReference(w.QueryLanes);
            ref int rows = ref MemoryMarshal.GetArrayDataReference(w.QueryRows);
            var score = q * Vector.LoadUnsafe(ref keys, (nuint)(rows + j));
            for (int c = 1; c < dims; c++)
                score += Unsafe.Add(ref q, c) * Vector.LoadUnsafe(ref keys, (nuint)(Unsafe.Add(ref rows, c) + j));
            return score;
        }

        /// <summary>
        /// Adds the exp-weighted keys [start, end) to the sums, one key block at a time (see <see cref="SoftmaxLanes{T}"/>
        /// for which keys are skipped and why that is exact). A block whose maximum is below the floor has no live lane
        /// (s − m rounds monotonically), so it is skipped without reading its scores.
        /// </summary>
        private void Weigh(T max, int start, int end, WorkerScratch<T> w, int firstBlock, ref T den, Span<T> num)
        {
            var vm = new Vector<T>(max);
            T[] scores = w.Scores;
            ref T values = ref MemoryMarshal.GetArrayDataReference(_valuesT);
            Span<Vector<T>> vn = w.Numerators.AsSpan(0, _dv);
            for (int b = start, n = firstBlock; b < end; b += SoftmaxLanes<T>.KeyBlock, n++)
            {
                if (!SoftmaxLanes<T>.Reaches(w.BlockMax[n], max, _floor)) continue;
                int blockEnd = Math.Min(b + SoftmaxLanes<T>.KeyBlock, end);
                var vden = Vector<T>.Zero;
                vn.Clear();
                for (int j = b; j < blockEnd; j += Vector<T>.Count)
                {
                    var d = new Vector<T>(scores, j) - vm;
                    var live = SoftmaxLanes<T>.Live(d, blockEnd - j, _floorLanes);
                    if (SoftmaxLanes<T>.None(live)) continue; // no key within reach of the maximum: no exp
                    var p = SoftmaxLanes<T>.Weights(d, live);
                    vden += p;
                    // Unchecked: j < the row's key count, so a vector from j stays inside value row e (stride = keys + lanes).
                    for (int e = 0; e < vn.Length; e++) vn[e] += p * Vector.LoadUnsafe(ref values, (nuint)(e * _stride + j));
                }
                den += Vector.Sum(vden);
                for (int e = 0; e < num.Length; e++) num[e] += Vector.Sum(vn[e]);
            }
        }
    }
}
