using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Xunit;

namespace Circuits.Tests.Validation
{
    /// <summary>
    /// The minimised miscompiles of issue 6. Before the lowering fixes the validator refused each of them with CIRC0220
    /// (that is how it was tested while they were open); now each compiles, passes validation, and matches the reference
    /// evaluator on every input up to its MaxLength.
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
        public void NowCompilesPassesValidationAndMatchesTheReference(string name)
        {
            var (program, vocab, n, precision) = Case(name);
            var model = Parity.Compile(program, vocab, n, causal: false, precision);
            Assert.StartsWith("validated", model.Card.Validation);
            var pass = global::Circuits.Engine.Create(model, precision);
            foreach (var ids in MiscompileRegressionTests.AllInputs(vocab.Length, n))
                Assert.Equal(ReferenceEvaluator.Evaluate(program, ids), pass.Forward(ids));
        }
    }
}
