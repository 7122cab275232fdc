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

        /// <summary>The MPC entry's protocol compiled at <see cref="MpcLength"/>, and its instance generator in the sweep's shape.</summary>
        public static (MpcModel Model, Func<Random, int, int, int[]> Generate) Mpc(string name, NumericType precision)
        {
            var entry = ProgramCatalog.FindMpc(name) ?? throw new ArgumentException("no MPC program " + name, nameof(name));
            return (MpcCompiler.Compile(entry.Protocol(MpcLength), precision), (rng, length, _) => entry.Generate(rng, length));
        }
    }
}
