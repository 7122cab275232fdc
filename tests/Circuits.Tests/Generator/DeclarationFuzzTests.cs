using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Generator
{
    /// <summary>
    /// Random [Circuit] declarations (seeded): namespaces with keywords, verbatim identifiers and Unicode; nesting, generics
    /// and partial splits; attribute values with control characters, line separators, lone and paired surrogates and
    /// extremes. Every case either compiles with zero errors or yields located CIRC diagnostics, with no error inside a
    /// generated file, no CS8785 and no generator exception (<see cref="DeclarationChecks"/>). Cases run in batches of
    /// several files per compilation (one generator run, one set of references); a failing batch is re-run case by case,
    /// so the report names the one declaration that fails. CIRCUITS_DECLARATION_CASES and CIRCUITS_DECLARATION_SEED
    /// change the count (default 320) and the seed (default 8).
    /// </summary>
    [Collection(GeneratorMemoGroup.Name)]
    public class DeclarationFuzzTests
    {
        private const int PerBatch = 16;
        private readonly ITestOutputHelper _output;

        public DeclarationFuzzTests(ITestOutputHelper output) => _output = output;

        private const string Usings = "using Circuits;\nusing Circuits.Compiler;\nusing static Circuits.Rasp;\nusing static Circuits.Compiler.Library;\n\n";

        private static readonly string[] NamespaceParts =
        {
            "User", "Models", "@checked", "@class", "@namespace", "@if", "var", "async", "record", "dynamic", "nameof", "Ünïcödé", "日本語",
            "Σύστημα", "_", "__x", "\\u0061bc", "System", "Circuits", "Microsoft", "Compiler", "A", "a", "N1", "Kernel", "CircuitsKernel",
        };

        private static readonly string[] ClassNames =
        {
            "Demo", "@class", "@int", "@object", "var", "async", "record", "dynamic", "nameof", "Été", "Π", "日本", "_", "\\u0044emo", "Dem\\u006f",
            "Ab\u0301c", "De\u200Dmo", "Model", "Heads", "System", "Circuits", "Gen<T>", "Gen<T, U>",
        };

        private static readonly string[] Vocabularies =
        {
            "\"abcd\"", "\"ab\"", "\"a\"", "\"\"", "null", "\"😀ab\"", "\"\\uD83D\\uDE00b\"", "\"\\uD800a\"", "\"a\\uDC00\"", "\"\\uDC00\\uD800\"",
            "\"a\\u0001b\"", "\"a\\tb\"", "\"a\\nb\"", "\"a\\rb\"", "\"a\\u2028b\"", "\"a\\u2029b\"", "\"a\\u0085b\"", "\"a\\u200Db\"", "\"e\\u0301a\"",
            "\"a⊥b\"", "\"aab\"", "\"a b\"", "\"\\\"\\\\\"", "\"*/\"", "\"//\"", "\"#x\"", "@\"a\"\"b\"", "\"\\0a\"", "\"\\uFEFFa\"", "\"\\uFFFFa\"",
        };

        private static readonly string[] Lengths = { "1", "2", "3", "8", "16", "0", "-1", "int.MaxValue", "int.MinValue", "65537" };
        private static readonly string[] Precisions = { "", "NumericType.Float32", "NumericType.Float64", "(NumericType)7", "(NumericType)(-1)" };
        private static readonly string[] BudgetValues = { "0", "1", "-1", "2", "int.MaxValue", "int.MinValue" };
        private static readonly string[] ParameterValues = { "0", "1", "-5", "long.MaxValue", "long.MinValue" };

        private static readonly string[] Computes =
        {
            "[Computes(KnownTask.InductionHead)]", "[Computes(KnownTask.KHop, K = 0)]", "[Computes(KnownTask.KHop, K = -3)]",
            "[Computes(KnownTask.KHop, K = int.MaxValue)]", "[Computes((KnownTask)99)]",
        };

        private static readonly string[] Modifiers =
        {
            "public static partial", "public static partial", "internal static partial", "static partial", "public partial", "public sealed partial",
            "partial", "public abstract partial", "public static",
        };

        private static readonly string[] Methods = { "Build", "Build", "@checked", "Π", "@var", "Run2" };
        private static readonly string[] Returns = { "Categorical<int>", "Categorical<int>", "SOp", "Sequence" };
        private static readonly string[] Bodies = { "Shift(Tokens, by: 1)", "Shift(Tokens, by: 1)", "Shift(Tokens, by: 1)", "Shift(Tokens, by: 1)", "InductionHead()", "Shift(Tokens, by: 0)" };

        /// <summary>One declaration: one or two files (a partial split), and its C# name for the usage line.</summary>
        private sealed record Case(int Number, string[] Files);

        [Fact]
        public void RandomDeclarationsCompileOrGiveLocatedCircDiagnostics()
        {
            int cases = int.TryParse(Environment.GetEnvironmentVariable("CIRCUITS_DECLARATION_CASES"), out var n) ? n : 320;
            int seed = int.TryParse(Environment.GetEnvironmentVariable("CIRCUITS_DECLARATION_SEED"), out var s) ? s : 8;
            var rng = new Random(seed);
            var clock = Stopwatch.StartNew();
            int clean = 0, refused = 0, number = 0;
            TimeSpan generatorTime = TimeSpan.Zero, csharpTime = TimeSpan.Zero;
            var failures = new List<string>();
            while (number < cases)
            {
                var batch = new List<Case>();
                var names = new HashSet<string>(StringComparer.Ordinal);
                while (batch.Count < PerBatch && number < cases) batch.Add(Next(rng, number++, names, batch));
                var files = batch.SelectMany(c => c.Files).ToArray();
                var run = Run(files, ref generatorTime, ref csharpTime);
                var problems = DeclarationChecks.Problems(run);
                if (problems.Count > 0) failures.Add(Minimise(batch, problems, seed));
                // Which cases compiled clean: a CIRC error in one of its files marks it refused.
                int offset = 0;
                foreach (var c in batch)
                {
                    var paths = Enumerable.Range(offset, c.Files.Length).Select(i => "Source" + i + ".cs").ToHashSet();
                    offset += c.Files.Length;
                    bool circ = run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && paths.Contains(d.Location.GetLineSpan().Path ?? ""));
                    if (circ) refused++;
                    else clean++;
                }
            }
            _output.WriteLine($"{cases} declarations (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s: {clean} compiled clean, {refused} refused with CIRC diagnostics; "
                              + $"generator {generatorTime.TotalSeconds:F1} s, C# diagnostics {csharpTime.TotalSeconds:F1} s");
            Assert.True(failures.Count == 0, failures.Count + " failing batch(es):\n" + string.Join("\n\n", failures.Take(3)));
            Assert.Equal(cases, clean + refused);
            // Both sides are exercised: a generator that refused everything, or accepted everything, would fail here.
            Assert.True(clean >= cases / 5 && refused >= cases / 5, $"{clean} clean, {refused} refused");
        }

        /// <summary>One compilation without sources: every batch adds its files to it, so all share its resolved references.</summary>
        private static readonly Lazy<CSharpCompilation> Empty = new Lazy<CSharpCompilation>(() => GeneratorHarness.CreateCompilation());

        /// <summary>GeneratorHarness.Run, timing the generator and the C# diagnostics of the result apart.</summary>
        private static GeneratorRun Run(string[] files, ref TimeSpan generatorTime, ref TimeSpan csharpTime)
        {
            var clock = Stopwatch.StartNew();
            var trees = files.Select((f, i) => CSharpSyntaxTree.ParseText(f, GeneratorHarness.ParseOptions, path: "Source" + i + ".cs"));
            var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(Empty.Value.AddSyntaxTrees(trees), out var output, out _);
            var result = driver.GetRunResult();
            generatorTime += clock.Elapsed;
            clock.Restart();
            var diagnostics = output.GetDiagnostics();
            csharpTime += clock.Elapsed;
            var sources = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
            return new GeneratorRun(result.Diagnostics, sources, diagnostics, result, output);
        }

        /// <summary>Re-runs each case of a failing batch alone; names the first that fails alone, else the batch.</summary>
        private static string Minimise(List<Case> batch, List<string> problems, int seed)
        {
            foreach (var c in batch)
            {
                var alone = DeclarationChecks.Problems(GeneratorHarness.Run(c.Files));
                if (alone.Count > 0)
                    return $"seed {seed}, case {c.Number}:\n" + string.Join("\n", alone) + "\n" + string.Join("\n// ----- next file\n", c.Files);
            }
            return $"seed {seed}, cases {batch[0].Number}-{batch[^1].Number} fail only together:\n" + string.Join("\n", problems) + "\n"
                   + string.Join("\n// ----- next file\n", batch.SelectMany(c => c.Files));
        }

        private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];

        private static Case Next(Random rng, int number, HashSet<string> names, List<Case> batch)
        {
            // Namespace: block, file-scoped, global or nested blocks; parts from the pool, with a case twin of an earlier one now and then.
            int layout = rng.Next(4);
            var parts = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => Pick(rng, NamespaceParts)).ToList();
            string cls = Pick(rng, ClassNames);
            // A global class named System or Circuits breaks the file's own usings (C#'s error, whatever the generator does).
            if (layout == 2 && cls is "System" or "Circuits") cls = "Global" + number;
            bool twin = rng.Next(8) == 0;
            if (twin)
            {
                parts = new List<string> { "Twin", "Case" };
                cls = rng.Next(2) == 0 ? "Demo" : "demo";
                if (names.Contains("Twin.Case." + cls)) parts[1] = "CASE";
            }
            string ns = layout == 2 ? "" : string.Join(".", parts);
            string key = ns + "." + cls;
            if (!names.Add(key))
            {
                // Two classes with one name in one compilation is C#'s error, not the generator's: give this one a namespace of its own.
                layout = 0;
                ns = "K" + number + "." + string.Join(".", parts);
                names.Add(ns + "." + cls);
            }

            // Valid values half the time or more, so that both outcomes stay common (the test asserts each is at least a fifth).
            string vocabulary = rng.Next(2) == 0 ? Pick(rng, new[] { "\"abcd\"", "\"ab\"", "\"😀ab\"" }) : Pick(rng, Vocabularies);
            string length = rng.Next(3) < 2 ? Pick(rng, new[] { "1", "2", "4", "8" }) : Pick(rng, Lengths);
            var attribute = new StringBuilder("Vocabulary = " + vocabulary + ", MaxLength = " + length);
            if (rng.Next(2) == 0) attribute.Append(", Causal = ").Append(rng.Next(2) == 0 ? "true" : "false");
            string precision = rng.Next(3) == 0 ? Pick(rng, Precisions) : "";
            if (precision.Length > 0) attribute.Append(", Precision = ").Append(precision);
            var attributes = new List<string> { "[Circuit(" + attribute + ")]" };
            if (rng.Next(3) == 0)
                attributes.Add("[Budget(Layers = " + Pick(rng, BudgetValues) + ", Width = " + Pick(rng, BudgetValues) + ", HeadsPerLayer = " + Pick(rng, BudgetValues)
                               + ", Parameters = " + Pick(rng, ParameterValues) + ", Bits = " + Pick(rng, BudgetValues) + ")]");
            if (rng.Next(6) == 0) attributes.Add(Pick(rng, Computes));

            string modifiers = Pick(rng, Modifiers);
            string method = Pick(rng, Methods);
            string program = "[Program]\nstatic " + Pick(rng, Returns) + " " + method + "() => " + Pick(rng, Bodies) + ";";
            bool nested = rng.Next(10) == 0;
            bool split = rng.Next(6) == 0 && modifiers.Contains("partial", StringComparison.Ordinal);
            string bareName = cls.Split('<')[0];
            string typeParameters = cls.Contains('<', StringComparison.Ordinal) ? cls.Substring(cls.IndexOf('<', StringComparison.Ordinal)) : "";

            // The declaration, and a use of the generated members (C# must find them unless a CIRC diagnostic says why not).
            string reference = (ns.Length == 0 ? "global::" : "global::" + ns + ".") + (nested ? "Outer" + number + "." : "")
                               + bareName + (typeParameters.Length == 0 ? "" : "<" + string.Join(", ", typeParameters.Trim('<', '>').Split(',').Select(_ => "int")) + ">");
            string use = "static class Use" + number + " { static string M() => " + reference + ".Run(\"a\") + " + reference + ".Card.Layers; }";
            var first = new List<string>();
            if (split && rng.Next(2) == 0)
            {
                // The attributes in one part, the [Program] method in the other.
                first.AddRange(attributes);
                first.Add(modifiers + " class " + cls + " { }");
                string second = Wrap(layout, ns, nested, number, modifiers + " class " + cls + "\n{\n" + program + "\n}\n", "");
                return new Case(number, new[] { Wrap(layout, ns, nested, number, string.Join("\n", first), use), second });
            }
            first.AddRange(attributes);
            first.Add(modifiers + " class " + cls + "\n{\n" + program + "\n}");
            if (split)
            {
                // A second part with a member of its own (and, now and then, the budget).
                string second = (rng.Next(2) == 0 ? "[Budget(Layers = 1)]\n" : "") + modifiers + " class " + cls + "\n{\n    static int Helper() => 1;\n}\n";
                return new Case(number, new[] { Wrap(layout, ns, nested, number, string.Join("\n", first), use), Wrap(layout, ns, nested, number, second, "") });
            }
            return new Case(number, new[] { Wrap(layout, ns, nested, number, string.Join("\n", first), use) });
        }

        private static string Wrap(int layout, string ns, bool nested, int number, string declaration, string use)
        {
            if (nested) declaration = "public static partial class Outer" + number + "\n{\n" + declaration + "\n}";
            string body = declaration + "\n" + use + "\n";
            if (ns.Length == 0) return Usings + body;
            if (layout == 1) return Usings + "namespace " + ns + ";\n\n" + body;
            if (layout == 3 && ns.Contains('.', StringComparison.Ordinal))
            {
                int cut = ns.IndexOf('.', StringComparison.Ordinal);
                return Usings + "namespace " + ns.Substring(0, cut) + "\n{\nnamespace " + ns.Substring(cut + 1) + "\n{\n" + body + "}\n}\n";
            }
            return Usings + "namespace " + ns + "\n{\n" + body + "}\n";
        }
    }
}
