using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// Each forward case's exp floor: the exponentials an exact softmax pass needs (<see cref="ForwardCase.Exponentials"/>)
    /// over the exp throughput measured in the same run, next to the measured passes when the forward suite ran too.
    /// </summary>
    public static class ExpFloor
    {
        /// <summary>
        /// Writes the table as Markdown when the machine-limits or forward benchmarks ran (floors NA without the former):
        /// every case of the suite, the ones without a class with the reason.
        /// </summary>
        public static void Print(IEnumerable<Summary> summaries, TextWriter writer)
        {
            var all = summaries.ToList();
            var limits = all.FirstOrDefault(s => s.BenchmarksCases.Any(b => b.Descriptor.Type == typeof(MachineLimitsBenchmarks)));
            var forward = all.FirstOrDefault(s => s.BenchmarksCases.Any(b => b.Descriptor.Type == typeof(ForwardBenchmarks)));
            if (limits is null && forward is null) return;
            double? Throughput(string method, int threads)
            {
                var b = limits?.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod.Name == method && (int)c.Parameters["Threads"] == threads);
                return b is null ? null : MachineLimitsBenchmarks.ThroughputColumn.Of(limits!, b);
            }
            var rates = new (string Label, double? Rate)[]
            {
                ("TensorPrimitives 1 thread", Throughput(nameof(MachineLimitsBenchmarks.Exp), 1)),
                ("TensorPrimitives 2 threads", Throughput(nameof(MachineLimitsBenchmarks.Exp), 2)),
                ("hand-written 1 thread", Throughput(nameof(MachineLimitsBenchmarks.HandWrittenExp), 1)),
                ("hand-written 2 threads", Throughput(nameof(MachineLimitsBenchmarks.HandWrittenExp), 2)),
            };
            string Measured(string circuit, string method)
            {
                var b = forward?.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod.Name == method && (string)c.Parameters["Circuit"] == circuit);
                var mean = b is null ? null : forward![b]?.ResultStatistics?.Mean;
                return mean is null ? "–" : Milliseconds(mean.Value);
            }

            writer.WriteLine();
            writer.WriteLine("Exp floor: exponentials per pass (Σ over heads of (N+1)(N+2)/2 causal or (N+1)² bidirectional) / exp throughput measured above");
            writer.WriteLine("(Gelem/s: " + string.Join(", ", rates.Select(r => r.Label + " " + (r.Rate?.ToString("F2", CultureInfo.InvariantCulture) ?? "NA"))) + ").");
            writer.WriteLine();
            writer.WriteLine("| circuit | exponentials | " + string.Join(" | ", rates.Select(r => "floor, " + r.Label)) + " | generated | engine | ONNX Runtime |");
            writer.WriteLine("|---|---:|" + string.Concat(rates.Select(_ => "---:|")) + "---:|---:|---:|");
            foreach (var c in ForwardCase.Names(SuiteMode.Quick).Select(ForwardCase.Find))
            {
                if (c.NotMeasured is not null)
                {
                    writer.WriteLine($"| {c.Name} | {c.NotMeasured} |" + string.Concat(rates.Select(_ => " |")) + " | | |");
                    continue;
                }
                long exps = c.Exponentials();
                var floors = rates.Select(r => r.Rate is null ? "NA" : Milliseconds(exps / r.Rate.Value));
                writer.WriteLine($"| {c.Name} | {(exps / 1e6).ToString("F1", CultureInfo.InvariantCulture)} M | {string.Join(" | ", floors)} | "
                    + $"{Measured(c.Name, nameof(ForwardBenchmarks.Generated))} | {Measured(c.Name, nameof(ForwardBenchmarks.Engine))} | {Measured(c.Name, nameof(ForwardBenchmarks.OnnxRuntime))} |");
            }
        }

        /// <summary>Nanoseconds as milliseconds, 3 significant decimals.</summary>
        private static string Milliseconds(double nanoseconds) => (nanoseconds / 1e6).ToString(nanoseconds < 1e7 ? "F3" : "F1", CultureInfo.InvariantCulture) + " ms";
    }
}
