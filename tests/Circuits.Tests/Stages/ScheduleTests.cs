using System.Linq;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Stages
{
    /// <summary>Scheduling: layers by longest path, heads merged per selector and layer, residual slots reused after their last reader.</summary>
    public class ScheduleTests
    {
        [Fact]
        public void InductionHeadTakesTwoLayersOfOneHead()
        {
            var (_, s) = StageHarness.Schedule(Library.InductionHead(), "abcd", 64, causal: true);
            Assert.Equal(2, s.Layers);
            Assert.Equal(new[] { 1, 2 }, s.Heads.Select(h => h.Layer).ToArray());
        }

        [Theory]
        [InlineData(1, 2)]
        [InlineData(3, 3)]
        [InlineData(8, 5)]
        [InlineData(16, 6)]
        public void KHopTakesFloorLog2KPlusTwoLayers(int k, int layers)
            => Assert.Equal(layers, StageHarness.Schedule(Library.Hop(k), "abcd", 64, causal: true).Schedule.Layers);

        [Fact]
        public void AggregatesSharingASelectorShareAHead()
        {
            var sel = Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal).Rightmost();
            var program = Rasp.SequenceMap(Rasp.Aggregate(sel, Rasp.Tokens), Rasp.Aggregate(sel, Rasp.Indices), (a, b) => a + b);
            var (_, s) = StageHarness.Schedule(program, "abc", 8);
            Assert.Single(s.Heads);
            Assert.Equal(2, s.Heads[0].Values.Count);
        }

        [Fact]
        public void AMapOfAHeadOutputRunsInThatLayersMlp()
        {
            var program = Rasp.Map(Rasp.SelectorWidth(Rasp.Select(Rasp.Tokens, Rasp.Tokens, Rasp.Equal)), c => c % 2);
            var (_, s) = StageHarness.Schedule(program, "abc", 8);
            Assert.Equal(1, s.Layers);
            Assert.Contains(s.Mlps, m => m.Layer == 1 && !m.Cleanup);
        }

        [Fact]
        public void SlotsAreReusedAfterTheirLastReader()
        {
            var (_, s) = StageHarness.Schedule(Library.Hop(4), "abcd", 64, causal: true);
            Assert.Contains(s.Slots, x => x.Erase);
            Assert.True(s.Width < s.Slots.Sum(x => x.Dims), $"width {s.Width} should be below the sum of slot sizes {s.Slots.Sum(x => x.Dims)}");
            // No two slots overlap while both are live.
            foreach (var a in s.Slots)
                foreach (var b in s.Slots.Where(b => b.Id > a.Id))
                {
                    bool overlap = a.Offset < b.Offset + b.Dims && b.Offset < a.Offset + a.Dims;
                    bool live = !(a.EraseStage < b.Write || b.EraseStage < a.Write);
                    Assert.False(overlap && live, $"'{a.Label}' and '{b.Label}' share coordinates while both are live");
                }
        }
    }
}
