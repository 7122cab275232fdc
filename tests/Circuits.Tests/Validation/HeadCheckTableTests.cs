using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Validation
{
    /// <summary>
    /// The head check's column-wise machinery against the per-pair forms it replaced: configuration order (a stable sort of the
    /// root product by position), selector masks (the selector's meaning, pair by pair), scores (a scalar dot product, bit for
    /// bit), and the mask-range skip (a head whose mask is wrong is still refused, also when the validator samples).
    /// </summary>
    public class HeadCheckTableTests
    {
        private static LayoutClaim Claim(int n, int s, Dictionary<SOp, ValueSet> values) => new LayoutClaim
        {
            N = n, S = s, Values = x => values[x], Label = x => "r" + x.GetHashCode(),
        };

        private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

        public static IEnumerable<object[]> Spaces()
        {
            // roots by kind: t = tokens, i = indices, a/b = other nodes with small value sets (one with ⊥); explicit positions or not
            foreach (var roots in new[] { "", "t", "i", "a", "ta", "at", "ti", "it", "aib", "tab", "bti", "iab" })
                foreach (bool explicitPositions in new[] { false, true })
                    yield return new object[] { roots, explicitPositions };
        }

        [Theory]
        [MemberData(nameof(Spaces))]
        public void ConfigSpaceEnumeratesTheStableSortOfTheProductByPosition(string rootKinds, bool explicitPositions)
        {
            const int n = 5, s = 3;
            var a = Ir.Map(Ir.Tokens, x => x, ValueKind.Categorical, "a");
            var b = Ir.Map(Ir.Tokens, x => -x, ValueKind.Categorical, "b");
            var values = new Dictionary<SOp, ValueSet>(ReferenceComparer<SOp>.Instance)
            {
                [a] = new ValueSet(new[] { 0.0, 2.0 }, hasBottom: true),
                [b] = new ValueSet(new[] { -1.0, 0.0, 7.0 }, hasBottom: false),
            };
            var c = Claim(n, s, values);
            var roots = rootKinds.Select(k => k == 't' ? Ir.Tokens : k == 'i' ? Ir.Indices : k == 'a' ? a : b).ToList();

            // The oracle: the construction the validator used before, a list of the whole product sorted by position.
            var sets = roots.Select(r => IrSemantics.RootValues(c, r)).ToList();
            int posRoot = roots.FindIndex(r => r is IndicesOp);
            bool extraPos = explicitPositions && posRoot < 0;
            if (extraPos) sets.Add(Enumerable.Range(0, n).Select(x => (double)x).ToArray());
            var expected = Enumeration.Product(sets)
                .Select(combo => (Combo: combo, Position: posRoot >= 0 ? (int)combo[posRoot] : extraPos ? (int)combo[combo.Length - 1] : -1))
                .ToList();
            if (explicitPositions) expected = expected.OrderBy(x => x.Position).ToList();

            var space = new ConfigSpace(c, roots, explicitPositions);
            Assert.Equal(expected.Count, space.Count);
            for (int t = 0; t < expected.Count; t++)
            {
                var combo = space.Combo(t);
                Assert.Equal(expected[t].Combo.Length, combo.Length);
                for (int k = 0; k < combo.Length; k++) Assert.True(SameBits(expected[t].Combo[k], combo[k]), $"configuration {t}, root {k}");
                Assert.Equal(expected[t].Position, space.Position(combo));
            }
        }

        /// <summary>The selector's meaning, independently: ⊥ never matches except under True, combinators as written.</summary>
        private static bool Meaning(Selector s, Dictionary<SOp, double> key, Dictionary<SOp, double> query) => s switch
        {
            SelectSelector x => x.Predicate.Kind == Comparison.True
                || (!double.IsNaN(key[x.Keys]) && !double.IsNaN(query[x.Queries]) && x.Predicate.Holds(key[x.Keys], query[x.Queries])),
            AndSelector x => Meaning(x.Left, key, query) && Meaning(x.Right, key, query),
            OrSelector x => Meaning(x.Left, key, query) || Meaning(x.Right, key, query),
            NotSelector x => !Meaning(x.Inner, key, query),
            _ => throw new InvalidOperationException(),
        };

        [Fact]
        public void SelectorMasksEqualTheSelectorOnEveryKeyAndRange()
        {
            var rng = new Random(4711);
            var keyNodes = Enumerable.Range(0, 3).Select(k => Ir.Map(Ir.Tokens, x => x + k, ValueKind.Categorical, "k" + k)).ToArray();
            var queryNodes = Enumerable.Range(0, 3).Select(k => Ir.Map(Ir.Indices, x => x + k, ValueKind.Categorical, "q" + k)).ToArray();
            var predicates = new[] { Predicate.Equal, Predicate.NotEqual, Predicate.Less, Predicate.LessOrEqual, Predicate.Greater, Predicate.GreaterOrEqual, Predicate.True, Predicate.False, Predicate.Custom((k, q) => ((int)k + 2 * (int)q) % 3 == 0) };
            // corners: ⊥, ±0, repeats, extremes
            var pool = new[] { double.NaN, 0.0, -0.0, 1, 2, 3, -5, 1e300, -1e300 };
            Selector Random(int depth)
            {
                int pick = depth == 0 ? 0 : rng.Next(4);
                if (pick == 0) return Ir.Select(keyNodes[rng.Next(3)], queryNodes[rng.Next(3)], predicates[rng.Next(predicates.Length)]);
                if (pick == 1) return Ir.And(Random(depth - 1), Random(depth - 1));
                if (pick == 2) return Ir.Or(Random(depth - 1), Random(depth - 1));
                return Ir.Not(Random(depth - 1));
            }
            for (int trial = 0; trial < 60; trial++)
            {
                int count = 1 + rng.Next(40);
                var c = Claim(count, 1, new Dictionary<SOp, ValueSet>());
                var selector = Random(trial % 4);
                var sel = IrSemantics.Compile(c, selector);
                var keys = new KeyTable(new ConfigSpace(c, new List<SOp>(), explicitPositions: true), 0, sel.KeyNodes.Count);
                var keyValues = new List<Dictionary<SOp, double>>();
                for (int t = 0; t < count; t++)
                {
                    var leaves = sel.KeyNodes.Select(_ => pool[rng.Next(pool.Length)]).ToArray();
                    keys.Set(t, t, leaves, Array.Empty<double>());
                    keyValues.Add(sel.KeyNodes.Select((node, l) => (node, leaves[l])).ToDictionary(x => x.node, x => x.Item2, ReferenceComparer<SOp>.Instance));
                }
                keys.Finish();
                var selected = new bool[count];
                for (int q = 0; q < 4; q++)
                {
                    var queryLeaves = sel.QueryNodes.Select(_ => pool[rng.Next(pool.Length)]).ToArray();
                    var query = sel.QueryNodes.Select((node, l) => (node, queryLeaves[l])).ToDictionary(x => x.node, x => x.Item2, ReferenceComparer<SOp>.Instance);
                    int lo = rng.Next(count + 1), hi = lo + rng.Next(count - lo + 1);
                    Array.Fill(selected, true);
                    sel.Term.Fill(keys, queryLeaves, selected, lo, hi);
                    for (int t = 0; t < count; t++)
                    {
                        bool want = t < lo || t >= hi || Meaning(selector, keyValues[t], query); // outside the range: left as it was
                        Assert.True(want == selected[t], $"trial {trial}, key {t} in [{lo}, {hi})");
                        Assert.Equal(Meaning(selector, keyValues[t], query), sel.Holds(sel.KeyNodes.Select(x => keyValues[t][x]).ToArray(), queryLeaves));
                    }
                }
            }
        }

        [Fact]
        public void ScoresAreTheScalarDotProductBitForBit()
        {
            var rng = new Random(99);
            var pool = new[] { 0.0, -0.0, 1, -1, 0.1, 3.3e-7, 65536, 4294967296.0, -1e17, 1e300 };
            for (int trial = 0; trial < 40; trial++)
            {
                int count = 1 + rng.Next(30), cols = rng.Next(6);
                var c = Claim(count, 1, new Dictionary<SOp, ValueSet>());
                var keys = new KeyTable(new ConfigSpace(c, new List<SOp>(), explicitPositions: true), cols, 0);
                var vecs = new double[count][];
                for (int t = 0; t < count; t++)
                {
                    vecs[t] = Enumerable.Range(0, cols).Select(_ => pool[rng.Next(pool.Length)] * (rng.Next(2) == 0 ? 1 : rng.NextDouble())).ToArray();
                    keys.Set(t, t, Array.Empty<double>(), vecs[t]);
                }
                keys.Finish();
                var q = Enumerable.Range(0, cols).Select(_ => pool[rng.Next(pool.Length)] * (rng.Next(2) == 0 ? -1 : rng.NextDouble())).ToArray();
                int lo = rng.Next(count + 1), hi = lo + rng.Next(count - lo + 1);
                var scores = Enumerable.Repeat(double.NaN, count).ToArray();
                keys.Scores(q, scores, lo, hi);
                for (int t = lo; t < hi; t++)
                {
                    double s = 0;
                    for (int k = 0; k < cols; k++) s += q[k] * vecs[t][k];
                    Assert.True(SameBits(s, scores[t]), $"trial {trial}, key {t}: {s:R} vs {scores[t]:R}");
                }
            }
        }

        private static string Refused(CompiledModel mutant, LayoutClaim claim)
        {
            var e = Assert.Throws<CompileException>(() => ModelValidator.Validate(mutant, claim));
            Assert.Equal("CIRC0220", e.Code);
            return e.Message;
        }

        /// <summary>
        /// The check skips keys that neither the reference (causal) nor the head's mask lets a query see. A wrong mask widens
        /// or narrows what the head sees, and must be refused — exhaustively at N = 6 and on the sample at N = 1,024.
        /// </summary>
        [Theory]
        [InlineData(6, AttentionMask.None)]
        [InlineData(6, AttentionMask.StrictCausal)]
        [InlineData(6, AttentionMask.AntiCausal)]
        [InlineData(6, AttentionMask.StrictAntiCausal)]
        [InlineData(1024, AttentionMask.None)]
        [InlineData(1024, AttentionMask.StrictCausal)]
        public void AMatchHeadWithTheWrongMaskIsRefused(int n, AttentionMask mask)
        {
            var m = CircuitCompiler.Compile(Library.InductionHead(), new CompileOptions { Vocabulary = CompileOptions.CharVocabulary("abcd"), MaxLength = n, Causal = true, Name = "t" }, out var claim);
            Assert.Equal(AttentionMask.Causal, m.Layers[1].Heads[0].Mask);
            Assert.Equal(n > 64, m.Card.Validation.StartsWith("validated on samples", StringComparison.Ordinal));
            var mutant = ModelMutation.Clone(m);
            mutant.Layers[1].Heads[0].Mask = mask;
            Assert.Contains("layer 2 head 0", Refused(mutant, claim));
        }

        /// <summary>The rightmost tie-break turned leftmost at N = 1,024, where the validator samples queries: refused, with a real witness.</summary>
        [Fact]
        public void AReversedTieBreakIsRefusedOnTheSample()
        {
            var m = CircuitCompiler.Compile(Library.InductionHead(), new CompileOptions { Vocabulary = CompileOptions.CharVocabulary("abcd"), MaxLength = 1024, Causal = true, Name = "t" }, out var claim);
            var mutant = ModelMutation.Clone(m);
            var k = mutant.Layers[1].Heads[0].Key;
            int pos = claim.Slots.First(s => s.Role == SlotRole.PositionPlusOne).Offset;
            for (int col = 0; col < k.Cols; col++) k[pos, col] = -k[pos, col];
            var msg = Refused(mutant, claim);
            Assert.Contains("layer 2 head 0", msg);
            Assert.Contains("witness: query", msg);
            Assert.Contains("index = ", msg);
        }
    }
}
