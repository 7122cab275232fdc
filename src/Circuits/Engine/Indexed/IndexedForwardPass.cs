using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using System.Threading;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The forward pass in <see cref="AttentionMode.Indexed"/> mode: the exact pass's embedding, MLPs and readout (the same
    /// weights, the same operations per position), with each head that <see cref="SelectionCheck"/> proves hard run as a
    /// lookup (<see cref="IndexedAttention{T}"/>) and every other head, or an indexed head whose residual is not clean on a
    /// call, run by the exact softmax kernel.
    /// <para>
    /// Once attention is O(N), the per-position work is what is left, so the residual is kept <b>transposed</b>: one row of
    /// positions per coordinate (padded to <see cref="_stride"/>), and every per-position step is a vector operation across
    /// positions (<see cref="ColumnMlp{T}"/>, the code packing, the copies). Positions are split into blocks among threads
    /// (<see cref="ForkJoin{TState}"/>); each position's floats are computed by one thread in a fixed order, so the output does
    /// not depend on the thread count. Per call: one parallel phase for the embedding, then per layer each indexed head's
    /// selection scan (one thread, O(N)) and one parallel phase copying the heads' values, adding their sum, running the MLP
    /// and packing the next layer's codes (or decoding, after the last layer), tile by tile. When a copy could read a
    /// coordinate that phase writes, or a head runs exactly, each head's copy is a phase of its own before it.
    /// </para>
    /// All buffers are allocated here; a call allocates nothing once the lookup maps have grown to the input's size.
    /// </summary>
    internal sealed class IndexedForwardPass<T> : CheckedForwardPass, IIndexedForwardPass where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Positions per unit of work handed to threads (a whole number of vectors).</summary>
        private static readonly int Block = Math.Max(16, Vector<T>.Count);
        /// <summary>The most positions one kernel call covers: its MLP scratch stays in cache.</summary>
        private static readonly int Tile = 4 * Block;

        private static readonly Action<IndexedForwardPass<T>, int, int, int> EmbedBlocks = static (pass, w, start, end) => pass.Embed(w, start, end);
        private static readonly Action<IndexedForwardPass<T>, int, int, int> CopyBlocks = static (pass, w, start, end) => pass.CopyHead(w, start, end);
        private static readonly Action<IndexedForwardPass<T>, int, int, int> FinishBlocks = static (pass, w, start, end) => pass.FinishLayer(w, start, end);

        private readonly int _width, _stride;
        private readonly T[] _bos;
        private readonly T[] _positionColumns;      // the position embedding transposed: row c, column p = token position p − 1
        private readonly bool[] _tokenDependent;     // coordinates where some token's embedding is non-zero
        private readonly bool[] _static;             // coordinates embedded once, in the constructor (see there)
        private readonly T[] _tokenColumns;          // the token embedding transposed: row c, column v = token id v
        private readonly LayerPlan[] _layers;
        private readonly ReadoutDecoder _decoder;
        private readonly ReadoutTable<T>? _readoutTable; // clean readouts by table, the rest by each worker's memo
        private readonly T[] _x, _delta;             // the residual and the attention sum, transposed (width rows of _stride)
        private readonly T[] _rows, _rowDelta;       // position-major copies for heads run by the exact kernel
        private readonly WorkerScratch<T> _exactScratch;
        private readonly Worker[] _workers;
        private readonly ForkJoin<IndexedForwardPass<T>> _fork;
        private readonly int[] _tokenAt;              // the token id at each position (0 at the sink and in the padding)
        private readonly double[] _decoded;
        private int _count, _layer;
        private bool _copyInPhase; // this layer's heads all selected: each tile copies them before its MLP (see LayerPlan.Fusable)
        private bool _copyDirect;  // and its one head adds into the residual itself (see LayerPlan.Direct)
        private IndexedAttention<T>? _copying;
        private int _decodeFailed;

        public IndexedForwardPass(CompiledModel model, NumericType precision, int threads)
            : base(model, precision)
        {
            // The exact pass checks the model's shapes and weights with its own messages; this pass then only reads what it accepted.
            _ = new ForwardPass<T>(model, precision, threads: 1);
            _width = model.Width;
            int positions = _maxLength + 1;
            _stride = (positions + Block - 1) / Block * Block;
            _bos = Weights<T>.Convert(model.BosEmbedding, "BOS embedding");
            var tokenEmbedding = Weights<T>.Convert(model.TokenEmbedding, _vocabularySize, _width, "token embedding");
            var positionEmbedding = Weights<T>.Convert(model.PositionEmbedding.Data.AsSpan(0, _maxLength * _width).ToArray(), "position embedding");
            _positionColumns = new T[_width * _stride];
            for (int t = 0; t < _maxLength; t++)
                for (int c = 0; c < _width; c++) _positionColumns[c * _stride + t + 1] = positionEmbedding[t * _width + c];
            _tokenColumns = new T[_width * _vocabularySize];
            for (int v = 0; v < _vocabularySize; v++)
                for (int c = 0; c < _width; c++) _tokenColumns[c * _vocabularySize + v] = tokenEmbedding[v * _width + c];
            _tokenDependent = new bool[_width];
            for (int v = 0; v < _vocabularySize; v++)
                for (int c = 0; c < _width; c++) _tokenDependent[c] |= tokenEmbedding[v * _width + c] != T.Zero;

            // Per position p: p itself (the tie-break coordinate's clean value) and the BOS coordinate's (1 at the sink).
            var positionValues = new T[_stride];
            var bosColumn = new T[_stride];
            for (int p = 0; p < _stride; p++) positionValues[p] = T.CreateChecked(p);
            bosColumn[0] = T.One;

            bool certified = SoftmaxFloor.Certifies(model, precision);
            var layers = model.Layers ?? Array.Empty<Layer>();
            _layers = new LayerPlan[layers.Length];
            var report = new List<HeadExecution>();
            // One lookup table for all heads (they scan one at a time), direct-addressed for codes spanning up to 2(N + 1) values.
            var table = new KeyTable(2 * positions);
            var causalScan = new CausalScan(2 * positions);
            int maxDq = 0, maxDv = 0, maxHidden = 0, maxSources = 0, maxCodes = 0;
            // Coordinates that differ between tokens or that an earlier layer changes; the rest are fixed by position: the
            // embedding's token + position with the one value every token has there.
            var changed = new bool[_width];
            for (int v = 1; v < _vocabularySize; v++)
                for (int c = 0; c < _width; c++) changed[c] |= tokenEmbedding[v * _width + c] != tokenEmbedding[c];
            // Coordinates whose fixed value is +0 or ±1 at every position (the rest, like a position's index, are never a clean code).
            var fixedClean = new bool[_width];
            for (int c = 0; c < _width; c++)
            {
                fixedClean[c] = TernaryMlp<T>.IsClean(_bos[c]);
                for (int t = 0; t < _maxLength && fixedClean[c]; t++) fixedClean[c] = TernaryMlp<T>.IsClean(tokenEmbedding[c] + positionEmbedding[t * _width + c]);
            }
            T[] FixedRow(int p)
            {
                var row = new T[_width];
                for (int c = 0; c < _width; c++) row[c] = p == 0 ? _bos[c] : tokenEmbedding[c] + positionEmbedding[(p - 1) * _width + c];
                return row;
            }
            for (int l = 0; l < layers.Length; l++)
            {
                var heads = layers[l].Heads ?? Array.Empty<AttentionHead>();
                var plans = new HeadPlan[heads.Length];
                var written = new SortedSet<int>();
                for (int h = 0; h < heads.Length; h++)
                {
                    var exact = new AttentionKernel<T>(heads[h], _width, positions, certified, $"layer {l} head {h}");
                    maxDq = Math.Max(maxDq, exact.QueryDims);
                    maxDv = Math.Max(maxDv, exact.ValueDims);
                    var selection = SelectionCheck.Check(heads[h], _width, _maxLength, out string how);
                    IndexedAttention<T>? indexed = null;
                    if (selection is not null)
                    {
                        indexed = new IndexedAttention<T>(heads[h], selection, _width, _stride, Tile, positionValues, bosColumn, table, causalScan);
                        maxSources = Math.Max(maxSources, indexed.SourceRows);
                        if (KeysFixed(selection, changed) && indexed.FixKeys(_maxLength, FixedRow)) how += "; keys fixed by position, one lookup per query";
                    }
                    // Either way the head adds to the coordinates where W_O has a non-zero column; nothing else changes.
                    for (int e = 0; e < exact.ValueDims; e++)
                        for (int c = 0; c < _width; c++)
                            if (heads[h].Output[e, c] != 0) written.Add(c);
                    plans[h] = new HeadPlan(exact, indexed);
                    report.Add(new HeadExecution(l, h, heads[h].Label, selection is not null, how));
                }
                ColumnMlp<T>? mlp = null;
                MlpKernel<T>? rowMlp = null;
                TernaryMlp<T>? ternary = null;
                if (layers[l].Mlp is { } m && (m.Stages?.Length ?? 0) > 0)
                {
                    mlp = new ColumnMlp<T>(m, _width, _stride, Tile);
                    maxHidden = Math.Max(maxHidden, mlp.MaxHidden);
                    // A stage of shared integer columns (sort's 513 × 514 ladder) costs a few dot products per position by rows,
                    // and its whole dense matrix by columns: that MLP runs a position at a time (the same floats either way).
                    var kernel = new MlpKernel<T>(m, _width, $"layer {l} MLP");
                    if (kernel.HasSharedColumns) rowMlp = kernel;
                    else
                    {
                        var mayBeClean = new bool[_width];
                        for (int c = 0; c < _width; c++) mayBeClean[c] = changed[c] || written.Contains(c) || fixedClean[c];
                        ternary = TernaryMlp<T>.TryCreate(m, mlp, _width, _stride, Tile, mayBeClean);
                    }
                    maxCodes = Math.Max(maxCodes, ternary?.CodeSlots ?? 0);
                }
                // The heads' copies can run in the layer's one parallel phase, tile by tile before its MLP, when every head may be
                // indexed and no coordinate a copy reads (at any key position, so possibly in another thread's tile) is written in
                // that phase: not by a head's output, not by the MLP.
                var phaseWrites = new HashSet<int>(written);
                if (mlp is not null) phaseWrites.UnionWith(mlp.WrittenColumns);
                bool fusable = rowMlp is null && plans.All(p => p.Indexed is not null && (p.Indexed.PacksValues || !p.Indexed.SourceRowIndices.Any(phaseWrites.Contains)));
                var sourcesWritten = plans.Select(p => p.Indexed is not null && p.Indexed.SourceRowIndices.Any(phaseWrites.Contains)).ToArray();
                // One head whose every output coordinate gets one term: its sum is that term alone, added straight to x.
                bool direct = fusable && plans.Length == 1 && plans[0].Indexed!.PacksValues && plans[0].Indexed!.SingleTermOutputs;
                _layers[l] = new LayerPlan(plans, written.ToArray(), mlp, rowMlp, ternary, fusable, sourcesWritten, direct);
                foreach (int c in written) changed[c] = true;
                foreach (int c in mlp?.WrittenColumns ?? Array.Empty<int>()) changed[c] = true;
            }
            Heads = report;
            _decoder = new ReadoutDecoder(model.Output, _width);
            _readoutTable = ReadoutTable<T>.TryCreate(_decoder);
            _x = new T[_width * _stride];
            // A coordinate no token changes and no layer writes holds the same embedding on every call: embedded once, here,
            // by the operations Embed would use (position + the token's 0; the BOS row at the sink).
            _static = new bool[_width];
            bool rowsWriteAll = _layers.Any(l => l.RowMlp is not null); // a position-at-a-time MLP writes its whole row back
            for (int c = 0; c < _width; c++) _static[c] = !_tokenDependent[c] && !rowsWriteAll && !changed[c];
            for (int c = 0; c < _width; c++)
            {
                if (!_static[c]) continue;
                for (int p = 0; p < _stride; p++) _x[c * _stride + p] = _positionColumns[c * _stride + p] + T.Zero;
                _x[c * _stride] = _bos[c];
            }
            _delta = new T[_width * _stride];
            bool anyExact = _layers.Any(l => l.Heads.Length > 0);
            _rows = anyExact ? new T[positions * _width] : Array.Empty<T>();
            _rowDelta = anyExact ? new T[positions * _width] : Array.Empty<T>();
            _exactScratch = new WorkerScratch<T>(positions, _width, maxDq, maxDv, 0);
            _fork = new ForkJoin<IndexedForwardPass<T>>(this, threads);
            _workers = new Worker[_fork.Threads];
            for (int w = 0; w < _workers.Length; w++) _workers[w] = new Worker(maxHidden * Tile, maxSources * Tile, _width, maxCodes, _decoder);
            _tokenAt = new int[_stride];
            _decoded = new double[_maxLength];
        }

        /// <summary>Whether the key side of <paramref name="selection"/> (its key codes and constant coordinates) reads only coordinates nothing in <paramref name="changed"/> touches.</summary>
        private static bool KeysFixed(HardSelection selection, bool[] changed)
        {
            foreach (var m in selection.Matches)
                for (int b = 0; b < m.Dims; b++)
                    if (changed[m.KeyOffset + b]) return false;
            return !changed[selection.OneOffset] && !changed[selection.BosOffset]
                && (selection.TieBreak == TieBreak.None || !changed[selection.TieBreakOffset]);
        }

        /// <inheritdoc/>
        public IReadOnlyList<HeadExecution> Heads { get; }

        /// <inheritdoc/>
        public int ExactFallbacks { get; private set; }

        /// <inheritdoc/>
        public int SinglePhaseLayers { get; private set; }

        /// <inheritdoc/>
        protected override void Run(ReadOnlySpan<int> ids, Span<double> output)
        {
            ExactFallbacks = 0;
            SinglePhaseLayers = 0;
            _count = ids.Length + 1; // BOS sink + tokens
            ids.CopyTo(_tokenAt.AsSpan(1));
            _tokenAt.AsSpan(_count).Clear();
            _decodeFailed = 0;
            int blocks = (_count + Block - 1) / Block;
            foreach (var layer in _layers)
                foreach (var head in layer.Heads) head.Indexed?.Begin(_count);
            _layer = -1;
            _fork.Run(blocks, EmbedBlocks);
            for (_layer = 0; _layer < _layers.Length; _layer++)
            {
                var heads = _layers[_layer].Heads;
                if (_layers[_layer].Fusable && SelectAll(_layers[_layer]))
                {
                    _copyInPhase = true;
                    _copyDirect = _layers[_layer].Direct && heads[0].Indexed!.CopiesFromSnapshot;
                    _fork.Run(blocks, FinishBlocks);
                    _copyInPhase = _copyDirect = false;
                    SinglePhaseLayers++;
                    continue;
                }
                foreach (int c in _layers[_layer].Written) _delta.AsSpan(c * _stride, _stride).Clear();
                bool exactRows = false; // whether _rows holds this layer's input
                for (int h = 0; h < heads.Length; h++)
                {
                    var (exact, indexed) = heads[h];
                    if (indexed is not null && indexed.Select(_count))
                    {
                        _copying = indexed;
                        _fork.Run(blocks, CopyBlocks);
                        _copying = null;
                        continue;
                    }
                    if (indexed is not null) ExactFallbacks++;
                    if (!exactRows) { Transpose(_x, _rows, _width); exactRows = true; }
                    RunExactly(exact);
                }
                _fork.Run(blocks, FinishBlocks);
            }
            if (_layers.Length == 0) _fork.Run(blocks, FinishBlocks);
            // Some token does not decode: decode in order, so the error names the first such position, as the exact pass's does.
            if (Volatile.Read(ref _decodeFailed) != 0) Decode(1, _count, _workers[0].Readout);
            _decoded.AsSpan(0, ids.Length).CopyTo(output);
        }

        /// <summary>
        /// Whether every head of a (fusable) layer selects its keys (see <see cref="IndexedAttention{T}.Select"/>) and can copy in
        /// the layer's phase: from its packed values, or from source rows the phase does not write. Stops at the first that cannot.
        /// </summary>
        private bool SelectAll(LayerPlan layer)
        {
            for (int h = 0; h < layer.Heads.Length; h++)
            {
                var head = layer.Heads[h].Indexed!;
                if (!head.Select(_count) || (layer.SourcesWritten[h] && !head.CopiesFromSnapshot)) return false;
            }
            return true;
        }

        /// <summary>Embeds positions of blocks [start, end) (BOS at 0; token t at t + 1 with position row t) and packs layer 0's codes.</summary>
        private void Embed(int worker, int start, int end)
        {
            for (int p0 = start * Block; p0 < end * Block; p0 += Tile)
            {
                int length = Math.Min(Tile, end * Block - p0);
                for (int c = 0; c < _width; c++)
                {
                    if (_static[c]) continue;
                    Span<T> row = _x.AsSpan(c * _stride + p0, length);
                    ReadOnlySpan<T> position = _positionColumns.AsSpan(c * _stride + p0, length);
                    if (!_tokenDependent[c]) TensorPrimitives.Add<T>(position, T.Zero, row); // 0 + p: the token's zero, added
                    else
                    {
                        // The token's value, then + p (padding past the input reads token 0: any finite value).
                        Gather.Run<T>(_tokenColumns.AsSpan(c * _vocabularySize, _vocabularySize), _tokenAt.AsSpan(p0, length), row);
                        TensorPrimitives.Add<T>(row, position, row);
                    }
                    if (p0 == 0) row[0] = _bos[c];
                }
                if (_layers.Length > 0) Prepare(0, p0, length, _workers[worker]);
            }
        }

        /// <summary>The current head's copy at the positions of blocks [start, end).</summary>
        private void CopyHead(int worker, int start, int end)
        {
            var w = _workers[worker];
            for (int p0 = start * Block; p0 < end * Block; p0 += Tile)
                _copying!.Copy(_x, _delta, p0, Math.Min(Tile, end * Block - p0), w.Gather);
        }

        /// <summary>Layer <see cref="_layer"/> at the positions of blocks [start, end): x += the heads' sum, the MLP, then the next layer's codes, or the readout.</summary>
        private void FinishLayer(int worker, int start, int end)
        {
            var w = _workers[worker];
            for (int p0 = start * Block; p0 < end * Block; p0 += Tile)
            {
                int length = Math.Min(Tile, end * Block - p0);
                if (_layer < _layers.Length)
                {
                    var layer = _layers[_layer];
                    if (_copyDirect) layer.Heads[0].Indexed!.CopyIntoResidual(_x, p0, length);
                    else
                    {
                        if (_copyInPhase)
                        {
                            foreach (int c in layer.Written) _delta.AsSpan(c * _stride + p0, length).Clear();
                            foreach (var head in layer.Heads) head.Indexed!.Copy(_x, _delta, p0, length, w.Gather);
                        }
                        foreach (int c in layer.Written)
                        {
                            Span<T> row = _x.AsSpan(c * _stride + p0, length);
                            TensorPrimitives.Add<T>(row, _delta.AsSpan(c * _stride + p0, length), row);
                        }
                    }
                    if (layer.RowMlp is { } rows) ApplyByRows(rows, p0, length, w);
                    else if (layer.Ternary is { } ternary) ternary.Apply(_x, _stride, p0, length, w.Codes, w.HiddenA, w.HiddenB, Tile);
                    else layer.Mlp?.Apply(_x, _stride, p0, length, w.HiddenA, w.HiddenB, Tile);
                }
                if (_layer + 1 < _layers.Length) Prepare(_layer + 1, p0, length, w);
                else DecodeTile(p0, length, w);
            }
        }

        /// <summary>x += MLP(x) at positions [<paramref name="p0"/>, <paramref name="p0"/> + <paramref name="length"/>), one position's row at a time.</summary>
        private void ApplyByRows(MlpKernel<T> mlp, int p0, int length, Worker w)
        {
            T[] row = w.MlpRow;
            for (int p = p0; p < p0 + length; p++)
            {
                for (int c = 0; c < _width; c++) row[c] = _x[c * _stride + p];
                mlp.Apply(row, w.HiddenA, w.HiddenB);
                for (int c = 0; c < _width; c++) _x[c * _stride + p] = row[c];
            }
        }

        /// <summary>Packs layer <paramref name="l"/>'s indexed heads' codes at a tile.</summary>
        private void Prepare(int l, int p0, int length, Worker w)
        {
            var layer = _layers[l];
            foreach (var head in layer.Heads) head.Indexed?.Pack(_x, p0, length, w.Row);
        }

        /// <summary>Decodes the tokens at a tile into <see cref="_decoded"/>; a token that does not decode is left to the ordered retry.</summary>
        private void DecodeTile(int p0, int length, Worker w)
        {
            try
            {
                if (_readoutTable is { } table) table.Decode(_x, _stride, p0, length, _count, _decoded, w.Readout);
                else Decode(Math.Max(p0, 1), Math.Min(p0 + length, _count), w.Readout);
            }
            catch (InvalidOperationException) { Volatile.Write(ref _decodeFailed, 1); }
        }

        /// <summary>Decodes the tokens at positions [<paramref name="from"/>, <paramref name="to"/>) in order (token t is at position t + 1).</summary>
        private void Decode(int from, int to, ReadoutMemo<T> memo)
        {
            for (int p = from; p < to; p++) _decoded[p - 1] = memo.Decode(_x, _stride, p, p - 1);
        }

        /// <summary>One head by exact softmax on the position-major copy: projections, then each query's row of the sum.</summary>
        private void RunExactly(AttentionKernel<T> exact)
        {
            // The kernel adds into position-major rows: hand it the sum so far and take it back.
            Transpose(_delta, _rowDelta, _width);
            for (int p = 0; p < _count; p++) exact.Project(_rows.AsSpan(p * _width, _width), p, _exactScratch);
            exact.Bound(_count);
            for (int i = 0; i < _count; i++) exact.Apply(i, _count, _rowDelta.AsSpan(i * _width, _width), _exactScratch);
            for (int p = 0; p < _count; p++)
                for (int c = 0; c < _width; c++) _delta[c * _stride + p] = _rowDelta[p * _width + c];
        }

        /// <summary>Copies the first <see cref="_count"/> positions of transposed <paramref name="columns"/> into position-major <paramref name="rows"/>.</summary>
        private void Transpose(T[] columns, T[] rows, int width)
        {
            for (int p = 0; p < _count; p++)
                for (int c = 0; c < width; c++) rows[p * width + c] = columns[c * _stride + p];
        }

        /// <summary>A head of a layer: its exact kernel, and its lookup when the selection was proved.</summary>
        private readonly record struct HeadPlan(AttentionKernel<T> Exact, IndexedAttention<T>? Indexed);

        /// <summary>
        /// A layer: its heads, the coordinates any of them writes (ascending), its MLP by columns, by rows when a stage has
        /// shared columns, and looked up when every coordinate it writes depends on at most two; whether its heads' copies may
        /// run in its one parallel phase (every head indexed, copying from its packed values or from coordinates that phase does
        /// not write), which heads read coordinates the phase writes (they need their packed values), and whether its one head
        /// adds straight into the residual (one term per coordinate: no sum rows).
        /// </summary>
        private sealed record LayerPlan(HeadPlan[] Heads, int[] Written, ColumnMlp<T>? Mlp, MlpKernel<T>? RowMlp, TernaryMlp<T>? Ternary, bool Fusable, bool[] SourcesWritten, bool Direct);

        /// <summary>One thread's scratch.</summary>
        private sealed class Worker
        {
            public Worker(int hidden, int gather, int width, int codes, ReadoutDecoder decoder)
            {
                Codes = new System.Runtime.Intrinsics.Vector512<int>[codes];
                HiddenA = new T[hidden];
                HiddenB = new T[hidden];
                Gather = new T[gather];
                Row = new T[width];
                MlpRow = new T[width];
                Readout = new ReadoutMemo<T>(decoder);
            }

            public T[] HiddenA { get; }
            public T[] HiddenB { get; }
            public T[] Gather { get; }
            public T[] Row { get; }
            public T[] MlpRow { get; }
            public System.Runtime.Intrinsics.Vector512<int>[] Codes { get; }
            public ReadoutMemo<T> Readout { get; }
        }
    }
}
