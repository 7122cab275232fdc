using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Circuits.Tests.Cli
{
    /// <summary>What System.CommandLine adds to the CLI: per-command help, typo suggestions, tab completion, and show's own checks.</summary>
    public class CommandLineTests
    {
        [Theory]
        [InlineData("rnu induction-head --input ab", "did you mean 'run'?")]
        [InlineData("complie induction-head", "did you mean 'compile'?")]
        [InlineData("compile induction-head --precison float32", "did you mean '--precision'?")]
        [InlineData("run inducton-head --input ab", "did you mean 'induction-head'?")]
        public void Typos_ExitTwo_AndSuggestTheNearestName(string commandLine, string suggestion)
        {
            var r = CliHarness.Run(commandLine.Split(' '));
            Assert.Equal(2, r.ExitCode);
            var line = Assert.Single(r.StderrLines);
            Assert.StartsWith("error: ", line);
            Assert.EndsWith(suggestion, line);
        }

        [Fact]
        public void FarFromEveryName_NoSuggestion()
            => Assert.DoesNotContain("did you mean", Assert.Single(CliHarness.Run("zzzzzz").StderrLines));

        [Fact]
        public void CommandHelp_ListsThatCommandsOptionsOnly()
        {
            var r = CliHarness.Run("export", "--help");
            Assert.Equal(0, r.ExitCode);
            foreach (var option in new[] { "--k", "--vocab", "--max-length", "--precision", "--format", "--out" }) Assert.Contains(option, r.Stdout);
            Assert.DoesNotContain("--samples", r.Stdout);
            Assert.DoesNotContain("--input", r.Stdout);
        }

        [Fact]
        public void RootHelp_IsTheUsageText()
        {
            Assert.Equal(CliHarness.Run("help").Stdout, CliHarness.Run("--help").Stdout);
            Assert.Contains("show <program>", CliHarness.Run("help").Stdout);
        }

        [Fact]
        public void SuggestDirective_CompletesProgramsAndOptionValues()
        {
            var programs = CliHarness.Run("[suggest:11]", "compile ind");
            Assert.Equal(0, programs.ExitCode);
            Assert.Contains("induction-head", programs.StdoutLines);
            Assert.DoesNotContain("sort", programs.StdoutLines);
            var precisions = CliHarness.Run("[suggest:36]", "compile induction-head --precision f");
            Assert.Equal(new[] { "float32", "float64" }, precisions.StdoutLines);
        }

        [Theory]
        [InlineData("show induction-head --out r.html", "--input")]
        [InlineData("show induction-head --input ab", "--out")]
        [InlineData("show induction-head --input ab --out=", "--out is empty")]
        [InlineData("figures --max-length 4", "--max-length")]
        [InlineData("figures extra", "extra")]
        public void ShowAndFigures_BadArguments_ExitTwo(string commandLine, string named)
        {
            var r = CliHarness.Run(commandLine.Split(' '));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(named, Assert.Single(r.StderrLines));
        }

        [Fact]
        public void Show_InputOutsideTheVocabulary_ExitsOne_NamingTheSymbol()
        {
            string path = Path.Combine(Path.GetTempPath(), "circuits-show-" + Guid.NewGuid().ToString("N") + ".html");
            var r = CliHarness.Run("show", "induction-head", "--input", "abx", "--out", path);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("'x'", Assert.Single(r.StderrLines));
            Assert.False(File.Exists(path));
        }
    }
}
