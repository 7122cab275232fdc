using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Circuits.Report
{
    /// <summary>
    /// A <see cref="ProgramGraph"/> in Graphviz's DOT language: one cluster per layer holding its heads (boxes) and MLP (rounded box),
    /// residual slots as ellipses, reads and writes as edges, the critical path in red. Nodes carry an SVG id and class
    /// ("head", "mlp", "slot") so the rendered graph can be found in the report's DOM.
    /// </summary>
    public static class GraphDot
    {
        private const string Critical = "#d62728";

        /// <summary>The DOT source of <paramref name="graph"/>.</summary>
        public static string Write(ProgramGraph graph, string name)
        {
            var sb = new StringBuilder();
            sb.Append("digraph ").Append(Quote(name)).AppendLine(" {");
            sb.AppendLine("  rankdir=TB; newrank=true; nodesep=0.25; ranksep=0.35;");
            sb.AppendLine("  node [fontname=\"Helvetica\", fontsize=10, margin=\"0.08,0.03\", height=0.3];");
            sb.AppendLine("  edge [color=\"#888888\", arrowsize=0.6];");
            for (int s = 0; s < graph.Slots.Count; s++)
            {
                if (graph.Slots[s] is "one" or "bos") continue;
                bool embedded = graph.EmbeddingSlots.Contains(s);
                sb.Append("  ").Append(SlotNode(s)).Append(" [shape=ellipse, class=\"slot\", id=").Append(Quote("slot-" + s))
                  .Append(", label=").Append(Quote(graph.Slots[s]))
                  .Append(embedded ? ", style=filled, fillcolor=\"#e8f0fe\"" : "").AppendLine("];");
            }
            sb.AppendLine("  output [shape=doubleoctagon, class=\"output\", id=\"output\", label=\"output\"];");
            foreach (var layer in graph.Components.GroupBy(c => c.Layer))
            {
                sb.Append("  subgraph cluster_layer").Append(layer.Key.ToString(CultureInfo.InvariantCulture))
                  .Append(" { label=").Append(Quote("layer " + (layer.Key + 1).ToString(CultureInfo.InvariantCulture)))
                  .AppendLine("; fontname=\"Helvetica\"; fontsize=10; color=\"#bbbbbb\"; style=dashed;");
                foreach (var c in layer)
                {
                    string id = c.Head < 0 ? $"mlp-{c.Layer + 1}" : $"head-{c.Layer + 1}-{c.Head}";
                    sb.Append("    ").Append(ComponentNode(c)).Append(" [shape=box")
                      .Append(c.Head < 0 ? ", style=\"rounded,filled\", fillcolor=\"#fff4e0\"" : ", style=filled, fillcolor=\"#e6f4ea\"")
                      .Append(", class=").Append(Quote(c.Head < 0 ? "mlp" : "head")).Append(", id=").Append(Quote(id))
                      .Append(", label=").Append(Quote(c.Name + "\n" + Shorten(c.Label)))
                      .Append(c.Critical ? $", color=\"{Critical}\", penwidth=2" : "").AppendLine("];");
                }
                sb.AppendLine("  }");
            }
            for (int i = 0; i < graph.Components.Count; i++)
            {
                var c = graph.Components[i];
                foreach (int s in c.Reads)
                    sb.Append("  ").Append(SlotNode(s)).Append(" -> ").Append(ComponentNode(c))
                      .Append(graph.CriticalEdges.Any(e => e.To == i && e.Slot == s) ? $" [color=\"{Critical}\", penwidth=2]" : "").AppendLine(";");
                foreach (int s in c.Writes)
                    sb.Append("  ").Append(ComponentNode(c)).Append(" -> ").Append(SlotNode(s))
                      .Append(graph.CriticalEdges.Any(e => e.From == i && e.Slot == s) ? $" [color=\"{Critical}\", penwidth=2]" : "").AppendLine(";");
            }
            foreach (int s in graph.OutputSlots)
                sb.Append("  ").Append(SlotNode(s)).Append(" -> output [color=\"").Append(Critical).AppendLine("\", penwidth=2];");
            sb.AppendLine("}");
            return sb.ToString();
        }

        private static string SlotNode(int s) => "s" + s.ToString(CultureInfo.InvariantCulture);

        private static string ComponentNode(GraphComponent c)
            => Quote(c.Head < 0 ? $"L{c.Layer + 1}MLP" : $"L{c.Layer + 1}H{c.Head}");

        private static string Shorten(string label) => label.Length <= 32 ? label : string.Concat(label.AsSpan(0, 31), "…");

        private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", System.StringComparison.Ordinal).Replace("\"", "\\\"", System.StringComparison.Ordinal).Replace("\n", "\\n", System.StringComparison.Ordinal) + "\"";
    }
}
