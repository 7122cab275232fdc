using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The forward pass at an emulated precision of p mantissa bits (2 ≤ p ≤ 53): every weight is rounded to p bits once, and
    /// every arithmetic result (each product, each sum, the softmax shift, exp, its sums and the division) is rounded to
    /// nearest-even at p bits. It uses the engines' key blocks (<see cref="SoftmaxLanes{T}.KeyBlock"/>) but sums each block
    /// sequentially, the deepest order any engine uses, keeps an online maximum (rescaling the sums, more roundings than the
    /// engines' exact row maximum) and weighs every key (the engines skip those below the exp floor), and never fuses a
    /// multiply with an add. A test oracle for the precision certificate, not a
    /// fast engine: a model certified at p bits must decode exactly here at p.
    /// </summary>
    public sealed class EmulatedPrecisionPass
    {
        private readonly CompiledModel _model;
        private readonly int _bits;
        private readonly long _dropMask, _half, _unit;
        private readonly int _drop;
        private readonly double[] _bos;
        private readonly double[] _tokens, _positions;
        private readonly (Head[] Heads, double[][]? Weights, double[][]? Biases, bool[]? Relu, int[][][]? NonZero)[] _layers;
        private readonly ReadoutDecoder _decoder;

        private sealed class Head
        {
            public AttentionMask Mask;
            public int Dq, Dv;
            public double[] Q = Array.Empty<double>(), K = Array.Empty<double>(), V = Array.Empty<double>(), O = Array.Empty<double>();
        }

        /// <summary>Prepares <paramref name="model"/> for evaluation at <paramref name="mantissaBits"/> bits (24 is float32, 53 is float64).</summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="mantissaBits">Significand bits, the implicit leading bit included, in [2, 53].</param>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="mantissaBits"/> is outside [2, 53].</exception>
        public EmulatedPrecisionPass(CompiledModel model, int mantissaBits)
        {
            _model = model ?? throw new ArgumentNullException(nameof(model));
            if (mantissaBits < 2 || mantissaBits > 53)
                throw new ArgumentOutOfRangeException(nameof(mantissaBits), mantissaBits, "mantissa bits must be in [2, 53]");
            _bits = mantissaBits;
            _drop = 53 - mantissaBits;
            _unit = 1L << _drop;
            _dropMask = _unit - 1;
            _half = _drop == 0 ? 0 : 1L << (_drop - 1);

            int width = model.Width;
            _bos = RoundAll(model.BosEmbedding);
            _tokens = RoundAll(model.TokenEmbedding.Data);
            _positions = RoundAll(model.PositionEmbedding.Data);
            var layers = model.Layers ?? Array.Empty<Layer>();
            _layers = new (Head[], double[][]?, double[][]?, bool[]?, int[][][]?)[layers.Length];
            for (int l = 0; l < layers.Length; l++)
            {
                var heads = new Head[layers[l].Heads.Length];
                for (int h = 0; h < heads.Length; h++)
                {
                    var src = layers[l].Heads[h];
                    heads[h] = new Head
                    {
                        Mask = src.Mask,
                        Dq = src.Query.Cols,
                        Dv = src.Value.Cols,
                        Q = RoundAll(src.Query.Data),
                        K = RoundAll(src.Key.Data),
                        V = RoundAll(src.Value.Data),
                        O = RoundAll(src.Output.Data),
                    };
                }
                var mlp = layers[l].Mlp;
                if (mlp is null || (mlp.Stages?.Length ?? 0) == 0) { _layers[l] = (heads, null, null, null, null); continue; }
                var stages = mlp.Stages!;
                var w = new double[stages.Length][];
                var b = new double[stages.Length][];
                var relu = new bool[stages.Length];
                // Per stage and input row, the columns of its non-zero weights (adding 0·h is exact, so skipping it changes nothing).
                var nonZero = new int[stages.Length][][];
                for (int k = 0; k < stages.Length; k++)
                {
                    w[k] = RoundAll(stages[k].Weights.Data);
                    b[k] = RoundAll(stages[k].Bias);
                    relu[k] = stages[k].Relu;
                    int rows = stages[k].Weights.Rows, cols = stages[k].Weights.Cols;
                    nonZero[k] = new int[rows][];
                    for (int r = 0; r < rows; r++)
                    {
                        var at = new System.Collections.Generic.List<int>();
                        for (int c = 0; c < cols; c++) if (w[k][r * cols + c] != 0) at.Add(c);
                        nonZero[k][r] = at.ToArray();
                    }
                }
                _layers[l] = (heads, w, b, relu, nonZero);
            }
            _decoder = new ReadoutDecoder(model.Output, width);
        }

        /// <summary>The emulated significand width.</summary>
        public int MantissaBits => _bits;

        /// <summary>Runs the model on <paramref name="ids"/> and decodes one value per token (NaN = ⊥), as the engine's readout does.</summary>
        /// <param name="ids">Token ids, 1 ≤ length ≤ <see cref="CompiledModel.MaxLength"/>, each in [0, vocabulary size).</param>
        /// <returns>The decoded outputs.</returns>
        /// <exception cref="ArgumentException">The input is empty or too long.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A token id is outside the vocabulary.</exception>
        /// <exception cref="InvalidOperationException">The final residual does not decode cleanly at this precision.</exception>
        public double[] Forward(ReadOnlySpan<int> ids)
        {
            InputValidation.CheckIds(ids, _model.MaxLength, _model.Vocabulary.Length);
            int width = _model.Width, count = ids.Length + 1;
            var x = new double[count * width];
            Array.Copy(_bos, x, width);
            for (int t = 0; t < ids.Length; t++)
                for (int c = 0; c < width; c++)
                    x[(t + 1) * width + c] = R(_tokens[ids[t] * width + c] + _positions[t * width + c]);

            foreach (var (heads, weights, biases, relu, nonZero) in _layers)
            {
                if (heads.Length > 0)
                {
                    var delta = new double[count * width];
                    foreach (var head in heads) Attend(head, x, count, delta);
                    for (int i = 0; i < x.Length; i++) x[i] = R(x[i] + delta[i]);
                }
                if (weights is null) continue;
                for (int p = 0; p < count; p++)
                {
                    var h = new double[width];
                    Array.Copy(x, p * width, h, 0, width);
                    for (int k = 0; k < weights.Length; k++)
                    {
                        int outs = biases![k].Length;
                        var y = (double[])biases[k].Clone();
                        for (int r = 0; r < h.Length; r++)
                        {
                            if (h[r] == 0) continue;
                            foreach (int c in nonZero![k][r]) y[c] = R(y[c] + R(h[r] * weights[k][r * outs + c]));
                        }
                        if (relu![k]) for (int c = 0; c < outs; c++) y[c] = Math.Max(y[c], 0);
                        h = y;
                    }
                    for (int c = 0; c < width; c++) x[p * width + c] = R(x[p * width + c] + h[c]);
                }
            }

            var result = new double[ids.Length];
            var coords = new double[_decoder.Dims];
            for (int t = 0; t < ids.Length; t++)
            {
                Array.Copy(x, (t + 1) * width + _decoder.Offset, coords, 0, coords.Length);
                result[t] = _decoder.Decode(coords, t);
            }
            return result;
        }

        private void Attend(Head head, double[] x, int count, double[] delta)
        {
            int width = _model.Width, dq = head.Dq, dv = head.Dv;
            if (dv == 0) return;
            var q = Project(x, count, head.Q, dq);
            var k = Project(x, count, head.K, dq);
            var v = Project(x, count, head.V, dv);
            var num = new double[dv];
            var scores = new double[SoftmaxLanes<double>.KeyBlock];
            for (int i = 0; i < count; i++)
            {
                double max = double.NegativeInfinity, den = 0;
                Array.Clear(num, 0, dv);
                AttentionMasks.KeyRange(head.Mask, i, count, out int lo, out int hi);
                // The same key ranges as the engine: BOS alone, BOS contiguous with [1, hi), or BOS then [lo, hi).
                if (hi <= lo) Keys(0, 1);
                else if (lo == 1) Keys(0, hi);
                else { Keys(0, 1); Keys(lo, hi); }
                for (int e = 0; e < dv; e++)
                {
                    double a = R(num[e] / den);
                    if (a == 0) continue;
                    for (int c = 0; c < width; c++)
                    {
                        double o = head.O[e * width + c];
                        if (o != 0) delta[i * width + c] = R(delta[i * width + c] + R(a * o));
                    }
                }

                void Keys(int start, int end)
                {
                    for (int b = start; b < end; b += scores.Length)
                    {
                        int len = Math.Min(scores.Length, end - b);
                        double blockMax = double.NegativeInfinity;
                        for (int j = 0; j < len; j++)
                        {
                            double s = 0;
                            for (int c = 0; c < dq; c++)
                            {
                                double qc = q[i * dq + c];
                                if (qc != 0) s = R(s + R(qc * k[(b + j) * dq + c]));
                            }
                            scores[j] = s;
                            blockMax = Math.Max(blockMax, s);
                        }
                        if (blockMax > max)
                        {
                            double scale = double.IsNegativeInfinity(max) ? 0 : R(Math.Exp(R(max - blockMax)));
                            den = R(den * scale);
                            for (int e = 0; e < dv; e++) num[e] = R(num[e] * scale);
                            max = blockMax;
                        }
                        double blockDen = 0;
                        var blockNum = new double[dv];
                        for (int j = 0; j < len; j++)
                        {
                            double wgt = R(Math.Exp(Math.Max(R(scores[j] - max), -100)));
                            blockDen = R(blockDen + wgt);
                            for (int e = 0; e < dv; e++) blockNum[e] = R(blockNum[e] + R(wgt * v[(b + j) * dv + e]));
                        }
                        den = R(den + blockDen);
                        for (int e = 0; e < dv; e++) num[e] = R(num[e] + blockNum[e]);
                    }
                }
            }
        }

        /// <summary>y_p = x_p·W for every position, rows in ascending order, zero inputs skipped (as the engine does).</summary>
        private double[] Project(double[] x, int count, double[] w, int cols)
        {
            int width = _model.Width;
            var y = new double[count * cols];
            for (int p = 0; p < count; p++)
                for (int r = 0; r < width; r++)
                {
                    double xr = x[p * width + r];
                    if (xr == 0) continue;
                    for (int c = 0; c < cols; c++)
                    {
                        double wv = w[r * cols + c];
                        if (wv != 0) y[p * cols + c] = R(y[p * cols + c] + R(xr * wv));
                    }
                }
            return y;
        }

        private double[] RoundAll(double[] source)
        {
            var r = new double[source.Length];
            for (int i = 0; i < r.Length; i++) r[i] = R(source[i]);
            return r;
        }

        /// <summary>Round to nearest, ties to even, at p significand bits (on the magnitude bits: a carry moves to the next binade correctly).</summary>
        private double R(double v)
        {
            if (_drop == 0 || v == 0 || !double.IsFinite(v)) return v;
            long bits = BitConverter.DoubleToInt64Bits(v);
            long low = bits & _dropMask, kept = bits & ~_dropMask;
            if (low > _half || (low == _half && (kept & _unit) != 0)) kept += _unit;
            return BitConverter.Int64BitsToDouble(kept);
        }
    }
}
