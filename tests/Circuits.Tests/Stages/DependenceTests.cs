using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Xunit;

namespace Circuits.Tests.Stages
{
    /// <summary>
    /// The dependence rules that let a categorical aggregate drop its tie-break (position-unique keys, keys that determine
    /// the value): accepted programs are exact on every input up to N, and every near miss is refused with CIRC0214.
    /// </summary>
    public class DependenceTests
    {
        private static void ExactEverywhere(SOp program, string vocab, int n, bool causal) => Parity.ExactOnAllInputs(program, vocab, n, causal);

        private static void Refused(SOp program, string vocab, int n, bool causal)
            => Assert.Equal(CompileError.AmbiguousAggregate, Assert.Throws<CompileException>(() => Parity.Compile(program, vocab, n, causal)).Error);

        [Fact]
        public void SortUniqueOfTheKeysThemselvesIsExactWithRepeats()
            => ExactEverywhere(Library.SortUnique(Rasp.Tokens, Rasp.Tokens), "abc", 5, causal: false);

        [Fact]
        public void TracrSortWithUniqueKeysIsExact()
            => ExactEverywhere(Library.Sort(Rasp.Tokens, Rasp.Tokens, maxSeqLen: 5, minKey: 1), "abc", 5, causal: false);

        [Fact]
        public void SortUniqueOfOtherValuesWithRepeatedKeysIsRefused()
            => Refused(Library.SortUnique(Rasp.Indices, Rasp.Tokens), "abc", 5, causal: false);

        [Fact]
        public void RanksDoNotCountInACausalCircuit()
            => Refused(Library.SortUnique(Rasp.Indices, Rasp.Tokens), "abc", 5, causal: true);

        [Fact]
        public void CollidingSortKeysAreRefused()
        {
            // x + i/2 collides (0 + 2/2 = 1 + 0/2): the keys are not unique, the rank is not a position.
            Refused(Library.Sort(Rasp.Indices, Rasp.Tokens, maxSeqLen: 2, minKey: 1), "abc", 5, causal: false);
        }

        [Fact]
        public void RanksOfKeysThatCanBeBottomAreNotTrusted()
        {
            // ⊥ keys rank 0 like the smallest key: positions with rank 0 may hold ⊥ and the minimum.
            var shifted = Library.Shift(Rasp.Tokens);
            Refused(Library.SortUnique(Rasp.Indices, shifted), "abc", 5, causal: false);
        }

        [Fact]
        public void AMatchOnANonInjectiveMapOfPositionsIsRefused()
        {
            var half = Rasp.Map(Rasp.Indices, i => i / 2);
            Refused(Rasp.Aggregate(Rasp.Select(half, Rasp.Indices, Rasp.Equal), Rasp.Tokens), "abc", 5, causal: false);
        }

        [Fact]
        public void AMatchOnAnInjectiveMapOfPositionsIsExact()
        {
            var twice = Rasp.Map(Rasp.Indices, i => 2 * i);
            ExactEverywhere(Rasp.Aggregate(Rasp.Select(twice, Rasp.Indices + Rasp.Indices, Rasp.Equal), Rasp.Tokens), "abc", 5, causal: true);
        }

        [Fact]
        public void AValueThatIsAMapOfTheKeyIsDetermined()
        {
            var doubled = Rasp.Map(Rasp.Tokens, t => (t * 2) % 3);
            ExactEverywhere(Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal), doubled), "abc", 5, causal: true);
        }
    }
}
