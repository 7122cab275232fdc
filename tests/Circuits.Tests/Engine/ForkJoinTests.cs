using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Circuits.Tests.Engine
{
    /// <summary>
    /// The fork-join the engine and the generated pass split rows with: every row exactly once, failures rethrown, helper
    /// threads shared by all fork-joins (so their number stays bounded however many passes a process creates and drops),
    /// and no allocation on any thread, the helpers' included, once warm. Oracle: the row ranges themselves (each row
    /// counted), and each thread's own allocation counter read by the body on that thread.
    /// </summary>
    public class ForkJoinTests
    {
        private sealed class Rows
        {
            public Rows(int rows, int threads)
            {
                Seen = new int[rows];
                Workers = new int[threads];
                ThreadIds = new int[threads];
                FirstAllocated = new long[threads];
                LastAllocated = new long[threads];
                for (int w = 0; w < threads; w++) FirstAllocated[w] = -1;
            }

            public int[] Seen { get; }
            /// <summary>Chunks each worker index ran.</summary>
            public int[] Workers { get; }
            /// <summary>The managed thread that ran each helper's worker index (0: not yet), to check one thread per index.</summary>
            public int[] ThreadIds { get; }
            public long[] FirstAllocated { get; }
            public long[] LastAllocated { get; }
            public bool Recording { get; set; }
            public int Spin { get; set; }
            public int ThrowAt { get; set; } = -1;
        }

        private static readonly Action<Rows, int, int, int> Count = static (s, worker, start, end) =>
        {
            if (s.Recording)
            {
                // Read on the thread that runs the chunk: a helper's parking and waking show up here at its next chunk.
                long bytes = GC.GetAllocatedBytesForCurrentThread();
                if (s.FirstAllocated[worker] < 0) s.FirstAllocated[worker] = bytes;
                s.LastAllocated[worker] = bytes;
            }
            // Worker 0 is whichever thread calls Run; a helper's index is its thread's, so its scratch is never shared.
            int id = Environment.CurrentManagedThreadId;
            if (worker > 0 && Interlocked.CompareExchange(ref s.ThreadIds[worker], id, 0) is int other && other != 0 && other != id)
                throw new InvalidOperationException($"worker {worker} ran on threads {other} and {id}");
            s.Workers[worker]++;
            for (int r = start; r < end; r++)
            {
                if (r == s.ThrowAt) throw new InvalidOperationException("row " + r);
                Interlocked.Increment(ref s.Seen[r]);
            }
            if (s.Spin > 0) Thread.SpinWait(s.Spin);
        };

        [Theory]
        [InlineData(1, 1)]
        [InlineData(1, 2)]
        [InlineData(2, 0)]
        [InlineData(2, 1)]
        [InlineData(2, ForkJoin<object>.MinRowsToFork - 1)]
        [InlineData(2, ForkJoin<object>.MinRowsToFork)]
        [InlineData(2, 1_000)]
        [InlineData(3, 4_097)]
        [InlineData(5, 65)]
        public void EveryRow_IsComputedExactlyOnce_ByOneThreadPerWorkerIndex(int threads, int rows)
        {
            var state = new Rows(rows, threads);
            var fork = new ForkJoin<Rows>(state, threads);
            for (int run = 1; run <= 5; run++)
            {
                fork.Run(rows, Count);
                Assert.All(state.Seen, seen => Assert.Equal(run, seen));
            }
        }

        [Fact]
        public void AnExceptionInARow_IsRethrownAfterTheOtherRowsFinish_AndTheNextRunWorks()
        {
            const int rows = 500;
            var state = new Rows(rows, 2) { ThrowAt = 123 };
            var fork = new ForkJoin<Rows>(state, 2);
            var e = Assert.Throws<InvalidOperationException>(() => fork.Run(rows, Count));
            Assert.Equal("row 123", e.Message);
            // The failing chunk stops at its row; every other chunk ran: the rows not computed are one run from row 123 on.
            var missed = Enumerable.Range(0, rows).Where(r => state.Seen[r] == 0).ToList();
            Assert.Equal(123, missed[0]);
            Assert.Equal(Enumerable.Range(123, missed.Count), missed);
            Assert.True(missed.Count < rows / 4, $"{missed.Count} rows not computed");
            Assert.All(state.Seen, seen => Assert.InRange(seen, 0, 1));
            state.ThrowAt = -1;
            Array.Clear(state.Seen);
            fork.Run(rows, Count);
            Assert.All(state.Seen, seen => Assert.Equal(1, seen));
        }

        [Fact]
        public void AForkInsideARow_RunsOnItsThreadAlone_WithoutWaitingForTheBusyHelpers()
        {
            var inner = new Rows(200, 2);
            var innerFork = new ForkJoin<Rows>(inner, 2);
            var outer = new Rows(200, 2);
            var outerFork = new ForkJoin<Rows>(outer, 2);
            outerFork.Run(200, (s, worker, start, end) =>
            {
                lock (innerFork) innerFork.Run(200, Count); // one run at a time per fork-join, as the passes use them
                Count(s, worker, start, end);
            });
            Assert.All(outer.Seen, seen => Assert.Equal(1, seen));
            Assert.All(inner.Seen, seen => Assert.True(seen > 0));
        }

        [Fact]
        public void ConcurrentRunsOfSeveralForkJoins_EachComputeEveryRowOnce()
        {
            const int rows = 2_000;
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
            {
                var state = new Rows(rows, 2);
                var fork = new ForkJoin<Rows>(state, 2);
                for (int run = 1; run <= 20; run++)
                {
                    fork.Run(rows, Count);
                    Assert.All(state.Seen, seen => Assert.Equal(run, seen));
                }
            });
        }

        [Fact]
        public void HelperThreads_AreSharedByEveryForkJoin_SoManyDroppedPassesStartNone()
        {
            var state = new Rows(100, 3);
            new ForkJoin<Rows>(state, 3).Run(100, Count);
            int helpers = ForkJoin<object>.HelperThreads;
            Assert.True(helpers >= 2, $"{helpers} helper threads after a 3-thread fork-join");
            int processThreads = Process.GetCurrentProcess().Threads.Count;
            for (int pass = 0; pass < 200; pass++)
            {
                var s = new Rows(100, 3);
                new ForkJoin<Rows>(s, pass % 3 + 1).Run(100, Count);
            }
            // Other tests may meanwhile create fork-joins of up to 5 threads (these tests) or every core (the engine's default).
            Assert.InRange(ForkJoin<object>.HelperThreads, helpers, Math.Max(helpers, Math.Max(ForkJoin<object>.DefaultThreads - 1, 4)));
            // Other tests' threads come and go meanwhile, but 200 fork-joins with threads of their own would add 200 to 400.
            Assert.True(Process.GetCurrentProcess().Threads.Count < processThreads + 100,
                $"threads: {processThreads} before 200 fork-joins, {Process.GetCurrentProcess().Threads.Count} after");
        }

        [Fact]
        public void NoThread_AllocatesInARun_AfterWarmUp_HelpersParkedOrSpinningIncluded()
        {
            const int rows = 4_096, threads = 2;
            var state = new Rows(rows, threads) { Spin = 2_000 }; // chunks long enough that a woken helper gets some
            var fork = new ForkJoin<Rows>(state, threads);
            for (int warm = 0; warm < 5; warm++) fork.Run(rows, Count);
            state.Recording = true;
            var clock = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int run = 0; run < 40 || (state.Workers[1] < 3 && clock.Elapsed < TimeSpan.FromSeconds(10)); run++)
            {
                fork.Run(rows, Count);
                // Every few runs, long enough a pause that the helper stops spinning and parks: waking it must not allocate either.
                if (run % 4 == 3) Thread.Sleep(5);
            }
            long caller = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, caller);
            Assert.True(state.Workers[1] >= 3, $"the helper ran {state.Workers[1]} chunks: nothing to measure");
            for (int w = 0; w < threads; w++)
                Assert.True(state.LastAllocated[w] == state.FirstAllocated[w],
                    $"worker {w} allocated {state.LastAllocated[w] - state.FirstAllocated[w]} B between its first and last recorded chunk");
        }
    }
}
