using System.Linq;
using System.Text.Json;
using Circuits.Tasks;
using Xunit;

namespace Circuits.Tests.Cli
{
    /// <summary>The CLI contract for MPC programs: integer words in, JSON with null for ⊥ out, and an "mpc" card section.</summary>
    public class MpcCommandTests
    {
        [Fact]
        public void ListIncludesTheMpcPrograms()
        {
            var r = CliHarness.Run("list");
            Assert.Equal(0, r.ExitCode);
            foreach (var name in new[] { "broadcast", "prefix-sums", "list-ranking", "one-vs-two-cycle", "connected-components", "sample-sort" })
                Assert.Contains(r.StdoutLines, line => line.Split(' ')[0] == name);
        }

        [Fact]
        public void RunReadsOneInstancePerLineAndPrintsJson()
        {
            int[][] lists = { new[] { 1, 2, 3, 3 }, new[] { 0 }, new[] { 2, 0, 2 } };
            var stdin = string.Join("\n", lists.Select(l => string.Join(" ", l))) + "\n";
            var r = CliHarness.RunWithStdin(stdin, "run", "list-ranking", "--max-length", "8", "--format", "json");
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(lists.Length, r.StdoutLines.Length);
            for (int i = 0; i < lists.Length; i++)
            {
                using var doc = JsonDocument.Parse(r.StdoutLines[i]);
                Assert.Equal(lists[i], doc.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetInt32()));
                Assert.Equal(MpcTaskDefinitions.ListRanking(lists[i]), doc.RootElement.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()));
            }
        }

        [Fact]
        public void RunWithInputPrintsOneInstance()
        {
            var r = CliHarness.Run("run", "one-vs-two-cycle", "--max-length", "8", "--input", "1 0 3 2", "--format", "json");
            Assert.Equal(0, r.ExitCode);
            Assert.Equal("{\"input\":[1,0,3,2],\"output\":[2,2,2,2]}", r.Stdout.Trim());
            var bad = CliHarness.Run("run", "one-vs-two-cycle", "--max-length", "8", "--input", "1 x");
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("'x'", bad.Stderr, System.StringComparison.Ordinal);
        }

        [Fact]
        public void SampleSortRunsAndCompiles()
        {
            int[][] inputs = { new[] { 3, 1, 3, 0, 15, 1, 1 }, new[] { 7 }, new[] { 2, 2, 2, 2, 2, 2, 2, 2 } };
            var stdin = string.Join("\n", inputs.Select(l => string.Join(" ", l))) + "\n";
            var r = CliHarness.RunWithStdin(stdin, "run", "sample-sort", "--max-length", "8", "--format", "json");
            Assert.Equal(0, r.ExitCode);
            for (int i = 0; i < inputs.Length; i++)
            {
                using var doc = JsonDocument.Parse(r.StdoutLines[i]);
                Assert.Equal(MpcTaskDefinitions.Sorted(inputs[i]), doc.RootElement.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()));
            }
            var card = CliHarness.Run("compile", "sample-sort", "--max-length", "8", "--format", "json");
            Assert.Equal(0, card.ExitCode);
            using var json = JsonDocument.Parse(card.Stdout);
            var mpc = json.RootElement.GetProperty("mpc");
            Assert.Equal(8, mpc.GetProperty("machines").GetInt32());
            Assert.Equal(json.RootElement.GetProperty("layers").GetInt32(), mpc.GetProperty("layers").GetInt32());
            Assert.True(mpc.GetProperty("rounds").GetInt32() >= 5 && mpc.GetProperty("localMemory").GetInt32() >= 4);
        }

        [Fact]
        public void CompilePrintsTheMpcSection()
        {
            var r = CliHarness.Run("compile", "connected-components", "--max-length", "16", "--format", "json");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Stdout);
            var mpc = doc.RootElement.GetProperty("mpc");
            Assert.Equal(16, mpc.GetProperty("machines").GetInt32());
            Assert.True(mpc.GetProperty("rounds").GetInt32() >= 4);
            Assert.True(mpc.GetProperty("localMemory").GetInt32() >= 1);
            Assert.Equal(doc.RootElement.GetProperty("layers").GetInt32(), mpc.GetProperty("layers").GetInt32());
            var circuit = CliHarness.Run("compile", "shift", "--max-length", "8", "--format", "json");
            Assert.DoesNotContain("\"mpc\"", circuit.Stdout, System.StringComparison.Ordinal);
            var text = CliHarness.Run("compile", "one-vs-two-cycle", "--max-length", "16");
            Assert.Contains("SHT24's simulation: R + 1", text.Stdout, System.StringComparison.Ordinal);
        }
    }
}
