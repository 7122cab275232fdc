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
        public void Run_BadStdinLines_AreReported_AndTheRunGoesOn()
        {
            // Line 2 is empty, line 3 has a symbol outside the vocabulary, line 4 is longer than N = 8.
            var r = CliHarness.RunWithStdin("ab\n\nabxa\naaaaaaaaa\naba\n", "run", "induction-head", "--max-length", "8");
            Assert.Equal(1, r.ExitCode);
            var engine = global::Circuits.Engine.Create(Compiled("induction-head", 8));
            Assert.Equal(new[] { Text("ab"), "", "", "", Text("aba") }, r.StdoutLines);
            Assert.Equal(4, r.StderrLines.Length);
            Assert.StartsWith("error: line 2 (\"\"): input is empty; at least 1 symbol is required", r.StderrLines[0]);
            Assert.StartsWith("error: line 3 (\"abxa\"): unknown character 'x' (U+0078) at position 2; the vocabulary is {a, b, c, d}", r.StderrLines[1]);
            Assert.StartsWith("error: line 4 (\"aaaaaaaaa\"): input has 9 tokens but the model's maximum length is 8", r.StderrLines[2]);
            Assert.Equal("error: 3 of 5 input lines failed", r.StderrLines[3]);

            string Text(string input)
            {
                var model = Compiled("induction-head", 8);
                return global::Circuits.Cli.ValueFormatter.Text(model, engine.Forward(global::Circuits.Engine.Encode(model, input)));
            }
        }

        [Fact]
        public void Run_BadStdinLine_Json_KeepsOneObjectPerLine()
        {
            var r = CliHarness.RunWithStdin("ab\nax\n", "run", "induction-head", "--format", "json");
            Assert.Equal(1, r.ExitCode);
            Assert.Equal(2, r.StdoutLines.Length);
            using var ok = JsonDocument.Parse(r.StdoutLines[0]);
            Assert.Equal(2, ok.RootElement.GetProperty("output").GetArrayLength());
            using var bad = JsonDocument.Parse(r.StdoutLines[1]);
            Assert.Equal(2, bad.RootElement.GetProperty("line").GetInt32());
            Assert.StartsWith("unknown character 'x'", bad.RootElement.GetProperty("error").GetString());
        }

        [Fact]
        public void Run_BadInputOption_FailsWithOneLine()
        {
            var r = CliHarness.Run("run", "induction-head", "--input", "");
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("input is empty", Assert.Single(r.StderrLines));
        }

        [Fact]
        public void Run_EmojiVocabulary_Json_IsOneSymbolPerEmoji()
        {
            var r = CliHarness.Run("run", "induction-head", "--vocab", "😀ab", "--input", "😀a😀a", "--format", "json");
            Assert.True(r.ExitCode == 0, r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            var input = doc.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()).ToArray();
            var output = doc.RootElement.GetProperty("output").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString()).ToArray();
            Assert.Equal(new[] { "😀", "a", "😀", "a" }, input);
            // The task definition on the ids, mapped back to symbols (⊥ as null).
            var vocabulary = new[] { "😀", "a", "b" };
            var expected = global::Circuits.Tasks.TaskDefinitions.InductionHead(new[] { 0, 1, 0, 1 }).Select(v => double.IsNaN(v) ? null : vocabulary[(int)v]).ToArray();
            Assert.Equal(expected, output);
            // Symbols print as themselves, not as \u escapes.
            Assert.Contains("\"😀\"", r.Stdout);
        }

        [Fact]
        public void Run_EmojiVocabulary_Text_IsOneSymbolPerEmoji()
        {
            var r = CliHarness.Run("run", "induction-head", "--vocab", "👍🏽e\u0301x", "--input", "👍🏽xe\u0301👍🏽x");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal(new[] { "⊥⊥⊥xe\u0301" }, r.StdoutLines);
        }

        [Theory]
        [InlineData("a⊥b", "'⊥' (position 1) contains '⊥'")]
        [InlineData("ab a", "' ' (position 2) contains whitespace")]
        [InlineData("😀a😀", "'😀' appears twice (positions 0 and 2)")]
        public void Run_BadVocabulary_IsAUsageError_NamingTheSymbol(string vocab, string expected)
        {
            var r = CliHarness.Run("run", "induction-head", "--vocab", vocab, "--input", "ab");
            Assert.Equal(2, r.ExitCode);
            var line = Assert.Single(r.StderrLines);
            Assert.StartsWith("error: --vocab '" + vocab + "'", line);
            Assert.Contains(expected, line);
            Assert.Empty(r.StdoutLines);
        }

        private static global::Circuits.Compiler.CompiledModel Compiled(string program, int n)
            => global::Circuits.Cli.Compilation.Compile(global::Circuits.ProgramCatalog.Find(program), 2, "abcd", n, global::Circuits.Compiler.NumericType.Float64);

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
