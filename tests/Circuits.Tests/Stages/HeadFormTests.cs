using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Stages
{
    /// <summary>
    /// Each head form, checked on its weights: the score of every key is computed from the embedding and W_Q/W_K, and must
    /// separate selected from unselected keys (exact match, predicate table, count level with the sink, tie-break by position).
    /// </summary>
    public class HeadFormTests
    {
        private static CompiledModel Compile(SOp program, string vocab, int n, bool causal)
            => CircuitCompiler.Compile(program, StageHarness.Options(vocab, n, causal));

        /// <summary>Score of query position i (input ids) against key position j (0 = BOS) for the first head of layer 1.</summary>
        private static double Score(CompiledModel m, int[] ids, int i, int j)
        {
            var head = m.Layers[0].Heads[0];
            double[] Row(int p) => p == 0 ? m.BosEmbedding : Enumerable.Range(0, m.Width).Select(c => m.TokenEmbedding[ids[p - 1], c] + m.PositionEmbedding[p - 1, c]).ToArray();
            var x = Row(i); var y = Row(j);
            double s = 0;
            for (int c = 0; c < head.Query.Cols; c++)
            {
                double q = 0, k = 0;
                for (int r = 0; r < m.Width; r++) { q += x[r] * head.Query[r, c]; k += y[r] * head.Key[r, c]; }
                s += q * k;
            }
            return s;
        }

        [Fact]
        public void ExactMatchBeatsTheSinkWhichBeatsMismatches()
        {
            var m = Compile(Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal), Rasp.Tokens), "abcd", 8, false);
            var ids = new[] { 0, 1, 0, 3 };
            double gap = m.Layers[0].Heads[0].Gap;
            double sink = Score(m, ids, 1, 0), match = Score(m, ids, 1, 3), miss = Score(m, ids, 1, 2);
            Assert.True(match - sink >= gap && sink - miss >= gap, $"match {match}, sink {sink}, miss {miss}, Δ {gap}");
        }

        [Fact]
        public void APredicateTableSeparatesSelectedKeys()
        {
            var m = Compile(Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Tokens, (k, q) => (k + q) % 3 == 1)), "abcd", 8, false);
            var ids = new[] { 0, 1, 2, 3 };
            double gap = m.Layers[0].Heads[0].Gap;
            for (int q = 1; q <= 4; q++)
            {
                double sink = Score(m, ids, q, 0);
                for (int k = 1; k <= 4; k++)
                {
                    bool selected = (ids[k - 1] + ids[q - 1]) % 3 == 1;
                    double s = Score(m, ids, q, k);
                    // A count puts selected keys level with the sink, so 1/(1+c) comes out exactly.
                    Assert.True(selected ? s == sink : sink - s >= gap, $"query {q}, key {k}: {s} vs sink {sink}");
                }
            }
        }

        [Fact]
        public void RightmostTieBreakPrefersLaterMatches()
        {
            var m = Compile(Rasp.Aggregate(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal).Rightmost(), Rasp.Indices), "ab", 8, true);
            var ids = new[] { 0, 0, 1, 0 };
            double s1 = Score(m, ids, 4, 1), s2 = Score(m, ids, 4, 2), s4 = Score(m, ids, 4, 4), miss = Score(m, ids, 4, 3), sink = Score(m, ids, 4, 0);
            Assert.True(s4 > s2 && s2 > s1, $"{s1} < {s2} < {s4} expected");
            Assert.True(s1 > sink && sink > miss);
        }

        [Fact]
        public void PositionRelationsBecomeMasksNotScores()
        {
            var m = Compile(Rasp.Aggregate(Rasp.And(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal), Rasp.Select(Rasp.Indices, Rasp.Indices, Rasp.Less)).Rightmost(), Rasp.Indices), "ab", 8, false);
            Assert.Equal(AttentionMask.StrictCausal, m.Layers[0].Heads[0].Mask);
        }
    }
}
