using System;
using System.ComponentModel;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Circuits
{
    /// <summary>
    /// Splits the rows of a forward pass (query positions) among the calling thread and the process's fork-join helper
    /// threads, without allocating per call on any thread: one instance per calling thread (the generic engine owns one; the
    /// generated pass keeps one in its [ThreadStatic] scratch). The helpers are dedicated background threads shared by every
    /// fork-join of the process (started once, as many as the largest fork-join asks for), parked between runs and woken
    /// without allocating; the thread pool is not used, so a call never waits for it to grow and never allocates when it
    /// does. One run uses the helpers at a time; a run that finds them busy (another thread's run) computes its rows on the
    /// calling thread alone. Rows are claimed in chunks, longest causal rows (the highest positions) first, so a triangle
    /// balances itself. Each row is computed by exactly one thread and its result does not depend on which one or on the
    /// split: the output equals the single-threaded pass bit for bit.
    /// Used by the engine and by generated code; not meant to be called directly.
    /// </summary>
    /// <typeparam name="TState">What the row body reads and writes (the pass and its scratch).</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ForkJoin<TState> : IForkJob where TState : class
    {
        // _next holds Idle between runs: a helper that starts late (after its run ended) claims a chunk ≥ Idle and leaves.
        private const int Idle = 1 << 30;
        /// <summary>Fewer rows than this run on the calling thread alone: waking a helper costs more than they do.</summary>
        public const int MinRowsToFork = 64;

        private readonly TState _state;
        private readonly int _helpers;
        private Action<TState, int, int, int>? _body;
        private int _rows, _chunk, _chunks;
        private int _next = Idle, _done;
        private ExceptionDispatchInfo? _failure;

        /// <summary>A fork-join for <paramref name="state"/> using up to <paramref name="threads"/> threads (the caller included).</summary>
        /// <param name="state">Passed to every body call.</param>
        /// <param name="threads">Threads per run, at least 1 (1 = the calling thread only). The process's helper threads are
        /// started here when fewer than <paramref name="threads"/> − 1 exist.</param>
        public ForkJoin(TState state, int threads)
        {
            ArgumentNullException.ThrowIfNull(state);
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
            _state = state;
            _helpers = threads - 1;
            HelperCrew.Ensure(_helpers);
        }

        /// <summary>The default thread count: every core the process may use.</summary>
        public static int DefaultThreads => Environment.ProcessorCount;

        /// <summary>Fork-join helper threads the process has started, for all fork-joins together (they are shared, and never more than the largest fork-join's threads − 1).</summary>
        public static int HelperThreads => HelperCrew.Count;

        /// <summary>Threads per run, the caller included; worker indices passed to the body are below this.</summary>
        public int Threads => _helpers + 1;

        /// <summary>
        /// Calls <paramref name="body"/>(state, worker, start, end) on disjoint row ranges covering [0, <paramref name="rows"/>)
        /// and returns when all are done. Each worker index is used by one thread at a time, so it can select per-worker scratch.
        /// An exception thrown by the body is rethrown here (the other ranges still finish first).
        /// </summary>
        /// <param name="rows">The number of rows.</param>
        /// <param name="body">The row-range body; pass a cached delegate (a static lambda) so the call allocates nothing.</param>
        public void Run(int rows, Action<TState, int, int, int> body)
        {
            HelperCrew.Helper[]? crew;
            if (_helpers == 0 || rows < MinRowsToFork || (crew = HelperCrew.TryRent()) is null)
            {
                body(_state, 0, 0, rows);
                return;
            }
            try
            {
                _body = body;
                _rows = rows;
                // About eight chunks per thread: small enough to even out a triangle, large enough that claiming is free.
                _chunk = Math.Max(1, rows / (8 * Threads));
                _chunks = (rows + _chunk - 1) / _chunk;
                _done = 0;
                _failure = null;
                Volatile.Write(ref _next, 0); // publishes the fields above to any helper that claims a chunk
                for (int h = 0; h < _helpers; h++) crew[h].Assign(this);
                Work(0);
                var spinner = new SpinWait();
                while (Volatile.Read(ref _done) < _chunks) spinner.SpinOnce(sleep1Threshold: -1);
                Volatile.Write(ref _next, Idle);
                for (int h = 0; h < _helpers; h++) crew[h].Release(this);
            }
            finally
            {
                HelperCrew.Return();
            }
            _body = null;
            _failure?.Throw();
        }

        void IForkJob.Help(int worker) => Work(worker);

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
    }
}
