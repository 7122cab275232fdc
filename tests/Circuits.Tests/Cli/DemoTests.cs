using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Circuits.Tests.Cli
{
    /// <summary>The demo prints every section and ends with the check total, whatever the compiler certifies.</summary>
    public class DemoTests
    {
        [Fact]
        public void Demo_PrintsCardsTablesAndATotal()
        {
            var r = CliHarness.Run("demo");
            foreach (var section in new[] { "== Model cards ==", "== k-hop depth against k", "== Width against N", "== Check against the task definitions ==" })
                Assert.Contains(section, r.Stdout);
            foreach (var program in new[] { "Model card: reverse", "Model card: sort", "Model card: hist" })
                Assert.Contains(program, r.Stdout);
            var total = Regex.Match(r.StdoutLines.Last(), @"^(\d+) passed, (\d+) failed$");
            Assert.True(total.Success, r.StdoutLines.Last());
            // 11 programs × 20 at N = 64, plus 2 × 5 at N = 4096.
            Assert.Equal(20 * ProgramCatalog.All.Count + 20, int.Parse(total.Groups[1].Value) + int.Parse(total.Groups[2].Value));
            bool clean = total.Groups[2].Value == "0" && !r.Stdout.Contains("compile failed");
            Assert.Equal(clean ? 0 : 1, r.ExitCode);
            Assert.Equal(clean ? 0 : 1, r.StderrLines.Length);
        }
    }
}
