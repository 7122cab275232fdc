using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>
    /// demo: the seed's circuits end to end — their cards, depth against k for k-hop, width against N, and a check of
    /// every catalog program. A compile failure prints as a line and the demo goes on; if anything failed it ends with
    /// one error line and exit code 1.
    /// </summary>
    internal static class DemoCommand
    {
        private const string Vocab = "abcd";
        private const int SmallN = 64, LargeN = 4096, DeepK = 16;
        private const int SmallSamples = 20, LargeSamples = 5, Seed = 1;
        private static readonly int[] WidthNs = { 64, 128, 256, 512, 1024, 2048, 4096 };

        public static int Execute(TextWriter stdout)
        {
            var models = new ModelCache();
            var inductionHead = ProgramCatalog.Find("induction-head");
            var kHop = ProgramCatalog.Find("k-hop");

            stdout.WriteLine("== Model cards ==");
            foreach (var (entry, k, n, precision) in new[]
            {
                (inductionHead, 0, LargeN, NumericType.Float32),
                (kHop, DeepK, LargeN, NumericType.Float32),
                (ProgramCatalog.Find("reverse"), 0, SmallN, NumericType.Float64),
                (ProgramCatalog.Find("sort"), 0, SmallN, NumericType.Float64),
                (ProgramCatalog.Find("hist"), 0, SmallN, NumericType.Float64),
            })
            {
                stdout.WriteLine();
                var model = models.Get(entry, k, n, precision, out string? error);
                if (model is null) { stdout.WriteLine(Failed(entry, k, n, error)); continue; }
                stdout.Write(CardFormatter.ToText(model.Card));
            }

            // Pointer doubling: depth grows like log2 k; the two bounds bracket it.
            stdout.WriteLine();
            stdout.WriteLine($"== k-hop depth against k (vocab {Vocab}, N = {SmallN}) ==");
            stdout.WriteLine(Row("k", "layers", "⌊log2 k⌋+2", "⌈log2 k⌉+2"));
            for (int k = 1; k <= DeepK; k++)
            {
                var model = models.Get(kHop, k, SmallN, NumericType.Float64, out string? error);
                stdout.WriteLine(Row(Int(k), model is null ? "error" : Int(model.Card.Layers),
                    Int(Library.FloorLog2(k) + 2), Int(CeilLog2(k) + 2)));
            }

            // Width is a property of the construction, not of the numeric type; float64 certifies at every N, so the
            // table shows the growth even where float32 runs out of mantissa bits.
            stdout.WriteLine();
            // Width against N in both numeric types: float32 needs ±1 position codes (⌈log2 N⌉ coordinates),
            // float64 affords the 3-coordinate quadratic code while it can certify it. Bits needed in brackets.
            stdout.WriteLine($"== Width against N (vocab {Vocab}; mantissa bits needed in brackets) ==");
            stdout.WriteLine(Row("N", "induction-head", "", DeepK + "-hop", ""));
            stdout.WriteLine(Row("", "float32", "float64", "float32", "float64"));
            foreach (int n in WidthNs)
            {
                var cells = new List<string> { Int(n) };
                foreach (var (entry, k) in new[] { (inductionHead, 0), (kHop, DeepK) })
                    foreach (var precision in new[] { NumericType.Float32, NumericType.Float64 })
                    {
                        var m = models.Get(entry, k, n, precision, out _);
                        cells.Add(m is null ? "error" : $"{Int(m.Width)} [{m.Card.PrecisionBits}]");
                    }
                stdout.WriteLine(Row(cells.ToArray()));
            }

            stdout.WriteLine();
            stdout.WriteLine("== Check against the task definitions ==");
            int passed = 0, failed = 0;
            var checks = new List<(ProgramEntry Entry, int K, int N, NumericType Precision, int Samples)>();
            foreach (var entry in ProgramCatalog.All)
                checks.Add((entry, Compilation.UsesK(entry) ? ProgramCatalog.DefaultK : 0, entry.MaxLength ?? SmallN, NumericType.Float64, SmallSamples));
            checks.Add((inductionHead, 0, LargeN, NumericType.Float32, LargeSamples));
            checks.Add((kHop, DeepK, LargeN, NumericType.Float32, LargeSamples));
            foreach (var (entry, k, n, precision, samples) in checks)
            {
                var model = models.Get(entry, k, n, precision, out string? error);
                if (model is null)
                {
                    // An instance that cannot even be compiled has failed.
                    failed += samples;
                    stdout.WriteLine(Failed(entry, k, n, error));
                    continue;
                }
                CheckResult result;
                try
                {
                    result = InstanceChecker.Check(entry, model, k, precision, samples, Seed);
                }
                catch (Exception e)
                {
                    failed += samples;
                    stdout.WriteLine($"{model.Name} at N = {Int(n)}: check failed: {ErrorText.Describe(e)}");
                    continue;
                }
                passed += result.Passed;
                failed += result.Failed;
                stdout.WriteLine(Summary.Line(model, precision, result, Seed));
                foreach (var f in result.Failures) stdout.WriteLine("  " + f);
            }
            // The same circuits compiled at build time: the generator's specialised Forward, checked against the task.
            foreach (var (name, forward, task) in new (string, GeneratedForward, Func<int[], double[]>)[]
            {
                ("induction-head", GeneratedInductionHead.Forward, Tasks.TaskDefinitions.InductionHead),
                (DeepK + "-hop", GeneratedSixteenHop.Forward, x => Tasks.TaskDefinitions.KHop(x, DeepK)),
            })
            {
                int ok = CheckGenerated(forward, task, LargeSamples);
                passed += ok;
                failed += LargeSamples - ok;
                stdout.WriteLine($"{name} (generated at build time, vocab {Vocab}, N = {Int(LargeN)}, float32, seed {Seed}): {ok}/{LargeSamples} agree with the task definition");
            }
            stdout.WriteLine(Summary.Total(passed, failed));
            if (failed > 0 || models.Failures > 0)
                throw new RunFailedException($"demo: {failed} check instances failed and {models.Failures} compilations failed (see above)");
            return CliApp.Success;
        }

        private delegate void GeneratedForward(ReadOnlySpan<int> ids, Span<int> output);

        /// <summary>How many of <paramref name="samples"/> no-repeat inputs (lengths 3000..N) the generated pass gets right at every position.</summary>
        private static int CheckGenerated(GeneratedForward forward, Func<int[], double[]> task, int samples)
        {
            var rng = new Random(Seed);
            var output = new int[LargeN];
            int ok = 0;
            for (int s = 0; s < samples; s++)
            {
                var ids = Tasks.InstanceGenerator.NoRepeat(rng, rng.Next(3000, LargeN + 1), Vocab.Length);
                forward(ids, output);
                var expected = task(ids);
                bool all = true;
                for (int i = 0; i < ids.Length && all; i++)
                    all = double.IsNaN(expected[i]) ? output[i] == Bottom.Id : output[i] == (int)expected[i];
                if (all) ok++;
            }
            return ok;
        }

        private static string Failed(ProgramEntry entry, int k, int n, string? error)
            => $"{Name(entry, k)} at N = {Int(n)}: compile failed: {error}";

        private static string Name(ProgramEntry entry, int k) => Compilation.UsesK(entry) ? k + "-hop" : entry.Name;

        private static string Row(params string[] cells)
        {
            var padded = new string[cells.Length];
            for (int i = 0; i < cells.Length; i++) padded[i] = cells[i].PadLeft(i == 0 ? 6 : 16);
            return string.Join("", padded);
        }

        private static int CeilLog2(int k) => k <= 1 ? 0 : Library.FloorLog2(k - 1) + 1;

        private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>Compiles each (program, k, N, precision) once; a failure is remembered as its one-line message.</summary>
        private sealed class ModelCache
        {
            private readonly Dictionary<string, (CompiledModel? Model, string? Error)> _models = new Dictionary<string, (CompiledModel?, string?)>();

            /// <summary>How many distinct compilations failed.</summary>
            public int Failures { get; private set; }

            public CompiledModel? Get(ProgramEntry entry, int k, int n, NumericType precision, out string? error)
            {
                string key = $"{Name(entry, k)}|{n}|{precision}";
                if (!_models.TryGetValue(key, out var cached))
                {
                    try
                    {
                        cached = (Compilation.Compile(entry, k, Vocab, n, precision), null);
                    }
                    catch (Exception e)
                    {
                        // The demo shows every circuit it can; one that fails to compile is reported, not fatal.
                        cached = (null, ErrorText.Describe(e));
                        Failures++;
                    }
                    _models[key] = cached;
                }
                error = cached.Error;
                return cached.Model;
            }
        }
    }
}
