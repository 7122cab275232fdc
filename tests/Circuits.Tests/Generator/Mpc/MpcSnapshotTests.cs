using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Tests.Samples;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Circuits.Tests.Generator.Mpc
{
    /// <summary>
    /// The generators' output for every sample [MpcProgram] file, checked against Samples/Snapshots/{hint name}.txt (four
    /// files per class: Mpc.g.cs, Api.g.cs, Forward.g.cs, MpcRun.g.cs), by the rules of <see cref="SampleSnapshotTests"/>
    /// (CIRCUITS_ACCEPT=1 rewrites them; large files are kept as hash and head).
    /// </summary>
    public class MpcSnapshotTests
    {
        private static readonly string[] Kinds = { ".Mpc.g.cs", ".Api.g.cs", ".Forward.g.cs", ".MpcRun.g.cs" };

        public static IEnumerable<object[]> Files() => new[]
        {
            new object[] { "samples/MpcPrograms/ListRanking.cs" },
            new object[] { "samples/MpcPrograms/OneVsTwoCycle.cs" },
            new object[] { "samples/MpcPrograms/PrefixSums.cs" },
        };

        [Theory]
        [MemberData(nameof(Files))]
        public void GeneratedSourcesMatchSnapshots(string file)
        {
            var run = MpcHarness.Load(SampleSources.Read(file)).Run;
            Assert.Empty(run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            var stems = run.Sources.Keys.Select(k => k.Substring(0, k.Length - Kinds.First(x => k.EndsWith(x, StringComparison.Ordinal)).Length)).Distinct().ToList();
            Assert.Single(stems);
            Assert.Equal(Kinds.Select(k => stems[0] + k).OrderBy(k => k, StringComparer.Ordinal), run.Sources.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var failures = run.Sources.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => SampleSnapshotTests.Verify(p.Key + ".txt", SampleSnapshotTests.SnapshotText(p.Value))).Where(f => f != null).ToList();
            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        }
    }
}
