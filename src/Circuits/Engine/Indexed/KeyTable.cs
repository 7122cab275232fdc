using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Circuits
{
    /// <summary>Where one packed code occurs among the keys a query may see: the leftmost, the rightmost and how many.</summary>
    internal struct Occurrences
    {
        public int Min, Max, Count;
    }

    /// <summary>
    /// Packed key code → <see cref="Occurrences"/>, rebuilt by every head on every call. When the call's codes span a range
    /// no wider than the slot array (positions, ±1 codes of up to log2 of it bits) they are addressed directly, with a
    /// generation stamp instead of clearing; otherwise a hash map. Shared by the heads of a pass, which run one at a time.
    /// </summary>
    internal sealed class KeyTable
    {
        private readonly Occurrences[] _slots;
        private readonly int[] _stamps;
        private readonly Dictionary<long, Occurrences> _map = new Dictionary<long, Occurrences>();
        private int _generation;
        private long _min;
        private bool _direct;

        public KeyTable(int slots)
        {
            _slots = new Occurrences[slots];
            _stamps = new int[slots];
        }

        /// <summary>Empties the table for codes in [<paramref name="min"/>, <paramref name="max"/>] (min &gt; max: no codes).</summary>
        public void Reset(long min, long max)
        {
            _min = min;
            _direct = max < min || max - min < _slots.Length;
            if (!_direct) { _map.Clear(); return; }
            if (++_generation == int.MaxValue)
            {
                System.Array.Clear(_stamps);
                _generation = 1;
            }
        }

        /// <summary>Records that key position <paramref name="j"/> holds <paramref name="code"/> (within the range given to Reset).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(long code, int j)
        {
            ref Occurrences o = ref _direct ? ref Slot(code, out bool exists) : ref MapSlot(code, out exists);
            if (!exists)
            {
                o.Min = o.Max = j;
                o.Count = 1;
                return;
            }
            if (j < o.Min) o.Min = j;
            if (j > o.Max) o.Max = j;
            o.Count++;
        }

        /// <summary>The occurrences of <paramref name="code"/> added so far, if any.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryGet(long code, out Occurrences o)
        {
            if (!_direct) return MapTryGet(code, out o);
            ulong index = (ulong)(code - _min);
            if (index < (ulong)_slots.Length && _stamps[index] == _generation)
            {
                o = _slots[index];
                return true;
            }
            o = default;
            return false;
        }

        // The hash map's paths stay out of line, so the direct-addressed ones inline into the scans.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private ref Occurrences MapSlot(long code, out bool exists) => ref CollectionsMarshal.GetValueRefOrAddDefault(_map, code, out exists);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private bool MapTryGet(long code, out Occurrences o) => _map.TryGetValue(code, out o);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ref Occurrences Slot(long code, out bool exists)
        {
            long index = code - _min;
            exists = _stamps[index] == _generation;
            _stamps[index] = _generation;
            return ref _slots[index];
        }
    }
}
