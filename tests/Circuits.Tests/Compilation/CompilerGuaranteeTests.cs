using System;
using System.Linq;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Compilation
{
    /// <summary>Widths, determinism, and the compiler's refusals (precision, unsupported selectors, bad options).</summary>
    public class CompilerGuaranteeTests
    {
        [Fact]
        public void WidthGrowsLogarithmically()
        {
            // float32 forces the float32-friendly codes at large N (±1 codes of ⌈log2 N⌉ coordinates).
            int ih64 = Parity.Compile(Library.InductionHead(), "abcd", 64, true, NumericType.Float32).Width;
            int ih4096 = Parity.Compile(Library.InductionHead(), "abcd", 4096, true, NumericType.Float32).Width;
            int hop64 = Parity.Compile(Library.Hop(16), "abcd", 64, true, NumericType.Float32).Width;
            int hop4096 = Parity.Compile(Library.Hop(16), "abcd", 4096, true, NumericType.Float32).Width;
            Assert.True(ih4096 <= 64 && hop4096 <= 96, $"widths {ih4096}, {hop4096}");
            // 64× longer inputs: log2 grows by 6, so a log-width construction adds a small multiple of 6 coordinates.
            Assert.InRange(ih4096 - ih64, 0, 4 * 6);
            Assert.InRange(hop4096 - hop64, 0, 6 * 6);
        }

        [Fact]
        public void QuadraticCodesTradeWidthForBits()
        {
            // float64 at N = 4096: positions in the quadratic code (1, v, v²) need more bits but only 3 coordinates.
            var wide = Parity.Compile(Library.InductionHead(), "abcd", 4096, true, NumericType.Float32);
            var narrow = Parity.Compile(Library.InductionHead(), "abcd", 4096, true, NumericType.Float64);
            Assert.True(narrow.Width < wide.Width, $"{narrow.Width} vs {wide.Width}");
            Assert.True(narrow.Card.PrecisionBits > 24 && narrow.Card.PrecisionBits <= 53);
            Assert.Contains(narrow.Card.Notes, n => n.Contains("quadratic"));
            Parity.Check(Library.InductionHead(), narrow, Circuits.Tasks.TaskDefinitions.InductionHead, (r, n) => Parity.Uniform(r, n, 4), 3, seed: 5, minLength: 3000);
        }

        [Fact]
        public void CompilationIsDeterministic()
        {
            var a = Parity.Compile(Library.Hop(5), "abcd", 128, true);
            var b = Parity.Compile(Library.Hop(5), "abcd", 128, true);
            Assert.Equal(a.ResidualLabels, b.ResidualLabels);
            Assert.Equal(a.TokenEmbedding.Data, b.TokenEmbedding.Data);
            Assert.Equal(a.PositionEmbedding.Data, b.PositionEmbedding.Data);
            for (int l = 0; l < a.Layers.Length; l++)
            {
                for (int h = 0; h < a.Layers[l].Heads.Length; h++)
                {
                    Assert.Equal(a.Layers[l].Heads[h].Query.Data, b.Layers[l].Heads[h].Query.Data);
                    Assert.Equal(a.Layers[l].Heads[h].Key.Data, b.Layers[l].Heads[h].Key.Data);
                }
                if (a.Layers[l].Mlp != null)
                    for (int s = 0; s < a.Layers[l].Mlp!.Stages.Length; s++)
                        Assert.Equal(a.Layers[l].Mlp!.Stages[s].Weights.Data, b.Layers[l].Mlp!.Stages[s].Weights.Data);
            }
        }

        [Fact]
        public void Float32IsRefusedWhenItCannotBeCertified()
        {
            var prefixMean = Rasp.Aggregate(Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.LessOrEqual), Rasp.Numerical(Rasp.Tokens));
            var e = Assert.Throws<CompileException>(() => Parity.Compile(prefixMean, "abcd", 1024, false, NumericType.Float32));
            Assert.Equal("CIRC0201", e.Code);
            Assert.Contains("layer", e.Message);
            Assert.Contains("mantissa bits", e.Message);
            Assert.Contains("float32 has 24", e.Message);
        }

        [Fact]
        public void RaisingNPastCertificationIsRefused()
        {
            // Counts are exact in float32 up to N = 4,096 now (Float32TargetsTests); a running mean is not: its softmax average of
            // N values must land within a fraction of the gap between neighbouring means, which shrinks like 1/N².
            static SOp FracPrevs() => Library.FracPrevs(Rasp.Map(Rasp.Tokens, t => t == 0, "is-first"));
            var ok = Parity.Compile(FracPrevs(), "abcd", 64, true, NumericType.Float32);
            Assert.Contains("float32", ok.Card.Certified);
            var e = Assert.Throws<CompileException>(() => Parity.Compile(FracPrevs(), "abcd", 1024, true, NumericType.Float32));
            Assert.Equal("CIRC0201", e.Code);
            Assert.Contains("layer 1 head 0: read select(indices, indices, <=)", e.Message);
            Assert.Matches(@"needs \d+ mantissa bits", e.Message);
        }

        [Fact]
        public void CardClaimsOnlyTheTypesItsBitsAllow()
        {
            // The card never claims a type beyond the bits it computed.
            var m = Parity.Compile(Library.Sort(Rasp.Tokens, Rasp.Tokens), "abcd", 64, false);
            Assert.Equal(m.Card.PrecisionBits <= 24, m.Card.Certified.Contains("float32"));
            Assert.Equal(m.Card.PrecisionBits, m.Card.Precision.Max(p => p.Bits));
        }

        [Fact]
        public void OrAcrossDifferentSequencesIsRejectedWithTheSelectorName()
        {
            var sel = Rasp.Or(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Less), Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.Less)).Named("mixed-or");
            var e = Assert.Throws<CompileException>(() => Parity.Compile(Rasp.SelectorWidth(sel), "abcd", 16, false));
            Assert.Equal("CIRC0203", e.Code);
            Assert.Equal("mixed-or", e.Node);
        }

        [Fact]
        public void CategoricalAggregateOfSeveralPositionsIsExactWhenTieBroken()
        {
            // Select(tokens, tokens, ==) picks many positions; Rightmost makes the categorical aggregate well defined.
            var program = Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal).Leftmost(), Rasp.Indices);
            var model = Parity.Compile(program, "abc", 32, false);
            Parity.Check(program, model, x => x.Select(v => (double)Array.IndexOf(x, v)).ToArray(), (r, n) => Parity.Uniform(r, n, 3), 200, seed: 4);
        }

        [Theory]
        [InlineData(0, "abcd", "CIRC0004")]
        [InlineData(16, "", "CIRC0004")]
        [InlineData(16, "aba", "CIRC0004")]
        public void BadOptionsAreRejected(int n, string vocab, string code)
        {
            // The vocabulary is set directly, one symbol per character: CharVocabulary would refuse "" and "aba" first
            // (ArgumentException), and the compiler must refuse them on its own too.
            var options = new CompileOptions { Vocabulary = vocab.Select(c => c.ToString()).ToArray(), MaxLength = n };
            var e = Assert.Throws<CompileException>(() => CircuitCompiler.Compile(Library.Histogram(), options));
            Assert.Equal(code, e.Code);
            if (vocab != "abcd") Assert.Throws<ArgumentException>(() => CompileOptions.CharVocabulary(vocab));
        }

        [Fact]
        public void CardExplainsEveryLayer()
        {
            var m = Parity.Compile(Library.Hop(4), "abcd", 64, true);
            Assert.Equal(m.Card.Layers, m.Card.CriticalPath.Length);
            Assert.StartsWith("layer 3 exists because", m.Card.CriticalPath[2]);
            Assert.Equal(m.Width, m.Card.Residual.Length);
            Assert.True(m.Card.NonzeroParameters <= m.Card.Parameters);
        }
    }
}

