using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Circuits.Compiler;
using Circuits.Tests.Samples;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Export
{
    /// <summary>
    /// ONNX Runtime runs every exported library program and sample and gives, position by position, what the C# engine
    /// gives in the same numeric type (every certified one), batches of up to 4 sequences included. The default run checks
    /// 50 inputs per program and type; CIRCUITS_EXPORT_FULL=1 checks 1,000.
    /// </summary>
    public class OnnxParityTests
    {
        private readonly ITestOutputHelper _out;

        public OnnxParityTests(ITestOutputHelper output) => _out = output;

        private static int Inputs => OnnxHarness.Full ? 1000 : 50;

        /// <summary>The catalog's programs (k-hop at k = 2 and 3).</summary>
        public static IEnumerable<object[]> Programs()
            => ProgramCatalog.All.Select(e => new object[] { e.Name, ProgramCatalog.DefaultK }).Append(new object[] { "k-hop", 3 });

        [Theory]
        [MemberData(nameof(Programs))]
        public void LibraryProgramMatchesEngine(string name, int k)
        {
            var entry = ProgramCatalog.Find(name);
            int n = entry.MaxLength ?? 32;
            var model = CircuitCompiler.Compile(entry.Build(k), ProgramCatalog.Options(name, "abcd", n, NumericType.Float64));
            Sweep(model, name + (name == "k-hop" ? " k=" + k : ""), entry.Generate, seed: name.Length * 31 + k);
        }

        public static IEnumerable<object[]> SampleCircuits() => SampleParityTests.Circuits().Select(c => new[] { c[0], c[1] });

        [Theory]
        [MemberData(nameof(SampleCircuits))]
        public void SampleMatchesEngine(string file, string className)
        {
            var type = SampleSources.Load(file).GetType(className, throwOnError: true)!;
            var model = (CompiledModel)type.GetProperty("Model", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            // Inputs up to 256 tokens plus the corners (length 1, MaxLength): longer ones only slow the default run down.
            Sweep(model, className, null, seed: className.Length * 17, lengthCap: OnnxHarness.Full ? int.MaxValue : 256);
        }

        /// <summary>The seed's long-context claims in float32: the induction head and 16-hop at N = 4,096.</summary>
        [Theory]
        [InlineData("induction-head", 1)]
        [InlineData("k-hop", 16)]
        public void LongContextFloat32MatchesEngine(string name, int k)
        {
            var entry = ProgramCatalog.Find(name);
            var model = CircuitCompiler.Compile(entry.Build(k), ProgramCatalog.Options(name, "abcd", 4096, NumericType.Float32));
            // CIRCUITS_EXPORT_LONG_INPUTS overrides the count: a full-length 16-hop input costs seconds on 2 cores.
            int inputs = int.TryParse(Environment.GetEnvironmentVariable("CIRCUITS_EXPORT_LONG_INPUTS"), out int given) && given > 0
                ? given : OnnxHarness.Full ? 1000 : 8;
            int count = OnnxHarness.Check(model, NumericType.Float32, ExportInputs.Batches(inputs, 4096, 4, seed: k, entry.Generate), $"{name} k={k} N=4096");
            Assert.Equal(inputs, count);
            _out.WriteLine($"{name} k={k} N=4096 float32: {count} inputs, 0 mismatches");
        }

        private void Sweep(CompiledModel model, string what, System.Func<System.Random, int, int, int[]>? generate, int seed, int lengthCap = int.MaxValue)
        {
            Assert.NotEmpty(model.Card.Certified);
            foreach (var type in model.Card.Certified)
            {
                var precision = type == "float32" ? NumericType.Float32 : NumericType.Float64;
                int count = OnnxHarness.Check(model, precision,
                    ExportInputs.Batches(Inputs, model.MaxLength, model.Vocabulary.Length, seed, generate, lengthCap), what);
                Assert.Equal(Inputs, count);
                _out.WriteLine($"{what} N={model.MaxLength} {type}: {count} inputs, 0 mismatches");
            }
        }
    }
}
