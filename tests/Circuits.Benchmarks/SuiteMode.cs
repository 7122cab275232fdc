using System;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// Full suite or quick mode (<c>-- --quick</c>). Program sets an environment variable so BenchmarkDotNet's child
    /// processes, which evaluate the parameter sources again, see the same mode.
    /// </summary>
    public static class SuiteMode
    {
        /// <summary>The variable Program sets for <c>--quick</c>.</summary>
        public const string QuickVariable = "CIRCUITS_BENCH_QUICK";

        /// <summary>Whether this run is the quick mode: fewer sizes, a short job, in process.</summary>
        public static bool Quick => Environment.GetEnvironmentVariable(QuickVariable) == "1";
    }
}