namespace Circuits.Tests.Compilation
{
    /// <summary>Piecewise-linear numerical maps get exact ReLU forms instead of threshold ladders.</summary>
    public class NumericalMapTests
    {
        private static Numerical Mean() => Rasp.Aggregate(Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.LessOrEqual), Rasp.Numerical(Rasp.Tokens));
        private static Numerical EarlierMean() => Rasp.Aggregate(Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.Less), Rasp.Numerical(Rasp.Tokens));
        private static Numerical Current() => Rasp.Numerical(Rasp.Map(Rasp.Tokens, t => t));

        [Theory]
        [InlineData("min")]
        [InlineData("max")]
        [InlineData("absdiff")]
        public void TwoNumbersUseAHinge(string which)
        {
            Func<double, double, double> f = which == "min" ? Math.Min : which == "max" ? Math.Max : (a, b) => Math.Abs(a - b);
            var program = Rasp.NumericalSequenceMap(Mean(), EarlierMean(), f, which);
            var model = Parity.Compile(program, "abcd", 32, true);
            Assert.Contains(model.Card.Components, c => c.Contains("exact ReLU form"));
            Parity.Check(program, model, ids => ReferenceEvaluator.Evaluate(program, ids, true), (r, n) => Parity.Uniform(r, n, 4), 300, seed: 11);
        }

        [Fact]
        public void AbsAndClampOfACleanNumberArePiecewiseLinear()
        {
            var program = Rasp.NumericalMap(Rasp.NumericalMap(Current(), x => Math.Abs(x - 1.5), "abs"), x => Math.Min(x, 1), "clamp");
            var model = Parity.Compile(program, "abcdefgh", 16, true);
            Parity.Check(program, model, ids => ReferenceEvaluator.Evaluate(program, ids, true), (r, n) => Parity.Uniform(r, n, 8), 200, seed: 12);
        }

        [Fact]
        public void MapOfARawMeanIsDecodedExactly()
        {
            var program = Rasp.NumericalMap(Mean(), x => Math.Abs(x - 1.5), "abs");
            var model = Parity.Compile(program, "abcd", 16, true);
            Parity.Check(program, model, ids => ReferenceEvaluator.Evaluate(program, ids, true), (r, n) => Parity.Uniform(r, n, 4), 300, seed: 13);
        }
    }
}

