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
        private static Numerical StrictMean() => Rasp.Aggregate(Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.Less), Rasp.Numerical(Rasp.Tokens));
        private static Numerical Fraction(int token) => Library.FracPrevs(Rasp.Tokens == token);

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
            { "discretised", nameof(MlpForm.DiscretisedTable) },
            // A raw count with another input: an exact table while small (a gated ladder or decoded hinge above SizeLimits.ExactTableRows).
            { "count-and-token", nameof(MlpForm.DiscretisedTable) },
            { "min-of-counts", nameof(MlpForm.DiscretisedTable) },
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
            "gated-ladder" => (Rasp.SequenceMap(Mean(), Rasp.Tokens, (x, t) => t == 0 ? x : x > 0.5 ? 1 : 0), "abc", 4, true),
            "count-and-token" => (Rasp.SequenceMap(Count(Rasp.Equal), Rasp.Tokens, (c, t) => t == 0 ? c % 2 : c / 2), "abc", 4, false),
            "hinge" => (Rasp.NumericalSequenceMap(Mean(), Rasp.Aggregate(Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.Less), Rasp.Numerical(Rasp.Tokens)), Math.Max), "abc", 4, true),
            "min-of-counts" => (Rasp.NumericalSequenceMap(Rasp.Numerical(Count(Rasp.Less)), Rasp.Numerical(Count(Rasp.Greater)), Math.Min), "ab", 4, false),
            "discretised" => (Rasp.SequenceMap(Mean(), StrictMean(), (a, b) => a < b), "abc", 4, true),
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

            Parity.ExactOnAllInputs(program, vocab, n, causal, name);
        }

        [Fact]
        public void BuildersReportWhatTheirInputsMustMeetInsteadOfWritingSlots()
        {
            var built = StageHarness.Mlps(Library.InductionHead(), "abc", 4, true).Single(b => b.Result.Form == MlpForm.Cleanup);
            var tolerance = Assert.Single(built.Result.Tolerances);
            Assert.Equal(Margins.Code, tolerance.Value);
            Assert.True(tolerance.Key.Raw);
        }

        /// <summary>Maps of several numerical inputs that no cheaper form covers (CIRC0212 before the discretise-then-table form).</summary>
        public static TheoryData<string> Discretised() => new TheoryData<string>
        {
            "two-mean-comparison", "balance-is-zero", "product-of-means", "with-a-categorical-leaf", "with-a-bottom-leaf", "four-means", "shuffle_dyck", "shuffle_dyck2",
        };

        private static (SOp Program, string Vocab, int N, bool Causal) DiscretisedProgram(string name) => name switch
        {
            "two-mean-comparison" => (Rasp.SequenceMap(Mean(), StrictMean(), (a, b) => a < b), "abc", 5, true),
            "balance-is-zero" => (Rasp.Map(Rasp.LinearSequenceMap(Fraction(0), Fraction(1), 1, -1), b => b == 0), "()a", 6, false),
            "product-of-means" => (Rasp.NumericalSequenceMap(Mean(), StrictMean(), (a, b) => a * b), "abc", 4, true),
            "with-a-categorical-leaf" => (Rasp.SequenceMap(Rasp.SequenceMap(Mean(), StrictMean(), (a, b) => a <= b), Rasp.Tokens, (le, t) => le ? t : 2 - t), "abc", 4, false),
            // Shift is ⊥ at position 0: no row may fire there, so the output keeps ⊥.
            "with-a-bottom-leaf" => (Rasp.SequenceMap(Rasp.SequenceMap(Mean(), StrictMean(), (a, b) => a > b), Library.Shift(Rasp.Tokens), (gt, t) => gt ? t : 0), "abc", 4, true),
            "four-means" => (Rasp.SequenceMap(Rasp.LinearSequenceMap(Fraction(0), Fraction(1), 1, -1) < 0, Rasp.LinearSequenceMap(Fraction(2), Fraction(3), 1, -1) < 0, (x, y) => x || y), "(){}", 5, false),
            "shuffle_dyck" => (Library.ShuffleDyck((0, 1)), "()a", 6, false),
            "shuffle_dyck2" => (Library.ShuffleDyck2(), "(){}", 5, false),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Discretised))]
        public void DiscretisedTablesMatchTheReferenceOnEveryInputInEveryCertifiedType(string name)
        {
            var (program, vocab, n, causal) = DiscretisedProgram(name);
            var built = StageHarness.Mlps(program, vocab, n, causal);
            Assert.Contains(built, b => b.Result.Form == MlpForm.DiscretisedTable);
            var inputs = MiscompileRegressionTests.AllInputs(vocab.Length, n).ToList();
            foreach (var precision in new[] { NumericType.Float64, NumericType.Float32 })
            {
                var model = Parity.Compile(program, vocab, n, causal, precision);
                Assert.Contains(precision.ToString().ToLowerInvariant(), model.Card.Certified);
                Assert.Contains(model.Card.Components, c => c.Contains("discretise-then-table"));
                foreach (var type in model.Card.Certified)
                {
                    var pass = global::Circuits.Engine.Create(model, type == "float32" ? NumericType.Float32 : NumericType.Float64);
                    foreach (var ids in inputs)
                    {
                        var expected = ReferenceEvaluator.Evaluate(program, ids, causal);
                        var got = pass.Forward(ids);
                        for (int i = 0; i < ids.Length; i++)
                            Assert.True(Parity.Same(got[i], expected[i]), $"{name} ({precision} model, {type} pass): position {i} of [{string.Join(",", ids)}]: {got[i]} vs {expected[i]}");
                    }
                }
            }
        }

        [Fact]
        public void ADifferenceOfMeansIsTabulatedOverTheDifferenceNotTheMeans()
        {
            // opens and closes take 12 values each at N = 4; their difference matters only as < 0, = 0 or > 0.
            var balance = Rasp.LinearSequenceMap(Fraction(0), Fraction(1), 1, -1).Named("balance");
            var built = StageHarness.Mlps(Rasp.Map(balance, b => b == 0), "()a", 4, false).Single(b => b.Result.Form == MlpForm.DiscretisedTable).Result;
            Assert.Contains("over 1 numerical input (balance: 3 buckets), 3 table rows", built.Description);
            // Two thresholds (around 0), one unit per side each, and three rows.
            Assert.Equal(2 * 2 + 3, built.Units.Count);
            // Each mean may be off by Code·gap / 2, gap being the distance from 0 to the nearest other difference (1/3 − 1/4).
            var ctx = StageHarness.Infer(balance, "()a", 4);
            var values = ctx.Values[ctx.C(balance)].Values;
            double gap = Math.Min(-values.Where(v => v < 0).Max(), values.Where(v => v > 0).Min());
            Assert.Equal(2, built.Tolerances.Count);
            Assert.All(built.Tolerances, t => { Assert.True(t.Key.Raw); Assert.Equal(Margins.Code * gap / 2, t.Value, 12); });
        }

        [Fact]
        public void ATableTooLargeIsRefusedNamingTheMapItsInputsAndTheLimit()
        {
            // Every value of one mean changes a·b for some value of the other, so each value is a bucket of its own.
            var a = Mean().Named("a");
            var b = StrictMean().Named("b");
            var product = Rasp.NumericalSequenceMap(a, b, (x, y) => x * y).Named("product");
            var ctx = StageHarness.Infer(product, "abcd", 20, causal: true);
            int na = ctx.Values[ctx.C(a)].Count, nb = ctx.Values[ctx.C(b)].Count;
            Assert.True((long)na * nb > SizeLimits.MaxTableRows);
            var e = Assert.Throws<CompileException>(() => Parity.Compile(product, "abcd", 20, true));
            Assert.Equal("CIRC0212", e.Code);
            Assert.Contains("'product'", e.Message);
            Assert.Contains($"a: {na} buckets", e.Message);
            Assert.Contains($"b: {nb} buckets", e.Message);
            Assert.Contains(((long)na * nb).ToString("N0") + " rows", e.Message);
            Assert.Contains(SizeLimits.MaxTableRows.ToString("N0"), e.Message);
        }
    }
}
