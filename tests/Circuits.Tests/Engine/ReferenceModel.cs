using System;
using System.Collections.Generic;
using Circuits.Compiler;

namespace Circuits.Tests.Engine
{
    /// <summary>
    /// An independent, deliberately naive forward pass (plain loops, full softmax in double) and helpers that build
    /// small random models and read the engine's final residual through the public API.
    /// </summary>
    internal static class ReferenceModel
    {
        /// <summary>The final residual, (n+1) × width, computed the slow, obvious way.</summary>
        public static double[][] Residual(CompiledModel m, int[] ids)
        {
            int n = ids.Length, d = m.Width, p = n + 1;
            var x = new double[p][];
            x[0] = (double[])m.BosEmbedding.Clone();
            for (int t = 0; t < n; t++)
            {
                x[t + 1] = new double[d];
                for (int c = 0; c < d; c++) x[t + 1][c] = m.TokenEmbedding[ids[t], c] + m.PositionEmbedding[t, c];
            }

            foreach (var layer in m.Layers)
            {
                var sum = new double[p][];
                for (int i = 0; i < p; i++) sum[i] = new double[d];
                foreach (var head in layer.Heads)
                {
                    int dq = head.Query.Cols, dv = head.Value.Cols;
                    if (head.Value.Rows == 0) dv = 0;
                    if (head.Query.Rows == 0) dq = 0;
                    var q = new double[p][]; var k = new double[p][]; var v = new double[p][];
                    for (int i = 0; i < p; i++)
                    {
                        q[i] = Times(x[i], head.Query, dq);
                        k[i] = Times(x[i], head.Key, dq);
                        v[i] = Times(x[i], head.Value, dv);
                    }
                    for (int i = 0; i < p; i++)
                    {
                        var s = new List<(int J, double S)>();
                        for (int j = 0; j < p; j++)
                        {
                            if (!Allowed(head.Mask, i, j)) continue;
                            double dot = 0;
                            for (int c = 0; c < dq; c++) dot += q[i][c] * k[j][c];
                            s.Add((j, dot));
                        }
                        double max = double.NegativeInfinity;
                        foreach (var e in s) max = Math.Max(max, e.S);
                        double z = 0;
                        foreach (var e in s) z += Math.Exp(e.S - max);
                        var a = new double[dv];
                        foreach (var e in s)
                        {
                            double w = Math.Exp(e.S - max) / z;
                            for (int c = 0; c < dv; c++) a[c] += w * v[e.J][c];
                        }
                        var o = Times(a, head.Output, dv == 0 ? 0 : d);
                        for (int c = 0; c < o.Length; c++) sum[i][c] += o[c];
                    }
                }
                for (int i = 0; i < p; i++)
                    for (int c = 0; c < d; c++) x[i][c] += sum[i][c];

                if (layer.Mlp is not null)
                {
                    for (int i = 0; i < p; i++)
                    {
                        double[] h = x[i];
                        foreach (var stage in layer.Mlp.Stages)
                        {
                            var y = (double[])stage.Bias.Clone();
                            for (int c = 0; c < y.Length; c++)
                                for (int r = 0; r < h.Length; r++) y[c] += h[r] * stage.Weights[r, c];
                            if (stage.Relu) for (int c = 0; c < y.Length; c++) y[c] = Math.Max(0, y[c]);
                            h = y;
                        }
                        for (int c = 0; c < d; c++) x[i][c] += h[c];
                    }
                }
            }
            return x;
        }

        /// <summary>BOS (j = 0) is always allowed; other keys by comparing positions.</summary>
        public static bool Allowed(AttentionMask mask, int i, int j)
        {
            if (j == 0) return true;
            return mask switch
            {
                AttentionMask.None => true,
                AttentionMask.Causal => j <= i,
                AttentionMask.StrictCausal => j < i,
                AttentionMask.AntiCausal => j >= i,
                AttentionMask.StrictAntiCausal => j > i,
                _ => throw new ArgumentOutOfRangeException(nameof(mask)),
            };
        }

        private static double[] Times(double[] x, Matrix w, int cols)
        {
            var y = new double[cols];
            for (int c = 0; c < cols; c++)
                for (int r = 0; r < x.Length; r++) y[c] += x[r] * w[r, c];
            return y;
        }

