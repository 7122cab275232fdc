using Circuits.Tests.Cli;
using Xunit;

namespace Circuits.Tests.Mpc
{
    /// <summary>circuits converse: the MPC run's outputs against the run command's (the engine), and the accounting table.</summary>
    public class ConverseCommandTests
    {
        [Theory]
        [InlineData("induction-head", "abcabdab")]
        [InlineData("reverse", "abcd")]
        [InlineData("hist", "a")]
        public void PrintsWhatRunPrintsThenTheTable(string program, string input)
        {
            var run = CliHarness.Run("run", program, "--max-length", "8", "--input", input);
            var converse = CliHarness.Run("converse", program, "--max-length", "8", "--input", input);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(0, converse.ExitCode);
            Assert.Equal(run.StdoutLines[0], converse.StdoutLines[0]);
            Assert.Contains(converse.StdoutLines, l => l.StartsWith("  machines q", System.StringComparison.Ordinal));
            Assert.Contains(converse.StdoutLines, l => l.StartsWith("  rounds R", System.StringComparison.Ordinal));
            Assert.Equal($"outputs equal the forward pass at all {input.Length} positions", converse.StdoutLines[^1]);
        }

        [Fact]
        public void LocalMemoryBelowTheMinimumFailsAndAWideOneMakesStars()
        {
            var small = CliHarness.Run("converse", "induction-head", "--max-length", "8", "--local-memory", "3");
            Assert.Equal(1, small.ExitCode);
            Assert.Contains("local memory s = 3 words is below the", small.Stderr);

            // With s ≥ (n + 1)·(2·dq + dv) every tree is a star: 4 rounds per attention layer.
            var wide = CliHarness.Run("converse", "induction-head", "--max-length", "8", "--local-memory", "10000");
            Assert.Equal(0, wide.ExitCode);
            Assert.Contains("per attention layer 4, 4 ", wide.Stdout);
            Assert.Equal(2, CliHarness.Run("converse", "induction-head", "--precision", "float32").ExitCode);
        }
    }
}
