using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Xunit;

namespace Circuits.Tests.Language
{
    /// <summary>Total input checking on the public API: every bad input gets an argument exception or a CIRC code naming the parameter, the value and the limit.</summary>
    public class BadInputTests
    {
        private static readonly Func<int, int> NullMap = null!;
        private static readonly Func<int, int, int> NullPair = null!;
        private static readonly Func<int, int, bool> NullPredicate = null!;

        [Fact]
        public void NullLambdasNameTheirParameter()
        {
            Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Rasp.Map(Rasp.Tokens, NullMap)).ParamName);
            Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Rasp.SequenceMap(Rasp.Tokens, Rasp.Indices, NullPair)).ParamName);
            Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Rasp.NumericalMap(Rasp.Tokens, null!)).ParamName);
            Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Rasp.NumericalSequenceMap(Rasp.Tokens, Rasp.Indices, null!)).ParamName);
            Assert.Equal("predicate", Assert.Throws<ArgumentNullException>(() => Rasp.Select(Rasp.Tokens, Rasp.Tokens, NullPredicate)).ParamName);
        }

        [Fact]
        public void NullSequencesAndSelectorsNameTheirParameter()
        {
            var s = Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal);
            Assert.Equal("keys", Assert.Throws<ArgumentNullException>(() => Rasp.Select(null!, Rasp.Tokens, Rasp.Equal)).ParamName);
            Assert.Equal("sequence", Assert.Throws<ArgumentNullException>(() => Rasp.Map(null!, x => x)).ParamName);
            Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Rasp.And(null!, s)).ParamName);
            Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => Rasp.Or(s, null!)).ParamName);
            Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Rasp.Not(null!)).ParamName);
            Assert.Equal("sequence", Assert.Throws<ArgumentNullException>(() => Rasp.Numerical<int>(null!)).ParamName);
            Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Compiler.Ir.Arithmetic(null!, Rasp.Tokens, (x, y) => x + y, "+")).ParamName);
        }

        [Theory]
        [InlineData(5, -1, "Precision is 5")]
        [InlineData(0, 99, "Task is 99")]
        public void UndefinedEnumValuesAreRefused(int precision, int task, string message)
        {
            var options = new CompileOptions { Vocabulary = new[] { "a" }, MaxLength = 4, Precision = (NumericType)precision, Task = task < 0 ? KnownTask.None : (KnownTask)task };
            var e = Assert.Throws<CompileException>(() => CircuitCompiler.Compile(Rasp.Tokens, options));
            Assert.Equal("CIRC0004", e.Code);
            Assert.Contains(message, e.Message);
        }

        [Fact]
        public void ReferenceEvaluatorChecksIds()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceEvaluator.Evaluate(Rasp.Tokens, new[] { 0, 7 }, vocabularySize: 4));
            Assert.Equal("ids", e.ParamName);
            Assert.Contains("Token id 7 at position 1 is outside the vocabulary [0, 4)", e.Message);
            var negative = Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceEvaluator.Evaluate(Rasp.Tokens, new[] { -1 }));
            Assert.Contains("Token id -1 at position 0 is negative", negative.Message);
            Assert.Throws<ArgumentException>(() => ReferenceEvaluator.Evaluate(Rasp.Tokens, Array.Empty<int>()));
        }

        [Fact]
        public void UserFunctionsThatThrowAreNamedWithTheirInput()
        {
            var map = Rasp.Map(Rasp.Tokens, x => 10 / (x - 1), "10/(x-1)");
            var e = Assert.Throws<CompileException>(() => Parity.Compile(map, "abc", 4, false));
            Assert.Equal("CIRC0215", e.Code);
            Assert.Equal("10/(x-1)", e.Node);
            Assert.Contains("DivideByZeroException on x = 1", e.Message);
            var reference = Assert.Throws<UserFunctionException>(() => ReferenceEvaluator.Evaluate(map, new[] { 0, 1 }));
            Assert.Equal("x = 1", reference.Input);

            var predicate = Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Tokens, (k, q) => k / q > 0, "k/q>0"));
            var p = Assert.Throws<CompileException>(() => Parity.Compile(predicate, "abc", 4, false));
            Assert.Equal("CIRC0215", p.Code);
            Assert.Contains("'k/q>0' threw DivideByZeroException on (key 0, query 0)", p.Message);
        }

        [Fact]
        public void ExtremeIntegerMapsCompileExactly()
        {
            var program = Rasp.Map(Rasp.Tokens, x => int.MinValue + x);
            var model = Parity.Compile(program, "abc", 3, false);
            foreach (var ids in MiscompileRegressionTests.AllInputs(3, 3))
                Assert.Equal(ReferenceEvaluator.Evaluate(program, ids), global::Circuits.Engine.Create(model).Forward(ids));
        }

        [Fact]
        public void WidthThatGrowsLikeNSquaredIsRefusedBeforeAllocation()
        {
            var keys = Rasp.SequenceMap(Library.Histogram(), Rasp.Indices, (h, i) => -h * 256 + i);
            var e = Assert.Throws<CompileException>(() => Parity.Compile(Library.Sort(Rasp.Tokens, keys), "abcd", 256, false));
            Assert.Equal("CIRC0216", e.Code);
            Assert.Contains("limit", e.Message);
        }

        [Fact]
        public void HugeVocabularyIsRefusedBeforeAllocation()
        {
            var vocabulary = Enumerable.Range(0, 31_000).Select(i => "s" + i).ToArray();
            var options = new CompileOptions { Vocabulary = vocabulary, MaxLength = 64, Name = "sort" };
            var e = Assert.Throws<CompileException>(() => CircuitCompiler.Compile(Library.Sort(Rasp.Tokens, Rasp.Tokens), options));
            Assert.Equal("CIRC0216", e.Code);
        }
    }
}
