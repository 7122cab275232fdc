using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Circuits.Compiler;

namespace Circuits.Report
{
    /// <summary>
    /// A self-contained HTML report of a compiled model on one input: the decoded output, the program graph laid out by Graphviz
    /// (critical path in red), one attention heatmap per head, the residual stream after the embedding and after each layer,
    /// and the model card. Every image is inline (SVG, or PNG as a data URI) and there are no scripts, so the file opens offline.
    /// </summary>
    public static class ModelReport
    {
        /// <summary>How the BOS sink (position 0) is labelled in heatmaps.</summary>
        public const string BosLabel = "BOS";

        /// <summary>The report of <paramref name="model"/> on <paramref name="input"/> as one HTML document; works for generated models too (their static <c>Model</c>).</summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="input">The input text, encoded as <see cref="Engine.Encode"/> does.</param>
        /// <param name="precision">The numeric type the decoded output is computed in (heatmaps come from the double-precision reference pass).</param>
        /// <exception cref="ArgumentException">The input is empty, too long or holds a symbol outside the vocabulary.</exception>
        /// <exception cref="InvalidOperationException">The output does not decode cleanly.</exception>
        public static string ShowHtml(this CompiledModel model, string input, NumericType precision = NumericType.Float64)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(input);
            int[] ids = Engine.Encode(model, input);
            double[] outputs = Engine.Create(model, precision).Forward(ids);
            var trace = new ReferenceExecutor(model).Trace(ids);
            var tokens = Tokens(model, ids);

            var html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(model.Name)).Append(" — Circuits report</title>\n")
                .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
            html.Append("<h1>").Append(E(model.Name)).Append("</h1>\n<p class=\"summary\">")
                .Append(Int(model.Layers.Length)).Append(" layers, ")
                .Append(Int(model.Layers.Sum(l => l.Heads.Length))).Append(" heads, width ").Append(Int(model.Width))
                .Append(", N = ").Append(Int(model.MaxLength)).Append(", vocabulary ").Append(E(string.Join(" ", model.Vocabulary)))
                .Append(". Input <code>").Append(E(input)).Append("</code>, ").Append(Int(ids.Length)).Append(" tokens, run in ")
                .Append(precision == NumericType.Float32 ? "float32" : "float64").Append(".</p>\n");
            html.Append("<nav><a href=\"#output\">output</a> · <a href=\"#graph\">graph</a> · <a href=\"#attention\">attention</a> · <a href=\"#residual\">residual stream</a> · <a href=\"#card\">card</a></nav>\n");

