using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tasks;
using Xunit;

namespace Circuits.Tests.Compilation
{
    /// <summary>Every library program, compiled, equals its task definition (and the reference evaluator) on random instances.</summary>
    public class LibraryCompilationTests
    {
        private static Func<Random, int, int[]> Uniform(int vocab) => (r, n) => Parity.Uniform(r, n, vocab);
        private static Func<Random, int, int[]> NoRepeat(int vocab) => (r, n) => InstanceGenerator.NoRepeat(r, n, vocab);

        [Theory]
        [InlineData("ab", 8, 400)]
        [InlineData("abcd", 64, 400)]
        [InlineData("abcdefgh", 256, 200)]
        public void InductionHead(string vocab, int n, int instances)
        {
            var program = Library.InductionHead();
            var model = Parity.Compile(program, vocab, n, causal: true, NumericType.Float32);
            Assert.Equal(new[] { 1, 1 }, model.Card.HeadsPerLayer);
            Assert.Contains("float32", model.Card.Certified);
            Parity.Check(program, model, TaskDefinitions.InductionHead, Uniform(vocab.Length), instances, seed: n);
        }

        [Fact]
        public void InductionHeadAtN4096IsFloat32CertifiedAndExact()
        {
            var program = Library.InductionHead();
            var model = Parity.Compile(program, "abcd", 4096, causal: true, NumericType.Float32);
            Assert.Equal(2, model.Card.Layers);
            Assert.Contains("float32", model.Card.Certified);
            Assert.True(model.Width <= 64, $"width {model.Width} > 64");
            Parity.Check(program, model, TaskDefinitions.InductionHead, Uniform(4), 4, seed: 7, minLength: 3000);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        [InlineData(5)]
        [InlineData(6)]
        [InlineData(7)]
        [InlineData(8)]
        [InlineData(9)]
        [InlineData(10)]
        [InlineData(11)]
        [InlineData(12)]
        [InlineData(13)]
        [InlineData(14)]
        [InlineData(15)]
        [InlineData(16)]
        public void KHopHasFloorLog2PlusTwoLayersAndIsExact(int k)
        {
            var program = Library.Hop(k);
            var model = Parity.Compile(program, "abcd", 100, causal: true, NumericType.Float32);
            Assert.Equal(Library.FloorLog2(k) + 2, model.Card.Layers);
            Assert.All(model.Card.HeadsPerLayer, h => Assert.Equal(1, h));
            Assert.Contains("float32", model.Card.Certified);
            // The authors' protocol: N = 100, |Σ| = 4, no immediate repeats; and uniform strings too.
            Parity.Check(program, model, x => TaskDefinitions.KHop(x, k), NoRepeat(4), 40, seed: k, minLength: 50);
            Parity.Check(program, model, x => TaskDefinitions.KHop(x, k), Uniform(4), 20, seed: 100 + k);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(16)]
        public void KHopAtN4096IsFloat32CertifiedAndExact(int k)
        {
            var program = Library.Hop(k);
            var model = Parity.Compile(program, "abcd", 4096, causal: true, NumericType.Float32);
            Assert.Contains("float32", model.Card.Certified);
            Assert.True(model.Width <= 96, $"width {model.Width} > 96");
            Parity.Check(program, model, x => TaskDefinitions.KHop(x, k), NoRepeat(4), 2, seed: k, minLength: 3500);
        }

        [Fact]
        public void KHopWithLargeAlphabet()
        {
            var program = Library.Hop(5);
            var model = Parity.Compile(program, string.Concat(Enumerable.Range(0, 64).Select(i => (char)('!' + i))), 200, causal: true);
            Parity.Check(program, model, x => TaskDefinitions.KHop(x, 5), NoRepeat(64), 100, seed: 3);
        }

        [Fact]
        public void ShiftAndFind()
        {
            var shift = Library.Shift(Rasp.Tokens, 2);
            Parity.Check(shift, Parity.Compile(shift, "abc", 64, causal: true), x => TaskDefinitions.Shift(x, 2), Uniform(3), 500, seed: 1);
            var find = Library.Find();
            Parity.Check(find, Parity.Compile(find, "abc", 64, causal: true), TaskDefinitions.Find, Uniform(3), 500, seed: 2);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Length(bool causal)
        {
            var program = Library.Length();
            var model = Parity.Compile(program, "abcd", 64, causal);
            Assert.Equal(1, model.Card.Layers);
            Parity.Check(program, model, x => TaskDefinitions.Length(x.Length, causal), Uniform(4), 500, seed: 3);
        }

        [Theory]
        [InlineData("abcd", 64)]
        [InlineData("abcdefgh", 64)]
        [InlineData("ab", 16)]
        public void Reverse(string vocab, int n)
        {
            var program = Library.Reverse(Rasp.Tokens);
            var model = Parity.Compile(program, vocab, n, causal: false);
            Assert.Equal(2, model.Card.Layers);
            Parity.Check(program, model, TaskDefinitions.Reverse, Uniform(vocab.Length), 400, seed: n);
        }

        [Theory]
        [InlineData("abcd", 64)]
        [InlineData("abcdefgh", 32)]
        public void SortWithDuplicates(string vocab, int n)
        {
            var program = Library.Sort(Rasp.Tokens, Rasp.Tokens);
            var model = Parity.Compile(program, vocab, n, causal: false);
            Assert.Equal(2, model.Card.Layers);
            Parity.Check(program, model, TaskDefinitions.Sort, Uniform(vocab.Length), 500, seed: n);
        }

        [Fact]
        public void SortUnique()
        {
            var program = Library.SortUnique(Rasp.Tokens, Rasp.Tokens);
            string vocab = string.Concat(Enumerable.Range(0, 64).Select(i => (char)('0' + i)));
            var model = Parity.Compile(program, vocab, 64, causal: false);
            Assert.Equal(2, model.Card.Layers);
            Parity.Check(program, model, TaskDefinitions.SortUnique, (r, n) => InstanceGenerator.Distinct(r, n, 64), 500, seed: 5);
            Parity.Check(program, model, TaskDefinitions.SortUnique, Uniform(64), 500, seed: 6);
        }

        [Theory]
        [InlineData("abcd", 64)]
        [InlineData("ab", 256)]
        public void Histogram(string vocab, int n)
        {
            var program = Library.Histogram();
            var model = Parity.Compile(program, vocab, n, causal: false);
            Assert.Equal(1, model.Card.Layers);
            Parity.Check(program, model, TaskDefinitions.Histogram, Uniform(vocab.Length), 500, seed: n);
        }

        [Fact]
        public void FracPrevs()
        {
            var program = Library.FracPrevs(Rasp.Tokens == 0);
            var model = Parity.Compile(program, "abcd", 64, causal: true);
            Assert.Equal(1, model.Card.Layers);
            Parity.Check(program, model, x => TaskDefinitions.FracPrevs(x, 0), Uniform(4), 1000, seed: 8);
        }

        [Fact]
        public void PrefixSum()
        {
            var program = Library.PrefixSum(Rasp.Tokens);
            var model = Parity.Compile(program, "abcd", 32, causal: true);
            Assert.Equal(1, model.Card.Layers);
            Parity.Check(program, model, TaskDefinitions.PrefixSum, Uniform(4), 1000, seed: 9);
        }
    }
}
