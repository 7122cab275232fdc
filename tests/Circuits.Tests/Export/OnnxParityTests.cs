using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Circuits.Compiler;
using Circuits.Mpc;
using Circuits.Tests.Samples;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Export
{
    /// <summary>
    /// ONNX Runtime runs every exported library program, MPC program and sample and gives, position by position, what the
    /// C# engine gives in the same numeric type (every certified one), batches of up to 4 sequences included. Library
    /// programs are compiled twice, for float64 and for float32 (the float32 compile may choose other codes). The default
    /// run checks 50 inputs per program and type; CIRCUITS_EXPORT_FULL=1 checks 1,000.
    /// </summary>
    public class OnnxParityTests
    {
        private readonly ITestOutputHelper _out;

        public OnnxParityTests(ITestOutputHelper output) => _out = output;

        private static int Inputs => OnnxHarness.Full ? 1000 : 50;

        /// <summary>The catalog's programs (k-hop at k = 2 and 3), each compiled for float64 and for float32.</summary>
        public static IEnumerable<object[]> Programs()
            => from e in ProgramCatalog.All.Select(e => (e.Name, K: ProgramCatalog.DefaultK)).Append((Name: "k-hop", K: 3))
               from precision in new[] { NumericType.Float64, NumericType.Float32 }
               select new object[] { e.Name, e.K, precision };

        [Theory]
        [MemberData(nameof(Programs))]
        public void LibraryProgramMatchesEngine(string name, int k, NumericType precision)
        {
            var model = ExportSubjects.Library(name, k, precision, _out);
            if (model is null) return;
            var entry = ProgramCatalog.Find(name);
            Sweep(model, ExportSubjects.Label(name, k, precision), entry.Generate, seed: name.Length * 31 + k);
        }

        /// <summary>The catalog's MPC programs and the push round (faults), compiled for float64 and float32.</summary>
        public static IEnumerable<object[]> MpcPrograms()
            => from e in ProgramCatalog.Mpc.Select(e => e.Name).Append(ExportSubjects.Route)
               from precision in new[] { NumericType.Float64, NumericType.Float32 }
               select new object[] { e, precision };

        /// <summary>
        /// MPC models: outputs are numbers and a broken limit is a fault code ≤ −2^20 in the output, so the inputs include
        /// arbitrary words (not only valid instances) that drive machines into receive overflows and bad destinations.
        /// </summary>
        [Theory]
        [MemberData(nameof(MpcPrograms))]
        public void MpcProgramMatchesEngine(string name, NumericType precision)
        {
            var subject = ExportSubjects.Mpc(name, precision, _out);
            if (subject is null) return; // float32 refused with CIRC0201, asserted there
            var (model, generate) = subject.Value;
            int faults = 0, simulated = 0;
            var engine = global::Circuits.Engine.Create(model.Model, precision);
            var batches = ExportInputs.Batches(Inputs, model.Model.MaxLength, model.Model.Vocabulary.Length, name.Length * 7, generate).ToList();
            foreach (var ids in batches.SelectMany(b => b))
            {
                if (Faulted(model, engine, ids)) faults++;
                if (SimulatorFaulted(model, ids)) simulated++;
            }
            int count = OnnxHarness.Check(model.Model, precision, batches, ExportSubjects.Label(name, 0, precision));
            Assert.Equal(Inputs, count);
            // The forward pass breaks a limit exactly where the reference semantics does (sample sort's buckets provably never
            // overflow, so it has none); the push round must meet its limits among these inputs, or the fault codes went unchecked.
            Assert.Equal(simulated, faults);
            Assert.True(name != ExportSubjects.Route || faults > 0, "no input drove a receive overflow or a bad destination");
            _out.WriteLine($"{ExportSubjects.Label(name, 0, precision)} N={model.Model.MaxLength}: {count} inputs ({faults} with fault codes), 0 mismatches");
        }

        private static bool SimulatorFaulted(MpcModel model, int[] ids)
        {
            try
            {
                MpcSimulator.Run(model.Protocol, ids);
                return false;
            }
            catch (MpcLimitException e) when (e.Limit == MpcLimit.Receive || e.Limit == MpcLimit.Destination)
            {
                return true;
            }
        }

        private static bool Faulted(MpcModel model, IForwardPass engine, int[] ids)
        {
            try
            {
                model.Check(engine.Forward(ids));
                return false;
            }
            catch (MpcLimitException)
            {
                return true;
            }
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
            var clock = System.Diagnostics.Stopwatch.StartNew();
            string what = $"{name} k={k} N=4096 float32";
            var batches = ExportInputs.Batches(inputs, 4096, 4, seed: k, entry.Generate);
            // A long run reports as it goes (xUnit shows test output only at the end) when CIRCUITS_EXPORT_PROGRESS names a file.
            string? progress = Environment.GetEnvironmentVariable("CIRCUITS_EXPORT_PROGRESS");
            if (!string.IsNullOrEmpty(progress)) batches = Logged(batches, progress, what, clock);
            int count = OnnxHarness.Check(model, NumericType.Float32, batches, what);
            Assert.Equal(inputs, count);
            _out.WriteLine($"{what}: {count} inputs, 0 mismatches, {clock.Elapsed.TotalSeconds:F0} s");
        }

        /// <summary>The batches unchanged; before each, a line saying how many inputs were checked so far (a mismatch fails the test).</summary>
        private static IEnumerable<List<int[]>> Logged(IEnumerable<List<int[]>> batches, string file, string what, System.Diagnostics.Stopwatch clock)
        {
            int checkedSoFar = 0;
            foreach (var batch in batches)
            {
                System.IO.File.AppendAllText(file, $"{what}: {checkedSoFar} inputs checked, 0 mismatches, {clock.Elapsed.TotalSeconds:F0} s\n");
                yield return batch;
                checkedSoFar += batch.Count;
            }
            System.IO.File.AppendAllText(file, $"{what}: {checkedSoFar} inputs checked, 0 mismatches, {clock.Elapsed.TotalSeconds:F0} s (done)\n");
        }

        private void Sweep(CompiledModel model, string what, Func<Random, int, int, int[]>? generate, int seed, int lengthCap = int.MaxValue)
        {
            Assert.NotEmpty(model.Card.Certified);
            foreach (var type in model.Card.Certified)
            {
                var precision = type == "float32" ? NumericType.Float32 : NumericType.Float64;
                int count = OnnxHarness.Check(model, precision,
                    ExportInputs.Batches(Inputs, model.MaxLength, model.Vocabulary.Length, seed, generate, lengthCap), what);
                Assert.Equal(Inputs, count);
                _out.WriteLine($"{what} N={model.MaxLength} run in {type}: {count} inputs, 0 mismatches");
            }
        }
    }
}