            Output(html, model, tokens, outputs);
            Graph(html, model);
            Attention(html, model, trace, tokens);
            Residual(html, model, trace, tokens);
            html.Append("<section id=\"card\">\n<h2>Model card</h2>\n<pre class=\"card\">").Append(E(CardFormatter.ToText(model.Card))).Append("</pre>\n</section>\n");
            html.Append("</body>\n</html>\n");
            return html.ToString();
        }

        private static void Output(StringBuilder html, CompiledModel model, string[] tokens, double[] outputs)
        {
            html.Append("<section id=\"output\">\n<h2>Decoded output</h2>\n<table class=\"output\">\n<tr><th>position</th>");
            for (int t = 0; t < outputs.Length; t++) html.Append("<td>").Append(Int(t)).Append("</td>");
            html.Append("</tr>\n<tr><th>input</th>");
            for (int t = 0; t < outputs.Length; t++) html.Append("<td>").Append(E(tokens[t + 1])).Append("</td>");
            html.Append("</tr>\n<tr><th>output</th>");
            foreach (double v in outputs)
                html.Append("<td>").Append(E(SymbolText.Render(model.Vocabulary, model.Output.TokenValued, new[] { v }))).Append("</td>");
            html.Append("</tr>\n</table>\n<p class=\"line\">").Append(E(SymbolText.Render(model.Vocabulary, model.Output.TokenValued, outputs))).Append("</p>\n</section>\n");
        }

        private static void Graph(StringBuilder html, CompiledModel model)
        {
            var graph = ProgramGraph.Build(model);
            string dot = GraphDot.Write(graph, model.Name);
            html.Append("<section id=\"graph\">\n<h2>Program graph</h2>\n<p class=\"legend\">Heads (green boxes) and MLPs (orange) layer by layer; ellipses are the residual slots they read and write (blue: written by the embedding; the constant slots <i>one</i> and <i>bos</i> are left out). Red: the critical path, the chain of components that sets the depth.</p>\n");
            string? svg = Graphviz.ToSvg(dot, out string? problem);
            if (svg is not null) html.Append("<div class=\"graph\">").Append(svg).Append("</div>\n");
            else html.Append("<p class=\"missing-dot\">").Append(E(problem ?? "")).Append("</p>\n<pre class=\"dot\">").Append(E(dot)).Append("</pre>\n");
            html.Append("</section>\n");
        }

        private static void Attention(StringBuilder html, CompiledModel model, ForwardTrace trace, string[] tokens)
        {
            html.Append("<section id=\"attention\">\n<h2>Attention patterns</h2>\n<p class=\"legend\">One heatmap per head: row i is query position i, column j key position j, colour the softmax weight (0 to 1). Position 0 is the BOS sink every query may read.</p>\n<div class=\"grid\">\n");
            for (int l = 0; l < model.Layers.Length; l++)
                for (int h = 0; h < model.Layers[l].Heads.Length; h++)
                {
                    var head = model.Layers[l].Heads[h];
                    string name = $"L{l + 1} H{h}";
                    byte[] png = AttentionPng(model, tokens, trace, l, h);
                    html.Append("<figure class=\"heatmap attention\" data-layer=\"").Append(Int(l + 1)).Append("\" data-head=\"").Append(Int(h)).Append("\">")
                        .Append(Image(png, $"attention of {name}")).Append("<figcaption>").Append(E(name)).Append(" — ").Append(E(head.Label))
                        .Append(", mask ").Append(E(head.Mask.ToString())).Append(head.Hard ? ", hard" : "").Append("</figcaption></figure>\n");
                }
            html.Append("</div>\n</section>\n");
        }

        private static void Residual(StringBuilder html, CompiledModel model, ForwardTrace trace, string[] tokens)
        {
            html.Append("<section id=\"residual\">\n<h2>Residual stream</h2>\n<p class=\"legend\">Rows are positions, columns the residual's named coordinates (the card's residual labels; \"a / b\" is a coordinate reused once a is dead). Blue negative, red positive. Each column is divided by its largest |value| over all layers (\"÷ m\" after its label when that is not 1), so ±1 codes and large scalars show alike.</p>\n");
            // One scale per coordinate, shared by every stage so a column's colour means the same value from layer to layer.
            var scale = new double[trace.Width];
            foreach (var stage in trace.Residuals)
                for (int i = 0; i < stage.Length; i++) scale[i % trace.Width] = Math.Max(scale[i % trace.Width], Math.Abs(stage[i]));
            var labels = Enumerable.Range(0, model.Width)
                .Select(c => Int(c) + " " + (c < model.ResidualLabels.Length ? model.ResidualLabels[c] : "")
                             + (scale[c] is 0 or 1 ? "" : " ÷ " + SymbolText.Number(scale[c]))).ToArray();
            for (int stage = 0; stage < trace.Residuals.Count; stage++)
            {
                string name = stage == 0 ? "after the embedding" : $"after layer {stage}";
                var values = new double[trace.Positions, trace.Width];
                for (int p = 0; p < trace.Positions; p++)
                    for (int c = 0; c < trace.Width; c++)
                        values[p, c] = scale[c] == 0 ? 0 : trace.Residuals[stage][p * trace.Width + c] / scale[c];
                byte[] png = Charts.Heatmap(values, tokens, labels, "residual " + name, "", "position", diverging: true);
                html.Append("<figure class=\"heatmap residual\" data-stage=\"").Append(Int(stage)).Append("\">").Append(Image(png, "residual stream " + name))
                    .Append("<figcaption>").Append(E(name)).Append("</figcaption></figure>\n");
            }
            html.Append("</section>\n");
        }

        /// <summary>The heatmap labels of a pass's positions: <see cref="BosLabel"/>, then each token's symbol.</summary>
        public static string[] Tokens(CompiledModel model, int[] ids)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(ids);
            return new[] { BosLabel }.Concat(ids.Select(id => model.Vocabulary[id])).ToArray();
        }

        /// <summary>Head <paramref name="head"/> of layer <paramref name="layer"/> (0-based)'s attention pattern in <paramref name="trace"/> as a PNG heatmap, query × key, labelled with <paramref name="tokens"/>.</summary>
        public static byte[] AttentionPng(CompiledModel model, string[] tokens, ForwardTrace trace, int layer, int head)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(trace);
            var values = Square(trace.Attention[layer][head], trace.Positions);
            return Charts.Heatmap(values, tokens, tokens, $"L{layer + 1} H{head}: {model.Layers[layer].Heads[head].Label}", "key", "query", diverging: false);
        }

        private static double[,] Square(double[] values, int n)
        {
            var m = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) m[i, j] = values[i * n + j];
            return m;
        }

        private static string Image(byte[] png, string alt)
            => "<img alt=\"" + E(alt) + "\" src=\"data:image/png;base64," + Convert.ToBase64String(png) + "\">";

        private static string E(string s) => WebUtility.HtmlEncode(s);

        private static string Int(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

        private const string Style = @"body { font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1400px; padding: 0 1em; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 1.6em; }
.summary, .legend { color: #555; } nav a { color: #1a73e8; }
table.output { border-collapse: collapse; font-family: ui-monospace, Menlo, Consolas, monospace; }
table.output th, table.output td { border: 1px solid #ddd; padding: 2px 8px; text-align: center; } table.output th { background: #f5f5f5; text-align: left; }
.line { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1.1em; }
.graph { overflow-x: auto; } .graph svg { max-width: 100%; height: auto; }
.grid { display: flex; flex-wrap: wrap; gap: 1em; }
figure { margin: 0 0 1em 0; } figure img { max-width: 100%; display: block; } figcaption { color: #555; font-size: 0.9em; }
pre.card, pre.dot { background: #f7f7f7; padding: 1em; overflow-x: auto; font-size: 0.85em; }
.missing-dot { background: #fff4e0; border-left: 4px solid #f0a000; padding: 0.6em 1em; }
";
    }
}
