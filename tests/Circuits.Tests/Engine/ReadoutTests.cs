using System;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Engine
{
    public class ReadoutTests
    {
        /// <summary>
        /// A layer-free model whose final residual at a token is exactly that token's embedding row (position
        /// embeddings are zero), so each row is a readout pattern to decode. Coordinate 0 is padding before the readout.
        /// </summary>
        private static CompiledModel Patterns(Readout readout, params double[][] rows)
        {
            int width = rows[0].Length + 1;
            var tokens = new Matrix(rows.Length, width);
            var vocab = new string[rows.Length];
            for (int t = 0; t < rows.Length; t++)
            {
                vocab[t] = ((char)('a' + t)).ToString();
                tokens[t, 0] = 7; // padding outside the readout must be ignored
                for (int c = 0; c < rows[t].Length; c++) tokens[t, c + 1] = rows[t][c];
            }
            readout.Offset = 1;
            readout.Dims = rows[0].Length;
            return new CompiledModel
            {
                Vocabulary = vocab,
                MaxLength = 8,
                Width = width,
                BosEmbedding = new double[width],
                TokenEmbedding = tokens,
                PositionEmbedding = new Matrix(8, width),
                Output = readout,
            };
        }

        private static double[] Run(CompiledModel m, NumericType precision, params int[] ids) => Circuits.Engine.Create(m, precision).Forward(ids);

        [Theory]
        [InlineData(NumericType.Float32)]
        [InlineData(NumericType.Float64)]
        public void OneHot_DecodesArgmaxAndBottom(NumericType precision)
        {
            var m = Patterns(new Readout { Encoding = Compiler.Encoding.OneHot, Values = new double[] { 10, 20, 30 } },
                new[] { 0.0, 1.0, 0.0 },
                new[] { 0.98, 0.1, -0.2 },
                new[] { 0.0, 0.0, 0.0 },
                new[] { 0.1, 0.2, 0.9 });
            var y = Run(m, precision, 0, 1, 2, 3, 0);
            Assert.Equal(20, y[0]);
            Assert.Equal(10, y[1]);
            Assert.True(Bottom.Is(y[2]));
            Assert.Equal(30, y[3]);
            Assert.Equal(20, y[4]);
        }

        [Fact]
        public void OneHot_CoordinateInsideBand_IsLoud()
        {
            var m = Patterns(new Readout { Encoding = Compiler.Encoding.OneHot, Values = new double[] { 1, 2 } },
                new[] { 1.0, 0.0 },
                new[] { 0.0, 0.4 });
            var e = Assert.Throws<InvalidOperationException>(() => Run(m, NumericType.Float64, 0, 0, 1));
            Assert.Contains("position 2", e.Message);
            Assert.Contains("not decisive", e.Message);
            Assert.Contains("0.4", e.Message);
        }

        [Fact]
        public void OneHot_TwoCoordinatesOn_IsLoud()
        {
            var m = Patterns(new Readout { Encoding = Compiler.Encoding.OneHot, Values = new double[] { 1, 2, 3 } },
                new[] { 1.0, 0.0, 0.0 },
                new[] { 0.0, 0.9, 1.0 });
            var e = Assert.Throws<InvalidOperationException>(() => Run(m, NumericType.Float64, 1));
            Assert.Contains("position 0", e.Message);
            Assert.Contains("0.9", e.Message);
            Assert.Contains("not decisive", e.Message);
        }

        [Theory]
        [InlineData(NumericType.Float32)]
        [InlineData(NumericType.Float64)]
        public void Binary_DecodesCodesLowBitFirst(NumericType precision)
        {
            var m = Patterns(new Readout { Encoding = Compiler.Encoding.Binary, Values = new double[] { 5, 6, 7, 8, 9 } },
                new[] { -1.0, -1.0, -1.0 },  // code 0
                new[] { 1.0, -1.0, -1.0 },   // code 1: coordinate Offset+0 is bit 0
                new[] { -0.9, 1.1, -1.0 },   // code 2
                new[] { -1.0, -1.0, 1.0 },   // code 4
                new[] { 0.1, -0.2, 0.0 });   // ⊥
            var y = Run(m, precision, 0, 1, 2, 3, 4);
            Assert.Equal(new[] { 5.0, 6, 7, 9 }, y[..4]);
            Assert.True(Bottom.Is(y[4]));
        }

        [Fact]
        public void Binary_UndecidedBit_IsLoud()
        {
            var m = Patterns(new Readout { Encoding = Compiler.Encoding.Binary, Values = new double[] { 1, 2, 3, 4 } },
                new[] { 1.0, 0.3 });
            var e = Assert.Throws<InvalidOperationException>(() => Run(m, NumericType.Float64, 0));
            Assert.Contains("not decisive", e.Message);
            Assert.Contains("0.3", e.Message);
        }

        [Fact]
        public void Binary_CodeBeyondValues_IsLoud()
        {
            var m = Patterns(new Readout { Encoding = Compiler.Encoding.Binary, Values = new double[] { 1, 2, 3 } },
                new[] { 1.0, 1.0 });
            var e = Assert.Throws<InvalidOperationException>(() => Run(m, NumericType.Float64, 0));
            Assert.Contains("code 3", e.Message);
            Assert.Contains("3 values", e.Message);
        }

        [Theory]
        [InlineData(NumericType.Float32)]
        [InlineData(NumericType.Float64)]
        public void Scalar_SnapsToNearestAdmissibleValue(NumericType precision)
        {
            var m = Patterns(new Readout { Encoding = Compiler.Encoding.Scalar, Kind = ValueKind.Numerical, Values = new double[] { -1, 0, 0.5, 3 }, Tolerance = 0.05 },
                new[] { 0.51 }, new[] { -0.97 }, new[] { 3.04 }, new[] { 0.0 });
            Assert.Equal(new[] { 0.5, -1, 3, 0 }, Run(m, precision, 0, 1, 2, 3));
        }

        [Fact]
        public void Scalar_TooFarFromAnyValue_IsLoud()
        {
            var m = Patterns(new Readout { Encoding = Compiler.Encoding.Scalar, Kind = ValueKind.Numerical, Values = new double[] { 0, 1, 2 }, Tolerance = 0.01 },
                new[] { 1.0 }, new[] { 1.25 });
            var e = Assert.Throws<InvalidOperationException>(() => Run(m, NumericType.Float64, 0, 1));
            Assert.Contains("position 1", e.Message);
            Assert.Contains("1.25", e.Message);
            Assert.Contains("nearest admissible value 1", e.Message);
            Assert.Contains("0.01", e.Message);
        }

        [Fact]
        public void Scalar_WithoutValues_ReturnsTheRawNumber()
        {
            var m = Patterns(new Readout { Encoding = Compiler.Encoding.Scalar, Kind = ValueKind.Numerical },
                new[] { 1.2345 }, new[] { -77.5 });
            Assert.Equal(new[] { 1.2345, -77.5 }, Run(m, NumericType.Float64, 0, 1));
        }
    }
}
