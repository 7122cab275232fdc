using System;
using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>
    /// Every key configuration of a head, stored by column: each coordinate of the key vector, each selector key leaf and the
    /// position as one flat array over keys (in <see cref="ConfigSpace"/> order). A query is scored against all keys in a
    /// few passes over contiguous memory instead of one small dot product per key; the selector's atoms are evaluated once per
    /// distinct leaf value (<see cref="LeafClass"/>) instead of once per key.
    /// </summary>
    internal sealed class KeyTable
    {
        public KeyTable(ConfigSpace space, int cols, int leaves)
        {
            Space = space;
            Count = checked((int)space.Count);
            Position = new int[Count];
            Vec = new double[cols][];
            for (int k = 0; k < cols; k++) Vec[k] = new double[Count];
            Leaf = new double[leaves][];
            for (int l = 0; l < leaves; l++) Leaf[l] = new double[Count];
            LeafClass = new int[leaves][];
            LeafValues = new double[leaves][];
        }

        /// <summary>Where the keys come from (witness text).</summary>
        public ConfigSpace Space { get; }

        public int Count { get; }

        /// <summary>Position of key t (−1 when positions are free).</summary>
        public readonly int[] Position;

        /// <summary>Key vectors, coordinate-major: Vec[k][t] is coordinate k of key t's W_K projection.</summary>
        public readonly double[][] Vec;

        /// <summary>Selector key-leaf values, leaf-major: Leaf[l][t].</summary>
        public readonly double[][] Leaf;

        /// <summary>Per leaf: key t's leaf value is LeafValues[l][LeafClass[l][t]] (same bits).</summary>
        public readonly int[][] LeafClass;

        /// <summary>Per leaf: the distinct values (by bit pattern, so ⊥ payloads and ±0 stay apart).</summary>
        public readonly double[][] LeafValues;

        /// <summary>Start of each run of keys with one position, then <see cref="Count"/>; set by <see cref="Finish"/>.</summary>
        public int[] GroupStart = Array.Empty<int>();

        /// <summary>Stores key <paramref name="t"/>.</summary>
        public void Set(int t, int position, double[] leaves, double[] vec)
        {
            Position[t] = position;
            for (int l = 0; l < leaves.Length; l++) Leaf[l][t] = leaves[l];
            for (int k = 0; k < vec.Length; k++) Vec[k][t] = vec[k];
        }

        /// <summary>After every key is set: leaf classes and position runs.</summary>
        public void Finish()
        {
            for (int l = 0; l < Leaf.Length; l++)
            {
                var index = new Dictionary<long, int>();
                var values = new List<double>();
                var cls = new int[Count];
                var col = Leaf[l];
                for (int t = 0; t < Count; t++)
                {
                    long bits = BitConverter.DoubleToInt64Bits(col[t]);
                    if (!index.TryGetValue(bits, out int d)) { d = values.Count; index[bits] = d; values.Add(col[t]); }
                    cls[t] = d;
                }
                LeafClass[l] = cls;
                LeafValues[l] = values.ToArray();
            }
            var starts = new List<int>();
            for (int t = 0; t < Count; t++) if (t == 0 || Position[t] != Position[t - 1]) starts.Add(t);
            starts.Add(Count);
            GroupStart = starts.ToArray();
        }

        /// <summary>
        /// into[t] = q·(key t) for keys t in [<paramref name="lo"/>, <paramref name="hi"/>), summed over coordinates in
        /// order as the scalar dot product s = 0; s += q_k·key_k does, so every score is the same double as before, bit for
        /// bit (no zero term is skipped: 0·∞ would be NaN there too).
        /// </summary>
        public void Scores(double[] q, double[] into, int lo, int hi)
        {
            Array.Clear(into, lo, hi - lo);
            for (int k = 0; k < Vec.Length; k++)
            {
                double qk = q[k];
                var col = Vec[k];
                for (int t = lo; t < hi; t++) into[t] += qk * col[t];
            }
        }

        /// <summary>The first key whose position exceeds <paramref name="i"/> (keys sorted by position), or <see cref="Count"/>.</summary>
        public int After(int i)
        {
            int lo = 0, hi = Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (Position[mid] <= i) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }
}
