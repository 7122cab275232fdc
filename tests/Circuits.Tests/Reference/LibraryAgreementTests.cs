using System;
using System.Collections.Generic;
using Circuits.Compiler;
using Circuits.Tasks;
using Xunit;

namespace Circuits.Tests.Reference
{
    /// <summary>
    /// The reference evaluator run on each library program agrees with the independent task definition on random
    /// instances (lengths 1..40, vocabularies 2..8).
    /// </summary>
    public class LibraryAgreementTests
    {
        private const int Instances = 200;
        private const int MaxLength = 40;

        private delegate int[] Generator(Random rng, int length, int vocab);

        /// <summary>Checks <paramref name="program"/> against <paramref name="definition"/> on random instances.</summary>
        private static void Agree(SOp program, Func<int[], double[]> definition, int seed, Generator generator, params bool[] causalModes)
            => Agree(program, (x, _) => definition(x), seed, generator, causalModes);

        private static void Agree(SOp program, Func<int[], bool, double[]> definition, int seed, Generator generator, params bool[] causalModes)
        {
            if (causalModes.Length == 0) causalModes = new[] { false };
            var rng = new Random(seed);
            int defined = 0;
            for (int t = 0; t < Instances; t++)
            {
                int length = InstanceGenerator.RandomLength(rng, 1, MaxLength);
                int vocab = InstanceGenerator.RandomLength(rng, 2, 8);
                var x = generator(rng, length, vocab);
                foreach (bool causal in causalModes)
                {
                    var actual = ReferenceEvaluator.Evaluate(program, x, causal);
                    foreach (var v in actual) if (!double.IsNaN(v)) defined++;
                    Sequences.Equal(definition(x, causal), actual,
                        "program " + program + ", instance " + t + ", causal=" + causal + ", x=" + Sequences.Show(x));
                }
            }
            // The instances must exercise the non-⊥ answers, not only agree on "nothing found".
            Assert.True(defined > 0, "every output of " + program + " was ⊥ on every instance");
        }

        private static readonly Generator Uniform = InstanceGenerator.Uniform;
        private static readonly Generator NoRepeat = InstanceGenerator.NoRepeat;

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void Shift(int by)
            => Agree(Library.Shift(Rasp.Tokens, by), x => TaskDefinitions.Shift(x, by), 100 + by, Uniform, false, true);

        [Fact]
        public void Find() => Agree(Library.Find(), TaskDefinitions.Find, 200, Uniform, false, true);

        [Fact]
        public void InductionHead() => Agree(Library.InductionHead(), TaskDefinitions.InductionHead, 300, Uniform, false, true);

        public static IEnumerable<object[]> HopKs()
        {
            for (int k = 0; k <= 16; k++) yield return new object[] { k };
        }

        [Theory]
        [MemberData(nameof(HopKs))]
        public void HopOnUniform(int k) => Agree(Library.Hop(k), x => TaskDefinitions.KHop(x, k), 400 + k, Uniform, false, true);

        [Theory]
        [MemberData(nameof(HopKs))]
        public void HopOnNoRepeat(int k) => Agree(Library.Hop(k), x => TaskDefinitions.KHop(x, k), 500 + k, NoRepeat, false, true);

        [Fact]
        public void Length() => Agree(Library.Length(), (x, causal) => TaskDefinitions.Length(x.Length, causal), 600, Uniform, false, true);

        [Fact]
        public void Reverse() => Agree(Library.Reverse(Rasp.Tokens), TaskDefinitions.Reverse, 700, Uniform);

        [Fact]
        public void Sort() => Agree(Library.Sort(Rasp.Tokens, Rasp.Tokens), TaskDefinitions.Sort, 800, Uniform);

        [Fact]
        public void SortUniqueOnDistinctTokens()
        {
            // Distinct tokens need vocab ≥ length, so the vocabulary here is length + 0..8.
            Generator distinct = (rng, length, _) => InstanceGenerator.Distinct(rng, length, length + rng.Next(0, 9));
            Agree(Library.SortUnique(Rasp.Tokens, Rasp.Tokens), TaskDefinitions.SortUnique, 900, distinct);
        }

        [Fact]
        public void SortUniqueOnDistinctTokensIsTheSort()
        {
            var rng = new Random(901);
            for (int t = 0; t < Instances; t++)
            {
                int length = InstanceGenerator.RandomLength(rng, 1, MaxLength);
                var x = InstanceGenerator.Distinct(rng, length, MaxLength + 8);
                Sequences.Equal(TaskDefinitions.Sort(x), TaskDefinitions.SortUnique(x));
            }
        }

        [Fact]
        public void SortUniqueWithDuplicates() => Agree(Library.SortUnique(Rasp.Tokens, Rasp.Tokens), TaskDefinitions.SortUnique, 902, Uniform);

        [Fact]
        public void Histogram() => Agree(Library.Histogram(), TaskDefinitions.Histogram, 1000, Uniform);

        [Fact]
        public void FracPrevs()
        {
            var isZero = Rasp.NumericalMap(Rasp.Tokens, t => t == 0 ? 1 : 0, "==0");
            Agree(Library.FracPrevs(isZero), x => TaskDefinitions.FracPrevs(x, 0), 1100, Uniform, false, true);
        }

        [Fact]
        public void PrefixSum() => Agree(Library.PrefixSum(Rasp.Tokens), TaskDefinitions.PrefixSum, 1200, Uniform, false, true);

        [Fact]
        public void RaspFacadeBuildsTheSamePrograms()
        {
            var rng = new Random(1300);
            for (int t = 0; t < 50; t++)
            {
                var x = InstanceGenerator.NoRepeat(rng, InstanceGenerator.RandomLength(rng, 1, MaxLength), 4);
                Sequences.Equal(TaskDefinitions.KHop(x, 5), ReferenceEvaluator.Evaluate(Library.Hop(5), x));
                Sequences.Equal(TaskDefinitions.InductionHead(x), ReferenceEvaluator.Evaluate(Library.InductionHead(), x));
            }
        }
    }
}
