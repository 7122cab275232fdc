using System;
using System.Numerics;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// <see cref="ReadoutDecoder.Decode"/> with a small direct-mapped memo of the coordinates it has decoded: a compiled
    /// model's readout takes few distinct values, and decoding is a pure function of them (the position only names a failure,
    /// and failures are never remembered, so a bad token is decoded, and reported, every time). Coordinates that compare
    /// equal in T decode alike (±0 included; NaN equals nothing, so it always reaches the decoder). One per thread.
    /// </summary>
    internal sealed class ReadoutMemo<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private const int SlotBits = 6;

        private readonly ReadoutDecoder _decoder;
        private readonly int _dims;
        private readonly T[] _keys, _probe;
        private readonly double[] _values, _scratch;
        private readonly bool[] _filled;

        public ReadoutMemo(ReadoutDecoder decoder)
        {
            _decoder = decoder;
            _dims = decoder.Dims;
            _keys = new T[(1 << SlotBits) * _dims];
            _probe = new T[_dims];
            _values = new double[1 << SlotBits];
            _filled = new bool[1 << SlotBits];
            _scratch = new double[_dims];
        }

        /// <summary>Decodes position <paramref name="p"/> of the transposed residual <paramref name="x"/> as token <paramref name="token"/>.</summary>
        public double Decode(T[] x, int stride, int p, int token)
        {
            uint hash = 0;
            for (int c = 0; c < _dims; c++)
            {
                T v = x[(_decoder.Offset + c) * stride + p];
                _probe[c] = v;
                // Multiply, then fold the high bits down: ±1 codes differ only in sign bits, which a multiply alone cancels in pairs.
                hash = (hash ^ (uint)v.GetHashCode()) * 0x9E3779B1u;
                hash ^= hash >> 15;
            }
            int slot = (int)(hash >> (32 - SlotBits));
            if (_filled[slot] && Same(slot)) return _values[slot];
            for (int c = 0; c < _dims; c++) _scratch[c] = double.CreateChecked(_probe[c]);
            double value = _decoder.Decode(_scratch, token);
            _probe.CopyTo(_keys, slot * _dims);
            _values[slot] = value;
            _filled[slot] = true;
            return value;
        }

        /// <summary>Whether the probe equals the slot's key in T (not bitwise: −0 = +0, NaN ≠ NaN).</summary>
        private bool Same(int slot)
        {
            for (int c = 0; c < _dims; c++)
                if (_probe[c] != _keys[slot * _dims + c]) return false;
            return true;
        }
    }
}
