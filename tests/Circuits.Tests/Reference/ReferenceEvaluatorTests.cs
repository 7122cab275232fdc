using System;
using Circuits.Compiler;
using Xunit;
using static Circuits.Tests.Reference.Sequences;

namespace Circuits.Tests.Reference
{
    /// <summary>The semantics of each primitive in the reference evaluator.</summary>
    public class ReferenceEvaluatorTests
    {
        private static readonly int[] X = { 3, 1, 4, 1, 5 };

        private static double[] Eval(SOp program, int[] ids, bool causal = false) => ReferenceEvaluator.Evaluate(program, ids, causal);

        [Fact]
        public void EmptyInputThrowsNamingIds()
        {
            var e = Assert.Throws<ArgumentException>(() => ReferenceEvaluator.Evaluate(Ir.Tokens, ReadOnlySpan<int>.Empty));
            Assert.Equal("ids", e.ParamName);
        }

        [Fact]
        public void NullProgramThrows() => Assert.Throws<ArgumentNullException>(() => ReferenceEvaluator.Evaluate(null!, new[] { 1 }));

        [Fact]
        public void Primitives()
        {
            Equal(new double[] { 3, 1, 4, 1, 5 }, Eval(Ir.Tokens, X));
            Equal(new double[] { 0, 1, 2, 3, 4 }, Eval(Ir.Indices, X));
            Equal(new double[] { 2.5, 2.5, 2.5, 2.5, 2.5 }, Eval(Ir.Constant(2.5, ValueKind.Numerical), X));
            Equal(new double[] { 6, 2, 8, 2, 10 }, Eval(Rasp.Tokens * 2, X));
            Equal(new double[] { 3, 2, 6, 4, 9 }, Eval(Rasp.Tokens + Rasp.Indices, X));
        }

        [Fact]
        public void MapOfBottomIsBottomWhenCategoricalAndZeroWhenNumerical()
        {
            var shifted = Library.Shift(Rasp.Tokens).Node;                                   // [⊥, 3, 1, 4, 1]
            Equal(new[] { B, 4, 2, 5, 2 }, Eval(Ir.Map(shifted, v => v + 1, ValueKind.Categorical), X));
            Equal(new double[] { 0, 4, 2, 5, 2 }, Eval(Ir.Map(shifted, v => v + 1, ValueKind.Numerical), X));
            Equal(new double[] { 0, 3, 1, 4, 1 }, Eval(Ir.Numerical(shifted), X));
        }

        [Fact]
        public void SequenceMapOfBottomIsBottomWhenCategoricalAndZeroWhenNumerical()
        {
            var shifted = Library.Shift(Rasp.Tokens).Node;                                   // [⊥, 3, 1, 4, 1]
            Equal(new[] { B, 4, 3, 7, 5 }, Eval(Ir.SequenceMap(shifted, Ir.Indices, (a, b) => a + b, ValueKind.Categorical), X));
            Equal(new double[] { 0, 4, 3, 7, 5 }, Eval(Ir.SequenceMap(Ir.Indices, shifted, (a, b) => a + b, ValueKind.Numerical), X));
        }

        [Fact]
        public void CategoricalAggregateWithSeveralDifferentValuesThrows()
        {
            var all = Ir.Select(Ir.Tokens, Ir.Tokens, Predicate.True);
            var e = Assert.Throws<InvalidOperationException>(() => Eval(Ir.Aggregate(all, Ir.Tokens), X));
            Assert.Contains("categorical aggregate selected several positions with different values at query 0", e.Message);
        }

        [Fact]
        public void CategoricalAggregateWithSeveralEqualValuesGivesTheValue()
        {
            // Every query selects the positions holding its own token: several for the two 1s, all equal.
            var same = Ir.Select(Ir.Tokens, Ir.Tokens, Predicate.Equal);
            Equal(new double[] { 3, 1, 4, 1, 5 }, Eval(Ir.Aggregate(same, Ir.Tokens), X));
        }

