using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Threading;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// One hard head evaluated by its meaning (see <see cref="SelectionCheck"/>) on the transposed residual (one row of
    /// positions per coordinate, see <see cref="IndexedForwardPass{T}"/>): every position's match codes are packed into one
    /// 64-bit key (<see cref="Pack"/>, per tile, in parallel), keys go into a table (direct-addressed when the codes span a
    /// small range, else a hash map) as the mask's scan reaches them (a prefix scan for causal masks, a suffix scan for
    /// anti-causal ones, all at once without a mask; <see cref="Select"/>, one thread), and each query looks its own code up:
    /// O(N) per head instead of O(N²). The selected key's value is copied exactly (<see cref="Copy"/>, per tile), which is the
    /// limit softmax approaches and what the certificate's tolerances are measured from.
    /// </summary>
    internal sealed class IndexedAttention<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Packed code of a position with a ⊥ conjunct: it is never selected and selects only the sink.</summary>
        private const long Bottom = -1;
        /// <summary>Packed code of a position whose coordinates are not a clean code: the head then runs exactly.</summary>
        private const long Unclean = -2;

        private readonly int _width, _stride, _tile;
        private readonly AttentionMask _mask;
        private readonly HardSelection _selection;
        private readonly int[] _sourceRows;                        // the residual rows W_V reads, ascending
        private readonly (int Source, T Weight)[][] _valueTerms;   // W_V by value column: (index into _sourceRows, weight)
        private readonly (int Col, T Weight)[][] _outputTerms;     // W_O by value row: its non-zeros
        private readonly bool _vectorPack;
        private readonly T[] _positions, _bosColumn;               // p, and the BOS coordinate's clean value (1 at p = 0), per position
        private readonly KeyTable _seen;
        private readonly CausalScan _causalScan;
        private long _minKey, _maxKey; // the range of this call's packed key codes (⊥ excluded)
        private readonly long[] _queryCodes, _keyCodes;
        private readonly int[] _chosen;
        private int[]? _keyAt;      // with fixed keys (see FixKeys): the key position of each code, 0 for none
        private int _count;         // with fixed keys: this call's positions, for the lookups made while packing
        private int _unclean;       // with fixed keys: 1 once a packed query is Unclean this call
        private readonly int _lowOffset, _highOffset; // the key offsets j − i the mask allows (see VisibleOffsets)
        private readonly int[][]? _valueCodes; // per group of 16 source rows, per position: their clean values, 2 bits each (see PackValues); null when not packed
        private int _valuesUnclean;          // 1 once a position of this call holds a source value that is not +0 or ±1

        /// <param name="head">The head.</param>
        /// <param name="selection">Its checked selection.</param>
        /// <param name="width">The residual width.</param>
        /// <param name="stride">Positions per residual row (the padded length).</param>
        /// <param name="tile">The most positions one <see cref="Copy"/> call covers.</param>
        /// <param name="positions">p at each position p (exact in T for every stride).</param>
        /// <param name="bosColumn">The BOS coordinate's clean value at each position.</param>
        /// <param name="table">The pass's shared lookup table.</param>
        /// <param name="causalScan">The pass's shared scan for causal heads whose codes span a small range.</param>
        public IndexedAttention(AttentionHead head, HardSelection selection, int width, int stride, int tile, T[] positions, T[] bosColumn, KeyTable table, CausalScan causalScan)
        {
            _seen = table;
            _causalScan = causalScan;
            _width = width;
            _stride = stride;
            _tile = tile;
            _mask = head.Mask;
            (_lowOffset, _highOffset) = VisibleOffsets(_mask);
            _selection = selection;
            _positions = positions;
            _bosColumn = bosColumn;
            int dv = head.Value.Cols;
            var sources = new SortedSet<int>();
            var written = new SortedSet<int>();
            for (int e = 0; e < dv; e++)
                for (int r = 0; r < width; r++)
                    if (head.Value[r, e] != 0) sources.Add(r);
            _sourceRows = sources.ToArray();
            _valueTerms = new (int, T)[dv][];
            _outputTerms = new (int, T)[dv][];
            for (int e = 0; e < dv; e++)
            {
                var terms = new List<(int, T)>();
                for (int s = 0; s < _sourceRows.Length; s++)
                    if (head.Value[_sourceRows[s], e] != 0) terms.Add((s, T.CreateChecked(head.Value[_sourceRows[s], e])));
                _valueTerms[e] = terms.ToArray();
                var outputs = new List<(int, T)>();
                for (int c = 0; c < width; c++)
                    if (head.Output[e, c] != 0) { outputs.Add((c, T.CreateChecked(head.Output[e, c]))); written.Add(c); }
                _outputTerms[e] = outputs.ToArray();
            }
            WrittenColumns = written.ToArray();
            var termCount = new int[width];
            foreach (var outputs in _outputTerms)
                foreach (var (c, _) in outputs) termCount[c]++;
            SingleTermOutputs = Array.TrueForAll(WrittenColumns, c => termCount[c] == 1);
            _vectorPack = VectorPackable(selection);
            _queryCodes = new long[stride];
            _keyCodes = new long[stride];
            _chosen = new int[stride];
            if ((typeof(T) == typeof(float) || typeof(T) == typeof(double)) && Avx512F.IsSupported && _sourceRows.Length is > 0 and <= MaxPackedRows && stride % ValueLanes == 0)
            {
                _valueCodes = new int[(_sourceRows.Length + RowsPerCode - 1) / RowsPerCode][];
                for (int g = 0; g < _valueCodes.Length; g++) _valueCodes[g] = new int[stride];
            }
        }

        /// <summary>Lanes of the float32 value packing and packed copy: 16 per 512-bit vector (a multiple of float64's 8).</summary>
        private const int ValueLanes = 16;
        /// <summary>Source rows per 32-bit value code (2 bits each), and the most rows packed (beyond, the copy gathers rows).</summary>
        private const int RowsPerCode = 16, MaxPackedRows = 64;

        /// <summary>
        /// Whether <see cref="Pack"/> also packs each position's source values (every W_V row's +0/±1 in 2 bits, float32 or float64 with
        /// AVX-512 and at most 64 rows), so <see cref="Copy"/> reads a key's values with one gather from a snapshot taken
        /// when the codes were packed, not from the residual, which the layer's MLP may be rewriting at that moment.
        /// </summary>
        public bool PacksValues => _valueCodes is not null;

        /// <summary>
        /// Whether this call's <see cref="Copy"/> may run while the residual's source rows change: the values were packed and
        /// every position's were clean. Otherwise the copy must read the residual before anything writes it.
        /// </summary>
        public bool CopiesFromSnapshot => _valueCodes is not null && Volatile.Read(ref _valuesUnclean) == 0;

        /// <summary>Whether each coordinate this head writes gets exactly one term v_e·W_O[e, c] (see <see cref="CopyIntoResidual"/>).</summary>
        public bool SingleTermOutputs { get; }

        /// <summary>The residual coordinates this head writes (W_O's non-zero columns), ascending.</summary>
        public int[] WrittenColumns { get; }

        /// <summary>The residual rows a <see cref="Copy"/> reads at the selected key positions (W_V's non-zero rows), ascending.</summary>
        public IReadOnlyList<int> SourceRowIndices => _sourceRows;

        /// <summary>How many residual rows a <see cref="Copy"/> gathers: its scratch holds this many tile rows.</summary>
        public int SourceRows => _sourceRows.Length;

        /// <summary>
        /// Precomputes the keys when they do not depend on the input: <paramref name="keyRow"/>(p) is position p's residual
        /// row as this head reads it, valid at the key and constant coordinates (the caller proved no token and no earlier
        /// layer changes them). When every key is clean and no code occurs at two positions, each query then finds its key
        /// with one lookup while the codes are packed (in parallel), and the constant coordinates need no check per call;
        /// otherwise nothing changes. Returns whether the keys are fixed.
        /// </summary>
        public bool FixKeys(int maxLength, Func<int, T[]> keyRow)
        {
            if (!_vectorPack) return false;
            int bits = 0;
            foreach (var m in _selection.Matches) bits += m.Encoding == Encoding.Binary ? m.Dims : SelectionCheck.BitsFor(m.Dims);
            if (bits > 30 || (1 << bits) > 4 * (maxLength + 1)) return false;
            var keyAt = new int[1 << bits];
            for (int p = 0; p <= maxLength; p++)
            {
                PackRow(keyRow(p), p, out _, out long key);
                if (key == Unclean) return false;
                if (p == 0 || key == Bottom) continue;
                if (keyAt[key] != 0) return false; // two keys share a code: the scan's tie-break decides
                keyAt[key] = p;
            }
            _keyAt = keyAt;
            return true;
        }

        /// <summary>Starts a call of <paramref name="count"/> positions (before any <see cref="Pack"/>).</summary>
        public void Begin(int count)
        {
            _count = count;
            _unclean = 0;
            _valuesUnclean = 0;
        }

        /// <summary>
        /// Whether every match code fits a T exactly as Σ bit·2^k (one-hot and ±1 codes whose packed key has no more bits than
        /// T's significand): then the codes of a vector of positions are computed at once, in T arithmetic, exactly.
        /// </summary>
        private static bool VectorPackable(HardSelection selection)
        {
            int bits = 0;
            foreach (var m in selection.Matches)
            {
                if (m.Encoding == Encoding.Binary) bits += m.Dims;
                else if (m.Encoding == Encoding.OneHot) bits += SelectionCheck.BitsFor(m.Dims);
                else return false;
            }
            int significand = typeof(T) == typeof(float) ? 24 : 53;
            return bits <= significand;
        }

        /// <summary>
        /// Whether <see cref="Pack"/> may use 512-bit vectors where the hardware accelerates them (the default); tests turn it
        /// off to run the <see cref="Vector{T}"/> path on the same machine. Both paths compute the same codes.
        /// </summary>
        internal static bool AllowWide { get; set; } = true;

        /// <summary>
        /// Packs the query and key codes of positions [<paramref name="p0"/>, <paramref name="p0"/> + <paramref name="length"/>)
        /// (whole vectors; padding past the input is packed too and never read): a position whose coordinates are off their
        /// code, or whose constant coordinates (the one, BOS and tie-break coordinates) hold the wrong value, gets the Unclean
        /// code, which <see cref="Select"/> refuses. <paramref name="row"/> is one position's scratch row (the scalar path).
        /// </summary>
        public void Pack(T[] x, int p0, int length, T[] row)
        {
            if (_valueCodes is not null)
            {
                ref T x0 = ref MemoryMarshal.GetArrayDataReference(x);
                if (typeof(T) == typeof(float)) PackValues(ref Unsafe.As<T, int>(ref x0), p0, length, 0x3F800000, unchecked((int)0xBF800000));
                else PackValues(ref Unsafe.As<T, long>(ref x0), p0, length, 0x3FF0000000000000, unchecked((long)0xBFF0000000000000));
            }
            if (_vectorPack)
            {
                // 512-bit vectors where accelerated and the tile is whole wide vectors, else the portable width.
                if (AllowWide && Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && p0 % Vector512<T>.Count == 0 && length % Vector512<T>.Count == 0)
                    PackVectors<Vector512<T>, WideLanes<T>>(x, p0, length);
                else PackVectors<Vector<T>, NativeLanes<T>>(x, p0, length);
                return;
            }
            for (int p = p0; p < p0 + length; p++)
            {
                for (int c = 0; c < _width; c++) row[c] = x[c * _stride + p];
                PackRow(row, p, out _queryCodes[p], out _keyCodes[p]);
            }
        }

        private void PackVectors<TV, TL>(T[] x, int p0, int length) where TL : struct, ILanes<TV, T>
        {
            // Fixed keys imply a vector-packable selection (see FixKeys).
            if (_keyAt is not null)
                for (int p = p0; p < p0 + length; p += TL.Count) PackQueries<TV, TL>(x, p);
            else
                for (int p = p0; p < p0 + length; p += TL.Count) PackVector<TV, TL>(x, p);
        }

        /// <summary>
        /// With fixed keys: the query codes of positions [p, p + lanes), and each query's key looked up at once — the key
        /// position with the query's code when the mask lets the query see it and it is one of this call's positions, else
        /// the sink; the same choice as the scan's, since no two keys share a code.
        /// </summary>
        private void PackQueries<TV, TL>(T[] x, int p) where TL : struct, ILanes<TV, T>
        {
            ref T xs = ref x[0];
            TV bad = TL.Zero;
            TV query = Codes<TV, TL>(ref xs, p, query: true, ref bad, out TV bottom, out _);
            Store<TV, TL>(query, bad, bottom, _queryCodes, p);
            int[] keyAt = _keyAt!;
            long[] codes = _queryCodes;
            int[] chosen = _chosen;
            int count = _count, low = _lowOffset, high = _highOffset;
            bool unclean = false;
            for (int i = p; i < p + TL.Count; i++)
            {
                long q = codes[i];
                unclean |= q == Unclean & i < count;
                // Bottom and Unclean (negative) select the sink, as does a code no key holds (its slot is 0).
                int j = (ulong)q < (ulong)keyAt.Length ? keyAt[q] : 0;
                int offset = j - i;
                chosen[i] = j < count & offset >= low & offset <= high ? j : 0;
            }
            if (unclean) Volatile.Write(ref _unclean, 1);
        }

        /// <summary>
        /// The source values of positions [<paramref name="p0"/>, <paramref name="p0"/> + <paramref name="length"/>) (whole
        /// vectors) into <see cref="_valueCodes"/>: row s's value as 2 bits at bit 2(s mod 16) of group s / 16's code (+0 → 0,
        /// +1 → 1, −1 → 2, by exact bits, so −0 is unclean); a position of this call with any other value sets
        /// <see cref="_valuesUnclean"/>. The values are compared as their bit patterns: int for float32, long for float64.
        /// </summary>
        private void PackValues<TBits>(ref TBits x0, int p0, int length, TBits plusOne, TBits minusOne) where TBits : unmanaged, IBinaryInteger<TBits>
        {
            Vector512<TBits> unclean = Vector512<TBits>.Zero, one = Vector512<TBits>.One, two = Vector512.Create(TBits.CreateTruncating(2));
            for (int p = p0; p < p0 + length; p += Vector512<TBits>.Count)
            {
                Vector512<TBits> bad = Vector512<TBits>.Zero;
                for (int g = 0; g < _valueCodes!.Length; g++)
                {
                    Vector512<TBits> code = Vector512<TBits>.Zero;
                    for (int s = g * RowsPerCode; s < Math.Min(_sourceRows.Length, (g + 1) * RowsPerCode); s++)
                    {
                        Vector512<TBits> bits = Vector512.LoadUnsafe(ref x0, (nuint)(_sourceRows[s] * _stride + p));
                        Vector512<TBits> isOne = Vector512.Equals(bits, Vector512.Create(plusOne));
                        Vector512<TBits> isMinusOne = Vector512.Equals(bits, Vector512.Create(minusOne));
                        bad |= ~(isOne | isMinusOne | Vector512.Equals(bits, Vector512<TBits>.Zero));
                        code |= ((isOne & one) | (isMinusOne & two)) << (2 * (s - g * RowsPerCode));
                    }
                    // 32-bit codes: float32 lanes store as they are, float64 lanes narrow.
                    if (typeof(TBits) == typeof(int)) code.As<TBits, int>().StoreUnsafe(ref _valueCodes[g][0], (nuint)p);
                    else Avx512F.ConvertToVector256Int32(code.As<TBits, long>()).StoreUnsafe(ref _valueCodes[g][0], (nuint)p);
                }
                // Padding past the input is never selected: only this call's positions count.
                unclean |= bad & Vector512.LessThan(Vector512<TBits>.Indices + Vector512.Create(TBits.CreateTruncating(p)), Vector512.Create(TBits.CreateTruncating(_count)));
            }
            if (unclean != Vector512<TBits>.Zero) Volatile.Write(ref _valuesUnclean, 1);
        }

        /// <summary>The key offsets j − i the mask lets a query see, as [low, high]: the mask's test without a branch per lane.</summary>
        private static (int Low, int High) VisibleOffsets(AttentionMask mask) => mask switch
        {
            AttentionMask.Causal => (int.MinValue, 0),
            AttentionMask.StrictCausal => (int.MinValue, -1),
            AttentionMask.AntiCausal => (0, int.MaxValue),
            AttentionMask.StrictAntiCausal => (1, int.MaxValue),
            _ => (int.MinValue, int.MaxValue),
        };

        /// <summary>The codes of the positions [p, p + lanes) at once: the scalar <see cref="PackRow"/>'s rules, lane by lane.</summary>
        private void PackVector<TV, TL>(T[] x, int p) where TL : struct, ILanes<TV, T>
        {
            var sel = _selection;
            ref T xs = ref x[0];
            TV bad = TL.Not(TL.Equal(TL.Load(ref xs, (nuint)(sel.OneOffset * _stride + p)), TL.One));
            bad = TL.Or(bad, TL.Not(TL.Equal(TL.Load(ref xs, (nuint)(sel.BosOffset * _stride + p)), TL.Load(ref _bosColumn[0], (nuint)p))));
            TV position = TL.Load(ref _positions[0], (nuint)p);
            if (sel.TieBreak != TieBreak.None) bad = TL.Or(bad, TL.Not(TL.Equal(TL.Load(ref xs, (nuint)(sel.TieBreakOffset * _stride + p)), position)));
            TV query = Codes<TV, TL>(ref xs, p, query: true, ref bad, out TV queryBottom, out _);
            TV keyBad = bad;
            TV key = Codes<TV, TL>(ref xs, p, query: false, ref keyBad, out TV keyBottom, out TV keyAllBottom);
            // The sink's score is exactly the sink weight only when every code it holds is ⊥.
            keyBad = TL.Or(keyBad, TL.And(TL.Equal(position, TL.Zero), TL.Not(keyAllBottom)));
            Store<TV, TL>(query, bad, queryBottom, _queryCodes, p);
            Store<TV, TL>(key, keyBad, keyBottom, _keyCodes, p);
        }

        /// <summary>Stores the lanes' codes as longs: Unclean where <paramref name="bad"/>, else Bottom where <paramref name="bottom"/>, else the code (exact in T).</summary>
        private static void Store<TV, TL>(TV code, TV bad, TV bottom, long[] codes, int p) where TL : struct, ILanes<TV, T>
            => TL.StoreLongs(TL.Select(bad, TL.Splat(T.CreateChecked(Unclean)), TL.Select(bottom, TL.Splat(T.CreateChecked(Bottom)), code)), codes, p);

        /// <summary>
        /// Σ over matches of code·2^(bits after it), the packed key of <see cref="PackRow"/> (first match in the high bits), for
        /// a vector of positions; <paramref name="bad"/> gains the lanes with an unclean coordinate, <paramref name="bottom"/>
        /// is the lanes with a ⊥ conjunct, <paramref name="allBottom"/> those whose every conjunct is ⊥. Masks are all-ones lanes.
        /// </summary>
        private TV Codes<TV, TL>(ref T xs, int p, bool query, ref TV bad, out TV bottom, out TV allBottom) where TL : struct, ILanes<TV, T>
        {
            TV packed = TL.Zero, one = TL.One, zero = TL.Zero, minusOne = TL.Splat(-T.One);
            bottom = zero;
            allBottom = TL.Not(zero);
            foreach (var m in _selection.Matches)
            {
                int offset = query ? m.QueryOffset : m.KeyOffset;
                TV code = zero, count = zero, none;
                T weight = T.One; // 2^b for ±1 codes, b for one-hot codes
                for (int b = 0; b < m.Dims; b++)
                {
                    TV c = TL.Load(ref xs, (nuint)((offset + b) * _stride + p));
                    TV isOne = TL.Equal(c, one), isZero = TL.Equal(c, zero);
                    if (m.Encoding == Encoding.Binary)
                    {
                        code = TL.Add(code, TL.And(isOne, TL.Splat(weight)));
                        count = TL.Add(count, TL.And(isZero, one));
                        bad = TL.Or(bad, TL.Not(TL.Or(TL.Or(isOne, isZero), TL.Equal(c, minusOne))));
                        weight += weight;
                    }
                    else
                    {
                        code = TL.Add(code, TL.And(isOne, TL.Splat(T.CreateChecked(b))));
                        count = TL.Add(count, TL.And(isOne, one));
                        bad = TL.Or(bad, TL.Not(TL.Or(isOne, isZero)));
                    }
                }
                int bits;
                if (m.Encoding == Encoding.Binary)
                {
                    // All zeros is ⊥; some zeros among ±1s is no code at all.
                    none = TL.Equal(count, TL.Splat(T.CreateChecked(m.Dims)));
                    bad = TL.Or(bad, TL.And(TL.Not(none), TL.Not(TL.Equal(count, zero))));
                    bits = m.Dims;
                }
                else
                {
                    none = TL.Equal(count, zero);
                    bad = TL.Or(bad, TL.Greater(count, one));
                    bits = SelectionCheck.BitsFor(m.Dims);
                }
                packed = TL.Add(TL.Multiply(packed, TL.Splat(T.CreateChecked(1L << bits))), code);
                bottom = TL.Or(bottom, none);
                allBottom = TL.And(allBottom, none);
            }
            return packed;
        }

        /// <summary>One position's codes from its row (any encoding, any key width): Unclean where the proof's assumptions fail.</summary>
        private void PackRow(ReadOnlySpan<T> row, int p, out long query, out long key)
        {
            var sel = _selection;
            query = key = Unclean;
            if (row[sel.OneOffset] != T.One) return;
            if (row[sel.BosOffset] != (p == 0 ? T.One : T.Zero)) return;
            if (sel.TieBreak != TieBreak.None && row[sel.TieBreakOffset] != T.CreateChecked(p)) return;
            long q = PackCodes(row, query: true, out _), k = PackCodes(row, query: false, out bool allBottom);
            // The sink's score is exactly the sink weight only when every code it holds is ⊥.
            if (p == 0 && !allBottom) return;
            query = q;
            key = k;
        }

        /// <summary>
        /// Picks each query's key among the first <paramref name="count"/> positions (packed by <see cref="Pack"/>), or returns
        /// false when the residual does not hold what the selection's proof assumes (an Unclean code, or two keys tied with no
        /// tie-break); the caller then runs the head exactly.
        /// </summary>
        public bool Select(int count)
        {
            if (_keyAt is not null) return Volatile.Read(ref _unclean) == 0;
            _minKey = long.MaxValue;
            _maxKey = long.MinValue;
            for (int p = 0; p < count; p++)
            {
                long q = _queryCodes[p], k = _keyCodes[p];
                if (q == Unclean || k == Unclean) return false;
                if (p > 0 && k != Bottom)
                {
                    if (k < _minKey) _minKey = k;
                    if (k > _maxKey) _maxKey = k;
                }
            }
            // Padding positions copy the sink: in bounds, and never read.
            Array.Clear(_chosen, count, _chosen.Length - count);
            return Scan(count);
        }

        /// <summary>
        /// Adds the head's output at positions [<paramref name="p0"/>, <paramref name="p0"/> + <paramref name="length"/>) (whole
        /// vectors, at most the tile) to the delta rows <paramref name="delta"/>, after a successful <see cref="Select"/>:
        /// v = Σ W_V·x[chosen], delta += v·W_O, the operations of a per-position copy in its order. <paramref name="gather"/>
        /// holds <see cref="SourceRows"/> tile rows.
        /// </summary>
        public void Copy(T[] x, T[] delta, int p0, int length, T[] gather)
        {
            if (CopiesFromSnapshot)
            {
                CopyPacked(delta, p0, length, intoResidual: false);
                return;
            }
            for (int s = 0; s < _sourceRows.Length; s++)
                Gather.Run<T>(x.AsSpan(_sourceRows[s] * _stride, _stride), _chosen.AsSpan(p0, length), gather.AsSpan(s * _tile, length));
            ref T g = ref gather[0];
            ref T d = ref delta[0];
            for (int e = 0; e < _valueTerms.Length; e++)
            {
                var terms = _valueTerms[e];
                var outputs = _outputTerms[e];
                for (int v = 0; v < length; v += Vector<T>.Count)
                {
                    Vector<T> value = Vector<T>.Zero;
                    foreach (var (s, w) in terms) value += Vector.LoadUnsafe(ref g, (nuint)(s * _tile + v)) * new Vector<T>(w);
                    foreach (var (col, w) in outputs)
                    {
                        nuint at = (nuint)(col * _stride + p0 + v);
                        (Vector.LoadUnsafe(ref d, at) + value * new Vector<T>(w)).StoreUnsafe(ref d, at);
                    }
                }
            }
        }

        /// <summary>
        /// x += this head's output at a tile, when it is a layer's only head, <see cref="SingleTermOutputs"/> and
        /// <see cref="CopiesFromSnapshot"/>: the floats of clearing a sum, adding the head's one term and adding the sum to x,
        /// without the sum's rows (+0 + t is t with −0 made +0).
        /// </summary>
        public void CopyIntoResidual(T[] x, int p0, int length)
        {
            if (!SingleTermOutputs || !CopiesFromSnapshot) throw new InvalidOperationException("the head's output is not one term per coordinate from packed values");
            CopyPacked(x, p0, length, intoResidual: true);
        }

        /// <summary>
        /// <see cref="Copy"/> from the packed values: per vector of queries, one gather of the selected keys' codes per group
        /// of 16 source rows, each source value rebuilt exactly (+0, +1 or −1) by a permute, then the same multiply-adds in the
        /// same order as the residual copy.
        /// </summary>
        private void CopyPacked(T[] target, int p0, int length, bool intoResidual)
        {
            Span<Vector512<T>> source = stackalloc Vector512<T>[MaxPackedRows];
            Span<int> gathered = stackalloc int[ValueLanes];
            ref T d = ref MemoryMarshal.GetArrayDataReference(target);
            for (int v = 0; v < length; v += Vector512<T>.Count)
            {
                ReadOnlySpan<int> keys = _chosen.AsSpan(p0 + v, Vector512<T>.Count);
                for (int g = 0; g < _valueCodes!.Length; g++)
                {
                    // The selected keys' codes, gathered (keys are positions of this call; the check costs nothing next to the copy).
                    int[] codes = _valueCodes[g];
                    for (int l = 0; l < keys.Length; l++) gathered[l] = Code(codes, keys[l]);
                    int first = g * RowsPerCode, end = Math.Min(_sourceRows.Length, first + RowsPerCode);
                    if (typeof(T) == typeof(float))
                    {
                        Vector512<int> packed = Vector512.Create<int>(gathered);
                        var values = Vector512.Create(0f, 1f, -1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f);
                        for (int s = first; s < end; s++)
                            source[s] = Avx512F.PermuteVar16x32(values, (packed >>> (2 * (s - first))) & Vector512.Create(3)).As<float, T>();
                    }
                    else
                    {
                        Vector512<long> packed = Vector512.WidenLower(Vector256.Create<int>(gathered[..8]).ToVector512());
                        var values = Vector512.Create(0d, 1d, -1d, 0d, 0d, 0d, 0d, 0d);
                        for (int s = first; s < end; s++)
                            source[s] = Avx512F.PermuteVar8x64(values, (packed >>> (2 * (s - first))) & Vector512.Create(3L)).As<double, T>();
                    }
                }
                for (int e = 0; e < _valueTerms.Length; e++)
                {
                    Vector512<T> value = Vector512<T>.Zero;
                    foreach (var (s, w) in _valueTerms[e]) value += source[s] * Vector512.Create(w);
                    foreach (var (col, w) in _outputTerms[e])
                    {
                        nuint at = (nuint)(col * _stride + p0 + v);
                        Vector512<T> term = value * Vector512.Create(w);
                        // The cleared sum's +0 + term: the same bits as the term, but +0 for −0.
                        if (intoResidual) term = Vector512.ConditionalSelect(Vector512.Equals(term, Vector512<T>.Zero), Vector512<T>.Zero, term);
                        (Vector512.LoadUnsafe(ref d, at) + term).StoreUnsafe(ref d, at);
                    }
                }
            }
        }

        /// <summary>A selected key's value code; keys are positions of this call, so out of range is a bug, said loudly.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Code(int[] codes, int key) => (uint)key < (uint)codes.Length ? codes[key] : throw new InvalidOperationException($"selected key {key} is outside the {codes.Length} positions");

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
        private bool Scan(int count)
        {
            bool causal = _mask is AttentionMask.Causal or AttentionMask.StrictCausal;
            if (causal && _causalScan.Fits(_minKey, _maxKey))
                return _causalScan.Run(_queryCodes, _keyCodes, count, _minKey, _maxKey, _mask == AttentionMask.StrictCausal, _selection.TieBreak, _chosen);
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

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Add(int j)
        {
            long k = _keyCodes[j];
            if (k != Bottom) _seen.Add(k, j);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