namespace Circuits.Tests.Compilation
{
    /// <summary>Regression: an additive map of two categorical inputs (found by the generator's parity test).</summary>
    public class AdditiveCategoricalMapTests
    {
        [Fact]
        public void AdditiveMapOfTokensAndPositionsCompilesAndIsExact()
        {
            var parity = Rasp.Map(Rasp.Indices, i => i % 2 == 1 ? 1 : 0);
            var program = Rasp.SequenceMap(Rasp.Map(Rasp.Tokens, t => t + 1), parity, (a, b) => Math.Min(a + b, 3));
            var model = Parity.Compile(program, "abcd", 16, false);
            Parity.Check(program, model, ids => ReferenceEvaluator.Evaluate(program, ids), (r, n) => Parity.Uniform(r, n, 4), 300, seed: 21);
        }
    }
}

namespace Circuits.Tests.Compilation
{
    /// <summary>The Tracr issue #25 class: categorical aggregates over several different values are refused, safe ones compile exactly.</summary>
    public class AmbiguousAggregateTests
    {
        [Fact]
        public void SeveralDifferentValuesAreRefusedWithTheNodeName()
        {
            var program = Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Less), Rasp.Indices).Named("smaller-index");
            var e = Assert.Throws<CompileException>(() => Parity.Compile(program, "abcd", 16, false));
            Assert.Equal("CIRC0214", e.Code);
            Assert.Equal("smaller-index", e.Node);
            Assert.Contains(".Rightmost()", e.Message);
        }

        [Fact]
        public void ReadingTheMatchedSequenceItselfIsProvablySafe()
        {
            // Every selected key equals the query's token, so the read value is the same at all of them.
            var program = Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal), Rasp.Tokens);
            var model = Parity.Compile(program, "abcd", 32, false);
            Parity.Check(program, model, ids => ids.Select(t => (double)t).ToArray(), (r, n) => Parity.Uniform(r, n, 4), 200, seed: 31);
        }
    }
}
