using System;
using System.ComponentModel;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Circuits
{
    /// <summary>
    /// Splits the rows of a forward pass (query positions) among the calling thread and thread-pool helpers, without
    /// allocating per call: one instance per calling thread (the generic engine owns one; the generated pass keeps one in its
    /// [ThreadStatic] scratch), its helper work items created once and re-queued. Rows are claimed in chunks, longest
    /// causal rows (the highest positions) first, so a triangle balances itself. Each row is computed by exactly one thread
    /// and its result does not depend on which one or on the split: the output equals the single-threaded pass bit for bit.
    /// Used by the engine and by generated code; not meant to be called directly.
    /// </summary>
    /// <typeparam name="TState">What the row body reads and writes (the pass and its scratch).</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ForkJoin<TState> where TState : class
    {
        // _next holds Idle between runs: a helper that starts late (after its run ended) claims a chunk ≥ Idle and leaves.
        private const int Idle = 1 << 30;
        /// <summary>Fewer rows than this run on the calling thread alone: waking a helper costs more than they do.</summary>
        public const int MinRowsToFork = 64;

        private readonly TState _state;
        private readonly Helper[] _helpers;
        private Action<TState, int, int, int>? _body;
        private int _rows, _chunk, _chunks;
        private int _next = Idle, _done;
        private ExceptionDispatchInfo? _failure;

        /// <summary>A fork-join for <paramref name="state"/> using up to <paramref name="threads"/> threads (the caller included).</summary>
        /// <param name="state">Passed to every body call.</param>
        /// <param name="threads">Threads per run, at least 1 (1 = the calling thread only).</param>
        public ForkJoin(TState state, int threads)
        {
            ArgumentNullException.ThrowIfNull(state);
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
            _state = state;
            _helpers = new Helper[threads - 1];
            for (int h = 0; h < _helpers.Length; h++) _helpers[h] = new Helper(this, h + 1);
        }

        /// <summary>The default thread count: every core the process may use.</summary>
        public static int DefaultThreads => Environment.ProcessorCount;

        /// <summary>Threads per run, the caller included; worker indices passed to the body are below this.</summary>
        public int Threads => _helpers.Length + 1;

        /// <summary>
        /// Calls <paramref name="body"/>(state, worker, start, end) on disjoint row ranges covering [0, <paramref name="rows"/>)
        /// and returns when all are done. Each worker index is used by one thread at a time, so it can select per-worker scratch.
        /// An exception thrown by the body is rethrown here (the other ranges still finish first).
        /// </summary>
        /// <param name="rows">The number of rows.</param>
        /// <param name="body">The row-range body; pass a cached delegate (a static lambda) so the call allocates nothing.</param>
        public void Run(int rows, Action<TState, int, int, int> body)
        {
            if (_helpers.Length == 0 || rows < MinRowsToFork)
            {
                body(_state, 0, 0, rows);
                return;
            }
            _body = body;
            _rows = rows;
            // About eight chunks per thread: small enough to even out a triangle, large enough that claiming is free.
            _chunk = Math.Max(1, rows / (8 * Threads));
            _chunks = (rows + _chunk - 1) / _chunk;
            _done = 0;
            _failure = null;
            Volatile.Write(ref _next, 0); // publishes the fields above to any helper that claims a chunk
            foreach (var helper in _helpers) helper.Queue();
            Work(0);
            var spinner = new SpinWait();
            while (Volatile.Read(ref _done) < _chunks) spinner.SpinOnce(sleep1Threshold: -1);
            Volatile.Write(ref _next, Idle);
            _body = null;
            _failure?.Throw();
        }

        private void Work(int worker)
        {
            while (true)
            {
                int c = Interlocked.Increment(ref _next) - 1;
                if (c >= _chunks) return;
                int end = _rows - c * _chunk, start = Math.Max(0, end - _chunk);
                try { _body!(_state, worker, start, end); }
                catch (Exception e) { Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null); }
                finally { Interlocked.Increment(ref _done); }
            }
        }

        /// <summary>One helper's reusable work item: queued at most once at a time, so a run never allocates one.</summary>
        private sealed class Helper : IThreadPoolWorkItem
        {
            private readonly ForkJoin<TState> _owner;
            private readonly int _worker;
            private int _queued;

            public Helper(ForkJoin<TState> owner, int worker)
            {
                _owner = owner;
                _worker = worker;
            }

            public void Queue()
            {
                // Still queued from an earlier run (the pool was busy): that item will join this run when it starts.
                if (Interlocked.Exchange(ref _queued, 1) == 1) return;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }

            public void Execute()
            {
                // Cleared only after leaving the run: an execution that lingers into the next run joins it as this worker,
                // and no second execution with the same worker index (the same scratch) can be queued meanwhile.
                _owner.Work(_worker);
                Volatile.Write(ref _queued, 0);
            }
        }
    }
}
