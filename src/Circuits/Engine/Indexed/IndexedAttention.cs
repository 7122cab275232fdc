using System;
using System.Collections.Generic;
using System.Numerics;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// One hard head evaluated by its meaning (see <see cref="SelectionCheck"/>): every position's match codes are packed
    /// into one 64-bit key, keys go into a table (direct-addressed when the codes span a small range, else a hash map) as the mask's scan reaches them (a prefix scan for causal masks, a
    /// suffix scan for anti-causal ones, all at once without a mask), and each query looks its own code up: O(N) per head
    /// instead of O(N²). The selected key's value is copied exactly, which is the limit softmax approaches and what the
    /// certificate's tolerances are measured from.
    /// </summary>
    internal sealed class IndexedAttention<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Packed code of a position with a ⊥ conjunct: it is never selected and selects only the sink.</summary>
        private const long Bottom = -1;
        /// <summary>Packed code of a position whose coordinates are not a clean code: the head then runs exactly.</summary>
        private const long Unclean = -2;

        private readonly int _width;
        private readonly AttentionMask _mask;
        private readonly HardSelection _selection;
        private readonly (int Row, T Weight)[][] _valueColumns;   // W_V by value column: its non-zeros
        private readonly (int Col, T Weight)[][] _outputRows;     // W_O by value row: its non-zeros
        private readonly T[] _value;
        private readonly KeyTable _seen;
        private long _minKey, _maxKey; // the range of this call's packed key codes (⊥ excluded)
        private readonly long[] _queryCodes, _keyCodes;
        private readonly int[] _chosen;

        public IndexedAttention(AttentionHead head, HardSelection selection, int width, int positions, KeyTable table)
        {
            _seen = table;
            _width = width;
            _mask = head.Mask;
            _selection = selection;
            int dv = head.Value.Cols;
            _valueColumns = new (int, T)[dv][];
            _outputRows = new (int, T)[dv][];
            var column = new List<(int, T)>();
            for (int e = 0; e < dv; e++)
            {
                column.Clear();
                for (int r = 0; r < width; r++) if (head.Value[r, e] != 0) column.Add((r, T.CreateChecked(head.Value[r, e])));
                _valueColumns[e] = column.ToArray();
                column.Clear();
                for (int c = 0; c < width; c++) if (head.Output[e, c] != 0) column.Add((c, T.CreateChecked(head.Output[e, c])));
                _outputRows[e] = column.ToArray();
            }
            _value = new T[dv];
            _queryCodes = new long[positions];
            _keyCodes = new long[positions];
            _chosen = new int[positions];
        }

        /// <summary>
        /// Adds the head's output at each of the first <paramref name="count"/> positions to <paramref name="delta"/>, or returns
        /// false having written nothing when the residual does not hold what the selection's proof assumes (a coordinate off its
        /// code, the constant coordinates changed, or two keys tied with no tie-break); the caller then runs the head exactly.
        /// </summary>
        public bool TryApply(ReadOnlySpan<T> x, int count, Span<T> delta)
        {
            if (!Pack(x, count)) return false;
            if (!Select(count)) return false;
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<T> source = x.Slice(_chosen[i] * _width, _width);
                Span<T> target = delta.Slice(i * _width, _width);
                for (int e = 0; e < _value.Length; e++)
                {
                    T v = T.Zero;
                    foreach (var (row, w) in _valueColumns[e]) v += source[row] * w;
                    if (v == T.Zero) continue;
                    foreach (var (col, w) in _outputRows[e]) target[col] += v * w;
                }
            }
            return true;
        }

        /// <summary>Packs each position's query and key codes; checks the constant coordinates the proof relies on.</summary>
        private bool Pack(ReadOnlySpan<T> x, int count)
        {
            var sel = _selection;
            bool tie = sel.TieBreak != TieBreak.None;
            _minKey = long.MaxValue;
            _maxKey = long.MinValue;
            for (int p = 0; p < count; p++)
            {
                ReadOnlySpan<T> row = x.Slice(p * _width, _width);
                if (row[sel.OneOffset] != T.One) return false;
                if (row[sel.BosOffset] != (p == 0 ? T.One : T.Zero)) return false;
                if (tie && row[sel.TieBreakOffset] != T.CreateChecked(p)) return false;
                long q = PackCodes(row, query: true, out _), k = PackCodes(row, query: false, out bool allBottom);
                if (q == Unclean || k == Unclean) return false;
                // The sink's score is exactly the sink weight only when every code it holds is ⊥.
                if (p == 0 && !allBottom) return false;
                _queryCodes[p] = q;
                _keyCodes[p] = k;
                if (p > 0 && k != Bottom)
                {
                    if (k < _minKey) _minKey = k;
                    if (k > _maxKey) _maxKey = k;
                }
            }
            return true;
        }

        private long PackCodes(ReadOnlySpan<T> row, bool query, out bool allBottom)
        {
            long packed = 0;
            bool bottom = false;
            allBottom = true;
            foreach (var m in _selection.Matches)
            {
                ReadOnlySpan<T> c = row.Slice(query ? m.QueryOffset : m.KeyOffset, m.Dims);
                long code;
                int bits;
                bool none = false; // this conjunct is ⊥
                switch (m.Encoding)
                {
                    case Encoding.Binary:
                        code = 0; bits = m.Dims;
                        int zeros = 0;
                        for (int b = 0; b < m.Dims; b++)
                        {
                            if (c[b] == T.One) code |= 1L << b;
                            else if (c[b] == T.Zero) zeros++;
                            else if (c[b] != -T.One) return Unclean;
                        }
                        if (zeros == m.Dims) { none = true; code = 0; }
                        else if (zeros != 0) return Unclean;
                        break;
                    case Encoding.OneHot:
                        code = -1; bits = SelectionCheck.BitsFor(m.Dims);
                        for (int b = 0; b < m.Dims; b++)
                        {
                            if (c[b] == T.One) { if (code >= 0) return Unclean; code = b; }
                            else if (c[b] != T.Zero) return Unclean;
                        }
                        if (code < 0) { none = true; code = 0; }
                        break;
                    default: // quadratic (1, v, v²) with an integer v, or ⊥ = (0, 0, 0)
                        bits = SelectionCheck.QuadraticBits;
                        if (c[0] == T.Zero && c[1] == T.Zero && c[2] == T.Zero) { none = true; code = 0; break; }
                        T v = c[1];
                        if (c[0] != T.One || T.Round(v) != v || c[2] != v * v || T.Abs(v) >= T.CreateChecked(int.MaxValue)) return Unclean;
                        code = (long)int.CreateChecked(v) - int.MinValue; // monotone in v: a run of positions is a small range
                        break;
                }
                packed = (packed << bits) | code;
                bottom |= none;
                allBottom &= none;
            }
            return bottom ? Bottom : packed;
        }

        /// <summary>
        /// Picks each query's key: the rightmost / leftmost / only visible key with the query's packed code, else the sink (0).
        /// Visible keys enter the map in scan order, so each query sees exactly the keys its mask allows.
        /// </summary>
        private bool Select(int count)
        {
            _seen.Reset(_minKey, _maxKey);
            switch (_mask)
            {
                case AttentionMask.Causal:
                case AttentionMask.StrictCausal:
                    for (int i = 0; i < count; i++)
                    {
                        if (_mask == AttentionMask.Causal && i >= 1) Add(i);
                        if (!Choose(i)) return false;
                        if (_mask == AttentionMask.StrictCausal && i >= 1) Add(i);
                    }
                    return true;
                case AttentionMask.AntiCausal:
                case AttentionMask.StrictAntiCausal:
                    for (int i = count - 1; i >= 0; i--)
                    {
                        if (_mask == AttentionMask.AntiCausal && i >= 1) Add(i);
                        if (!Choose(i)) return false;
                        if (_mask == AttentionMask.StrictAntiCausal && i >= 1) Add(i);
                    }
                    return true;
                default:
                    for (int j = 1; j < count; j++) Add(j);
                    for (int i = 0; i < count; i++) if (!Choose(i)) return false;
                    return true;
            }
        }

        private void Add(int j)
        {
            long k = _keyCodes[j];
            if (k != Bottom) _seen.Add(k, j);
        }

        private bool Choose(int i)
        {
            long q = _queryCodes[i];
            if (q == Bottom || !_seen.TryGet(q, out var o)) { _chosen[i] = 0; return true; }
            switch (_selection.TieBreak)
            {
                case TieBreak.Rightmost: _chosen[i] = o.Max; return true;
                case TieBreak.Leftmost: _chosen[i] = o.Min; return true;
                default:
                    // Several keys tie at the top: softmax averages them, which a lookup of one key does not; run exactly.
                    if (o.Count > 1) return false;
                    _chosen[i] = o.Max;
                    return true;
            }
        }
    }
}
