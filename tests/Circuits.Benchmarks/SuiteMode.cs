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

        /// <summary>The variable Program sets for <c>--case TEXT</c> (repeatable): only forward cases whose name contains one of the texts run.</summary>
        public const string CasesVariable = "CIRCUITS_BENCH_CASES";

        /// <summary>True when <c>--case</c> was given: the cases it names run even where quick mode would leave them out (N = 16,384, float64).</summary>
        public static bool HasCases => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CasesVariable));

        /// <summary>Whether the forward case <paramref name="name"/> is in this run (every case when no <c>--case</c> was given).</summary>
        /// <param name="name">A case name such as "16-hop N=4096 f32".</param>
        /// <returns>True when it runs.</returns>
        public static bool Selects(string name)
        {
            var cases = Environment.GetEnvironmentVariable(CasesVariable);
            if (string.IsNullOrEmpty(cases)) return true;
            foreach (var text in cases.Split('|'))
                if (name.Contains(text, StringComparison.Ordinal)) return true;
            return false;
        }
    }
}
