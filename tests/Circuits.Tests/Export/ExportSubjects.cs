using System;
using Circuits.Compiler;
using Circuits.Mpc;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Export
{
    /// <summary>The models the export sweeps (ONNX Runtime, numpy) check: catalog programs in either numeric type, MPC programs.</summary>
    internal static class ExportSubjects
    {
        /// <summary>MPC programs run at N = 16 by default, at N = 64 (the CLI's default N) in the full sweep.</summary>
        public static int MpcLength => OnnxHarness.Full ? 64 : 16;

        public static string Label(string name, int k, NumericType compiledFor)
            => name + (name == "k-hop" ? " k=" + k : "") + " (compiled for " + compiledFor.ToString().ToLowerInvariant() + ")";

        /// <summary>
        /// The catalog program compiled for <paramref name="precision"/> at its own N (32 where it has none), or null when
        /// that type is refused: then the refusal must be the located CIRC0201, never another failure.
        /// </summary>
        public static CompiledModel? Library(string name, int k, NumericType precision, ITestOutputHelper output)
        {
            var entry = ProgramCatalog.Find(name);
            var options = ProgramCatalog.Options(name, "abcd", entry.MaxLength ?? 32, precision);
            try
            {
                return CircuitCompiler.Compile(entry.Build(k), options);
            }
            catch (CompileException e) when (precision == NumericType.Float32)
            {
                Assert.Equal("CIRC0201", e.Code);
                output.WriteLine($"{Label(name, k, precision)} N={options.MaxLength}: refused ({e.Message})");
                return null;
            }
        }

        /// <summary>
        /// The MPC entry's protocol compiled at <see cref="MpcLength"/>, and its instance generator in the sweep's shape. The
        /// catalog's protocols only pull (reads), so none can fault; "route" is the library's push round (s = 2, words up to
        /// N + N/4), where repeated words overflow a receiver and words past the input name missing machines: its outputs
        /// carry the fault codes (≤ −2^20) that MpcModel.Check turns into exceptions.
        /// Null when float32 is refused (the route's fault codes need more bits than float32 has at N = 64): then, as for
        /// library programs, the refusal must be CIRC0201.
        /// </summary>
        public static (MpcModel Model, Func<Random, int, int, int[]>? Generate)? Mpc(string name, NumericType precision, ITestOutputHelper output)
        {
            var entry = name == Route ? null : ProgramCatalog.FindMpc(name) ?? throw new ArgumentException("no MPC program " + name, nameof(name));
            var protocol = entry is null ? MpcLibrary.Route(MpcLength, MpcLength + MpcLength / 4, 2) : entry.Protocol(MpcLength);
            try
            {
                var model = MpcCompiler.Compile(protocol, precision);
                return entry is null ? (model, null) : (model, (rng, length, _) => entry.Generate(rng, length));
            }
            catch (CompileException e) when (precision == NumericType.Float32)
            {
                Assert.Equal("CIRC0201", e.Code);
                output.WriteLine($"{Label(name, 0, precision)} N={MpcLength}: refused ({e.Message})");
                return null;
            }
        }

        /// <summary>The push-routing protocol's name among the MPC subjects.</summary>
        public const string Route = "route";
    }
}
