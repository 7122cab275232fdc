using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Circuits.Tests.Generator;
using Xunit;

namespace Circuits.Tests.Language
{
    /// <summary>
    /// The language's types carry meaning: misuse does not compile (checked with the real C# compiler), symbol types are
    /// decoded exactly (no silent truncation), tuples travel as product codes, and every typed program is exact against
    /// the reference evaluator.
    /// </summary>
    public class TypedSurfaceTests
    {
        private static string[] CompileErrors(string body)
            => GeneratorHarness.CreateCompilation(GeneratorHarness.Circuit(body)).GetDiagnostics()
                .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Id).ToArray();

        [Fact]
        public void AnIntMapOfANumericalSequenceDoesNotCompile()
        {
            // The Dyck mistake of the issue: an int lambda over a mean would truncate 0.25 to 0. It is a C# error now.
            var errors = CompileErrors("            var mean = FracPrevs(Tokens == 0);\n            return Map(mean, (int x) => x + 1);");
            Assert.NotEmpty(errors);
            Assert.Contains(errors, id => id == "CS1503" || id == "CS1661" || id == "CS1678" || id == "CS0411");
        }

        [Fact]
        public void ANumericalAggregateCannotBeReadAsCategorical()
        {
            var errors = CompileErrors("            Categorical<int> read = Aggregate(Select(Indices, Indices, LessOrEqual), Numerical(Tokens));\n            return read;");
            Assert.Contains("CS0029", errors);
        }

        [Fact]
        public void BoolOperatorsOnIntSymbolsAreRefusedLoudly()
        {
            Assert.Throws<NotSupportedException>(() => Rasp.Tokens & Rasp.Indices);
            Assert.Throws<NotSupportedException>(() => (Rasp.Tokens == 0) + (Rasp.Tokens == 1));
        }

        [Fact]
        public void WellTypedProgramsCompile()
        {
            Assert.Empty(CompileErrors("            var mean = FracPrevs(Tokens == 0);\n            return Map(mean, x => x < 0.5);"));
            Assert.Empty(CompileErrors("            var pair = SequenceMap(Tokens, Indices, (t, i) => (t, i));\n            return Map(pair, p => p.Item1 + p.Item2);"));
        }

        [Fact]
        public void AnIntTypedViewOfFractionsFailsAtCompileTimeNotSilently()
        {
            // A numerical sequence read as symbols is Categorical<double>; maps see the exact doubles.
            var halves = Rasp.Categorical(Library.FracPrevs(Rasp.Tokens == 0));
            var program = Rasp.Map(halves, x => x * 4);
            var model = Parity.Compile(program, "ab", 4, causal: true);
            foreach (var ids in MiscompileRegressionTests.AllInputs(2, 4))
            {
                var reference = ReferenceEvaluator.Evaluate(program, ids, true);
                var expected = Enumerable.Range(0, ids.Length).Select(i => 4.0 * ids.Take(i + 1).Count(t => t == 0) / (i + 1)).ToArray();
                Assert.Equal(expected, reference);
                Assert.Equal(expected, global::Circuits.Engine.Create(model).Forward(ids));
            }
        }

        [Fact]
        public void TuplesAreProductCodesAndStayExact()
        {
            var pair = Rasp.SequenceMap(Rasp.Tokens, Rasp.Indices, (t, i) => (t, i % 3));
            var shifted = Library.Shift(pair);                          // a tuple aggregated field by field
            var program = Rasp.Map(shifted, p => p.Item1 * 3 + p.Item2);
            Assert.Equal(2, pair.Parts.Length);
            var model = Parity.Compile(program, "abc", 6, causal: true);
            foreach (var ids in MiscompileRegressionTests.AllInputs(3, 5))
            {
                var expected = Enumerable.Range(0, ids.Length).Select(i => i == 0 ? double.NaN : ids[i - 1] * 3 + (i - 1) % 3).ToArray();
                Assert.Equal(expected, ReferenceEvaluator.Evaluate(program, ids, true));
                Assert.Equal(expected, global::Circuits.Engine.Create(model).Forward(ids));
            }
        }

        [Fact]
        public void ATupleHasNoSingleNode()
        {
            var pair = Rasp.SequenceMap(Rasp.Tokens, Rasp.Indices, (t, i) => (t, i));
            var e = Assert.Throws<InvalidOperationException>(() => { SOp _ = pair; });
            Assert.Contains("map it to one value", e.Message);
        }

        [Fact]
        public void ConstantsOfEveryType()
        {
            var program = Rasp.SequenceMap(Rasp.Constant((2, true)), Rasp.Tokens, (c, t) => c.Item2 ? c.Item1 + t : -1);
            var model = Parity.Compile(program, "abc", 3, causal: false);
            foreach (var ids in MiscompileRegressionTests.AllInputs(3, 3))
                Assert.Equal(ids.Select(t => 2.0 + t).ToArray(), global::Circuits.Engine.Create(model).Forward(ids));
        }

        [Fact]
        public void AnIntOverflowInAMapIsLoud()
        {
            var program = Rasp.Map(Rasp.Tokens, t => t + int.MaxValue) + Rasp.Tokens;
            var e = Assert.Throws<CompileException>(() => Parity.Compile(program, "abc", 3, causal: false));
            Assert.Equal(CompileError.UserFunctionThrew, e.Error);
            Assert.Contains("overflows int", e.Message);
        }
    }
}
