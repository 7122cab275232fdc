using System;
using System.Linq;
using System.Numerics;
using Circuits.Compiler;
using Circuits.Tests.Emit;
using Xunit;

namespace Circuits.Tests.Engine
{
    /// <summary>
    /// ReLU stages whose units share a few integer weight columns (a decode ladder's thresholds) take one dot product per
    /// distinct column. Oracles: the row-by-row sum written out here (input order, zero inputs skipped: the MLP kernels'
    /// order), compared bit for bit; the reference model in double, exact on integers; and the emitted pass.
    /// </summary>
    public class SharedColumnsTests
    {
        /// <summary>ReLU(b + h·W) summed row by row in input order, zero inputs skipped, as MlpKernel and the emitted MLP do.</summary>
        private static T[] RowByRow<T>(T[] h, T[] w, T[] bias) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int cols = bias.Length;
            var y = (T[])bias.Clone();
            for (int r = 0; r < h.Length; r++)
            {
                if (h[r] == T.Zero) continue;
                for (int c = 0; c < cols; c++) y[c] += w[r * cols + c] * h[r];
            }
            for (int c = 0; c < cols; c++) if (!(y[c] > T.Zero)) y[c] = T.Zero;
            return y;
        }

        /// <summary>A stage of <paramref name="rows"/> inputs and <paramref name="cols"/> units reading <paramref name="distinct"/> random integer columns.</summary>
        private static (double[] W, double[] Bias) Stage(Random rng, int rows, int cols, int distinct, int scale)
        {
            var columns = new double[distinct][];
            for (int g = 0; g < distinct; g++)
                columns[g] = Enumerable.Range(0, rows).Select(_ => (double)(rng.Next(3) == 0 ? 0 : rng.Next(-scale, scale + 1))).ToArray();
            var w = new double[rows * cols];
            for (int c = 0; c < cols; c++)
            {
                var col = columns[c < distinct ? c : rng.Next(distinct)]; // every distinct column used at least once
                for (int r = 0; r < rows; r++) w[r * cols + c] = col[r];
            }
            var bias = Enumerable.Range(0, cols).Select(_ => (double)rng.Next(-2 * scale, 2 * scale + 1)).ToArray();
            return (w, bias);
        }

        private static bool Apply<T>(SharedColumns s, T[] h, T[] bias, T[] y) where T : unmanaged, IFloatingPointIeee754<T>
            => SharedColumnsStage<T>.TryApply(h, s.Columns.Select(T.CreateChecked).ToArray(), s.GroupStart, s.Units, bias, s.ColumnAbsSum, s.BiasAbs, y);

        [Fact]
        public void Find_GroupsEqualIntegerColumns_AndRefusesOtherStages()
        {
            var rng = new Random(1);
            var (w, bias) = Stage(rng, 7, 24, 3, 4);
            var s = SharedColumns.Find(w, 7, bias, relu: true)!;
            Assert.NotNull(s);
            Assert.Equal(3, s.Count);
            Assert.Equal(Enumerable.Range(0, 24), s.Units.OrderBy(u => u));
            for (int g = 0; g < s.Count; g++)
                for (int j = s.GroupStart[g]; j < s.GroupStart[g + 1]; j++)
                    for (int r = 0; r < 7; r++) Assert.Equal(w[r * 24 + s.Units[j]], s.Columns[g * 7 + r]);
            Assert.Equal(Enumerable.Range(0, 3).Max(g => Enumerable.Range(0, 7).Sum(r => Math.Abs(s.Columns[g * 7 + r]))), s.ColumnAbsSum);
            Assert.Equal(bias.Max(Math.Abs), s.BiasAbs);

            Assert.Null(SharedColumns.Find(w, 7, bias, relu: false)); // a linear stage keeps the sign of a zero sum
            var fractional = (double[])w.Clone();
            fractional[5] += 0.5;
            Assert.Null(SharedColumns.Find(fractional, 7, bias, relu: true));
            Assert.Null(SharedColumns.Find(w, 7, bias.Select((b, i) => i == 3 ? b + 0.25 : b).ToArray(), relu: true));
            var (many, manyBias) = Stage(rng, 7, 24, 7, 4); // 24 units over 7 columns: fewer than 4 units per column
            Assert.Null(SharedColumns.Find(many, 7, manyBias, relu: true));
        }

