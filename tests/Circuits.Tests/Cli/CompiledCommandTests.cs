using System.Linq;
using System.Text.Json;
using Xunit;

namespace Circuits.Tests.Cli
{
    /// <summary>compile, run and check end to end: these need the compiler's lowering.</summary>
    public class CompiledCommandTests
    {
        [Fact]
        public void Compile_InductionHead_Json_HasTwoLayers()
        {
            var r = CliHarness.Run("compile", "induction-head", "--format", "json");
            Assert.True(r.ExitCode == 0, r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            Assert.Equal(2, doc.RootElement.GetProperty("layers").GetInt32());
            Assert.Equal("induction-head", doc.RootElement.GetProperty("name").GetString());
            Assert.True(doc.RootElement.GetProperty("causal").GetBoolean());
        }

        [Fact]
        public void Compile_Text_ShowsTheCard()
        {
            var r = CliHarness.Run("compile", "reverse", "--max-length", "16");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Contains("reverse", r.Stdout);
            Assert.Contains("bidirectional", r.Stdout);
            Assert.Contains("Critical path:", r.Stdout);
        }

        [Fact]
        public void Run_InductionHead_Text()
        {
            var r = CliHarness.Run("run", "induction-head", "--input", "abcab");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal(new[] { "⊥⊥⊥bc" }, r.StdoutLines);
        }

        [Fact]
        public void Run_InductionHead_Json()
        {
            var r = CliHarness.Run("run", "induction-head", "--input", "abcab", "--format", "json");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal("{\"input\":[\"a\",\"b\",\"c\",\"a\",\"b\"],\"output\":[null,null,null,\"b\",\"c\"]}", r.Stdout.TrimEnd('\n'));
        }

        [Fact]
        public void Run_ReadsOneInputPerStdinLine()
        {
            var r = CliHarness.RunWithStdin("abcab\naa\n", "run", "induction-head");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal(new[] { "⊥⊥⊥bc", "⊥a" }, r.StdoutLines);
        }

        [Fact]
        public void Run_EmptyStdinLine_FailsWithOneLine()
        {
            var r = CliHarness.RunWithStdin("ab\n\nab\n", "run", "induction-head");
            Assert.Equal(1, r.ExitCode);
            Assert.Equal(new[] { "⊥⊥" }, r.StdoutLines);
            var line = Assert.Single(r.StderrLines);
            Assert.Contains("input is empty", line);
        }

        [Fact]
        public void Run_UnknownCharacter_FailsWithOneLine()
        {
            var r = CliHarness.Run("run", "induction-head", "--input", "abz");
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("'z'", Assert.Single(r.StderrLines));
        }

        [Fact]
        public void Run_Numerical_PrintsNumbers()
        {
            var r = CliHarness.Run("run", "frac-prevs", "--input", "abaa");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal(new[] { "1 0.5 0.666667 0.75" }, r.StdoutLines);
        }

        [Fact]
        public void Check_InductionHead_AllPass()
        {
            var r = CliHarness.Run("check", "induction-head", "--samples", "50", "--seed", "1");
            Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
            Assert.Equal("50 passed, 0 failed", r.StdoutLines.Last());
        }

        [Fact]
        public void Compile_TooLong_IsACompileFailure()
        {
            var r = CliHarness.Run("compile", "induction-head", "--max-length", "100000");
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("CIRC0004", Assert.Single(r.StderrLines));
        }
    }
}
