extern alias gen;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Circuits.Compiler;
using Circuits.Mpc;
using Circuits.Tasks;
using Circuits.Tests.Samples;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using GenDiagnosticInfo = gen::Circuits.Generator.Model.DiagnosticInfo;
using MpcProgramBuilder = gen::Circuits.Generator.Pipeline.MpcProgramBuilder;
using MpcReader = gen::Circuits.Generator.Pipeline.MpcReader;

namespace Circuits.Tests.Generator.Mpc
{
    /// <summary>
    /// The sample [MpcProgram] classes (samples/MpcPrograms): the weights the build compiled (the staging interpreter running
    /// the round methods against the generator's MpcBuilder) equal, bit for bit, the weights of the protocol the generated
    /// code builds at run time by calling the same methods; and the loaded classes' Run (build-time forward pass), Simulate
    /// (reference semantics) and the task definitions agree on random instances.
    /// </summary>
    public class MpcDeclarationTests
    {
        public static IEnumerable<object[]> Programs() => new[]
        {
            new object[] { "samples/MpcPrograms/ListRanking.cs", "MpcPrograms.ListRanking" },
            new object[] { "samples/MpcPrograms/OneVsTwoCycle.cs", "MpcPrograms.OneVsTwoCycle" },
            new object[] { "samples/MpcPrograms/PrefixSums.cs", "MpcPrograms.PrefixSums" },
        };

        [Theory]
        [MemberData(nameof(Programs))]
        public void BuildTimeWeightsEqualRunTimeWeights(string file, string className)
        {
            var source = SampleSources.Read(file);
            var compilation = GeneratorHarness.CreateCompilation(source);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("CS8795", StringComparison.Ordinal)));
            var type = compilation.GetTypeByMetadataName(className)!;
            var syntax = (ClassDeclarationSyntax)type.DeclaringSyntaxReferences[0].GetSyntax();
            var attribute = type.GetAttributes().Single(a => a.AttributeClass!.Name == "MpcProgramAttribute");
            var diagnostics = new List<GenDiagnosticInfo>();
            var declaration = MpcReader.Read(type, syntax, attribute, diagnostics, default);
            Assert.Empty(diagnostics);
            var built = MpcProgramBuilder.ModelForRules(compilation, type, declaration, default)!.Value;

            var loaded = MpcHarness.Load(source).Assembly.GetType(className)!;
            var protocol = (MpcProtocol)Property(loaded, "Protocol");
            var runTime = (CompiledModel)Property(loaded, "Model");

            Assert.Equal(built.Protocol.Rounds.Select(r => r.Name), protocol.Rounds.Select(r => r.Name));
            Assert.Equal(built.Protocol.Registers.Select(r => r.Name + ":" + r.Kind), protocol.Registers.Select(r => r.Name + ":" + r.Kind));
            var a = ParityTests.Flatten(built.Model);
            var b = ParityTests.Flatten(runTime);
            Assert.Equal(b.Select(x => x.Name), a.Select(x => x.Name));
            for (int i = 0; i < a.Count; i++)
                Assert.True(a[i].Data.SequenceEqual(b[i].Data), $"{className}: {a[i].Name} differs");
            Assert.Equal((string[])runTime.ResidualLabels, (string[])built.Model.ResidualLabels);
            Assert.Equal(runTime.Card.Mpc!.RoundCosts, built.Model.Card.Mpc!.RoundCosts);
        }

        [Theory]
        [MemberData(nameof(Programs))]
        public void ForwardEqualsSimulatorEqualsDefinition(string file, string className)
        {
            var (run, assembly) = MpcHarness.Load(SampleSources.Read(file));
            Assert.Empty(run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            var type = assembly.GetType(className)!;
            var protocol = (MpcProtocol)Property(type, "Protocol");
            var forward = type.GetMethod("Run", new[] { typeof(IReadOnlyList<int>) })!.CreateDelegate<Func<IReadOnlyList<int>, double[]>>();
            var simulate = type.GetMethod("Simulate")!.CreateDelegate<Func<IReadOnlyList<int>, double[]>>();
            var engine = (IForwardPass)type.GetMethod("CreateEngine")!.Invoke(null, new object[] { NumericType.Float64 })!;
            Func<int[], double[]> definition = className switch
            {
                "MpcPrograms.ListRanking" => MpcTaskDefinitions.ListRanking,
                "MpcPrograms.OneVsTwoCycle" => MpcTaskDefinitions.CycleCount,
                _ => MpcTaskDefinitions.PrefixSums,
            };
            var random = new Random(2024);
            int n = protocol.MaxLength;
            for (int k = 0; k < 300; k++)
            {
                // Corners first: one machine, two, full length; then uniform lengths.
                int length = k < 3 ? new[] { 1, 2, n }[k] : k % 10 == 0 ? n : 1 + random.Next(n);
                int[] words = className switch
                {
                    "MpcPrograms.ListRanking" => MpcInstances.LinkedList(random, length),
                    "MpcPrograms.OneVsTwoCycle" => MpcInstances.Cycles(random, length, two: length % 2 == 0 && random.Next(2) == 0),
                    _ => MpcInstances.Words(random, length, protocol.WordRange),
                };
                var expected = definition(words);
                Assert.Equal(expected, forward(words));
                Assert.Equal(expected, simulate(words));
                Assert.Equal(expected, engine.Forward(words));
            }
        }

        private static object Property(Type type, string name) => type.GetProperty(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }
}
