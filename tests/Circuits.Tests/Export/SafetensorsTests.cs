using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Circuits.Tests.Samples;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Export
{
    /// <summary>
    /// The safetensors export read back: the file layout by the format's definition, and the numpy runner
    /// (examples/python/run_safetensors.py, started once per program with every input on stdin) against the engine in the
    /// exported numeric type, for every library program (compiled for float64 and for float32), MPC program and sample. 20 inputs per program by default, 250 with CIRCUITS_EXPORT_FULL=1.
    /// </summary>
    public class SafetensorsTests
    {
        private readonly ITestOutputHelper _out;

        public SafetensorsTests(ITestOutputHelper output) => _out = output;

        private static int Inputs => OnnxHarness.Full ? 250 : 20;

        public static IEnumerable<object[]> Programs() => OnnxParityTests.Programs();

        [Theory]
        [MemberData(nameof(Programs))]
        public void NumpyRunnerMatchesEngineOnLibraryPrograms(string name, int k, NumericType precision)
        {
            var model = ExportSubjects.Library(name, k, precision, _out);
            if (model is null) return;
            Check(model, ProgramCatalog.Find(name).Generate, name.Length * 13 + k, int.MaxValue, ExportSubjects.Label(name, k, precision));
        }

        /// <summary>MPC models: numerical outputs, fault codes ≤ −2^20 included (arbitrary words among the inputs).</summary>
        [Theory]
        [MemberData(nameof(OnnxParityTests.MpcPrograms), MemberType = typeof(OnnxParityTests))]
        public void NumpyRunnerMatchesEngineOnMpcPrograms(string name, NumericType precision)
        {
            var subject = ExportSubjects.Mpc(name, precision, _out);
            if (subject is null) return; // float32 refused with CIRC0201, asserted there
            var (model, generate) = subject.Value;
            Check(model.Model, generate, name.Length * 5, int.MaxValue, ExportSubjects.Label(name, 0, precision));
        }

        [Theory]
        [MemberData(nameof(OnnxParityTests.SampleCircuits), MemberType = typeof(OnnxParityTests))]
        public void NumpyRunnerMatchesEngineOnSamples(string file, string className)
        {
            var type = SampleSources.Load(file).GetType(className, throwOnError: true)!;
            var model = (CompiledModel)type.GetProperty("Model", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            Check(model, null, className.Length, OnnxHarness.Full ? int.MaxValue : 128, className);
        }

        private void Check(CompiledModel model, Func<Random, int, int, int[]>? generate, int seed, int lengthCap, string what)
        {
            string dir = NumpyPython.TempFolder();
            try
            {
                model.ExportSafetensors(dir);
                string type = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement.GetProperty("numeric_type").GetString()!;
                var precision = type == "float32" ? NumericType.Float32 : NumericType.Float64;
                var inputs = ExportInputs.Batches(Inputs, model.MaxLength, model.Vocabulary.Length, seed, generate, lengthCap).SelectMany(b => b).ToList();
                string stdin = string.Join("\n", inputs.Select(ids => "[" + string.Join(",", ids) + "]")) + "\n";
                var (code, output) = NumpyPython.Run(NumpyPython.Path, new[] { NumpyPython.Runner, dir, "-" }, stdin, TimeSpan.FromMinutes(10));
                var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var engine = global::Circuits.Engine.Create(model, precision);
                Assert.Equal(inputs.Count, lines.Length);
                for (int i = 0; i < inputs.Count; i++)
                {
                    var ids = inputs[i];
                    string Input() => $"{what} ({type}) input {i}, length {ids.Length}: [{string.Join(",", ids)}]";
                    var line = JsonDocument.Parse(lines[i]).RootElement;
                    double[] expected;
                    try
                    {
                        expected = engine.Forward(ids);
                    }
                    catch (InvalidOperationException e)
                    {
                        Assert.True(line.TryGetProperty("error", out _), $"the engine throws ({e.Message}) but numpy gives {lines[i]}; {Input()}");
                        continue;
                    }
                    Assert.True(line.TryGetProperty("output", out var got), $"numpy fails: {lines[i]}; {Input()}");
                    Assert.Equal(ids.Length, got.GetArrayLength());
                    for (int t = 0; t < ids.Length; t++)
                    {
                        double value = Value(model, got[t]);
                        Assert.True(Parity.Same(value, expected[t]), $"numpy {got[t]} ≠ engine {expected[t]} at position {t}; {Input()}");
                    }
                }
                Assert.True(code == 0 || lines.Any(l => l.Contains("\"error\"", StringComparison.Ordinal)), $"runner exit {code}: {output}");
                _out.WriteLine($"{what} N={model.MaxLength} {type}: {inputs.Count} inputs through numpy, 0 mismatches");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        /// <summary>A runner output as the engine writes it: a symbol back to its id, null to NaN (⊥).</summary>
        private static double Value(CompiledModel model, JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Null => double.NaN,
            JsonValueKind.String => Array.IndexOf(model.Vocabulary, e.GetString()),
            _ => e.GetDouble(),
        };

        [Fact]
        public void FileFollowsTheSafetensorsLayout()
        {
            var model = CircuitCompiler.Compile(ProgramCatalog.Find("k-hop").Build(2), ProgramCatalog.Options("k-hop", "abcd", 16, NumericType.Float64));
            string dir = NumpyPython.TempFolder();
            try
            {
                model.ExportSafetensors(dir, NumericType.Float64);
                byte[] bytes = File.ReadAllBytes(Path.Combine(dir, "model.safetensors"));
                long headerLength = BitConverter.ToInt64(bytes, 0);
                Assert.Equal(0, (8 + headerLength) % 8);
                var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength)).RootElement;
                var spans = new List<(long Begin, long End)>();
                foreach (var tensor in header.EnumerateObject().Where(p => p.Name != "__metadata__"))
                {
                    var offsets = tensor.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
                    long elements = tensor.Value.GetProperty("shape").EnumerateArray().Aggregate(1L, (a, d) => a * d.GetInt64());
                    Assert.Equal(elements * 8, offsets[1] - offsets[0]); // F64 here
                    spans.Add((offsets[0], offsets[1]));
                }
                // Contiguous, no holes, and exactly the rest of the file.
                spans.Sort();
                for (int i = 1; i < spans.Count; i++) Assert.Equal(spans[i - 1].End, spans[i].Begin);
                Assert.Equal(0, spans[0].Begin);
                Assert.Equal(bytes.Length - 8 - headerLength, spans[^1].End);

                // One weight read back by its manifest name equals the model's.
                var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement;
                string wq = manifest.GetProperty("layers")[1].GetProperty("heads")[0].GetProperty("W_Q").GetString()!;
                var info = header.GetProperty(wq);
                long begin = info.GetProperty("data_offsets")[0].GetInt64() + 8 + headerLength;
                var data = new double[model.Layers[1].Heads[0].Query.Data.Length];
                Buffer.BlockCopy(bytes, (int)begin, data, 0, data.Length * 8);
                Assert.Equal(model.Layers[1].Heads[0].Query.Data, data);
                Assert.Equal(model.ResidualLabels, manifest.GetProperty("residual").EnumerateArray().Select(r => r.GetProperty("label").GetString()));
                Assert.Equal(model.Card.Name, manifest.GetProperty("card").GetProperty("name").GetString());
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
