extern alias gen;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using CircuitGenerator = gen::Circuits.Generator.CircuitGenerator;
using MpcGenerator = gen::Circuits.Generator.MpcGenerator;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// Build cost: the Circuits generators (CSharpGeneratorDriver, as tests/Circuits.Tests/Generator drives them) on each
    /// sample's sources and on a 2-layer circuit at N = 4,096 (goal ≤ 0.3 s warm).
    /// <list type="bullet">
    /// <item><c>Generate</c>: a new driver on a new compilation whose classes are renamed per call, so the generator's
    /// in-process memo misses and the weights are built, emitted and checked again — what a program edit costs in a warm
    /// compiler process (JIT warm; a cold build adds the generator's load and JIT).</item>
    /// <item><c>UnrelatedEdit</c>: the driver that already ran on the sample, run again after one unrelated file is added
    /// (a fresh compilation each call): the incremental cost of an edit elsewhere in the project.</item>
    /// </list>
    /// The Emitted column is the generated source size (UTF-8) of one run.
    /// Run: dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*Generator*'
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(EmittedConfig))]
    public class GeneratorBenchmarks
    {
        /// <summary>The 2-layer circuit of the ≤ 0.3 s goal.</summary>
        public const string InductionHead4096 = "induction-head N=4096 f32";

        /// <summary>A tiny circuit for the smoke test.</summary>
        public const string InductionHead16 = "induction-head N=16 f32";

        private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        private static readonly Regex PartialClass = new Regex(@"\bpartial class (\w+)", RegexOptions.CultureInvariant);
        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new Lazy<ImmutableArray<MetadataReference>>(LoadReferences);

        private string[] _sources = Array.Empty<string>();
        private CSharpCompilation _compilation = null!;
        private GeneratorDriver _ran = null!;
        private SyntaxTree _unrelated = null!;
        private int _renames;

        /// <summary>The samples under samples/ (embedded) and the N = 4,096 induction head.</summary>
        public static IEnumerable<string> Samples => SampleNames().Append(InductionHead4096);

        /// <summary>A sample folder name, or <see cref="InductionHead4096"/>.</summary>
        [ParamsSource(nameof(Samples))]
        public string Sample { get; set; } = "";

        /// <summary>Parses the sample and runs the driver once (the base of <see cref="UnrelatedEdit"/>); generator errors fail it.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _sources = Sources(Sample);
            _compilation = Compilation(_sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)));
            _ran = Driver().RunGenerators(_compilation);
            var result = _ran.GetRunResult();
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0) throw new InvalidOperationException($"the generators report errors on {Sample}: {string.Join("; ", errors)}");
            _unrelated = CSharpSyntaxTree.ParseText("namespace Other { public static class Unrelated { public static int Two() => 2; } }", ParseOptions);
        }

        /// <summary>A full generator run that misses the memo (classes renamed per call).</summary>
        [Benchmark(Baseline = true)]
        public GeneratorDriverRunResult Generate()
        {
            string suffix = "_B" + (++_renames).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var trees = _sources.Select(s => CSharpSyntaxTree.ParseText(PartialClass.Replace(s, "partial class $1" + suffix), ParseOptions));
            return Driver().RunGenerators(Compilation(trees)).GetRunResult();
        }

        /// <summary>The driver re-run after an unrelated file is added.</summary>
        [Benchmark]
        public GeneratorDriverRunResult UnrelatedEdit() => _ran.RunGenerators(_compilation.AddSyntaxTrees(_unrelated)).GetRunResult();

        /// <summary>The generated source of one run on <paramref name="sample"/>, in UTF-8 bytes.</summary>
        public static long EmittedBytes(string sample)
        {
            var compilation = Compilation(Sources(sample).Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)));
            return Driver().RunGenerators(compilation).GetRunResult().GeneratedTrees.Sum(t => (long)Encoding.UTF8.GetByteCount(t.GetText().ToString()));
        }

        /// <summary>The sample folders embedded in this assembly.</summary>
        public static IEnumerable<string> SampleNames()
            => typeof(GeneratorBenchmarks).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("samples/", StringComparison.Ordinal))
                .Select(n => n.Split('/')[1]).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);

        /// <summary>The sources of a sample folder, or of the synthetic circuits.</summary>
        public static string[] Sources(string sample)
        {
            if (sample == InductionHead4096) return new[] { Circuit(4096) };
            if (sample == InductionHead16) return new[] { Circuit(16) };
            var assembly = typeof(GeneratorBenchmarks).Assembly;
            var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith("samples/" + sample + "/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            if (names.Length == 0) throw new ArgumentException($"no sample '{sample}'; embedded: {string.Join(", ", SampleNames())}", nameof(sample));
            return names.Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return reader.ReadToEnd();
            }).ToArray();
        }

        private static string Circuit(int n)
            => "using Circuits;\nusing Circuits.Compiler;\nusing static Circuits.Compiler.Library;\n\nnamespace Bench\n{\n"
               + "    [Circuit(Vocabulary = \"abcd\", MaxLength = " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", Causal = true, Precision = NumericType.Float32)]\n"
               + "    public static partial class InductionHead\n    {\n        [Program]\n        static Categorical<int> Build() => InductionHead();\n    }\n}\n";

        private static GeneratorDriver Driver()
            => CSharpGeneratorDriver.Create(new[] { new CircuitGenerator().AsSourceGenerator(), new MpcGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);

        private static CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees)
            => CSharpCompilation.Create("Sample", trees, References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        /// <summary>Every loaded assembly but the generator (it carries a second copy of the core) and this one.</summary>
        private static ImmutableArray<MetadataReference> LoadReferences()
        {
            _ = typeof(Rasp).Assembly;
            _ = typeof(Circuits.Compiler.SOp).Assembly;
            _ = typeof(System.Numerics.Tensors.TensorPrimitives).Assembly; // the emitted forward pass uses it
            var generator = typeof(CircuitGenerator).Assembly;
            return AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && a.Location.Length > 0 && a != generator && a != typeof(GeneratorBenchmarks).Assembly)
                .GroupBy(a => a.GetName().Name).Select(g => g.First())
                .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location))
                .ToImmutableArray();
        }

        /// <summary>Adds the Emitted column.</summary>
        public sealed class EmittedConfig : ManualConfig
        {
            /// <summary>The config.</summary>
            public EmittedConfig() => AddColumn(new EmittedColumn());
        }

        /// <summary>The generated source size per sample, from one generator run in the host process.</summary>
        public sealed class EmittedColumn : IColumn
        {
            private static readonly Dictionary<string, long> Sizes = new Dictionary<string, long>(StringComparer.Ordinal);

            /// <inheritdoc/>
            public string Id => "Emitted";
            /// <inheritdoc/>
            public string ColumnName => "Emitted";
            /// <inheritdoc/>
            public bool AlwaysShow => true;
            /// <inheritdoc/>
            public ColumnCategory Category => ColumnCategory.Custom;
            /// <inheritdoc/>
            public int PriorityInCategory => 0;
            /// <inheritdoc/>
            public bool IsNumeric => true;
            /// <inheritdoc/>
            public UnitType UnitType => UnitType.Size;
            /// <inheritdoc/>
            public string Legend => "Generated source of one run, UTF-8";

            /// <inheritdoc/>
            public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
            {
                string sample = (string)benchmarkCase.Parameters["Sample"];
                lock (Sizes)
                {
                    if (!Sizes.TryGetValue(sample, out long bytes)) Sizes[sample] = bytes = EmittedBytes(sample);
                    return (bytes / 1024.0).ToString("N1", System.Globalization.CultureInfo.InvariantCulture) + " KB";
                }
            }
            /// <inheritdoc/>
            public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
            /// <inheritdoc/>
            public bool IsAvailable(Summary summary) => true;
            /// <inheritdoc/>
            public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        }
    }
}
