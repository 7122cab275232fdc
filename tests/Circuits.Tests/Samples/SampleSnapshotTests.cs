using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Circuits.Tests.Samples
{
    /// <summary>
    /// The generator's output for every sample circuit file, checked against Snapshots/{hint name}.txt (all three files per
    /// circuit: Circuit.g.cs, Api.g.cs, Forward.g.cs). Set CIRCUITS_ACCEPT=1 to (re)write the snapshots after an intended
    /// change, then review the diff and commit them.
    /// <para>
    /// Size rule: a generated file larger than <see cref="MaxFullSnapshotBytes"/> (UTF-8, line endings normalised to \n)
    /// is snapshotted as its SHA-256 and length plus its first <see cref="HeadLines"/> lines, so the repository does
    /// not carry megabytes of weight literals; a change anywhere still fails the test through the hash.
    /// </para>
    /// </summary>
    public class SampleSnapshotTests
    {
        public const int MaxFullSnapshotBytes = 1_000_000;
        public const int HeadLines = 200;

        public static IEnumerable<object[]> Files() => SampleSources.Files.Select(f => new object[] { f });

        [Theory]
        [MemberData(nameof(Files))]
        public void GeneratedSourcesMatchSnapshots(string file)
        {
            var run = SampleSources.Run(file);
            Assert.Empty(run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.NotEmpty(run.Sources);
            // Three files per circuit.
            var stems = run.Sources.Keys.Select(Stem).Distinct().ToList();
            foreach (var stem in stems)
                foreach (var kind in new[] { ".Circuit.g.cs", ".Api.g.cs", ".Forward.g.cs" })
                    Assert.True(run.Sources.ContainsKey(stem + kind), $"{file}: the generator did not emit {stem + kind}");
            Assert.Equal(3 * stems.Count, run.Sources.Count);

            var failures = new List<string>();
            foreach (var (hint, source) in run.Sources.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var failure = Verify(hint + ".txt", SnapshotText(source));
                if (failure is not null) failures.Add(failure);
            }
            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        }

        [Fact]
        public void LargeSourcesAreSnapshottedAsHashAndHead()
        {
            var small = "line\r\n" + new string('x', 100);
            Assert.Equal(small.Replace("\r\n", "\n"), SnapshotText(small));

            var large = string.Join("\n", Enumerable.Range(0, 50_000).Select(i => "// line " + i + new string('w', 20)));
            var snapshot = SnapshotText(large);
            Assert.True(snapshot.Length < 20_000, "the snapshot of a large file should be small");
            Assert.Contains("// sha256: " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(large))).ToLowerInvariant(), snapshot);
            Assert.Contains("// line 199" + new string('w', 20) + "\n", snapshot);
            Assert.DoesNotContain("// line 200" + new string('w', 20), snapshot);
            // A change past the head still changes the snapshot, through the hash.
            Assert.NotEqual(snapshot, SnapshotText(large.Replace("// line 40000w", "// line 40000v")));
        }

        private static string Stem(string hint)
        {
            foreach (var kind in new[] { ".Circuit.g.cs", ".Api.g.cs", ".Forward.g.cs" })
                if (hint.EndsWith(kind, StringComparison.Ordinal)) return hint.Substring(0, hint.Length - kind.Length);
            throw new InvalidOperationException("unexpected hint name " + hint);
        }

        /// <summary>The text a snapshot holds: the source itself, or for a large one its hash, size and head.</summary>
        public static string SnapshotText(string source)
        {
            string text = source.Replace("\r\n", "\n");
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length <= MaxFullSnapshotBytes) return text;
            var head = string.Join("\n", text.Split('\n').Take(HeadLines));
            return "// snapshot of a large generated file: SHA-256 of its UTF-8 text (\\n line endings), its size, and its first " + HeadLines + " lines\n"
                   + "// sha256: " + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant() + "\n"
                   + "// bytes:  " + bytes.Length + "\n"
                   + "// lines:  " + text.Split('\n').Length + "\n"
                   + "// ----\n" + head + "\n";
        }

        public static string SnapshotFolder() => Path.Combine(SampleSources.RepositoryRoot(), "tests", "Circuits.Tests", "Samples", "Snapshots");

        /// <summary>Null when the snapshot matches (or was accepted), else a message naming the first differing line.</summary>
        internal static string? Verify(string name, string actual)
        {
            string path = Path.Combine(SnapshotFolder(), name);
            if (Environment.GetEnvironmentVariable("CIRCUITS_ACCEPT") == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, actual);
                return null;
            }
            if (!File.Exists(path)) return $"snapshot {path} is missing; run the tests with CIRCUITS_ACCEPT=1 to create it";
            string expected = File.ReadAllText(path).Replace("\r\n", "\n");
            if (expected == actual) return null;
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int line = 0;
            while (line < Math.Min(e.Length, a.Length) && e[line] == a[line]) line++;
            return $"generated source differs from snapshot {path} at line {line + 1}:\n" +
                   $"  expected: {(line < e.Length ? e[line] : "<end of file>")}\n" +
                   $"  actual:   {(line < a.Length ? a[line] : "<end of file>")}\n" +
                   "If the change is intended, rerun with CIRCUITS_ACCEPT=1 and commit the snapshot.";
        }
    }
}
