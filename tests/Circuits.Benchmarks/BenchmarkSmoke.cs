using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// Runs every benchmark body once at a tiny size, outside BenchmarkDotNet, so a broken benchmark (a setup that no longer
    /// agrees, a renamed sample, an export the runtime rejects) fails CI: tests/Circuits.Tests/Benchmarks calls it.
    /// </summary>
    public static class BenchmarkSmoke
    {
        /// <summary>The forward suite's programs at N = 16 (float32), the machine limits, the generator and the [Computes] check.</summary>
        /// <param name="log">Where each step is named, with the time since the start (to see what a slow smoke run spends).</param>
        public static void Run(TextWriter log)
        {
            ArgumentNullException.ThrowIfNull(log);
            var clock = Stopwatch.StartNew();
            void Step(string what) => log.WriteLine($"{clock.Elapsed.TotalSeconds,6:F2} s  {what}");
            foreach (var program in GeneratedCircuits.Programs)
            {
                var forward = new ForwardBenchmarks { Circuit = ForwardCase.Describe(program, 16, Compiler.NumericType.Float32) };
                Step("forward " + forward.Circuit);
                forward.Setup();
                forward.OnnxRuntime();
                forward.Engine();
                forward.Generated();
                forward.Indexed();
                forward.Cleanup();
            }
            foreach (int threads in new[] { 1, 2 })
            {
                Step("machine limits, " + threads + " thread(s)");
                var limits = new MachineLimitsBenchmarks { Threads = threads };
                limits.Setup();
                limits.Exp();
                limits.HandWrittenExp();
                limits.Dot();
            }
            var samples = GeneratorBenchmarks.SampleNames().ToList();
            Step("generator; samples: " + string.Join(", ", samples));
            if (samples.Count == 0) throw new InvalidOperationException("no samples are embedded in the benchmark assembly");
            foreach (var sample in samples) GeneratorBenchmarks.Sources(sample);
            var generator = new GeneratorBenchmarks { Sample = GeneratorBenchmarks.InductionHead16 };
            generator.Setup();
            if (generator.Generate().GeneratedTrees.Length == 0) throw new InvalidOperationException("the generator emitted nothing for the N = 16 induction head");
            generator.UnrelatedEdit();
            if (GeneratorBenchmarks.EmittedBytes(GeneratorBenchmarks.InductionHead16) <= 0) throw new InvalidOperationException("no emitted source measured");
            Step("computes check");
            var check = new ComputesCheckBenchmarks { Circuit = "sort N=64" };
            check.Setup();
            check.Check();
            Step("done");
        }
    }
}
