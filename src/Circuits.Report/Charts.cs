using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Circuits.Report
{
    /// <summary>One line of a <see cref="Charts.Lines"/> chart.</summary>
    /// <param name="Name">The legend entry.</param>
    /// <param name="X">The x values.</param>
    /// <param name="Y">The y values, one per x.</param>
    /// <param name="Dashed">A reference curve (a bound) rather than a measurement.</param>
    public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Dashed = false);

    /// <summary>The report's and the README's charts, drawn with ScottPlot as PNG bytes.</summary>
    public static class Charts
    {
        private const int Cell = 22, MaxSide = 2400;

        /// <summary>
        /// A labelled heatmap: <paramref name="values"/>[row, column], row 0 at the top. <paramref name="diverging"/> centres the colour
        /// scale on 0 (blue negative, red positive); otherwise it runs from 0 to the largest value.
        /// </summary>
        public static byte[] Heatmap(double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels,
                                     string title, string xLabel, string yLabel, bool diverging)
        {
            ArgumentNullException.ThrowIfNull(values);
            int rows = values.GetLength(0), cols = values.GetLength(1);
            var plot = new Plot();
            var map = plot.Add.Heatmap(values);
            double max = 0;
            foreach (double v in values) if (double.IsFinite(v)) max = Math.Max(max, Math.Abs(v));
            if (max == 0) max = 1;
            map.Colormap = diverging ? new ScottPlot.Colormaps.Balance() : new ScottPlot.Colormaps.Viridis();
            map.ManualRange = diverging ? new ScottPlot.Range(-max, max) : new ScottPlot.Range(0, max);
            // Cell (r, c) centred on (c, rows − 1 − r): row 0 on top, like a matrix.
            map.Position = new CoordinateRect(0, cols - 1, 0, rows - 1);
            plot.Add.ColorBar(map);
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, cols).Select(c => (double)c).ToArray(), columnLabels.ToArray());
            plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(), rowLabels.ToArray());
            bool longColumns = columnLabels.Any(l => l.Length > 2);
            if (longColumns)
            {
                plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
                plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
                // ScottPlot sizes the axis for unrotated labels; make room for the rotated ones.
                plot.Axes.Bottom.MinimumSize = LabelRoom(columnLabels);
            }
            plot.Axes.Bottom.MajorTickStyle.Length = 0;
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.SetLimits(-0.5, cols - 0.5, -0.5, rows - 0.5);
            plot.Title(title);
            plot.XLabel(xLabel);
            plot.YLabel(yLabel);
            int longestColumn = columnLabels.Count == 0 ? 0 : columnLabels.Max(l => l.Length);
            int longestRow = rowLabels.Count == 0 ? 0 : rowLabels.Max(l => l.Length);
            int width = Math.Clamp(cols * Cell + 160 + 7 * longestRow, 320, MaxSide);
            int height = Math.Clamp(rows * Cell + 110 + (longColumns ? LabelRoom(columnLabels) : 20), 240, MaxSide);
            return plot.GetImageBytes(width, height, ImageFormat.Png);
        }

        /// <summary>Pixels a rotated tick label column needs: about 8 per character at ScottPlot's default size (7 cut the longest
        /// labels off), plus the gap to the axis and the axis title.</summary>
        private static int LabelRoom(IReadOnlyList<string> labels) => 8 * labels.Max(l => l.Length) + 50;

        /// <summary>PNG images side by side on white, top-aligned, as one PNG.</summary>
        public static byte[] SideBySide(params byte[][] pngs)
        {
            ArgumentNullException.ThrowIfNull(pngs);
            var images = pngs.Select(p => SkiaSharp.SKBitmap.Decode(p)).ToArray();
            try
            {
                var info = new SkiaSharp.SKImageInfo(images.Sum(i => i.Width), images.Max(i => i.Height));
                using var surface = SkiaSharp.SKSurface.Create(info);
                surface.Canvas.Clear(SkiaSharp.SKColors.White);
                int x = 0;
                foreach (var image in images)
                {
                    surface.Canvas.DrawBitmap(image, x, 0);
                    x += image.Width;
                }
                using var snapshot = surface.Snapshot();
                using var data = snapshot.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
                return data.ToArray();
            }
            finally
            {
                foreach (var image in images) image.Dispose();
            }
        }

        /// <summary>
        /// A line chart with markers; dashed series are bounds drawn for comparison. <paramref name="xTicks"/> places labelled ticks
        /// (e.g. N at log2 N); <paramref name="legend"/> is the legend's corner.
        /// </summary>
        public static byte[] Lines(string title, string xLabel, string yLabel, IEnumerable<Series> series,
                                   IReadOnlyList<(double X, string Label)>? xTicks = null, Alignment legend = Alignment.UpperLeft)
        {
            ArgumentNullException.ThrowIfNull(series);
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            int i = 0;
            foreach (var s in series)
            {
                var line = plot.Add.Scatter(s.X.ToArray(), s.Y.ToArray(), palette.GetColor(i++));
                line.LegendText = s.Name;
                line.LineWidth = 2;
                line.MarkerSize = s.Dashed ? 0 : 7;
                if (s.Dashed) line.LinePattern = LinePattern.Dashed;
            }
            plot.Title(title);
            plot.XLabel(xLabel);
            plot.YLabel(yLabel);
            if (xTicks is not null) plot.Axes.Bottom.SetTicks(xTicks.Select(t => t.X).ToArray(), xTicks.Select(t => t.Label).ToArray());
            plot.ShowLegend(legend);
            return plot.GetImageBytes(640, 420, ImageFormat.Png);
        }
    }
}
