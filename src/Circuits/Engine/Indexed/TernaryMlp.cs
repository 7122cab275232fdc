using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Circuits
{
    /// <summary>
    /// A <see cref="ColumnMlp{T}"/> whose every written coordinate depends on at most two residual coordinates, looked up
    /// instead of computed where those coordinates hold +0, +1 or −1 (the clean-up MLPs after hard heads: copy a code, clear
    /// a slot, gate by the BOS flag). Each written coordinate's sum is a function of its inputs' values, so for the 3 × 3
    /// clean values it is computed once, here, by the column MLP's own operations (<see cref="ColumnMlp{T}.LastStageSums"/>)
    /// into a 16-entry table; a call classifies each input by its exact bits (−0 is not +0) into a 2-bit code and picks the
    /// sum with one permute per 16 positions, then adds it to x as the column MLP does: the same floats. A vector of positions
    /// with any other value among the inputs (a raw sum, −0, an unclean code) runs the column MLP itself.
    /// Float32 with AVX-512 only (one register holds the table); elsewhere the column MLP runs.
    /// </summary>
    internal sealed class TernaryMlp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private const int Lanes = 16;
        private const int PlusOne = 0x3F800000, MinusOne = unchecked((int)0xBF800000);

        private readonly ColumnMlp<T> _mlp;
        private readonly ColumnMlp<T>? _computed;  // the written coordinates that read a row not always clean, computed
        private readonly int[] _inputs;        // the residual rows any written coordinate reads, ascending
        private readonly Lookup[] _lookups;    // the written coordinates looked up, in the column MLP's order
        private readonly bool[] _coded;        // per input: whether a lookup reads its code (else only its cleanness matters)
        private readonly int _tile;

        private TernaryMlp(ColumnMlp<T> mlp, ColumnMlp<T>? computed, int[] inputs, Lookup[] lookups, int tile)
        {
            _mlp = mlp;
            _computed = computed;
            _inputs = inputs;
            _lookups = lookups;
            _tile = tile;
            _coded = new bool[inputs.Length + 1];
            foreach (var lookup in lookups)
                if (lookup.Store != LookupStore.Constant) _coded[lookup.First] = _coded[lookup.Second] = true;
        }

        /// <summary>
        /// One looked-up coordinate: its residual row, its inputs as code rows (<c>_inputs.Length</c>: none, the zero codes),
        /// its 16-entry table, and how the entry is stored: added to x, stored as x + sum (the coordinate reads itself), or,
        /// when the stored value is the same at all nine clean inputs, that constant.
        /// </summary>
        private readonly record struct Lookup(int Column, int First, int Second, Vector512<float> Table, LookupStore Store);

        /// <summary>How a lookup's entry reaches the residual.</summary>
        private enum LookupStore { Add, Replace, Constant }

        /// <summary>Scratch per thread, in code vectors: one per input row and vector of a tile, the zero codes, the unclean lanes.</summary>
        public int CodeSlots => (_inputs.Length + 2) * (_tile / Lanes);

        /// <summary>
        /// The lookup form of <paramref name="mlp"/> (built over a residual of <paramref name="width"/> rows, <paramref name="stride"/>
        /// positions per row, tiles of <paramref name="tile"/>), or null when T is not float, AVX-512 is missing, or no written
        /// coordinate depends on at most two coordinates that may be clean. <paramref name="mayBeClean"/>[r] is false for a row
        /// known never to hold only +0 and ±1 (a position's index): coordinates that read one are computed, as are those that
        /// read more than two rows.
        /// </summary>
        public static TernaryMlp<T>? TryCreate(Compiler.Mlp model, ColumnMlp<T> mlp, int width, int stride, int tile, bool[] mayBeClean)
        {
            if (typeof(T) != typeof(float) || !Avx512F.IsSupported) return null;
            var looked = new List<int>();
            var computed = new List<int>();
            for (int i = 0; i < mlp.WrittenColumns.Length; i++)
            {
                int[] reads = mlp.ColumnInputs[i];
                (reads.Length <= 2 && Array.TrueForAll(reads, r => mayBeClean[r]) ? looked : computed).Add(i);
            }
            if (looked.Count == 0) return null;
            var inputs = new SortedSet<int>();
            foreach (int i in looked) inputs.UnionWith(mlp.ColumnInputs[i]);
            int[] inputRows = new int[inputs.Count];
            inputs.CopyTo(inputRows);
            int[] columns = looked.ConvertAll(i => mlp.WrittenColumns[i]).ToArray();
            var computedMlp = computed.Count == 0 ? null : new ColumnMlp<T>(model, width, stride, tile, computed.ConvertAll(i => mlp.WrittenColumns[i]));
            var lookups = new Lookup[columns.Length];
            // The sums at the 3 × 3 clean values, lane a + 3b, by the column MLP's own operations on a one-vector residual.
            var probe = new ColumnMlp<T>(model, width, Lanes, Lanes);
            var x = new T[width * Lanes];
            var hiddenA = new T[Math.Max(1, probe.MaxHidden) * Lanes];
            var hiddenB = new T[hiddenA.Length];
            var sums = new T[Math.Max(1, width) * Lanes];
            for (int i = 0; i < columns.Length; i++)
            {
                int[] reads = mlp.ColumnInputs[looked[i]];
                int first = reads.Length > 0 ? Array.BinarySearch(inputRows, reads[0]) : inputRows.Length;
                int second = reads.Length > 1 ? Array.BinarySearch(inputRows, reads[1]) : inputRows.Length;
                Array.Clear(x);
                for (int lane = 0; lane < 9; lane++)
                {
                    if (reads.Length > 0) x[reads[0] * Lanes + lane] = Value(lane % 3);
                    if (reads.Length > 1) x[reads[1] * Lanes + lane] = Value(lane / 3);
                }
                probe.LastStageSums(x, Lanes, Lanes, hiddenA, hiddenB, Lanes, sums);
                // A coordinate among its own inputs is known at each entry: the entry is then x + sum, the column MLP's addition done here.
                int self = Array.IndexOf(reads, columns[i]);
                var table = new float[Lanes];
                for (int a = 0; a < 3; a++)
                    for (int b = 0; b < 3; b++)
                    {
                        T sum = sums[columns[i] * Lanes + a + 3 * b];
                        if (self >= 0) sum = Value(self == 0 ? a : b) + sum;
                        table[a | b << 2] = float.CreateTruncating(sum);
                    }
                // A clean-up that clears a slot stores the same bits whatever the clean inputs: no lookup needed.
                bool constant = self >= 0;
                for (int a = 0; a < 3 && constant; a++)
                    for (int b = 0; b < 3 && constant; b++)
                        constant = BitConverter.SingleToInt32Bits(table[a | b << 2]) == BitConverter.SingleToInt32Bits(table[0]);
                var store = constant ? LookupStore.Constant : self >= 0 ? LookupStore.Replace : LookupStore.Add;
                lookups[i] = new Lookup(columns[i], first, second, constant ? Vector512.Create(table[0]) : Vector512.Create(table), store);
            }
            return new TernaryMlp<T>(mlp, computedMlp, inputRows, lookups, tile);
        }

        /// <summary>Whether <paramref name="v"/> is +0, +1 or −1 bit for bit (−0 is not).</summary>
        public static bool IsClean(T v) => v == T.One || v == -T.One || (v == T.Zero && !T.IsNegative(v));

        /// <summary>The clean value of a 2-bit code: 0 → +0, 1 → +1, 2 → −1.</summary>
        private static T Value(int code) => code == 0 ? T.Zero : code == 1 ? T.One : -T.One;

        /// <summary>
        /// x += MLP(x) at positions [<paramref name="p0"/>, <paramref name="p0"/> + <paramref name="length"/>) (whole vectors,
        /// at most the tile), as <see cref="ColumnMlp{T}.Apply"/> does; <paramref name="codes"/> holds <see cref="CodeSlots"/>
        /// vectors, <paramref name="a"/> and <paramref name="b"/> are the column MLP's scratch for vectors it runs itself.
        /// A whole tile's input codes come first (the writes change coordinates that are inputs too), then each looked-up
        /// coordinate across the tile with its table held in a register; a vector with an unclean input is left to the column
        /// MLP, which then sees its original values.
        /// </summary>
        public void Apply(T[] x, int stride, int p0, int length, Vector512<int>[] codes, T[] a, T[] b, int tile)
        {
            int vectors = length / Lanes;
            if (vectors * Lanes != length || length > _tile || vectors > 64) throw new ArgumentOutOfRangeException(nameof(length), $"{length} positions: a tile is whole vectors of {Lanes}, at most {_tile}");
            ref float x0 = ref MemoryMarshal.GetArrayDataReference(Unsafe.As<float[]>(x));
            ref Vector512<int> code0 = ref MemoryMarshal.GetArrayDataReference(codes);
            if ((uint)codes.Length < (uint)((_inputs.Length + 2) * vectors)) throw new ArgumentException("too few code slots", nameof(codes));
            ref Vector512<int> zeros = ref Unsafe.Add(ref code0, _inputs.Length * vectors);
            ref Vector512<int> unclean = ref Unsafe.Add(ref zeros, vectors);
            for (int v = 0; v < vectors; v++)
            {
                Unsafe.Add(ref zeros, v) = Vector512<int>.Zero;
                Unsafe.Add(ref unclean, v) = Vector512<int>.Zero;
            }
            for (int i = 0; i < _inputs.Length; i++)
            {
                ref Vector512<int> row = ref Unsafe.As<float, Vector512<int>>(ref Unsafe.Add(ref x0, _inputs[i] * stride + p0));
                ref Vector512<int> code = ref Unsafe.Add(ref code0, i * vectors);
                if (!_coded[i])
                {
                    // Only constant lookups read it: whether it is +0 or ±1 is all that matters.
                    for (int v = 0; v < vectors; v++)
                    {
                        Vector512<int> bits = Unsafe.Add(ref row, v);
                        Unsafe.Add(ref unclean, v) |= ~(Vector512.Equals(bits & Vector512.Create(int.MaxValue), Vector512.Create(PlusOne)) | Vector512.Equals(bits, Vector512<int>.Zero));
                    }
                    continue;
                }
                for (int v = 0; v < vectors; v++)
                {
                    Vector512<int> bits = Unsafe.Add(ref row, v);
                    Vector512<int> one = Vector512.Equals(bits, Vector512.Create(PlusOne));
                    Vector512<int> minusOne = Vector512.Equals(bits, Vector512.Create(MinusOne));
                    Unsafe.Add(ref unclean, v) |= ~(one | minusOne | Vector512.Equals(bits, Vector512<int>.Zero));
                    Unsafe.Add(ref code, v) = (one & Vector512.Create(1)) | (minusOne & Vector512.Create(2));
                }
            }
            ulong bad = 0;
            for (int v = 0; v < vectors; v++)
                if (Unsafe.Add(ref unclean, v) != Vector512<int>.Zero) bad |= 1UL << v;
            // The computed coordinates of the clean vectors (the lookups' inputs are read already), in runs.
            if (_computed is { } computed)
                for (int v = 0; v < vectors;)
                {
                    if ((bad >> v & 1) != 0) { v++; continue; }
                    int run = v;
                    while (run < vectors && (bad >> run & 1) == 0) run++;
                    computed.Apply(x, stride, p0 + v * Lanes, (run - v) * Lanes, a, b, tile);
                    v = run;
                }
            foreach (ref readonly Lookup lookup in _lookups.AsSpan())
            {
                ref Vector512<float> row = ref Unsafe.As<float, Vector512<float>>(ref Unsafe.Add(ref x0, lookup.Column * stride + p0));
                ref Vector512<int> first = ref Unsafe.Add(ref code0, lookup.First * vectors);
                ref Vector512<int> second = ref Unsafe.Add(ref code0, lookup.Second * vectors);
                Vector512<float> table = lookup.Table;
                switch (lookup.Store)
                {
                    case LookupStore.Constant:
                        for (int v = 0; v < vectors; v++)
                            if ((bad >> v & 1) == 0) Unsafe.Add(ref row, v) = table;
                        break;
                    case LookupStore.Replace:
                        for (int v = 0; v < vectors; v++)
                            if ((bad >> v & 1) == 0)
                                Unsafe.Add(ref row, v) = Avx512F.PermuteVar16x32(table, Unsafe.Add(ref first, v) | Vector512.ShiftLeft(Unsafe.Add(ref second, v), 2));
                        break;
                    default:
                        for (int v = 0; v < vectors; v++)
                            if ((bad >> v & 1) == 0)
                                Unsafe.Add(ref row, v) += Avx512F.PermuteVar16x32(table, Unsafe.Add(ref first, v) | Vector512.ShiftLeft(Unsafe.Add(ref second, v), 2));
                        break;
                }
            }
            for (int v = 0; v < vectors; v++)
                if ((bad >> v & 1) != 0) _mlp.Apply(x, stride, p0 + v * Lanes, Lanes, a, b, tile);
        }
    }
}
