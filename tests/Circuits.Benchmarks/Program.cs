using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// The suite: dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*' (add -p:CircuitsBenchLarge=true
    /// before -- for the N = 16,384 and float64 N = 4,096 circuits). <c>--quick</c>: N = 256 and 4,096 in float32 only, a
    /// short job (1 launch, 2 warmups, 3 iterations), run in process. <c>--case TEXT</c> (repeatable): only the forward
    /// cases whose name contains TEXT. After the tables it prints the exp floors.
    /// </summary>
    internal static class Program
    {
        private static void Main(string[] args)
        {
            bool quick = args.Contains("--quick");
            if (quick) Environment.SetEnvironmentVariable(SuiteMode.QuickVariable, "1");
            // --case TEXT (repeatable): forward cases whose name contains TEXT, e.g. --case "16-hop N=4096".
            var cases = args.Select((a, i) => (a, i)).Where(x => x.a == "--case" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
            if (cases.Count > 0) Environment.SetEnvironmentVariable(SuiteMode.CasesVariable, string.Join("|", cases));
            var rest = args.Where((a, i) => a != "--quick" && a != "--case" && (i == 0 || args[i - 1] != "--case")).ToArray();
            var job = quick
                ? Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(3).WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick")
                : Job.Default.WithMaxIterationCount(20).WithId("Full");
#if CIRCUITS_BENCH_LARGE
            // BenchmarkDotNet builds this project again for its child processes: with the same circuits.
            if (!quick) job = job.WithArguments(new[] { new MsBuildArgument("/p:CircuitsBenchLarge=true") });
#endif
            // Case names such as "induction-head N=4096 f32" whole, not cut to BenchmarkDotNet's default 20 characters.
            var config = DefaultConfig.Instance.AddJob(job.AsDefault()).WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(32));
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
            ExpFloor.Print(summaries, Console.Out);
        }
    }
}
