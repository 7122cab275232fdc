using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
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
        private readonly int[] _columns;       // the written coordinates
        private readonly int[] _first, _second; // per written coordinate: its inputs as indices into _inputs (_inputs.Length: none)
        private readonly Vector512<float>[] _tables;
        private readonly bool[] _replaces;     // per written coordinate: whether its table holds x + sum (it reads itself), not the sum

        private TernaryMlp(ColumnMlp<T> mlp, ColumnMlp<T>? computed, int[] inputs, int[] columns, int[] first, int[] second, Vector512<float>[] tables, bool[] replaces)
        {
            _mlp = mlp;
            _computed = computed;
            _inputs = inputs;
            _columns = columns;
            _first = first;
            _second = second;
            _tables = tables;
            _replaces = replaces;
        }

        /// <summary>Scratch per thread: one code vector per input row, plus the zero code.</summary>
        public int CodeSlots => _inputs.Length + 1;

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
            var first = new int[columns.Length];
            var second = new int[columns.Length];
            var tables = new Vector512<float>[columns.Length];
            var replaces = new bool[columns.Length];
            // The sums at the 3 × 3 clean values, lane a + 3b, by the column MLP's own operations on a one-vector residual.
            var probe = new ColumnMlp<T>(model, width, Lanes, Lanes);
            var x = new T[width * Lanes];
            var hiddenA = new T[Math.Max(1, probe.MaxHidden) * Lanes];
            var hiddenB = new T[hiddenA.Length];
            var sums = new T[Math.Max(1, width) * Lanes];
            for (int i = 0; i < columns.Length; i++)
            {
                int[] reads = mlp.ColumnInputs[looked[i]];
                first[i] = reads.Length > 0 ? Array.BinarySearch(inputRows, reads[0]) : inputRows.Length;
                second[i] = reads.Length > 1 ? Array.BinarySearch(inputRows, reads[1]) : inputRows.Length;
                Array.Clear(x);
                for (int lane = 0; lane < 9; lane++)
                {
                    if (reads.Length > 0) x[reads[0] * Lanes + lane] = Value(lane % 3);
                    if (reads.Length > 1) x[reads[1] * Lanes + lane] = Value(lane / 3);
                }
                probe.LastStageSums(x, Lanes, Lanes, hiddenA, hiddenB, Lanes, sums);
                // A coordinate among its own inputs is known at each entry: the entry is then x + sum, the column MLP's addition done here.
                int self = Array.IndexOf(reads, columns[i]);
                replaces[i] = self >= 0;
                var table = new float[Lanes];
                for (int a = 0; a < 3; a++)
                    for (int b = 0; b < 3; b++)
                    {
                        T sum = sums[columns[i] * Lanes + a + 3 * b];
                        if (self >= 0) sum = Value(self == 0 ? a : b) + sum;
                        table[a | b << 2] = float.CreateTruncating(sum);
                    }
                tables[i] = Vector512.Create(table);
            }
            return new TernaryMlp<T>(mlp, computedMlp, inputRows, columns, first, second, tables, replaces);
        }

        /// <summary>Whether <paramref name="v"/> is +0, +1 or −1 bit for bit (−0 is not).</summary>
        public static bool IsClean(T v) => v == T.One || v == -T.One || (v == T.Zero && !T.IsNegative(v));

        /// <summary>The clean value of a 2-bit code: 0 → +0, 1 → +1, 2 → −1.</summary>
        private static T Value(int code) => code == 0 ? T.Zero : code == 1 ? T.One : -T.One;

        /// <summary>
        /// x += MLP(x) at positions [<paramref name="p0"/>, <paramref name="p0"/> + <paramref name="length"/>) (whole vectors,
        /// at most the tile), as <see cref="ColumnMlp{T}.Apply"/> does; <paramref name="codes"/> holds <see cref="CodeSlots"/>
        /// vectors, <paramref name="a"/> and <paramref name="b"/> are the column MLP's scratch for vectors it runs itself.
        /// </summary>
        public void Apply(T[] x, int stride, int p0, int length, Vector512<int>[] codes, T[] a, T[] b, int tile)
        {
            float[] xs = Unsafe.As<float[]>(x);
            ref float x0 = ref xs[0];
            codes[_inputs.Length] = Vector512<int>.Zero;
            for (int p = p0; p < p0 + length; p += Lanes)
            {
                // Every input's code first: the writes below change coordinates that are inputs too.
                Vector512<int> bad = Vector512<int>.Zero;
                for (int i = 0; i < _inputs.Length; i++)
                {
                    Vector512<int> bits = Vector512.LoadUnsafe(ref x0, (nuint)(_inputs[i] * stride + p)).AsInt32();
                    Vector512<int> one = Vector512.Equals(bits, Vector512.Create(PlusOne));
                    Vector512<int> minusOne = Vector512.Equals(bits, Vector512.Create(MinusOne));
                    bad |= ~(one | minusOne | Vector512.Equals(bits, Vector512<int>.Zero));
                    codes[i] = (one & Vector512.Create(1)) | (minusOne & Vector512.Create(2));
                }
                if (bad != Vector512<int>.Zero)
                {
                    _mlp.Apply(x, stride, p, Lanes, a, b, tile);
                    continue;
                }
                // Then the computed coordinates (the lookups' inputs are read already), then the lookups (each reads only its own coordinate).
                _computed?.Apply(x, stride, p, Lanes, a, b, tile);
                for (int c = 0; c < _columns.Length; c++)
                {
                    Vector512<int> index = codes[_first[c]] | Vector512.ShiftLeft(codes[_second[c]], 2);
                    ref float row = ref Unsafe.Add(ref x0, _columns[c] * stride + p);
                    Vector512<float> entry = Avx512F.PermuteVar16x32(_tables[c], index);
                    (_replaces[c] ? entry : Vector512.LoadUnsafe(ref row) + entry).StoreUnsafe(ref row);
                }
            }
        }
    }
}
