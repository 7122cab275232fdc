using System;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Engine
{
    public class InputValidationTests
    {
        private static CompiledModel Model() => ReferenceModel.RandomEmbeddings(new Random(5), width: 3, vocabulary: 4, maxLength: 5);

        [Theory]
        [InlineData(NumericType.Float32)]
        [InlineData(NumericType.Float64)]
        public void EmptyInput_Throws(NumericType precision)
        {
            var pass = Circuits.Engine.Create(Model(), precision);
            var e = Assert.Throws<ArgumentException>(() => pass.Forward(ReadOnlySpan<int>.Empty));
            Assert.Contains("input is empty; at least 1 token is required", e.Message);
        }

        [Fact]
        public void TooLongInput_NamesLengthAndMaximum()
        {
            var pass = Circuits.Engine.Create(Model());
            var e = Assert.Throws<ArgumentException>(() => pass.Forward(new int[6]));
            Assert.Contains("6", e.Message);
            Assert.Contains("maximum length is 5", e.Message);
            pass.Forward(new int[5]); // exactly MaxLength is fine
        }

        [Theory]
        [InlineData(4)]
        [InlineData(-1)]
        [InlineData(int.MaxValue)]
        public void IdOutOfRange_NamesIdPositionAndVocabularySize(int bad)
        {
            var pass = Circuits.Engine.Create(Model());
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => pass.Forward(new[] { 0, 3, bad }));
            Assert.Contains($"token id {bad}", e.Message);
            Assert.Contains("position 2", e.Message);
            Assert.Contains("vocabulary size 4", e.Message);
            Assert.Equal(bad, e.ActualValue);
        }

        [Fact]
        public void OutputSpanTooShort_Throws()
        {
            var pass = Circuits.Engine.Create(Model());
            var e = Assert.Throws<ArgumentException>(() => pass.Forward(new[] { 0, 1, 2 }, new double[2]));
            Assert.Contains("2", e.Message);
            Assert.Contains("3 tokens", e.Message);
        }

        [Fact]
        public void Encode_SingleCharacterVocabulary_OneTokenPerChar()
        {
            Assert.Equal(new[] { 0, 3, 3, 1, 2 }, Circuits.Engine.Encode(Model(), "addbc"));
            Assert.Empty(Circuits.Engine.Encode(Model(), ""));
        }

        [Fact]
        public void Encode_UnknownCharacter_NamesCharacterPositionAndVocabulary()
        {
            var e = Assert.Throws<ArgumentException>(() => Circuits.Engine.Encode(Model(), "abzc"));
            Assert.Contains("'z'", e.Message);
            Assert.Contains("position 2", e.Message);
            Assert.Contains("{a, b, c, d}", e.Message);
        }

        [Fact]
        public void Encode_MultiCharacterVocabulary_SplitsOnWhitespace()
        {
            var m = Model();
            m.Vocabulary = new[] { "the", "cat", "sat", "." };
            Assert.Equal(new[] { 0, 1, 2, 3 }, Circuits.Engine.Encode(m, "the  cat sat ."));
            var e = Assert.Throws<ArgumentException>(() => Circuits.Engine.Encode(m, "the dog"));
            Assert.Contains("\"dog\"", e.Message);
            Assert.Contains("position 1", e.Message);
            Assert.Contains("cat", e.Message);
        }

        [Fact]
        public void EncodedText_RunsThroughTheModel()
        {
            var m = Model();
            var pass = Circuits.Engine.Create(m);
            Assert.Equal(4, pass.Forward(Circuits.Engine.Encode(m, "dcba")).Length);
        }
    }
}
