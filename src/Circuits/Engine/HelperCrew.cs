using System;
using System.Threading;

namespace Circuits
{
    /// <summary>What a helper thread runs for a fork-join: its share of the current run's rows, as worker <c>worker</c>.</summary>
    internal interface IForkJob
    {
        /// <summary>Claims and computes chunks of the running fork (none when it has ended) as worker <paramref name="worker"/>.</summary>
        void Help(int worker);
    }

    /// <summary>
    /// The process's fork-join helper threads, shared by every <see cref="ForkJoin{TState}"/>: background threads started
    /// once (as many as the largest fork-join asks for, never more), each parked between runs and woken without allocating.
    /// One fork runs on the crew at a time; a fork that finds it rented runs on its calling thread alone (the same result,
    /// bit for bit), so concurrent callers never oversubscribe the cores and a dropped pass leaves no thread behind: the crew
    /// holds a fork-join only while one of its runs is in progress.
    /// </summary>
    internal static class HelperCrew
    {
        private static readonly object Growing = new object();
        private static Helper[] _helpers = Array.Empty<Helper>();
        private static int _rented; // 1 while a run holds the crew

        /// <summary>Helper threads started so far.</summary>
        public static int Count => Volatile.Read(ref _helpers).Length;

        /// <summary>Starts helper threads until there are at least <paramref name="count"/> (once per size: the threads live as long as the process).</summary>
        public static void Ensure(int count)
        {
            if (Count >= count) return;
            lock (Growing)
            {
                var helpers = _helpers;
                if (helpers.Length >= count) return;
                var grown = new Helper[count];
                helpers.CopyTo(grown, 0);
                for (int h = helpers.Length; h < count; h++) grown[h] = new Helper(h + 1);
                Volatile.Write(ref _helpers, grown);
            }
        }

        /// <summary>The crew, now held by the caller until <see cref="Return"/>; null when another run holds it.</summary>
        public static Helper[]? TryRent()
            => Interlocked.CompareExchange(ref _rented, 1, 0) == 0 ? Volatile.Read(ref _helpers) : null;

        /// <summary>Lets the next run rent the crew.</summary>
        public static void Return() => Volatile.Write(ref _rented, 0);

        /// <summary>
        /// One helper thread, always the same worker index (its position in the crew + 1: worker 0 is the calling thread), so
        /// a worker's scratch is only ever used by one thread. Woken by a ticket: <see cref="Assign"/> bumps it, the thread
        /// spins a little for the next one (the next layer's fork follows within microseconds), then waits on its gate.
        /// </summary>
        internal sealed class Helper
        {
            /// <summary>SpinWait rounds before parking: the busy-wait phase, then a few yields, tens of microseconds in all.</summary>
            private const int SpinsBeforePark = 30;

            private readonly int _worker;
            private readonly object _gate = new object();
            private IForkJob? _job;      // the run to help; cleared when it ends, so no fork-join is held between runs
            private int _ticket, _parked;

            public Helper(int worker)
            {
                _worker = worker;
                // Background: a parked helper never keeps the process alive. UnsafeStart: no execution context to carry.
                var thread = new Thread(Loop) { IsBackground = true, Name = "Circuits fork-join helper " + worker };
                thread.UnsafeStart();
            }

            /// <summary>Has this helper join <paramref name="job"/>'s run (published before the call).</summary>
            public void Assign(IForkJob job)
            {
                Volatile.Write(ref _job, job);
                // Interlocked: a full fence between bumping the ticket and reading _parked (the helper does the converse), so
                // either the helper sees the new ticket before it waits or this thread sees it parked and pulses it.
                Interlocked.Increment(ref _ticket);
                if (Volatile.Read(ref _parked) != 0)
                    lock (_gate) Monitor.Pulse(_gate);
            }

            /// <summary>Forgets <paramref name="job"/> after its run: a helper that wakes late finds nothing to do.</summary>
            public void Release(IForkJob job) => Interlocked.CompareExchange(ref _job, null, job);

            private void Loop()
            {
                int seen = 0;
                while (true)
                {
                    seen = Await(seen);
                    // A job that has ended (or ends before this thread claims a chunk) gives it nothing: ForkJoin's claim counter.
                    Volatile.Read(ref _job)?.Help(_worker);
                }
            }

            /// <summary>Waits for a ticket other than <paramref name="seen"/> and returns it.</summary>
            private int Await(int seen)
            {
                var spinner = new SpinWait();
                int ticket;
                while (spinner.Count < SpinsBeforePark)
                {
                    if ((ticket = Volatile.Read(ref _ticket)) != seen) return ticket;
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
                lock (_gate)
                {
                    Interlocked.Exchange(ref _parked, 1);
                    while ((ticket = Volatile.Read(ref _ticket)) == seen) Monitor.Wait(_gate);
                    Volatile.Write(ref _parked, 0);
                }
                return ticket;
            }
        }
    }
}
