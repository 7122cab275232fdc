using System;
using Circuits.Tasks;
using Xunit;
using static Circuits.Tests.Reference.Sequences;

namespace Circuits.Tests.Reference
{
    /// <summary>Hand-checked examples of every task definition (a=0, b=1, c=2).</summary>
    public class TaskDefinitionTests
    {
        private static readonly int[] Abcab = { 0, 1, 2, 0, 1 };
        private static readonly int[] Ababa = { 0, 1, 0, 1, 0 };

        [Fact]
        public void InductionHeadAbcab() => Equal(new[] { B, B, B, 1, 2 }, TaskDefinitions.InductionHead(Abcab));

        [Fact]
        public void InductionHeadUsesRightmostEarlierOccurrence()
        {
            // c a c b c: position 2 matches 0 -> x1 = a; position 4 matches 2 (not 0) -> x3 = b.
            Equal(new[] { B, B, 0, B, 1 }, TaskDefinitions.InductionHead(new[] { 2, 0, 2, 1, 2 }));
            // a a a: position 1 -> j*=0 -> x1 = a; position 2 -> j*=1 -> x2 = a (j*+1 = i).
            Equal(new[] { B, 0, 0 }, TaskDefinitions.InductionHead(new[] { 0, 0, 0 }));
        }

        [Fact]
        public void FindIsPositionAfterPreviousOccurrence()
        {
            Equal(new[] { B, B, B, 1, 2 }, TaskDefinitions.Find(Abcab));
            Equal(new[] { B, B, 1, B, 3 }, TaskDefinitions.Find(new[] { 2, 0, 2, 1, 2 }));
            Equal(new[] { B, B, 2 }, TaskDefinitions.Find(new[] { 1, 0, 0 }));   // x1 = x2: find(2) = 2 = i
            Assert.Equal(-1, TaskDefinitions.PreviousOccurrence(Abcab, 2));
            Assert.Equal(1, TaskDefinitions.PreviousOccurrence(Abcab, 4));
        }

        [Fact]
        public void KHopZeroIsTokens() => Equal(new double[] { 0, 1, 2, 0, 1 }, TaskDefinitions.KHop(Abcab, 0));

        [Fact]
        public void KHopOneIsInductionHead()
        {
            Equal(TaskDefinitions.InductionHead(Abcab), TaskDefinitions.KHop(Abcab, 1));
            Equal(TaskDefinitions.InductionHead(Ababa), TaskDefinitions.KHop(Ababa, 1));
        }

        [Fact]
        public void KHopFollowsPointers()
        {
            // a b a b a: find = [⊥, ⊥, 1, 2, 3].
            Equal(new[] { B, B, 1, 0, 1 }, TaskDefinitions.KHop(Ababa, 1));
            // k=2: i=3: 3->2->1, x1 = b; i=4: 4->3->2, x2 = a; i=2: 2->1->⊥.
            Equal(new[] { B, B, B, 1, 0 }, TaskDefinitions.KHop(Ababa, 2));
            // k=3: i=4: 4->3->2->1, x1 = b; i=3: 3->2->1->⊥.
            Equal(new[] { B, B, B, B, 1 }, TaskDefinitions.KHop(Ababa, 3));
            Equal(new[] { B, B, B, B, B }, TaskDefinitions.KHop(Ababa, 4));
        }

        [Fact]
        public void KHopBottomIsAbsorbing()
        {
            // a b c a b: i=3: 3->1->⊥ (b at 1 has no earlier b); i=4: 4->2->⊥. ⊥ stays ⊥ for every later hop.
            Equal(new[] { B, B, B, B, B }, TaskDefinitions.KHop(Abcab, 2));
            Equal(new[] { B, B, B, B, B }, TaskDefinitions.KHop(Abcab, 9));
        }

        [Fact]
        public void KHopFixedPointWhenTokenRepeatsImmediately()
        {
            // b a a: x1 = x2 so find(2) = 2 and every further hop stays at 2: the answer is x2 = a for all k ≥ 1.
            for (int k = 1; k <= 8; k++) Equal(new[] { B, B, 0 }, TaskDefinitions.KHop(new[] { 1, 0, 0 }, k), "k=" + k);
            // a a a a: find(i) = i for i ≥ 1.
            Equal(new[] { B, 0, 0, 0 }, TaskDefinitions.KHop(new[] { 0, 0, 0, 0 }, 7));
        }

        [Fact]
        public void KHopRejectsNegativeK() => Assert.Throws<ArgumentOutOfRangeException>(() => TaskDefinitions.KHop(Abcab, -1));

        [Fact]
        public void ShiftMovesRight()
        {
            Equal(new[] { B, 3, 1, 4, 1 }, TaskDefinitions.Shift(new[] { 3, 1, 4, 1, 5 }, 1));
            Equal(new[] { B, B, 3, 1, 4 }, TaskDefinitions.Shift(new[] { 3, 1, 4, 1, 5 }, 2));
            Equal(new[] { B, B }, TaskDefinitions.Shift(new[] { 3, 1 }, 5));
            Assert.Throws<ArgumentOutOfRangeException>(() => TaskDefinitions.Shift(new[] { 1 }, 0));
        }

        [Fact]
        public void LengthIsNOrPrefixLength()
        {
            Equal(new double[] { 4, 4, 4, 4 }, TaskDefinitions.Length(4, causal: false));
            Equal(new double[] { 1, 2, 3, 4 }, TaskDefinitions.Length(4, causal: true));
        }

        [Fact]
        public void ReverseFlips()
        {
            Equal(new double[] { 4, 1, 3 }, TaskDefinitions.Reverse(new[] { 3, 1, 4 }));
            Equal(new double[] { 7 }, TaskDefinitions.Reverse(new[] { 7 }));
        }

        [Fact]
        public void SortIsAscending() => Equal(new double[] { 1, 1, 2, 3 }, TaskDefinitions.Sort(new[] { 3, 1, 2, 1 }));

        [Fact]
        public void SortUniqueOnDistinctKeysSorts() => Equal(new double[] { 0, 1, 2, 3 }, TaskDefinitions.SortUnique(new[] { 3, 1, 2, 0 }));

        [Fact]
        public void SortUniqueWithDuplicatesLeavesGaps()
        {
            // c b c: targets 1, 0, 1 -> position 0 gets b, position 1 gets c (rightmost of the two), position 2 gets nothing.
            Equal(new[] { 1, 2, B }, TaskDefinitions.SortUnique(new[] { 2, 1, 2 }));
            // a a a: all target 0.
            Equal(new[] { 0, B, B }, TaskDefinitions.SortUnique(new[] { 0, 0, 0 }));
        }

        [Fact]
        public void HistogramCounts() => Equal(new double[] { 3, 1, 3, 1, 3 }, TaskDefinitions.Histogram(new[] { 0, 1, 0, 2, 0 }));

        [Fact]
        public void FracPrevsIsPrefixFraction()
            => Equal(new[] { 1.0, 1.0 / 2, 2.0 / 3, 2.0 / 4 }, TaskDefinitions.FracPrevs(new[] { 0, 1, 0, 2 }, 0));

        [Fact]
        public void PrefixSumAccumulates() => Equal(new double[] { 3, 4, 8, 8 }, TaskDefinitions.PrefixSum(new[] { 3, 1, 4, 0 }));
    }
}
