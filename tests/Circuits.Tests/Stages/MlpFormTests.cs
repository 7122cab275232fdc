using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Xunit;

namespace Circuits.Tests.Stages
{
    /// <summary>
    /// Each MLP form, reached by a program built for it: the builder must choose that form, and the compiled model must
    /// equal the reference evaluator on every input up to length 4.
    /// </summary>
    public class MlpFormTests
    {
        private static Categorical<int> Count(Predicate p) => Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Tokens, p));
        private static Numerical Mean() => Rasp.Aggregate(Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.LessOrEqual), Rasp.Numerical(Rasp.Tokens));

        public static TheoryData<string, string> Forms() => new TheoryData<string, string>
        {
            { "cleanup", nameof(MlpForm.Cleanup) },
            { "table", nameof(MlpForm.LookupTable) },
            { "sum", nameof(MlpForm.SumOfParts) },
            { "linear", nameof(MlpForm.Linear) },
            { "piecewise", nameof(MlpForm.PiecewiseLinear) },
            { "gated-linear", nameof(MlpForm.GatedLinear) },
            { "ladder", nameof(MlpForm.ThresholdLadder) },
            { "gated-ladder", nameof(MlpForm.GatedThresholdLadders) },
            { "hinge", nameof(MlpForm.Hinge) },
            { "decoded-hinge", nameof(MlpForm.Hinge) },
        };

        private static (SOp Program, string Vocab, int N, bool Causal) Program(string name) => name switch
        {
            "cleanup" => (Library.InductionHead(), "abc", 4, true),
            "table" => (Rasp.SequenceMap(Rasp.Tokens, Library.Shift(Rasp.Tokens), (a, b) => a * b % 3), "abc", 4, true),
            "sum" => (Rasp.SequenceMap(Rasp.Tokens, Rasp.Indices, (a, b) => a + b), "abc", 4, false),
            "linear" => (Rasp.NumericalMap(Mean(), x => 2 * x + 1), "abc", 4, true),
            "piecewise" => (Rasp.NumericalMap(Mean(), x => Math.Abs(x - 1.5)), "abcd", 4, true),
            "gated-linear" => (Rasp.SequenceMap(Mean(), Rasp.Tokens, (x, t) => t == 0 ? x : 2 * x), "abc", 4, true),
            "ladder" => (Rasp.Map(Count(Rasp.Equal), c => c % 2), "abc", 4, false),
            "gated-ladder" => (Rasp.SequenceMap(Count(Rasp.Equal), Rasp.Tokens, (c, t) => t == 0 ? c % 2 : c / 2), "abc", 4, false),
            "hinge" => (Rasp.NumericalSequenceMap(Mean(), Rasp.Aggregate(Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.Less), Rasp.Numerical(Rasp.Tokens)), Math.Max), "abc", 4, true),
            "decoded-hinge" => (Rasp.NumericalSequenceMap(Rasp.Numerical(Count(Rasp.Less)), Rasp.Numerical(Count(Rasp.Greater)), Math.Min), "ab", 4, false),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Forms))]
        public void TheBuilderChoosesTheFormAndTheModelIsExact(string name, string formName)
        {
            var form = Enum.Parse<MlpForm>(formName);
            var (program, vocab, n, causal) = Program(name);
            var built = StageHarness.Mlps(program, vocab, n, causal);
            Assert.Contains(built, b => b.Result.Form == form);
            Assert.All(built, b => Assert.Equal(b.Result.Units.Count, b.Result.Units.Distinct().Count()));

            var model = Parity.Compile(program, vocab, n, causal);
            var pass = global::Circuits.Engine.Create(model);
            foreach (var ids in MiscompileRegressionTests.AllInputs(vocab.Length, n))
            {
                var expected = ReferenceEvaluator.Evaluate(program, ids, causal);
                var got = pass.Forward(ids);
                for (int i = 0; i < ids.Length; i++)
                    Assert.True(Parity.Same(got[i], expected[i]), $"{name}: position {i} of [{string.Join(",", ids)}]: {got[i]} vs {expected[i]}");
            }
        }

        [Fact]
        public void BuildersReportWhatTheirInputsMustMeetInsteadOfWritingSlots()
        {
            var built = StageHarness.Mlps(Library.InductionHead(), "abc", 4, true).Single(b => b.Result.Form == MlpForm.Cleanup);
            var tolerance = Assert.Single(built.Result.Tolerances);
            Assert.Equal(Margins.Code, tolerance.Value);
            Assert.True(tolerance.Key.Raw);
        }
    }
}
