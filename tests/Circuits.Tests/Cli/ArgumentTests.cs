using System.Linq;
using Xunit;

namespace Circuits.Tests.Cli
{
    /// <summary>Commands and arguments that need no compiler: list, help, and every usage error.</summary>
    public class ArgumentTests
    {
        [Fact]
        public void List_PrintsEveryProgramWithItsDescription()
        {
            var r = CliHarness.Run("list");
            Assert.Equal(0, r.ExitCode);
            Assert.Equal("", r.Stderr);
            Assert.Equal(ProgramCatalog.All.Count + ProgramCatalog.Mpc.Count, r.StdoutLines.Length);
            foreach (var entry in ProgramCatalog.All)
                Assert.Contains(r.StdoutLines, line => line.StartsWith(entry.Name + " ") && line.EndsWith(entry.Description));
            foreach (var name in new[] { "induction-head", "k-hop", "shift", "find", "length", "reverse", "sort", "sort-unique", "hist", "frac-prevs", "prefix-sum" })
                Assert.Contains(r.StdoutLines, line => line.Split(' ')[0] == name);
        }

        [Fact]
        public void Help_PrintsUsage()
        {
            var r = CliHarness.Run("help");
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("usage:", r.Stdout);
        }

        [Fact]
        public void Help_StatesTheCompilersLimits_AndStdinBehaviour()
        {
            var r = CliHarness.Run("help");
            // The numbers the compiler enforces, read from the compiler, so the help cannot drift from them.
            Assert.Contains("1 to " + (1 << 16), r.Stdout);
            Assert.Equal("CIRC0004", Assert.Throws<global::Circuits.Compiler.CompileException>(() => global::Circuits.Compiler.CircuitCompiler.Compile(
                global::Circuits.Rasp.Tokens, new global::Circuits.Compiler.CompileOptions { MaxLength = (1 << 16) + 1 })).Code);
            Assert.Contains("width " + global::Circuits.Compiler.SizeLimits.MaxWidth, r.Stdout);
            Assert.Contains("2^" + (int)System.Math.Log2(global::Circuits.Compiler.SizeLimits.MaxParameters) + " parameters", r.Stdout);
            Assert.Contains("stdin", r.Stdout);
            Assert.Contains(global::Circuits.Compiler.SymbolText.Bottom, r.Stdout);
        }

        [Theory]
        [InlineData("frob", "frob")]
        [InlineData("compile nope", "nope")]
        [InlineData("run nope --input ab", "nope")]
        [InlineData("compile induction-head --bogus 1", "--bogus")]
        [InlineData("compile induction-head --bogus=1", "--bogus")]
        [InlineData("compile induction-head --input ab", "--input")]
        [InlineData("list --k 2", "--k")]
        [InlineData("compile induction-head --k", "--k")]
        [InlineData("compile induction-head --vocab --k 2", "--vocab")]
        [InlineData("compile induction-head --k two", "two")]
        [InlineData("compile k-hop --k -1", "-1")]
        [InlineData("compile induction-head --max-length 1.5", "1.5")]
        [InlineData("compile induction-head --max-length 0", "0")]
        [InlineData("compile induction-head --max-length -3", "-3")]
        [InlineData("compile induction-head --precision float16", "float16")]
        [InlineData("compile induction-head --format xml", "xml")]
        [InlineData("check induction-head --samples 0", "0")]
        [InlineData("check induction-head --samples many", "many")]
        [InlineData("check induction-head --seed x1", "x1")]
        [InlineData("compile induction-head extra", "extra")]
        [InlineData("compile induction-head --vocab aba", "aba")]
        [InlineData("compile", "compile")]
        public void BadArguments_ExitTwoWithOneLineNamingTheValue(string commandLine, string named)
        {
            var r = CliHarness.Run(commandLine.Split(' '));
            Assert.Equal(2, r.ExitCode);
            Assert.Equal("", r.Stdout);
            var line = Assert.Single(r.StderrLines);
            Assert.StartsWith("error: ", line);
            Assert.Contains(named, line);
        }

        [Fact]
        public void NoArguments_IsAUsageError()
        {
            var r = CliHarness.Run();
            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.StderrLines);
        }

        [Fact]
        public void UnknownProgram_ListsTheValidNames()
        {
            var line = Assert.Single(CliHarness.Run("compile", "nope").StderrLines);
            Assert.All(ProgramCatalog.All.Select(e => e.Name), name => Assert.Contains(name, line));
        }
    }
}
