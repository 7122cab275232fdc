using System;
using System.Collections.Generic;
using Circuits.Compiler;

namespace Circuits.Generator.Pipeline
{
    /// <summary>
    /// Compiled models, emitted sources and [Computes] checks by program fingerprint. The pipeline's transform runs again on
    /// every edit (the semantic model may have changed), but it only re-interprets the program, which is cheap; weight
    /// construction, emission and the check run again only when the fingerprint or the options change. Bounded; entries are immutable and keyed
    /// by content, so sharing them across compilations in one compiler process is safe.
    /// </summary>
    internal sealed class CompileMemo
    {
        internal sealed class Entry
        {
            public Entry(CompiledModel? model, CompileException? error, string? api, string? forward, ComputesReport? computes = null, int offender = -1)
            {
                Model = model; Error = error; Api = api; Forward = forward; Computes = computes; Offender = offender;
            }
            /// <summary>The creation index of the node at fault (see StagingInterpreter.CreationIndex), or -1.</summary>
            public int Offender { get; }
            public CompiledModel? Model { get; }
            public CompileException? Error { get; }
            public string? Api { get; }
            public string? Forward { get; }
            /// <summary>The [Computes] check's report (null without a declared task): run once per model, like the weights.</summary>
            public ComputesReport? Computes { get; }
        }

        private readonly int _capacity;
        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>();
        private readonly Queue<string> _order = new Queue<string>();
        private readonly Dictionary<string, int> _compilations = new Dictionary<string, int>();

        public CompileMemo(int capacity) { _capacity = capacity; }

        /// <summary>The entry for <paramref name="key"/>, built by <paramref name="build"/> when absent.</summary>
        public Entry GetOrAdd(string key, string vocabulary, Func<Entry> build)
        {
            lock (_entries)
                if (_entries.TryGetValue(key, out var hit)) return hit;
            var entry = build();
            lock (_entries)
            {
                _compilations[vocabulary] = (_compilations.TryGetValue(vocabulary, out var n) ? n : 0) + 1;
                if (_entries.TryGetValue(key, out Entry? value)) return value;
                _entries[key] = entry;
                _order.Enqueue(key);
                while (_order.Count > _capacity) _entries.Remove(_order.Dequeue());
                return entry;
            }
        }

        /// <summary>How many times a program with this vocabulary was compiled (for incrementality tests).</summary>
        public int Compilations(string vocabulary)
        {
            lock (_entries) return _compilations.TryGetValue(vocabulary, out var n) ? n : 0;
        }
    }
}
