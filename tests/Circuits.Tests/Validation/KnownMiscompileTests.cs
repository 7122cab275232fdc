using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Microsoft.CodeAnalysis;
using Xunit;
using static Circuits.Tests.Generator.GeneratorHarness;

namespace Circuits.Tests.Validation
{
    /// <summary>
    /// The minimised miscompiles of issue 6, as the compiler builds them today: the translation validator must refuse each
    /// with CIRC0220 instead of shipping wrong weights.
    /// TO FLIP AFTER THE FIXES LAND: when the lowering fixes for these classes are merged, turn each test into
    /// "now compiles, passes validation, and matches the reference evaluator on all inputs" (see <see cref="Programs"/>).
    /// </summary>
    public class KnownMiscompileTests
    {
        /// <summary>(name, program, vocabulary, N, causal, precision).</summary>
        public static TheoryData<string> Programs => new TheoryData<string> { "leftmost-count", "constant-map", "bottom-derived-query", "max-of-counts" };

        internal static (SOp Program, string Vocab, int N, NumericType Precision) Case(string name) => name switch
        {
            // class 1: counting a tie-broken selector
            "leftmost-count" => (Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.True).Leftmost()), "a", 1, NumericType.Float32),
            // class 2: a map whose value is the constant 0
            "constant-map" => (Rasp.SequenceMap(Rasp.Tokens, Rasp.Indices, (a, b) => 0), "ab", 4, NumericType.Float64),
            // class 3: a rewritten selector whose derived query can be ⊥
            "bottom-derived-query" => (Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.SequenceMap(Rasp.Indices, Rasp.Tokens, (a, b) => a < b ? 1 : 0), Rasp.Less)), "ab", 3, NumericType.Float64),
            // class 4: max of two counts held as 1/(1+c)
            "max-of-counts" => (Rasp.NumericalSequenceMap(Rasp.Numerical(Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Less))),
                Rasp.Numerical(Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Greater))), Math.Max), "ab", 4, NumericType.Float64),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Programs))]
        public void IsRefusedByTheValidator(string name)
        {
            var (program, vocab, n, precision) = Case(name);
            var e = Assert.Throws<CompileException>(() => Parity.Compile(program, vocab, n, causal: false, precision));
            Assert.True(e.Code == "CIRC0220", $"{name}: expected CIRC0220, got {e.Code}: {e.Message}");
            Assert.Contains("layer", e.Message);
        }

        [Fact]
        public void TheGeneratorReportsCirc0220OnTheProgramMethod()
        {
            var source = Circuit("            return SelectorWidth(Select(Tokens, Tokens, True).Leftmost());", "Vocabulary = \"a\", MaxLength = 1");
            var run = Run(source);
            var d = Assert.Single(run.Diagnostics.Where(x => x.Id == "CIRC0220"));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal("docs/diagnostics/CIRC0220.md", d.Descriptor.HelpLinkUri);
        }
    }
}
