using System;
using System.IO;
using System.Runtime.CompilerServices;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Emit
{
    /// <summary>
    /// The emitted source checked against files in Snapshots/. Set CIRCUITS_ACCEPT=1 to (re)write the files after an
    /// intended change, then review the diff and commit them.
    /// </summary>
    public class SnapshotTests
    {
        [Fact]
        public void InductionHead16_MatchesSnapshot()
        {
            var model = EmitterParityTests.Model(Library.InductionHead(), 16, true, NumericType.Float32, "induction-head");
            Verify("induction-head-16.g.cs.txt", ForwardPassEmitter.Emit(model, "Circuits.Samples", "InductionHead"));
        }

        /// <summary>
        /// Snapshots/ next to this source file. Under ContinuousIntegrationBuild the compiler maps source paths to "/_/",
        /// so when that folder does not exist the test walks up from the output folder to the repository's copy.
        /// </summary>
        private static string SnapshotFolder(string callerPath)
        {
            string direct = Path.Combine(Path.GetDirectoryName(callerPath) ?? "", "Snapshots");
            if (Directory.Exists(direct)) return direct;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "Circuits.Tests", "Emit", "Snapshots");
                if (Directory.Exists(candidate)) return candidate;
            }
            return direct;
        }

        private static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
        {
            string path = Path.Combine(SnapshotFolder(callerPath), name);
            if (Environment.GetEnvironmentVariable("CIRCUITS_ACCEPT") == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, actual);
                return;
            }
            Assert.True(File.Exists(path), $"snapshot {path} is missing; run the tests with CIRCUITS_ACCEPT=1 to create it");
            string expected = File.ReadAllText(path).Replace("\r\n", "\n");
            if (expected == actual) return;
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int line = 0;
            while (line < Math.Min(e.Length, a.Length) && e[line] == a[line]) line++;
            Assert.Fail($"emitted source differs from snapshot {path} at line {line + 1}:\n" +
                        $"  expected: {(line < e.Length ? e[line] : "<end of file>")}\n" +
                        $"  actual:   {(line < a.Length ? a[line] : "<end of file>")}\n" +
                        "If the change is intended, rerun with CIRCUITS_ACCEPT=1 and commit the snapshot.");
        }
    }
}
