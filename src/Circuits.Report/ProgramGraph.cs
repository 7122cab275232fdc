using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Circuits.Compiler;

namespace Circuits.Report
{
    /// <summary>One head or MLP of a compiled model, as a node of its program graph.</summary>
    public sealed class GraphComponent
    {
        internal GraphComponent(int layer, int head, string label)
        {
            Layer = layer;
            Head = head;
            Label = label;
        }

        /// <summary>The layer, 0-based.</summary>
        public int Layer { get; }
        /// <summary>The head's index in its layer, or -1 for the layer's MLP.</summary>
        public int Head { get; }
        /// <summary>What it computes (the compiler's label).</summary>
        public string Label { get; }
        /// <summary>The card's name for it: "L1 H0" or "L1 MLP" (layers counted from 1, heads from 0).</summary>
        public string Name => Head < 0 ? $"L{Layer + 1} MLP" : $"L{Layer + 1} H{Head}";
        /// <summary>Residual slots it reads (indices into <see cref="ProgramGraph.Slots"/>), constants left out.</summary>
        public SortedSet<int> Reads { get; } = new SortedSet<int>();
        /// <summary>Residual slots it writes.</summary>
        public SortedSet<int> Writes { get; } = new SortedSet<int>();
        /// <summary>Whether it lies on the critical path: the longest chain of components, each reading what the previous one wrote, that ends in the output.</summary>
        public bool Critical { get; internal set; }
    }

    /// <summary>
    /// The data flow of a compiled model read from its weights: heads and MLPs, the residual slots (named by the residual labels)
    /// each reads and writes, and the critical path. A coordinate the compiler reused for several slots ("a / b") is attributed to
    /// them in order: a write after a read of the coordinate moves it on to its next slot, except a write by a component that reads the
    /// coordinate itself (clearing a dead slot before reuse), which stays with the slot it clears and is not drawn.
    /// </summary>
    public sealed class ProgramGraph
    {
        private static readonly Regex Coordinate = new Regex(@"(\.bit\d+|=[^=]*)$", RegexOptions.CultureInvariant);

        private ProgramGraph(IReadOnlyList<string> slots, IReadOnlyList<GraphComponent> components, ISet<int> embedded, ISet<int> output,
                             ISet<(int From, int Slot, int To)> criticalEdges)
        {
            Slots = slots;
            Components = components;
            EmbeddingSlots = embedded;
            OutputSlots = output;
            CriticalEdges = criticalEdges;
        }

        /// <summary>The residual slots' names (a residual label without its ".bitN" or "=value" suffix).</summary>
        public IReadOnlyList<string> Slots { get; }
        /// <summary>Heads then the MLP, layer by layer: the order the forward pass runs them.</summary>
        public IReadOnlyList<GraphComponent> Components { get; }
        /// <summary>Slots the embedding writes.</summary>
        public ISet<int> EmbeddingSlots { get; }
        /// <summary>Slots the readout decodes.</summary>
        public ISet<int> OutputSlots { get; }
        /// <summary>Consecutive components of the critical path and the slot through which the second reads the first (indices into <see cref="Components"/> and <see cref="Slots"/>).</summary>
        public ISet<(int From, int Slot, int To)> CriticalEdges { get; }