        /// <summary>
        /// Asserts that <paramref name="run"/>, read through a raw scalar readout on each coordinate in turn, gives the naive pass's
        /// final residual (within 1e-9, relative) on one random input of each length.
        /// </summary>
        public static void AssertEveryCoordinate(CompiledModel m, Func<CompiledModel, int[], double[]> run, Random rng, int[] lengths, string context)
        {
            var saved = m.Output;
            try
            {
                foreach (int length in lengths)
                {
                    var ids = RandomIds(rng, length, m.Vocabulary.Length);
                    var expected = Residual(m, ids);
                    for (int c = 0; c < m.Width; c++)
                    {
                        // A raw scalar readout on coordinate c: the decoder passes the number through.
                        m.Output = new Readout { Offset = c, Dims = 1, Encoding = Compiler.Encoding.Scalar, Kind = ValueKind.Numerical };
                        var got = run(m, ids);
                        for (int t = 0; t < length; t++)
                            Xunit.Assert.True(Math.Abs(got[t] - expected[t + 1][c]) <= 1e-9 * Math.Max(1, Math.Abs(expected[t + 1][c])),
                                $"{context}, length {length}, coordinate {c}, position {t}: {got[t]} ≠ {expected[t + 1][c]}");
                    }
                }
            }
            finally { m.Output = saved; }
        }

        /// <summary>The engine's final residual at real positions 1..n, one coordinate at a time, read through a raw scalar readout.</summary>
        public static double[][] EngineResidual(CompiledModel m, int[] ids, NumericType precision = NumericType.Float64)
        {
            var result = new double[ids.Length + 1][];
            for (int t = 0; t <= ids.Length; t++) result[t] = new double[m.Width];
            var saved = m.Output;
            try
            {
                for (int c = 0; c < m.Width; c++)
                {
                    m.Output = new Readout { Offset = c, Dims = 1, Encoding = Compiler.Encoding.Scalar, Kind = ValueKind.Numerical };
                    var column = Circuits.Engine.Create(m, precision).Forward(ids);
                    for (int t = 0; t < ids.Length; t++) result[t + 1][c] = column[t];
                }
            }
            finally { m.Output = saved; }
            return result;
        }

        public static Matrix RandomMatrix(Random rng, int rows, int cols, double scale)
        {
            var m = new Matrix(rows, cols);
            for (int i = 0; i < m.Data.Length; i++) m.Data[i] = (rng.NextDouble() * 2 - 1) * scale;
            return m;
        }

        public static double[] RandomVector(Random rng, int n, double scale)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = (rng.NextDouble() * 2 - 1) * scale;
            return v;
        }

        /// <summary>A model with random embeddings and no layers; the readout is a raw scalar on coordinate 0.</summary>
        public static CompiledModel RandomEmbeddings(Random rng, int width, int vocabulary, int maxLength)
        {
            var vocab = new string[vocabulary];
            for (int i = 0; i < vocabulary; i++) vocab[i] = ((char)('a' + i)).ToString();
            return new CompiledModel
            {
                Name = "random",
                Vocabulary = vocab,
                MaxLength = maxLength,
                Width = width,
                BosEmbedding = RandomVector(rng, width, 1),
                TokenEmbedding = RandomMatrix(rng, vocabulary, width, 1),
                PositionEmbedding = RandomMatrix(rng, maxLength, width, 1),
                Output = new Readout { Offset = 0, Dims = 1, Encoding = Compiler.Encoding.Scalar, Kind = ValueKind.Numerical },
            };
        }

        public static AttentionHead RandomHead(Random rng, int width, int dq, int dv, AttentionMask mask, double scale = 1)
            => new AttentionHead
            {
                Mask = mask,
                Query = RandomMatrix(rng, width, dq, scale),
                Key = RandomMatrix(rng, width, dq, scale),
                Value = RandomMatrix(rng, width, dv, 1),
                Output = RandomMatrix(rng, dv, width, 1),
            };

        public static Mlp RandomMlp(Random rng, int width, params int[] hidden)
        {
            var stages = new DenseLayer[hidden.Length + 1];
            int inDims = width;
            for (int k = 0; k <= hidden.Length; k++)
            {
                int outDims = k < hidden.Length ? hidden[k] : width;
                stages[k] = new DenseLayer
                {
                    Weights = RandomMatrix(rng, inDims, outDims, 1),
                    Bias = RandomVector(rng, outDims, 0.5),
                    Relu = k < hidden.Length,
                };
                inDims = outDims;
            }
            return new Mlp { Stages = stages };
        }

        public static int[] RandomIds(Random rng, int length, int vocabulary)
        {
            var ids = new int[length];
            for (int i = 0; i < length; i++) ids[i] = rng.Next(vocabulary);
            return ids;
        }
    }
}
