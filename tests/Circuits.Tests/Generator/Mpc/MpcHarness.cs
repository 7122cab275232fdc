extern alias gen;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using CircuitGenerator = gen::Circuits.Generator.CircuitGenerator;
using MpcAnalyzer = gen::Circuits.Generator.MpcAnalyzer;
using MpcGenerator = gen::Circuits.Generator.MpcGenerator;

namespace Circuits.Tests.Generator.Mpc
{
    /// <summary>Runs both generators and <see cref="MpcAnalyzer"/> in-process over source strings (references as <see cref="GeneratorHarness"/>).</summary>
    public static class MpcHarness
    {
        public static GeneratorRun Run(params string[] sources)
        {
            var compilation = GeneratorHarness.CreateCompilation(sources);
            var driver = CSharpGeneratorDriver.Create(new[] { new CircuitGenerator().AsSourceGenerator(), new MpcGenerator().AsSourceGenerator() },
                parseOptions: GeneratorHarness.ParseOptions);
            var result = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _).GetRunResult();
            var generated = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
            return new GeneratorRun(result.Diagnostics, generated, output.GetDiagnostics(), result, output);
        }

        /// <summary>The diagnostics <see cref="MpcAnalyzer"/> reports on the sources.</summary>
        public static ImmutableArray<Diagnostic> Analyze(params string[] sources)
            => GeneratorHarness.CreateCompilation(sources)
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new MpcAnalyzer()))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

        private static readonly ConcurrentDictionary<string, Lazy<(GeneratorRun Run, Assembly Assembly)>> Loaded = new ConcurrentDictionary<string, Lazy<(GeneratorRun, Assembly)>>();

        /// <summary>The generators' output for the sources, emitted in memory and loaded (cached by source text).</summary>
        public static (GeneratorRun Run, Assembly Assembly) Load(params string[] sources) => Loaded.GetOrAdd(string.Join("\0", sources), _ => new Lazy<(GeneratorRun, Assembly)>(() =>
        {
            var run = Run(sources);
            var compilation = ((CSharpCompilation)run.Output).WithAssemblyName("Mpc_" + Guid.NewGuid().ToString("N"))
                .WithOptions(((CSharpCompilation)run.Output).Options.WithOptimizationLevel(OptimizationLevel.Release));
            using var ms = new MemoryStream();
            var result = compilation.Emit(ms);
            if (!result.Success)
                throw new InvalidOperationException("does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
            ms.Position = 0;
            return (run, AssemblyLoadContext.Default.LoadFromStream(ms));
        })).Value;

        /// <summary>An [MpcProgram] class named Demo around round methods (and optional class attributes).</summary>
        public static string Program(string members, string attribute = "MaxLength = 16, LocalMemory = 4", string classAttributes = "")
            => "using System;\nusing Circuits;\nusing Circuits.Compiler;\nusing Circuits.Mpc;\n\nnamespace User\n{\n"
               + classAttributes + "    [MpcProgram(" + attribute + ")]\n    public static partial class Demo\n    {\n" + members + "\n    }\n}\n";

        /// <summary>Zero-based (line, column) of a diagnostic's start.</summary>
        public static (int Line, int Column) Start(Diagnostic d)
        {
            var span = d.Location.GetLineSpan().StartLinePosition;
            return (span.Line, span.Character);
        }

        /// <summary>The generated or analyzer diagnostics with this ID.</summary>
        public static List<Diagnostic> WithId(IEnumerable<Diagnostic> diagnostics, string id) => diagnostics.Where(d => d.Id == id).ToList();
    }
}
