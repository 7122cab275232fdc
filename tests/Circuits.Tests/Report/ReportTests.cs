using System;
using System.IO;
using System.Linq;
using Circuits.Compiler;
using Circuits.Report;
using Circuits.Tests.Cli;
using SkiaSharp;
using Xunit;

namespace Circuits.Tests.Report
{
    /// <summary>The report's pieces checked against independent oracles: the trace against the task and the masks, figures as PNGs, dot's absence.</summary>
    public class ReportTests
    {
        [Fact]
        public void Trace_AttentionRowsAreDistributionsOverTheMaskedKeys_AndTheInductionHeadReadsThePreviousToken()
        {
            var model = global::Circuits.Cli.Compilation.Compile(ProgramCatalog.Find("induction-head"), 0, "abcd", 16, NumericType.Float64);
            int[] ids = global::Circuits.Engine.Encode(model, "abcabdcabd");
            var trace = new ReferenceExecutor(model).Trace(ids);
            int n = trace.Positions;
            Assert.Equal(model.Layers.Length + 1, trace.Residuals.Count);
            for (int l = 0; l < model.Layers.Length; l++)
                for (int h = 0; h < model.Layers[l].Heads.Length; h++)
                {
                    var p = trace.Attention[l][h];
                    for (int i = 0; i < n; i++)
                    {
                        AttentionMasks.KeyRange(model.Layers[l].Heads[h].Mask, i, n, out int lo, out int hi);
                        double sum = 0;
                        for (int j = 0; j < n; j++)
                        {
                            bool visible = j == 0 || (j >= lo && j < hi);
                            if (!visible) Assert.Equal(0, p[i * n + j]);
                            sum += p[i * n + j];
                        }
                        Assert.Equal(1, sum, 1e-9);
                    }
                }
            // Layer 1's head reads the previous token (the BOS sink at the first position): the task's own first step.
            var first = trace.Attention[0][0];
            for (int i = 1; i < n; i++) Assert.True(first[i * n + (i - 1)] > 0.99, $"query {i} puts {first[i * n + i - 1]} on key {i - 1}");
            // The residual the trace ends with is the one the engine decodes: the reference run's outputs.
            var decoded = ReferenceExecutor.Run(model, ids);
            var expected = Tasks.TaskDefinitions.InductionHead(ids);
            Assert.Equal(expected.Select(v => double.IsNaN(v) ? -1 : v), decoded.Select(v => double.IsNaN(v) ? -1 : v));
        }

        [Fact]
        public void Figures_WritesEveryFileAsAValidNonEmptyPng()
        {
            string folder = Directory.CreateTempSubdirectory("circuits-figures-").FullName;
            try
            {
                var r = CliHarness.Run("figures", "--out", folder, "--max-length", "16");
                Assert.True(r.ExitCode == 0, r.Stderr);
                var files = Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(f => f).ToArray();
                Assert.Equal(global::Circuits.Cli.FiguresCommand.Files.OrderBy(f => f), files);
                foreach (var file in files)
                {
                    var bytes = File.ReadAllBytes(Path.Combine(folder, file!));
                    Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8).ToArray());
                    using var bitmap = SKBitmap.Decode(bytes);
                    Assert.NotNull(bitmap);
                    Assert.True(bitmap.Width >= 300 && bitmap.Height >= 200, $"{file} is {bitmap.Width}×{bitmap.Height}");
                    // Not blank: a chart has more than a handful of colours.
                    Assert.True(bitmap.Pixels.Distinct().Take(20).Count() >= 20, $"{file} is (nearly) one colour");
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void Graphviz_Missing_SaysHowToGetIt()
        {
            Assert.Null(Graphviz.ToSvg("digraph g { a -> b; }", out string? problem, "dot-that-does-not-exist"));
            Assert.Equal(Graphviz.HowToInstall, problem);
            Assert.Contains("apt-get install graphviz", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void Graph_InductionHead_CriticalPathRunsThroughBothHeads_ToTheOutput()
        {
            var model = global::Circuits.Cli.Compilation.Compile(ProgramCatalog.Find("induction-head"), 0, "abcd", 16, NumericType.Float64);
            var graph = ProgramGraph.Build(model);
            Assert.Equal(model.Layers.Sum(l => l.Heads.Length + (l.Mlp is { Stages.Length: > 0 } ? 1 : 0)), graph.Components.Count);
            // Two layers of attention are the task's depth: both heads are on the path, and the path ends in the readout's slot.
            Assert.All(graph.Components.Where(c => c.Head >= 0), c => Assert.True(c.Critical, c.Name));
            var last = graph.Components.Last(c => c.Critical);
            Assert.True(last.Writes.Overlaps(graph.OutputSlots));
        }
    }
}
