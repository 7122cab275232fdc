using System;
using System.Linq;
using Circuits.Tasks;
using Xunit;

namespace Circuits.Tests.Reference
{
    public class InstanceGeneratorTests
    {
        [Fact]
        public void SameSeedSameInstances()
        {
            Assert.Equal(InstanceGenerator.Uniform(new Random(7), 30, 5), InstanceGenerator.Uniform(new Random(7), 30, 5));
            Assert.Equal(InstanceGenerator.NoRepeat(new Random(7), 30, 5), InstanceGenerator.NoRepeat(new Random(7), 30, 5));
            Assert.Equal(InstanceGenerator.Distinct(new Random(7), 5, 9), InstanceGenerator.Distinct(new Random(7), 5, 9));
        }

        [Fact]
        public void UniformStaysInVocabulary()
        {
            var x = InstanceGenerator.Uniform(new Random(1), 1000, 4);
            Assert.Equal(1000, x.Length);
            Assert.All(x, t => Assert.InRange(t, 0, 3));
            Assert.Equal(4, x.Distinct().Count());
        }

        [Fact]
        public void NoRepeatHasNoImmediateRepeatsAndReachesEverySuccessor()
        {
            var x = InstanceGenerator.NoRepeat(new Random(2), 3000, 4);
            Assert.All(x, t => Assert.InRange(t, 0, 3));
            var pairs = new bool[4, 4];
            for (int i = 1; i < x.Length; i++)
            {
                Assert.NotEqual(x[i - 1], x[i]);
                pairs[x[i - 1], x[i]] = true;
            }
            for (int a = 0; a < 4; a++)
                for (int b = 0; b < 4; b++)
                    Assert.Equal(a != b, pairs[a, b]);
        }

        [Fact]
        public void NoRepeatNeedsTwoSymbols()
        {
            Assert.ThrowsAny<ArgumentException>(() => InstanceGenerator.NoRepeat(new Random(3), 5, 1));
            Assert.Equal(new[] { 0, 1, 0, 1 }.Length, InstanceGenerator.NoRepeat(new Random(3), 4, 2).Length);
        }

        [Fact]
        public void DistinctSymbols()
        {
            var rng = new Random(4);
            for (int t = 0; t < 100; t++)
            {
                int vocab = InstanceGenerator.RandomLength(rng, 1, 20);
                int length = InstanceGenerator.RandomLength(rng, 0, vocab);
                var x = InstanceGenerator.Distinct(rng, length, vocab);
                Assert.Equal(length, x.Length);
                Assert.Equal(length, x.Distinct().Count());
                Assert.All(x, s => Assert.InRange(s, 0, vocab - 1));
            }
            Assert.ThrowsAny<ArgumentException>(() => InstanceGenerator.Distinct(rng, 6, 5));
        }

        [Fact]
        public void RandomLengthIsInclusive()
        {
            var rng = new Random(5);
            var seen = Enumerable.Range(0, 500).Select(_ => InstanceGenerator.RandomLength(rng, 2, 4)).Distinct().OrderBy(v => v).ToArray();
            Assert.Equal(new[] { 2, 3, 4 }, seen);
            Assert.Equal(7, InstanceGenerator.RandomLength(rng, 7, 7));
            Assert.ThrowsAny<ArgumentException>(() => InstanceGenerator.RandomLength(rng, 5, 4));
        }
    }
}