        [Fact]
        public void Find_TreatsMinusZeroAsZero()
        {
            var w = new double[] { 1, 1, 1, 1, -0.0, 0, 0, -0.0 };
            var s = SharedColumns.Find(w, 2, new double[] { 0, 1, 2, 3 }, relu: true)!;
            Assert.Equal(1, s.Count);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void TryApply_OnIntegerInputs_EqualsTheRowByRowSumBitForBit(int seed)
        {
            var rng = new Random(seed);
            foreach (var (rows, cols, distinct) in new[] { (1, 4, 1), (33, 64, 2), (129, 40, 10), (514, 513, 2) })
            {
                var (w, bias) = Stage(rng, rows, cols, distinct, 3);
                var s = SharedColumns.Find(w, rows, bias, relu: true)!;
                Assert.NotNull(s);
                for (int trial = 0; trial < 20; trial++)
                {
                    // Corners: all zero, all one, −0 inputs, negative and larger integers, mostly-zero.
                    var h = Enumerable.Range(0, rows).Select(r => trial switch
                    {
                        0 => 0.0,
                        1 => 1.0,
                        2 => r % 2 == 0 ? -0.0 : 1.0,
                        3 => rng.Next(-1000, 1001),
                        _ => rng.Next(4) == 0 ? 0 : rng.Next(2),
                    }).ToArray();
                    Check(s, h, w, bias);
                }
            }

            static void Check(SharedColumns s, double[] h, double[] w, double[] bias)
            {
                var hf = h.Select(v => (float)v).ToArray();
                var wf = w.Select(v => (float)v).ToArray();
                var bf = bias.Select(v => (float)v).ToArray();
                var yf = new float[bias.Length];
                Assert.True(Apply(s, hf, bf, yf));
                Assert.Equal(RowByRow(hf, wf, bf).Select(BitConverter.SingleToInt32Bits), yf.Select(BitConverter.SingleToInt32Bits));
                var yd = new double[bias.Length];
                Assert.True(Apply(s, h, bias, yd));
                Assert.Equal(RowByRow(h, w, bias).Select(BitConverter.DoubleToInt64Bits), yd.Select(BitConverter.DoubleToInt64Bits));
            }
        }

        [Fact]
        public void TryApply_RefusesInputsThatAreNotSmallIntegers_AndLeavesTheOutputAlone()
        {
            var w = new double[] { 1, 1, 1, 1, 2, 2, 2, 2 }; // 2 inputs, 4 units, one column: Σ|w| = 3
            var bias = new double[] { 0, 1, -1, 2 };
            var s = SharedColumns.Find(w, 2, bias, relu: true)!;
            var bf = bias.Select(v => (float)v).ToArray();
            foreach (var h in new[] { new[] { 0.5f, 1 }, new[] { 1, float.NaN }, new[] { float.PositiveInfinity, 0 }, new[] { 1, float.NegativeInfinity } })
            {
                var y = new float[] { 7, 7, 7, 7 };
                Assert.False(Apply(s, h, bf, y));
                Assert.All(y, v => Assert.Equal(7f, v));
            }

            // float holds every integer up to 2^24; the stage is taken while 2 + max|h|·3 ≤ 2^23, so every partial sum is exact.
            float atBound = (float)Math.Floor(((1 << 23) - 2) / 3.0), past = atBound + 1;
            var ok = new float[4];
            Assert.True(Apply(s, new[] { atBound, -1f }, bf, ok));
            Assert.Equal(RowByRow(new[] { atBound, -1f }, w.Select(v => (float)v).ToArray(), bf), ok);
            Assert.Equal(atBound - 2 + 2, ok[3]); // the exact integer b + h·w
            Assert.False(Apply(s, new[] { past, 0f }, bf, new float[4]));
            // Past 2^22 an input is refused even where the sums would stay small (zero columns): integrality is tested up to there.
            var zero = SharedColumns.Find(new double[8], 2, bias, relu: true)!;
            Assert.True(Apply(zero, new[] { 4194304f, -3 }, bf, new float[4]));
            Assert.False(Apply(zero, new[] { 4194306f, -3 }, bf, new float[4]));
            Assert.False(Apply(zero, new[] { float.PositiveInfinity, -3 }, bf, new float[4]));
            // double's bound is 2^52.
            Assert.True(Apply(s, new[] { 1e15, 3 }, bias, new double[4]));
            Assert.False(Apply(s, new[] { 2e15, 3 }, bias, new double[4]));
        }

        /// <summary>
        /// A layer with no heads whose MLP turns integer embeddings into integers (stage 0), then thresholds them in a
        /// shared-columns stage (stage 1) and writes back: in float32 the engine must give the exact integers of the double
        /// reference at every coordinate, and the emitted pass the engine's numbers. With <paramref name="fraction"/> the
        /// stage-1 inputs are not integers and both run the row-by-row sum instead.
        /// </summary>
        [Theory]
        [InlineData(0.0)]
        [InlineData(0.25)]
        public void Engine_And_EmittedPass_OnASharedColumnsStage_MatchTheReference(double fraction)
        {
            var rng = new Random(5);
            const int width = 5, vocabulary = 4, maxLength = 70;
            var m = ReferenceModel.RandomEmbeddings(rng, width, vocabulary, maxLength);
            static Matrix Ints(Random rng, int rows, int cols, int scale)
            {
                var x = new Matrix(rows, cols);
                for (int i = 0; i < x.Data.Length; i++) x.Data[i] = rng.Next(-scale, scale + 1);
                return x;
            }
            m.BosEmbedding = Enumerable.Range(0, width).Select(_ => (double)rng.Next(-3, 4)).ToArray();
            m.TokenEmbedding = Ints(rng, vocabulary, width, 3);
            m.PositionEmbedding = Ints(rng, maxLength, width, 3);
            var (w1, b1) = Stage(rng, 8, 16, 2, 2);
            var stage1 = new Matrix(8, 16);
            w1.CopyTo(stage1.Data, 0);
            m.Layers = new[]
            {
                new Layer
                {
                    Mlp = new Mlp
                    {
                        Stages = new[]
                        {
                            new DenseLayer { Weights = Ints(rng, width, 8, 2), Bias = Enumerable.Range(0, 8).Select(_ => rng.Next(-2, 3) + fraction).ToArray(), Relu = true },
                            new DenseLayer { Weights = stage1, Bias = b1, Relu = true },
                            new DenseLayer { Weights = Ints(rng, 16, width, 2), Bias = new double[width], Relu = false },
                        },
                    },
                },
            };
            Assert.NotNull(SharedColumns.Find(w1, 8, b1, relu: true));
            m.Output = new Readout { Offset = 1, Dims = 1, Encoding = Compiler.Encoding.Scalar, Kind = ValueKind.Numerical };
            m.Card = new ModelCard { Name = "shared columns", Certified = new[] { "float32", "float64" } };

            var pass = EmittedPass.For($"shared-columns-{fraction}", m);
            EmittedPass.AssertNoWarnings(pass);
            Assert.Contains("SharedColumnsStage<float>.TryApply", pass.Source);
            var engine = global::Circuits.Engine.Create(m, NumericType.Float32);
            foreach (int length in new[] { 1, 2, maxLength - 1, maxLength, rng.Next(1, maxLength + 1) })
            {
                var ids = ReferenceModel.RandomIds(rng, length, vocabulary);
                var reference = ReferenceModel.Residual(m, ids);
                var residual = ReferenceModel.EngineResidual(m, ids, NumericType.Float32);
                for (int t = 1; t <= length; t++)
                    for (int c = 0; c < width; c++)
                    {
                        // Integers stay exact; with fractions (multiples of 1/4, small) float32 is exact too.
                        Assert.Equal(reference[t][c], residual[t][c]);
                    }
                Assert.Equal(engine.Forward(ids), pass.Forward(ids));
            }
        }
    }
}