        [Fact]
        public void CategoricalAggregateWithNoneSelectedIsBottom()
        {
            var none = Ir.Select(Ir.Indices, Ir.Indices, Predicate.False);
            Equal(new[] { B, B, B, B, B }, Eval(Ir.Aggregate(none, Ir.Tokens), X));
        }

        [Fact]
        public void NumericalAggregateWithNoneSelectedIsZero()
        {
            var none = Ir.Select(Ir.Indices, Ir.Indices, Predicate.False);
            Equal(new double[] { 0, 0, 0, 0, 0 }, Eval(Ir.Aggregate(none, Ir.Numerical(Ir.Tokens)), X));
        }

        [Fact]
        public void NumericalAggregateIsTheMean()
        {
            var all = Ir.Select(Ir.Indices, Ir.Indices, Predicate.True);
            Equal(new[] { 2.8, 2.8, 2.8, 2.8, 2.8 }, Eval(Ir.Aggregate(all, Ir.Numerical(Ir.Tokens)), X));
            var prefix = Ir.Select(Ir.Indices, Ir.Indices, Predicate.LessOrEqual);
            Equal(new[] { 3.0, 2.0, 8.0 / 3, 9.0 / 4, 14.0 / 5 }, Eval(Ir.Aggregate(prefix, Ir.Numerical(Ir.Tokens)), X));
        }

        [Fact]
        public void SelectComparesKeyToQuery()
        {
            // Select(keys, queries, Less): query i selects j with keys[j] < queries[i].
            var less = Ir.Select(Ir.Tokens, Ir.Tokens, Predicate.Less);
            Equal(new double[] { 2, 0, 3, 0, 4 }, Eval(Ir.SelectorWidth(less), X));
            // A custom predicate receives (key, query).
            var before = Ir.Select(Ir.Indices, Ir.Indices, Predicate.Custom((k, q) => k == q + 1, "next"));
            Equal(new[] { 1, 4, 1, 5, B }, Eval(Ir.Aggregate(before, Ir.Tokens), X));
        }

        [Fact]
        public void BottomNeverMatchesExceptTrue()
        {
            var shifted = Library.Shift(Rasp.Tokens).Node;                                   // [⊥, 3, 1, 4, 1]
            Equal(new double[] { 0, 1, 2, 1, 2 }, Eval(Ir.SelectorWidth(Ir.Select(shifted, shifted, Predicate.Equal)), X));
            Equal(new double[] { 5, 5, 5, 5, 5 }, Eval(Ir.SelectorWidth(Ir.Select(shifted, shifted, Predicate.True)), X));
        }

        [Fact]
        public void BooleanCombinations()
        {
            var eq = Ir.Select(Ir.Tokens, Ir.Tokens, Predicate.Equal);                // 1s select each other
            var before = Ir.Select(Ir.Indices, Ir.Indices, Predicate.Less);
            Equal(new double[] { 0, 0, 0, 1, 0 }, Eval(Ir.SelectorWidth(Ir.And(eq, before)), X));
            Equal(new double[] { 1, 3, 3, 4, 5 }, Eval(Ir.SelectorWidth(Ir.Or(eq, before)), X));   // i=1: j=0 (before), j=1 and j=3 (both 1s)
            Equal(new double[] { 4, 3, 4, 3, 4 }, Eval(Ir.SelectorWidth(Ir.Not(eq)), X));
            Equal(new double[] { 1, 2, 1, 2, 1 }, Eval(Ir.SelectorWidth(eq & eq), X));   // a shared sub-selector
        }

        [Fact]
        public void TieBreaksKeepOnePosition()
        {
            var all = Ir.Select(Ir.Indices, Ir.Indices, Predicate.True);
            Equal(new double[] { 5, 5, 5, 5, 5 }, Eval(Ir.Aggregate(all.Rightmost(), Ir.Tokens), X));
            Equal(new double[] { 3, 3, 3, 3, 3 }, Eval(Ir.Aggregate(all.Leftmost(), Ir.Tokens), X));
            Equal(new double[] { 1, 1, 1, 1, 1 }, Eval(Ir.SelectorWidth(all.Rightmost()), X));
            var none = Ir.Select(Ir.Indices, Ir.Indices, Predicate.False);
            Equal(new double[] { 0, 0, 0, 0, 0 }, Eval(Ir.SelectorWidth(none.Rightmost()), X));
        }

