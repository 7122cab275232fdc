using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Circuits.Compiler;
using Circuits.Tasks;
using Xunit;

namespace Circuits.Tests.Packaging
{
    /// <summary>
    /// The packages as a new user meets them: packed from this build into a folder feed, restored by fresh console projects
    /// into an isolated cache. Circuits brings the generator (a [Circuit] class compiles, and an over-budget one fails the
    /// build at its [Budget]); the model package runs its model without the generator. Outputs are checked against the
    /// induction-head task definition.
    /// </summary>
    public class PackageTests : IClassFixture<PackageFeed>
    {
        private const string Symbols = "abcd";
        private readonly PackageFeed _feed;

        public PackageTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void CircuitsPackageHoldsRuntimeCoreGeneratorAndDocsWithoutLeakingDependencies()
        {
            using var zip = ZipFile.OpenRead(_feed.Package("Circuits"));
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            foreach (var expected in new[]
                     {
                         "lib/net10.0/Circuits.dll", "lib/net10.0/Circuits.xml", "lib/net10.0/Circuits.Compiler.dll", "lib/net10.0/Circuits.Compiler.xml",
                         "analyzers/dotnet/cs/Circuits.Generator.dll", "buildTransitive/Circuits.targets", "README.md",
                     })
                Assert.Contains(expected, entries);
            // Every diagnostic's page ships beside the generator that reports it.
            foreach (var id in Generator.DiagnosticTests.Descriptors()) Assert.Contains("docs/diagnostics/" + id + ".md", entries);
            Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
            var nuspec = Nuspec(zip, "Circuits");
            Assert.Equal("MIT", Element(nuspec, "license")?.Value);
            Assert.Equal("README.md", Element(nuspec, "readme")?.Value);
            // Runtime dependencies may grow (an exporter's serializer); the core, the generator and Roslyn must never be among them.
            var ids = Dependencies(nuspec).Select(d => (string?)d.Attribute("id") ?? "").ToList();
            Assert.Contains("System.Numerics.Tensors", ids);
            Assert.DoesNotContain(ids, id => id.StartsWith("Circuits", StringComparison.Ordinal) || id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        }

        [Fact]
        public void GeneratorRunsFromThePackageAndABudgetFailsTheBuildAtTheAttribute()
        {
            const string circuit = "using Circuits;\nusing Circuits.Compiler;\n\n"
                + "[Circuit(Vocabulary = \"abcd\", MaxLength = 64, Causal = true)]\npublic static partial class Heads\n{\n"
                + "    [Program]\n    static Categorical<int> Build() => Library.InductionHead();\n}\n";
            const string program = "string? line;\nSystem.Console.WriteLine(\"layers \" + Heads.Card.Layers);\n"
                + "while ((line = System.Console.ReadLine()) != null) System.Console.WriteLine(Heads.Run(line));\n";
            var dir = _feed.Consumer("annotated", "Circuits", new Dictionary<string, string> { ["Heads.cs"] = circuit, ["Program.cs"] = program });
            _feed.Dotnet(dir, "build", "-c", "Release").EnsureSuccess();
            Assert.True(File.Exists(Path.Combine(_feed.Cache, "circuits", _feed.Version, "analyzers", "dotnet", "cs", "Circuits.Generator.dll")), "the generator came from the isolated cache");
            var inputs = Inputs(new Random(81), maxLength: 64, count: 40);
            var run = _feed.DotnetWithInput(dir, PackageFeed.Lines(inputs), "run", "-c", "Release", "--no-build").EnsureSuccess();
            var lines = PackageFeed.OutputLines(run);
            Assert.Equal("layers 2", lines[0]);
            Assert.Equal(inputs.Select(Expected), lines.Skip(1));

            // A deliberate budget of one layer: the build fails with CIRC0101 on the attribute's line (line 4, column 2).
            File.WriteAllText(Path.Combine(dir, "Heads.cs"), circuit.Replace("[Circuit(", "[Budget(Layers = 1)]\n[Circuit(", StringComparison.Ordinal));
            var failed = _feed.Dotnet(dir, "build", "-c", "Release");
            Assert.NotEqual(0, failed.ExitCode);
            var error = failed.Output.Split('\n').FirstOrDefault(l => l.Contains("error CIRC0101", StringComparison.Ordinal));
            Assert.True(error != null, "no CIRC0101 in:\n" + failed.Output);
            Assert.Contains(Path.Combine(dir, "Heads.cs") + "(4,2): error CIRC0101: 'Heads' needs 2 layers, the budget allows 1", error, StringComparison.Ordinal);
        }

        [Fact]
        public void ModelPackageRunsWithoutTheGenerator()
        {
            using (var zip = ZipFile.OpenRead(_feed.Package("Circuits.Models.InductionHead")))
            {
                Assert.Contains("lib/net10.0/Circuits.Models.InductionHead.dll", zip.Entries.Select(e => e.FullName));
                Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal));
                var dependency = Assert.Single(Dependencies(Nuspec(zip, "Circuits.Models.InductionHead")));
                Assert.Equal("Circuits", (string?)dependency.Attribute("id"));
                Assert.Equal(_feed.Version, (string?)dependency.Attribute("version"));
                Assert.Contains("Analyzers", ((string?)dependency.Attribute("exclude") ?? "").Split(','));
            }
            const string program = "using Circuits.Models;\n\nstring? line;\n"
                + "System.Console.WriteLine(\"layers \" + InductionHead.Card.Layers + \", N = \" + InductionHead.MaxLength);\n"
                + "while ((line = System.Console.ReadLine()) != null)\n{\n"
                + "    int[] ids = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(line, c => c - 'a'));\n"
                + "    int[] output = new int[ids.Length];\n    InductionHead.Forward(ids, output);\n"
                + "    System.Console.WriteLine(InductionHead.Run(line) + \" \" + string.Join(\",\", output));\n}\n";
            var dir = _feed.Consumer("consumer", "Circuits.Models.InductionHead", new Dictionary<string, string> { ["Program.cs"] = program });
            _feed.Dotnet(dir, "restore").EnsureSuccess();
            // Circuits comes in through the model package: its generator must not run here (buildTransitive/Circuits.targets).
            var analyzers = _feed.Dotnet(dir, "msbuild", "-t:ResolveLockFileAnalyzers;CircuitsGeneratorOnlyForDirectReferences", "-getItem:Analyzer").EnsureSuccess();
            Assert.DoesNotContain("Circuits.Generator", analyzers.Output, StringComparison.Ordinal);
            _feed.Dotnet(dir, "build", "-c", "Release", "--no-restore").EnsureSuccess();
            var inputs = Inputs(new Random(82), maxLength: 1024, count: 60);
            var lines = PackageFeed.OutputLines(_feed.DotnetWithInput(dir, PackageFeed.Lines(inputs), "run", "-c", "Release", "--no-build").EnsureSuccess());
            Assert.Equal("layers 2, N = 1024", lines[0]);
            Assert.Equal(inputs.Select(x => Expected(x) + " " + string.Join(",", Definition(x).Select(v => double.IsNaN(v) ? Bottom.Id : (int)v))), lines.Skip(1));
        }

