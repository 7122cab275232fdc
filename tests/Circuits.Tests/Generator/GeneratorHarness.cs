extern alias gen;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using CircuitAnalyzer = gen::Circuits.Generator.CircuitAnalyzer;
using CircuitGenerator = gen::Circuits.Generator.CircuitGenerator;

namespace Circuits.Tests.Generator
{
    /// <summary>What one generator run gave: its diagnostics, its sources, and the updated compilation's own diagnostics.</summary>
    public sealed record GeneratorRun(
        ImmutableArray<Diagnostic> Diagnostics,
        IReadOnlyDictionary<string, string> Sources,
        ImmutableArray<Diagnostic> CompilationDiagnostics,
        GeneratorDriverRunResult Result,
        Microsoft.CodeAnalysis.Compilation Output);

    /// <summary>Runs <see cref="CircuitGenerator"/> in-process over source strings, with the runtime as a reference.</summary>
    public static class GeneratorHarness
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new Lazy<ImmutableArray<MetadataReference>>(() =>
        {
            // Touch the runtime and core so they are loaded; never reference the generator (it carries a second copy of the core).
            _ = typeof(Rasp).Assembly;
            _ = typeof(Circuits.Compiler.SOp).Assembly;
            _ = typeof(System.Numerics.Tensors.TensorPrimitives).Assembly; // the emitted forward pass uses it
            var generator = typeof(CircuitGenerator).Assembly;
            return AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && a.Location.Length > 0 && a != generator && a != typeof(GeneratorHarness).Assembly)
                .GroupBy(a => a.GetName().Name).Select(g => g.First())
                .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location))
                .ToImmutableArray();
        });

        public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(LanguageVersion.Latest);

        public static CSharpCompilation CreateCompilation(params string[] sources)
            => CSharpCompilation.Create("UserCircuits",
                sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Source" + i + ".cs")),
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        public static GeneratorDriver Driver(bool track = false)
            => CSharpGeneratorDriver.Create(new[] { new CircuitGenerator().AsSourceGenerator() }, parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

        /// <summary>The diagnostics <see cref="CircuitAnalyzer"/> reports on the sources (no generator run).</summary>
        public static ImmutableArray<Diagnostic> Analyze(params string[] sources) => Analyze(CreateCompilation(sources));

        /// <summary>The diagnostics <see cref="CircuitAnalyzer"/> reports on a compilation.</summary>
        public static ImmutableArray<Diagnostic> Analyze(Microsoft.CodeAnalysis.Compilation compilation)
            => compilation
                .WithAnalyzers(ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new CircuitAnalyzer()))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

        public static GeneratorRun Run(params string[] sources)
        {
            var compilation = CreateCompilation(sources);
            var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            var result = driver.GetRunResult();
            var generated = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
            return new GeneratorRun(result.Diagnostics, generated, output.GetDiagnostics(), result, output);
        }

        /// <summary>Zero-based line and column of the first occurrence of <paramref name="marker"/>.</summary>
        public static (int Line, int Column) Position(string source, string marker, int skip = 0)
        {
            int index = source.IndexOf(marker, StringComparison.Ordinal);
            if (index < 0) throw new ArgumentException("marker not found: " + marker);
            index += skip;
            int line = source.Take(index).Count(c => c == '\n');
            int column = index - (source.LastIndexOf('\n', Math.Max(0, index - 1)) + 1);
            if (line == 0) column = index;
            return (line, column);
        }

        /// <summary>A circuit class around a program body.</summary>
        public static string Circuit(string body, string attribute = "Vocabulary = \"abcd\", MaxLength = 16, Causal = true", string extra = "")
            => "using System;\nusing Circuits;\nusing Circuits.Compiler;\nusing static Circuits.Rasp;\nusing static Circuits.Compiler.Library;\n\nnamespace User\n{\n"
               + "    [Circuit(" + attribute + ")]\n    public static partial class Demo\n    {\n        [Program]\n        static SOp Build()\n        {\n"
               + body + "\n        }\n" + extra + "\n    }\n}\n";
    }
}