        [Fact]
        public void CausalMaskRestrictsEverySelection()
        {
            var all = Ir.Select(Ir.Indices, Ir.Indices, Predicate.True);
            Equal(new double[] { 1, 2, 3, 4, 5 }, Eval(Ir.SelectorWidth(all), X, causal: true));
            Equal(new double[] { 5, 5, 5, 5, 5 }, Eval(Ir.SelectorWidth(all), X, causal: false));
        }

        [Fact]
        public void CausalMaskAppliesUnderNegation()
        {
            // not(j == i): non-causal selects the n-1 others; causal only the i earlier positions.
            var self = Ir.Select(Ir.Indices, Ir.Indices, Predicate.Equal);
            Equal(new double[] { 4, 4, 4, 4, 4 }, Eval(Ir.SelectorWidth(Ir.Not(self)), X));
            Equal(new double[] { 0, 1, 2, 3, 4 }, Eval(Ir.SelectorWidth(Ir.Not(self)), X, causal: true));
            var none = Ir.Select(Ir.Indices, Ir.Indices, Predicate.False);
            Equal(new double[] { 1, 2, 3, 4, 5 }, Eval(Ir.SelectorWidth(!none | none), X, causal: true));
        }

        [Fact]
        public void CausalMaskAppliesBeforeTieBreak()
        {
            // Rightmost of everything: the last position, or the query itself under the causal mask.
            var all = Ir.Select(Ir.Indices, Ir.Indices, Predicate.True);
            Equal(new double[] { 4, 4, 4, 4, 4 }, Eval(Ir.Aggregate(all.Rightmost(), Ir.Indices), X));
            Equal(new double[] { 0, 1, 2, 3, 4 }, Eval(Ir.Aggregate(all.Rightmost(), Ir.Indices), X, causal: true));
            Equal(new double[] { 3, 1, 4, 1, 5 }, Eval(Ir.Aggregate(Ir.Not(Ir.Select(Ir.Indices, Ir.Indices, Predicate.Greater)).Rightmost(), Ir.Tokens), X, causal: true));
            // A categorical aggregate that would conflict without the mask is fine with it when only one key is visible.
            var later = Ir.Select(Ir.Indices, Ir.Indices, Predicate.GreaterOrEqual);
            Equal(new double[] { 3, 1, 4, 1, 5 }, Eval(Ir.Aggregate(later, Ir.Tokens), X, causal: true));
            Assert.Throws<InvalidOperationException>(() => Eval(Ir.Aggregate(later, Ir.Tokens), X, causal: false));
        }

        [Fact]
        public void NumericalMeanUnderCausalMask()
        {
            var all = Ir.Select(Ir.Indices, Ir.Indices, Predicate.True);
            Equal(new[] { 3.0, 2.0, 8.0 / 3, 9.0 / 4, 14.0 / 5 }, Eval(Ir.Aggregate(all, Ir.Numerical(Ir.Tokens)), X, causal: true));
        }

        [Fact]
        public void SharedNodesAreEvaluatedOnce()
        {
            int calls = 0;
            var shared = Ir.Map(Ir.Tokens, v => { calls++; return v + 1; }, ValueKind.Categorical);
            var program = Ir.Arithmetic(Ir.Arithmetic(shared, shared, (a, b) => a + b, "+"), Ir.Aggregate(Ir.Select(shared, shared, Predicate.Equal), shared), (a, b) => a + b, "+");
            Equal(new double[] { 12, 6, 15, 6, 18 }, Eval(program, X));
            Assert.Equal(X.Length, calls);
        }

        [Fact]
        public void SingleTokenInput()
        {
            Equal(new[] { B }, Eval(Library.InductionHead(), new[] { 0 }));
            Equal(new double[] { 1 }, Eval(Library.Length(), new[] { 0 }));
        }
    }
}
