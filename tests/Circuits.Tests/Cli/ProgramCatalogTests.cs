using System;
using System.Linq;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Cli
{
    /// <summary>The catalog's task definitions against the reference evaluator on the built programs: no compiler needed.</summary>
    public class ProgramCatalogTests
    {
        public static TheoryData<string, int> Programs()
        {
            var data = new TheoryData<string, int>();
            foreach (var entry in ProgramCatalog.All)
            {
                if (entry.Name == "k-hop")
                    foreach (int k in new[] { 1, 2, 3, 5, 16 }) data.Add(entry.Name, k);
                else
                    data.Add(entry.Name, ProgramCatalog.DefaultK);
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(Programs))]
        public void Reference_AgreesWithReferenceEvaluator_On100RandomInstances(string name, int k)
        {
            var entry = ProgramCatalog.Find(name);
            var program = entry.Build(k);
            var rng = new Random(name.Length * 31 + k);
            for (int s = 0; s < 100; s++)
            {
                // Lengths past the vocabulary size exercise repeats (and sort-unique's fallback to uniform tokens).
                int length = 1 + rng.Next(24);
                int vocab = 1 + rng.Next(6);
                int[] ids = entry.Generate(rng, length, vocab);
                Assert.Equal(length, ids.Length);
                Assert.All(ids, id => Assert.InRange(id, 0, vocab - 1));

                double[] expected = entry.Reference(ids, k);
                double[] actual = ReferenceEvaluator.Evaluate(program, ids, entry.Causal);
                Assert.Equal(expected.Length, actual.Length);
                for (int i = 0; i < expected.Length; i++)
                {
                    bool same = double.IsNaN(expected[i])
                        ? double.IsNaN(actual[i])
                        : Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i]));
                    Assert.True(same, $"{name} (k = {k}) on [{string.Join(",", ids)}] position {i}: task {expected[i]}, IR {actual[i]}");
                }
            }
        }

        [Fact]
        public void Catalog_HasTheBriefsProgramsAndMasks()
        {
            var causal = new[] { "induction-head", "k-hop", "shift", "find", "frac-prevs", "prefix-sum" };
            var bidirectional = new[] { "length", "reverse", "sort", "sort-unique", "hist",
                "tracr-sort", "sort-freq", "pair-balance", "shuffle-dyck", "shuffle-dyck2", "count-less-freq", "count", "shift-by", "detect-pattern", "nary-map" };
            Assert.Equal(causal.Concat(bidirectional).OrderBy(n => n), ProgramCatalog.All.Select(e => e.Name).OrderBy(n => n));
            Assert.All(causal, n => Assert.True(ProgramCatalog.Find(n).Causal, n));
            Assert.All(bidirectional, n => Assert.False(ProgramCatalog.Find(n).Causal, n));
        }

        [Fact]
        public void KHop_UsesTheNoRepeatProtocol()
        {
            var rng = new Random(3);
            var ids = ProgramCatalog.Find("k-hop").Generate(rng, 200, 4);
            for (int i = 1; i < ids.Length; i++) Assert.NotEqual(ids[i - 1], ids[i]);
        }

        [Fact]
        public void SortUnique_DrawsDistinctTokensWhenTheyFit()
        {
            var rng = new Random(4);
            var ids = ProgramCatalog.Find("sort-unique").Generate(rng, 4, 4);
            Assert.Equal(4, ids.Distinct().Count());
        }

        [Fact]
        public void Find_UnknownName_ListsValidNames()
        {
            var e = Assert.Throws<ArgumentException>(() => ProgramCatalog.Find("nope"));
            Assert.Contains("nope", e.Message);
            Assert.Contains("induction-head", e.Message);
            Assert.Contains("prefix-sum", e.Message);
        }

        [Fact]
        public void Options_CarryNameVocabularyLengthMaskAndPrecision()
        {
            var o = ProgramCatalog.Options("reverse", "xyz", 17, NumericType.Float32);
            Assert.Equal("reverse", o.Name);
            Assert.Equal(new[] { "x", "y", "z" }, o.Vocabulary);
            Assert.Equal(17, o.MaxLength);
            Assert.False(o.Causal);
            Assert.Equal(NumericType.Float32, o.Precision);
            Assert.True(ProgramCatalog.Options("induction-head", "ab", 8, NumericType.Float64).Causal);
        }
    }
}
