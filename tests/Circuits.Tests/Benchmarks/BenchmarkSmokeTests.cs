using System.IO;
using Circuits.Benchmarks;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Benchmarks
{
    /// <summary>
    /// CI does not run the benchmark suite, so this runs each benchmark body once at tiny N (the forward cases' own
    /// output checks included): a benchmark that no longer sets up or agrees fails here, not on the lead's quiet machine.
    /// </summary>
    public class BenchmarkSmokeTests
    {
        private readonly ITestOutputHelper _output;

        public BenchmarkSmokeTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void EveryBenchmarkBodyRunsOnceAtTinySize()
        {
            var log = new StringWriter();
            try
            {
                BenchmarkSmoke.Run(log);
            }
            finally
            {
                _output.WriteLine(log.ToString());
            }
        }
    }
}
