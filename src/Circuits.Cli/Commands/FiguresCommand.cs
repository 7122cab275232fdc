using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Circuits.Compiler;
using Circuits.Report;

namespace Circuits.Cli
{
    /// <summary>
    /// figures: the README's figures drawn from real compilations into --out (default docs/figures): k-hop layers against k beside
    /// ⌊log2 k⌋ + 2, width against N for both position codes, the induction head's two attention patterns on a sample input, and
    /// the 1-vs-2 cycle protocol's layers against log2 N. --max-length caps the N sweeps (a quick run for tests).
    /// </summary>
    public static class FiguresCommand
    {
        /// <summary>The files it writes, in order.</summary>
        public static readonly string[] Files = { "khop-layers.png", "width-vs-n.png", "induction-attention.png", "one-vs-two-cycle-layers.png" };

        private const string Vocab = "abcd";
        private const int SmallN = 64, DeepK = 16;
        /// <summary>The induction head's sample input: repeats at every distance, so both heads have something to find.</summary>
        private const string InductionInput = "abcabdcab";

        /// <summary>Draws every figure into options.Out (default docs/figures), N sweeps up to options.SweepMaxLength.</summary>
        /// <returns>The exit code.</returns>
        public static int Execute(CliOptions options, TextWriter stdout)
        {
            string folder = options.Out ?? Path.Combine("docs", "figures");
            Directory.CreateDirectory(folder);
            int maxN = options.SweepMaxLength;
            var kHop = ProgramCatalog.Find("k-hop");
            var inductionHead = ProgramCatalog.Find("induction-head");

            // Depth of pointer doubling: layers(k) against the ⌊log2 k⌋ + 2 the construction promises.
            var ks = Enumerable.Range(1, DeepK).Select(k => (double)k).ToArray();
            var layers = ks.Select(k => (double)Compilation.Compile(kHop, (int)k, Vocab, Math.Min(SmallN, maxN), NumericType.Float64).Layers.Length).ToArray();
            Write(folder, Files[0], stdout, Charts.Lines($"k-hop: layers against k (vocab {Vocab}, N = {Math.Min(SmallN, maxN)})", "k", "layers", new[]
            {
                new Series("compiled", ks, layers),
                new Series("⌊log2 k⌋ + 2", ks, ks.Select(k => (double)(Library.FloorLog2((int)k) + 2)).ToArray(), Dashed: true),
            }, ks.Select(k => (k, k.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()));

            // Width against N in both numeric types. The compiler tries the 3-coordinate quadratic position code first and falls back to the
            // ±1 binary code (⌈log2 N⌉ coordinates) where the quadratic one does not certify; the jump in each line is that switch.
            var ns = Enumerable.Range(4, 9).Select(e => 1 << e).Where(n => n <= maxN).ToArray();
            var width = new List<Series>();
            foreach (var (entry, k, name) in new[] { (inductionHead, 0, "induction head"), (kHop, DeepK, DeepK + "-hop") })
                foreach (var (precision, code) in new[] { (NumericType.Float32, "float32"), (NumericType.Float64, "float64") })
                    width.Add(new Series($"{name}, {code} (quadratic code, then ±1)", ns.Select(n => Math.Log2(n)).ToArray(),
                        ns.Select(n => (double)Compilation.Compile(entry, k, Vocab, n, precision).Width).ToArray()));
            Write(folder, Files[1], stdout, Charts.Lines($"Residual width against N (vocab {Vocab})", "N (log scale)", "width", width,
                ns.Select(n => (Math.Log2(n), n.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray(), ScottPlot.Alignment.UpperLeft));

            // The induction head on a sample input: layer 1 reads the previous token, layer 2 the token after the last earlier match.
            var model = Compilation.Compile(inductionHead, 0, Vocab, 16, NumericType.Float64);
            int[] ids = Engine.Encode(model, InductionInput);
            var trace = new ReferenceExecutor(model).Trace(ids);
            var tokens = ModelReport.Tokens(model, ids);
            Write(folder, Files[2], stdout, Charts.SideBySide(
                Enumerable.Range(0, model.Layers.Length).SelectMany(l => Enumerable.Range(0, model.Layers[l].Heads.Length).Select(h => (l, h)))
                    .Select(p => ModelReport.AttentionPng(model, tokens, trace, p.l, p.h)).ToArray()));

            // The 1-vs-2 cycle protocol compiled at N = 8 … maxN machines: layers against log2 N, beside the theorem's R + 1.
            var cycle = ProgramCatalog.FindMpc("one-vs-two-cycle") ?? throw new InvalidOperationException("the catalog has no one-vs-two-cycle");
            var cycleNs = Enumerable.Range(3, 10).Select(e => 1 << e).Where(n => n <= Math.Min(maxN, 1024)).ToArray();
            var cards = cycleNs.Select(n => Circuits.Mpc.MpcCompiler.Compile(cycle.Protocol(n), NumericType.Float64).Model.Card).ToArray();
            var logN = cycleNs.Select(n => Math.Log2(n)).ToArray();
            Write(folder, Files[3], stdout, Charts.Lines("1-vs-2 cycle: layers against log2 N", "log2 N", "layers", new[]
            {
                new Series("compiled", logN, cards.Select(c => (double)c.Layers).ToArray()),
                new Series("theorem: rounds + 1", logN, cards.Select(c => (double)(c.Mpc?.TheoremLayers ?? 0)).ToArray(), Dashed: true),
            }, logN.Select(x => (x, x.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()));
            return CliApp.Success;
        }

        private static void Write(string folder, string name, TextWriter stdout, byte[] png)
        {
            string path = Path.Combine(folder, name);
            File.WriteAllBytes(path, png);
            stdout.WriteLine($"wrote {path} ({png.Length:N0} bytes)");
        }
    }
}
