using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Circuits.Tests.Cli;
using Xunit;

namespace Circuits.Tests.Export
{
    /// <summary>circuits export: what it writes runs and agrees with circuits run; bad arguments are usage errors (exit 2).</summary>
    public class ExportCommandTests
    {
        [Fact]
        public void OnnxFileAgreesWithRun()
        {
            string dir = NumpyPython.TempFolder();
            try
            {
                string path = Path.Combine(dir, "sub", "hop.onnx");
                var result = CliHarness.Run("export", "k-hop", "--k", "3", "--max-length", "32", "--format", "onnx", "--out", path);
                Assert.Equal(0, result.ExitCode);
                // The certified type the export chose is the one circuits run must use to give the same outputs.
                string type = result.Stdout.Contains("float32 -> " + path, StringComparison.Ordinal) ? "float32" : "float64";
                Assert.Contains(type + " -> " + path, result.Stdout, StringComparison.Ordinal);
                using var session = OnnxHarness.Session(File.ReadAllBytes(path));
                foreach (var batch in ExportInputs.Batches(20, 32, 4, seed: 3))
                {
                    var (outputs, _) = OnnxHarness.Run(session, batch);
                    for (int s = 0; s < batch.Count; s++)
                    {
                        string text = string.Concat(batch[s].Select(i => "abcd"[i]));
                        var run = CliHarness.Run("run", "k-hop", "--k", "3", "--max-length", "32", "--precision", type, "--input", text, "--format", "json");
                        var expected = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("output").EnumerateArray()
                            .Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : "abcd".IndexOf(e.GetString()!, StringComparison.Ordinal)).ToArray();
                        Assert.Equal(expected, outputs[s]);
                    }
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void SafetensorsFolderAgreesWithRunThroughNumpy()
        {
            string dir = NumpyPython.TempFolder();
            try
            {
                var result = CliHarness.Run("export", "sort", "--max-length", "16", "--format", "safetensors", "--out", dir);
                Assert.Equal(0, result.ExitCode);
                Assert.True(File.Exists(Path.Combine(dir, "model.safetensors")) && File.Exists(Path.Combine(dir, "manifest.json")));
                var (code, output) = NumpyPython.Run(NumpyPython.Path, new[] { NumpyPython.Runner, dir, "dbcaacbd" }, "", TimeSpan.FromMinutes(2));
                Assert.Equal(0, code);
                var run = CliHarness.Run("run", "sort", "--max-length", "16", "--input", "dbcaacbd", "--format", "json");
                Assert.Equal(run.Stdout.Trim(), output.Trim());
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        public static IEnumerable<object[]> BadArguments() => new[]
        {
            new object[] { new[] { "export", "sort", "--format", "onnx" }, "export needs --out PATH" },
            new object[] { new[] { "export", "sort", "--out", "x.onnx" }, "export needs --format onnx or --format safetensors" },
            new object[] { new[] { "export", "sort", "--format", "json", "--out", "x" }, "unknown export format 'json'; expected onnx or safetensors" },
            new object[] { new[] { "export", "--format", "onnx", "--out", "x" }, "export needs a program name" },
            new object[] { new[] { "export", "sort", "--format", "onnx", "--out", "x", "--input", "ab" }, "unknown option '--input' for export" },
        };

        [Theory]
        [MemberData(nameof(BadArguments))]
        public void BadArgumentsAreUsageErrors(string[] args, string message)
        {
            var result = CliHarness.Run(args);
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("error: " + message, Assert.Single(result.StderrLines), StringComparison.Ordinal);
        }

        [Fact]
        public void UncertifiedPrecisionIsAFailureNamingTheCertifiedTypes()
        {
            string path = Path.Combine(Path.GetTempPath(), "circuits-" + Guid.NewGuid().ToString("N") + ".onnx");
            // frac-prevs (a running mean) at N = 1,024 is certified in float64 only; asking for float32 at compile time already refuses it.
            var result = CliHarness.Run("export", "frac-prevs", "--max-length", "1024", "--precision", "float32", "--format", "onnx", "--out", path);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("CIRC0201", Assert.Single(result.StderrLines), StringComparison.Ordinal);
            Assert.False(File.Exists(path));
        }
    }
}
