using System.Linq;
using Xunit;

namespace Circuits.Tests.Cli
{
    /// <summary>--attention: run and check in the indexed (hard-attention) mode say so, and agree with the exact mode.</summary>
    public class AttentionModeCommandTests
    {
        [Fact]
        public void Run_Indexed_PrintsTheSameOutputs_AndLabelsTheModeOnStderr()
        {
            const string inputs = "abcab\naa\nabcbadcab\nd\n";
            var exact = CliHarness.RunWithStdin(inputs, "run", "k-hop", "--k", "2");
            var indexed = CliHarness.RunWithStdin(inputs, "run", "k-hop", "--k", "2", "--attention", "indexed");
            Assert.True(indexed.ExitCode == 0, indexed.Stderr);
            Assert.Equal(exact.StdoutLines, indexed.StdoutLines);
            Assert.Empty(exact.StderrLines);
            Assert.StartsWith("attention: indexed (hard attention, not softmax", indexed.StderrLines[0]);
            // k-hop's every head is an exact match: all looked up, one line per head.
            Assert.Contains("3 of 3 heads looked up", indexed.StderrLines[0]);
            Assert.Equal(3, indexed.StderrLines.Skip(1).Count(l => l.Contains(": indexed, equality on")));
        }

        [Fact]
        public void Check_Indexed_PassesAndNamesTheHeadsThatRunExactly()
        {
            var r = CliHarness.Run("check", "reverse", "--max-length", "12", "--samples", "30", "--attention", "indexed");
            Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
            Assert.StartsWith("attention: indexed", r.StdoutLines[0]);
            // reverse counts the length (a mean over many keys: exact softmax) and then looks the opposite position up.
            Assert.Contains(r.StdoutLines, l => l.Contains("exact softmax, not hard"));
            Assert.Contains(r.StdoutLines, l => l.Contains(": indexed, equality on"));
        }

        [Fact]
        public void UnknownAttentionMode_IsAUsageError()
        {
            var r = CliHarness.Run("run", "induction-head", "--input", "ab", "--attention", "sparse");
            Assert.NotEqual(0, r.ExitCode);
            Assert.Contains("unknown attention mode 'sparse'; expected exact or indexed", r.Stderr);
        }
    }
}
