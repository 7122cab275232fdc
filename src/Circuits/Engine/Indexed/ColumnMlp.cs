using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// One per-token MLP run on a tile of positions at once over the transposed residual (one row of positions per coordinate, see <see cref="IndexedForwardPass{T}"/>):
    /// each unit is bias + Σ w·input over its non-zero weights, inputs ascending, then ReLU where the stage has it — the
    /// operations <see cref="MlpKernel{T}"/> does per position, in the same order on the same converted weights, so the same
    /// floats, vectorised across positions instead of across units. Compiled MLPs are gates and decode ladders whose units
    /// read one or two coordinates, so a unit costs a few vector operations per tile. Two differences from the per-position
    /// kernel change only the sign of a zero (x + 0 = x for every x but −0, which no later step can tell from +0): a zero input
    /// is multiplied in rather than skipped, and a residual coordinate the last stage never writes (no weight, zero bias) is
    /// left alone rather than increased by 0.
    /// </summary>
    internal sealed class ColumnMlp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Stage[] _stages;

        /// <param name="mlp">The MLP.</param>
        /// <param name="width">The residual width.</param>
        /// <param name="stride">Positions per residual row.</param>
        /// <param name="tile">The most positions one call covers.</param>
        /// <param name="onlyColumns">When given, only these residual coordinates are written, and only the units they need are run.</param>
        public ColumnMlp(Mlp mlp, int width, int stride, int tile, ICollection<int>? onlyColumns = null)
        {
            // MlpKernel checks the shapes and weights with its messages; its converted weights are the ones read here.
            var stages = mlp.Stages;
            _stages = new Stage[stages.Length];
            int inDims = width;
            for (int k = 0; k < stages.Length; k++)
            {
                int outDims = stages[k].Bias.Length;
                var weights = inDims == 0 || outDims == 0 ? Array.Empty<T>() : Weights<T>.Convert(stages[k].Weights, inDims, outDims, $"stage {k} weights");
                var bias = Weights<T>.Convert(stages[k].Bias, $"stage {k} bias");
                bool last = k == stages.Length - 1;
                // Stage 0 reads residual rows (stride apart), later stages the previous stage's tile rows (tile apart).
                int inputStride = k == 0 ? stride : tile;
                var units = new List<Unit>();
                for (int u = 0; u < outDims; u++)
                {
                    var offsets = new List<int>();
                    var ws = new List<T>();
                    for (int r = 0; r < inDims; r++)
                    {
                        T w = weights[r * outDims + u];
                        if (w == T.Zero) continue;
                        offsets.Add(r * inputStride);
                        ws.Add(w);
                    }
                    // An output coordinate with no weight and no bias only ever adds 0 to the residual.
                    if (last && offsets.Count == 0 && bias[u] == T.Zero) continue;
                    units.Add(new Unit(u, offsets.ToArray(), ws.ToArray(), bias[u]));
                }
                _stages[k] = new Stage(units.ToArray(), stages[k].Relu, outDims);
                inDims = outDims;
            }
            if (onlyColumns is not null)
            {
                // Backwards from the kept coordinates: each stage keeps the units the next stage's kept units read.
                var needed = new HashSet<int>(onlyColumns);
                for (int k = _stages.Length - 1; k >= 0; k--)
                {
                    var kept = Array.FindAll(_stages[k].Units, u => needed.Contains(u.Index));
                    _stages[k] = _stages[k] with { Units = kept };
                    int inputStride = k == 0 ? stride : tile;
                    needed = new HashSet<int>(kept.SelectMany(u => u.Offsets.Select(o => o / inputStride)));
                }
            }
            // Which residual rows each last-stage unit reads, through the stages: for TernaryMlp's tables.
            var reads = new SortedSet<int>[width];
            for (int r = 0; r < width; r++) reads[r] = new SortedSet<int> { r };
            foreach (var stage in _stages)
            {
                var next = new SortedSet<int>[stage.Outputs];
                for (int u = 0; u < next.Length; u++) next[u] = new SortedSet<int>();
                int inputStride = ReferenceEquals(stage, _stages[0]) ? stride : tile;
                foreach (var unit in stage.Units)
                    foreach (int offset in unit.Offsets) next[unit.Index].UnionWith(reads[offset / inputStride]);
                reads = next;
            }
            var written = new List<int>();
            foreach (var unit in _stages[^1].Units) written.Add(unit.Index);
            WrittenColumns = written.ToArray();
            ColumnInputs = new int[WrittenColumns.Length][];
            for (int i = 0; i < WrittenColumns.Length; i++) ColumnInputs[i] = reads[WrittenColumns[i]].ToArray();
            MaxHidden = 0;
            foreach (var s in _stages) MaxHidden = Math.Max(MaxHidden, s.Outputs);
        }

        /// <summary>The residual coordinates the MLP changes (the last stage's units with a weight or a bias), ascending.</summary>
        public int[] WrittenColumns { get; }

        /// <summary>For each of <see cref="WrittenColumns"/>: the residual rows its sum depends on (through every stage), ascending.</summary>
        public int[][] ColumnInputs { get; }

        /// <summary>The widest stage: each of the two scratch buffers needs this many rows of a tile.</summary>
        public int MaxHidden { get; }

        /// <summary>
        /// x += MLP(x) at positions [<paramref name="p0"/>, <paramref name="p0"/> + <paramref name="length"/>) of the columns;
        /// <paramref name="length"/> is a whole number of vectors, at most the tile, and may run into the padding past the input.
        /// <paramref name="a"/> and <paramref name="b"/> hold <see cref="MaxHidden"/> tile rows each.
        /// </summary>
        public void Apply(T[] x, int stride, int p0, int length, T[] a, T[] b, int tile) => Run(x, stride, p0, length, a, b, tile, null);

        /// <summary>
        /// What <see cref="Apply"/> would add to each written coordinate at positions [0, <paramref name="length"/>), stored in
        /// <paramref name="sums"/> (row u at u·<paramref name="tile"/>) instead of added: the last stage's output, by the same
        /// operations. x + that sum is then exactly what <see cref="Apply"/> leaves in x (<see cref="TernaryMlp{T}"/>'s tables).
        /// </summary>
        public void LastStageSums(T[] x, int stride, int length, T[] a, T[] b, int tile, T[] sums) => Run(x, stride, 0, length, a, b, tile, sums);

        private void Run(T[] x, int stride, int p0, int length, T[] a, T[] b, int tile, T[]? sums)
        {
            ref T input = ref x[p0];
            T[] next = a, spare = b;
            for (int k = 0; k < _stages.Length; k++)
            {
                var stage = _stages[k];
                bool last = k == _stages.Length - 1;
                // A one-stage MLP reads the residual it writes: every unit is computed before any is added back.
                bool inPlace = last && k > 0 && sums is null;
                ref T output = ref next[0];
                foreach (var unit in stage.Units)
                {
                    ref T target = ref inPlace ? ref x[unit.Index * stride + p0] : ref (last && sums is not null ? sums : next)[unit.Index * tile];
                    if (Vector512.IsHardwareAccelerated) Unit512(unit, ref input, ref target, length, stage.Relu, inPlace);
                    else UnitVector(unit, ref input, ref target, length, stage.Relu, inPlace);
                }
                if (last && !inPlace && sums is null)
                {
                    foreach (var unit in stage.Units)
                    {
                        Span<T> row = x.AsSpan(unit.Index * stride + p0, length);
                        System.Numerics.Tensors.TensorPrimitives.Add<T>(row, next.AsSpan(unit.Index * tile, length), row);
                    }
                }
                input = ref output;
                T[] swap = next; next = spare; spare = swap;
            }
        }

        /// <summary>
        /// One unit at <paramref name="length"/> positions: bias + Σ w·input (inputs in order), ReLU, then stored, or added to
        /// <paramref name="target"/> when <paramref name="add"/>. The same per-lane operations at either vector width.
        /// </summary>
        private static void UnitVector(Unit unit, ref T input, ref T target, int length, bool relu, bool add)
        {
            int[] offsets = unit.Offsets;
            T[] ws = unit.Weights;
            for (int v = 0; v < length; v += Vector<T>.Count)
            {
                var acc = new Vector<T>(unit.Bias);
                for (int t = 0; t < offsets.Length; t++)
                    acc += Vector.LoadUnsafe(ref input, (nuint)(offsets[t] + v)) * new Vector<T>(ws[t]);
                if (relu) acc = Vector.Max(acc, Vector<T>.Zero);
                if (add) acc = Vector.LoadUnsafe(ref target, (nuint)v) + acc;
                acc.StoreUnsafe(ref target, (nuint)v);
            }
        }

        /// <inheritdoc cref="UnitVector"/>
        private static void Unit512(Unit unit, ref T input, ref T target, int length, bool relu, bool add)
        {
            int[] offsets = unit.Offsets;
            T[] ws = unit.Weights;
            for (int v = 0; v < length; v += Vector512<T>.Count)
            {
                var acc = Vector512.Create(unit.Bias);
                for (int t = 0; t < offsets.Length; t++)
                    acc += Vector512.LoadUnsafe(ref input, (nuint)(offsets[t] + v)) * Vector512.Create(ws[t]);
                if (relu) acc = Vector512.Max(acc, Vector512<T>.Zero);
                if (add) acc = Vector512.LoadUnsafe(ref target, (nuint)v) + acc;
                acc.StoreUnsafe(ref target, (nuint)v);
            }
        }

        /// <summary>One output unit: where its inputs sit relative to the tile's first position, their weights, its bias.</summary>
        private sealed record Unit(int Index, int[] Offsets, T[] Weights, T Bias);

        private sealed record Stage(Unit[] Units, bool Relu, int Outputs);
    }
}