        /// <summary>Reads <paramref name="model"/>'s graph from its weights.</summary>
        public static ProgramGraph Build(CompiledModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            int width = model.Width;
            var slotIds = new Dictionary<string, int>(StringComparer.Ordinal);
            var slots = new List<string>();
            var parts = new int[width][];
            for (int c = 0; c < width; c++)
            {
                string label = c < model.ResidualLabels.Length ? model.ResidualLabels[c] : "r" + c;
                parts[c] = label.Split(" / ").Select(p => SlotId(Coordinate.Replace(p.Trim(), ""))).ToArray();
            }
            int SlotId(string name)
            {
                if (!slotIds.TryGetValue(name, out int id)) { id = slots.Count; slotIds[name] = id; slots.Add(name); }
                return id;
            }

            var current = new int[width];
            var readSinceWrite = new bool[width];
            var writers = new List<int>[width];
            var embedded = new HashSet<int>();
            for (int c = 0; c < width; c++)
            {
                writers[c] = new List<int>();
                bool written = model.BosEmbedding[c] != 0 || Column(model.TokenEmbedding, c) || Column(model.PositionEmbedding, c);
                current[c] = written ? 0 : -1;
                if (written) embedded.Add(parts[c][0]);
            }

            var components = new List<GraphComponent>();
            var depth = new List<int>();
            var cause = new List<(int From, int Slot)>();   // the deepest component each one reads, and through which slot
            void Read(GraphComponent n, IEnumerable<int> coords, HashSet<int> read)
            {
                int best = 0;
                (int, int) why = (-1, -1);
                foreach (int c in coords)
                {
                    read.Add(c);
                    if (current[c] < 0) continue;   // an empty coordinate reads as zero
                    int slot = parts[c][current[c]];
                    readSinceWrite[c] = true;
                    if (slots[slot] is "one" or "bos") continue;   // constants every component reads
                    n.Reads.Add(slot);
                    foreach (int w in writers[c])
                        if (depth[w] > best) { best = depth[w]; why = (w, slot); }
                }
                depth.Add(best + 1);
                cause.Add(why);
            }
            void Write(int index, IEnumerable<int> coords, HashSet<int> read)
            {
                foreach (int c in coords)
                {
                    if (read.Contains(c) && current[c] >= 0)
                    {
                        readSinceWrite[c] = true;   // a clear (or an update in place): the next writer starts the coordinate's next slot
                        continue;
                    }
                    if (current[c] < 0 || readSinceWrite[c])
                    {
                        current[c] = Math.Min(current[c] + 1, parts[c].Length - 1);
                        writers[c].Clear();
                    }
                    readSinceWrite[c] = false;
                    writers[c].Add(index);
                    components[index].Writes.Add(parts[c][current[c]]);
                }
            }

            for (int l = 0; l < model.Layers.Length; l++)
            {
                var layer = model.Layers[l];
                int first = components.Count;
                var headReads = new HashSet<int>[layer.Heads.Length];
                // All heads of a layer read the same residual: every read before any write.
                for (int h = 0; h < layer.Heads.Length; h++)
                {
                    var head = layer.Heads[h];
                    var n = new GraphComponent(l, h, head.Label);
                    components.Add(n);
                    headReads[h] = new HashSet<int>();
                    Read(n, head.Value.Cols == 0 ? Enumerable.Empty<int>() : NonZeroRows(head.Query).Union(NonZeroRows(head.Key)).Union(NonZeroRows(head.Value)), headReads[h]);
                }
                for (int h = 0; h < layer.Heads.Length; h++) Write(first + h, NonZeroColumns(layer.Heads[h].Output), headReads[h]);
                if (layer.Mlp is { Stages.Length: > 0 } mlp)
                {
                    var n = new GraphComponent(l, -1, mlp.Label);
                    components.Add(n);
                    var mlpReads = new HashSet<int>();
                    Read(n, NonZeroRows(mlp.Stages[0].Weights), mlpReads);
                    var last = mlp.Stages[^1];
                    Write(components.Count - 1, NonZeroColumns(last.Weights).Union(Enumerable.Range(0, last.Bias.Length).Where(c => last.Bias[c] != 0)), mlpReads);
                }
            }

            var output = new HashSet<int>();
            int end = -1;
            for (int c = model.Output.Offset; c < model.Output.Offset + model.Output.Dims && c < width; c++)
            {
                if (current[c] >= 0) output.Add(parts[c][current[c]]);
                foreach (int w in writers[c]) if (end < 0 || depth[w] > depth[end]) end = w;
            }
            var edges = new HashSet<(int, int, int)>();
            for (int n = end; n >= 0; n = cause[n].From)
            {
                components[n].Critical = true;
                if (cause[n].From >= 0) edges.Add((cause[n].From, cause[n].Slot, n));
            }
            return new ProgramGraph(slots, components, embedded, output, edges);
        }

        private static bool Column(Matrix m, int c)
        {
            for (int r = 0; r < m.Rows; r++) if (m[r, c] != 0) return true;
            return false;
        }

        private static IEnumerable<int> NonZeroRows(Matrix m)
        {
            for (int r = 0; r < m.Rows; r++)
                for (int c = 0; c < m.Cols; c++)
                    if (m[r, c] != 0) { yield return r; break; }
        }

        private static IEnumerable<int> NonZeroColumns(Matrix m)
        {
            for (int c = 0; c < m.Cols; c++) if (Column(m, c)) yield return c;
        }
    }
}