        [Fact]
        public void ToolInstallsFromTheFeedAndRunsPrograms()
        {
            string tools = Path.Combine(_feed.Root, "tools");
            // In Root, whose nuget.config clears every other source; --add-source names the feed as a user would.
            _feed.Execute("dotnet", _feed.Root, null, "tool", "install", "Circuits.Cli", "--tool-path", tools, "--add-source", _feed.Feed, "--version", _feed.Version).EnsureSuccess();
            string circuits = Path.Combine(tools, OperatingSystem.IsWindows() ? "circuits.exe" : "circuits");
            Assert.True(File.Exists(circuits), "no 'circuits' command in " + tools);

            var listed = PackageFeed.OutputLines(_feed.Execute(circuits, _feed.Root, null, "list").EnsureSuccess());
            Assert.Equal(ProgramCatalog.All.Select(e => e.Name).Concat(ProgramCatalog.Mpc.Select(e => e.Name)), listed.Select(l => l.Split(' ')[0]));

            // The installed command against this build's engine (and the engine against the task's definition).
            var inputs = Inputs(new Random(83), maxLength: 64, count: 40);
            var run = _feed.Execute(circuits, _feed.Root, PackageFeed.Lines(inputs), "run", "induction-head", "--max-length", "64").EnsureSuccess();
            var model = CircuitCompiler.Compile(ProgramCatalog.Find("induction-head").Build(1), ProgramCatalog.Options("induction-head", Symbols, 64, NumericType.Float64));
            var engine = global::Circuits.Engine.Create(model);
            var expected = inputs.Select(x => string.Concat(engine.Forward(x.Select(c => c - 'a').ToArray()).Select(v => double.IsNaN(v) ? "⊥" : Symbols[(int)v].ToString()))).ToList();
            Assert.Equal(inputs.Select(Expected), expected);
            Assert.Equal(expected, PackageFeed.OutputLines(run));
        }

        /// <summary>Random inputs with the corners: one token, the longest input, a single repeated symbol, no repeats at all.</summary>
        private static List<string> Inputs(Random rng, int maxLength, int count)
        {
            var inputs = new List<string> { "a", new string('d', maxLength), "abcd", Text(InstanceGenerator.Uniform(rng, maxLength, Symbols.Length)) };
            while (inputs.Count < count) inputs.Add(Text(InstanceGenerator.Uniform(rng, InstanceGenerator.RandomLength(rng, 1, maxLength), Symbols.Length)));
            return inputs;
        }

        private static string Text(int[] ids) => new string(ids.Select(i => Symbols[i]).ToArray());

        private static double[] Definition(string input) => TaskDefinitions.InductionHead(input.Select(c => c - 'a').ToArray());

        /// <summary>The task's answer as Run prints it: symbols side by side, ⊥ where the token has not occurred before.</summary>
        private static string Expected(string input) => string.Concat(Definition(input).Select(v => double.IsNaN(v) ? "⊥" : Symbols[(int)v].ToString()));

        private static XDocument Nuspec(ZipArchive zip, string id)
        {
            using var stream = zip.GetEntry(id + ".nuspec")!.Open();
            return XDocument.Load(stream);
        }

        private static XElement? Element(XDocument nuspec, string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name);

        private static IEnumerable<XElement> Dependencies(XDocument nuspec) => nuspec.Descendants().Where(e => e.Name.LocalName == "dependency");
    }
}
