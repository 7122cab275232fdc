using System;

namespace Circuits.Compiler
{
    /// <summary>
    /// A selector body compiled against leaf indices: per pair (<see cref="Holds"/>), or for one query against every key
    /// of a <see cref="KeyTable"/> at once (<see cref="Fill"/>), where each atom's predicate runs once per distinct key-leaf
    /// value rather than once per key. Both give the same answer for every key: predicates are functions of their values.
    /// </summary>
    internal abstract class SelectorTerm
    {
        /// <summary>Whether the selector holds for one key's and one query's leaf values.</summary>
        public abstract bool Holds(double[] keyLeaves, double[] queryLeaves);

        /// <summary>into[t] = Holds(key t's leaves, <paramref name="queryLeaves"/>) for keys t in [<paramref name="lo"/>, <paramref name="hi"/>).</summary>
        public abstract void Fill(KeyTable keys, double[] queryLeaves, bool[] into, int lo, int hi);

        /// <summary>A buffer of at least <paramref name="n"/> flags, kept across queries.</summary>
        protected static bool[] Buffer(ref bool[]? b, int n) => b != null && b.Length >= n ? b : b = new bool[n];

        /// <summary>P(key leaf, query leaf).</summary>
        public sealed class Atom : SelectorTerm
        {
            private readonly int _key, _query;
            private readonly Predicate _p;
            private bool[]? _table;
            public Atom(int key, int query, Predicate p) { _key = key; _query = query; _p = p; }

            public override bool Holds(double[] keyLeaves, double[] queryLeaves) => _p.Holds(keyLeaves[_key], queryLeaves[_query]);

            public override void Fill(KeyTable keys, double[] queryLeaves, bool[] into, int lo, int hi)
            {
                var values = keys.LeafValues[_key];
                var table = Buffer(ref _table, values.Length);
                double q = queryLeaves[_query];
                for (int d = 0; d < values.Length; d++) table[d] = _p.Holds(values[d], q);
                var cls = keys.LeafClass[_key];
                for (int t = lo; t < hi; t++) into[t] = table[cls[t]];
            }
        }

        /// <summary>Both, or either (<c>or</c>).</summary>
        public sealed class Both : SelectorTerm
        {
            private readonly SelectorTerm _a, _b;
            private readonly bool _or;
            private bool[]? _right;
            public Both(SelectorTerm a, SelectorTerm b, bool or) { _a = a; _b = b; _or = or; }

            public override bool Holds(double[] keyLeaves, double[] queryLeaves)
                => _or ? _a.Holds(keyLeaves, queryLeaves) || _b.Holds(keyLeaves, queryLeaves) : _a.Holds(keyLeaves, queryLeaves) && _b.Holds(keyLeaves, queryLeaves);

            public override void Fill(KeyTable keys, double[] queryLeaves, bool[] into, int lo, int hi)
            {
                _a.Fill(keys, queryLeaves, into, lo, hi);
                var right = Buffer(ref _right, keys.Count);
                _b.Fill(keys, queryLeaves, right, lo, hi);
                if (_or) for (int t = lo; t < hi; t++) into[t] |= right[t];
                else for (int t = lo; t < hi; t++) into[t] &= right[t];
            }
        }

        /// <summary>Negation.</summary>
        public sealed class Not : SelectorTerm
        {
            private readonly SelectorTerm _a;
            public Not(SelectorTerm a) { _a = a; }

            public override bool Holds(double[] keyLeaves, double[] queryLeaves) => !_a.Holds(keyLeaves, queryLeaves);

            public override void Fill(KeyTable keys, double[] queryLeaves, bool[] into, int lo, int hi)
            {
                _a.Fill(keys, queryLeaves, into, lo, hi);
                for (int t = lo; t < hi; t++) into[t] = !into[t];
            }
        }
    }
}
