extern alias gen;
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Sdk;
using BudgetSpec = gen::Circuits.Generator.Model.BudgetSpec;
using CircuitBuilder = gen::Circuits.Generator.Pipeline.CircuitBuilder;
using CircuitSpec = gen::Circuits.Generator.Model.CircuitSpec;
using CircuitSteps = gen::Circuits.Generator.CircuitGenerator.Steps;
using GenKnownTask = gen::Circuits.Compiler.KnownTask;
using GenNumericType = gen::Circuits.Compiler.NumericType;
using GenRoundRepeat = gen::Circuits.Mpc.RoundRepeat;
using MemoKey = gen::Circuits.Generator.Pipeline.MemoKey;
using MpcBudgetSpec = gen::Circuits.Generator.Model.MpcBudgetSpec;
using MpcGenerator = gen::Circuits.Generator.MpcGenerator;
using MpcProgramBuilder = gen::Circuits.Generator.Pipeline.MpcProgramBuilder;
using MpcRoundSpec = gen::Circuits.Generator.Model.MpcRoundSpec;
using MpcSpec = gen::Circuits.Generator.Model.MpcSpec;
using MpcSteps = gen::Circuits.Generator.MpcGenerator.Steps;

namespace Circuits.Tests.Generator
{
    /// <summary>
    /// The compile memo's key holds every declared value the weights depend on: a value left out would let an IDE or build
    /// server keep shipping the old weights after the user edited it, with no diagnostic. Two sides: every spec property
    /// (nested records and round arrays included) changes <see cref="MemoKey"/> unless the key says it excludes it, and
    /// every property a user can set on the attributes, edited alone in source, makes the generator compile again (budgets
    /// alone re-check diagnostics and must not).
    /// </summary>
    [Collection(GeneratorMemoGroup.Name)]
    public class MemoKeyTests
    {
        private static readonly CircuitSpec SampleCircuit = new CircuitSpec("User", "Demo", true, "Build", "abcd", 16, true, GenNumericType.Float64,
            new BudgetSpec(1, 2, 3, 4, 5), GenKnownTask.KHop, 2, "User.Demo");

        private static readonly MpcSpec SampleMpc = new MpcSpec("User", "Demo", true, 16, 4, 16, GenNumericType.Float64,
            gen::Circuits.Generator.Model.EquatableArray.From(new[]
            {
                new MpcRoundSpec("Start", GenRoundRepeat.Once, 0, 0, 1, false, false, "", "global::Circuits.Mpc.MpcRegister"),
                new MpcRoundSpec("Double", GenRoundRepeat.Log2N, 0, 1, 5, true, true, "global::Circuits.Mpc.MpcRegister", "global::Circuits.Mpc.MpcRegister"),
            }),
            "Output", "global::Circuits.Mpc.MpcRegister", new BudgetSpec(1, 2, 3, 4, 5), new MpcBudgetSpec(1, 2, 3, 4), GenKnownTask.CycleDetection, 1, "User.Demo");

        [Fact]
        public void EverySpecPropertyButTheBudgetsChangesTheKey()
        {
            AssertKeyCovers(SampleCircuit, s => MemoKey.For((CircuitSpec)s, "fingerprint"));
            AssertKeyCovers(SampleMpc, s => MemoKey.For((MpcSpec)s, "fingerprint"));
            // The exclusions name real properties (a renamed budget must not leave a stale exclusion behind).
            foreach (var name in MemoKey.Excluded)
            {
                var parts = name.Split('.');
                var type = parts[0] == nameof(CircuitSpec) ? typeof(CircuitSpec) : parts[0] == nameof(MpcSpec) ? typeof(MpcSpec) : null;
                Assert.True(type?.GetProperty(parts[1]) != null, "MemoKey.Excluded names no spec property: " + name);
            }
        }

        /// <summary>
        /// Varies each settable property of <paramref name="spec"/> (recursing into records and arrays of records) and checks
        /// the key changes, or, for the excluded ones, does not.
        /// </summary>
        private static void AssertKeyCovers(object spec, Func<object, string> key)
        {
            string original = key(spec);
            foreach (var property in Settable(spec.GetType()))
            {
                bool excluded = MemoKey.Excluded.Contains(spec.GetType().Name + "." + property.Name);
                var variants = Variants(property.GetValue(spec), property.PropertyType, spec.GetType().Name + "." + property.Name).ToList();
                Assert.NotEmpty(variants);
                foreach (var (path, value) in variants)
                {
                    string varied = key(With(spec, property, value));
                    if (excluded) Assert.True(varied == original, path + " is excluded from the memo key but changed it");
                    else Assert.True(varied != original, path + " does not change the memo key: an edit of it would reuse the old weights");
                }
            }
        }

        private static IEnumerable<PropertyInfo> Settable(Type type)
            => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod != null);

        private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") != null;

        /// <summary>A copy of a record with one property set (records' init setters are callable by reflection).</summary>
        private static object With(object record, PropertyInfo property, object? value)
        {
            var copy = record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
            property.SetValue(copy, value);
            return copy;
        }

        /// <summary>Values that differ from <paramref name="value"/>, each with the path it varies.</summary>
        private static IEnumerable<(string Path, object? Value)> Variants(object? value, Type type, string path)
        {
            if (type == typeof(string))
            {
                yield return (path + " (text)", (string?)value + "x");
                yield return (path + " (null or empty)", value is null ? "" : null);
            }
            else if (type == typeof(int)) yield return (path, (int)value! + 1);
            else if (type == typeof(long)) yield return (path, (long)value! + 1);
            else if (type == typeof(bool)) yield return (path, !(bool)value!);
            else if (type.IsEnum)
            {
                foreach (var other in Enum.GetValues(type).Cast<object>().Where(v => !v.Equals(value)))
                    yield return (path + " = " + other, other);
            }
            else if (IsRecord(type))
            {
                foreach (var property in Settable(type))
                    foreach (var (inner, v) in Variants(property.GetValue(value), property.PropertyType, path + "." + property.Name))
                        yield return (inner, With(value!, property, v));
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition().Name.StartsWith("EquatableArray", StringComparison.Ordinal))
            {
                var element = type.GetGenericArguments()[0];
                var items = ((IEnumerable)value!).Cast<object>().ToList();
                object ArrayOf(IEnumerable<object> list)
                {
                    var array = System.Array.CreateInstance(element, list.Count());
                    int i = 0;
                    foreach (var item in list) array.SetValue(item, i++);
                    return Activator.CreateInstance(type, array)!;
                }
                Assert.True(items.Count >= 2, path + ": the sample needs two items, so that each position is varied");
                yield return (path + " (one item fewer)", ArrayOf(items.Take(items.Count - 1)));
                yield return (path + " (reordered)", ArrayOf(items.AsEnumerable().Reverse()));
                for (int i = 0; i < items.Count; i++)
                {
                    int at = i;
                    foreach (var (inner, v) in Variants(items[i], element, path + "[" + i + "]"))
                        yield return (inner, ArrayOf(items.Select((item, j) => j == at ? v! : item)));
                }
            }
            else throw new XunitException($"{path}: the test cannot vary a {type.Name}. Write the new field in MemoKey (a double with \"R\") and teach Variants to vary it.");
        }

        /// <summary>One attribute property edited alone in source, and whether the weights must be built again.</summary>
        public sealed record Edit(string Property, string Source, string From, string To, bool Recompiles);

        // A vocabulary and a class name no other test uses, so the compile counts are this test's alone.
        private const string Vocabulary = "mkqv", EditedVocabulary = "mkqw", MpcClass = "MemoKeyDemo";

        private const string CircuitUsings = "using System;\nusing Circuits;\nusing Circuits.Compiler;\nusing static Circuits.Rasp;\nusing static Circuits.Compiler.Library;\n\n";

        private static string CircuitSource(bool classBudget) => CircuitUsings
            + "[assembly: CircuitBudget(Layers = 40, Width = 4000, HeadsPerLayer = 40, Parameters = 4000000, Bits = 60)]\n\nnamespace User\n{\n"
            + "    [Computes(KnownTask.KHop, K = 2)]\n"
            + (classBudget ? "    [Budget(Layers = 30, Width = 3000, HeadsPerLayer = 30, Parameters = 3000000, Bits = 50)]\n" : "")
            + "    [Circuit(Vocabulary = \"" + Vocabulary + "\", MaxLength = 16, Causal = true, Precision = NumericType.Float64)]\n"
            + "    public static partial class Demo\n    {\n        [Program]\n        static SOp Build()\n        {\n            return Hop(2);\n        }\n    }\n}\n";

        private static readonly string Circuit = CircuitSource(classBudget: true), CircuitUnderAssemblyBudget = CircuitSource(classBudget: false);

        public static readonly Edit[] CircuitEdits =
        {
            new Edit("CircuitAttribute.Vocabulary", Circuit, "\"" + Vocabulary + "\"", "\"" + EditedVocabulary + "\"", true),
            new Edit("CircuitAttribute.MaxLength", Circuit, "MaxLength = 16", "MaxLength = 12", true),
            new Edit("CircuitAttribute.Causal", Circuit, "Causal = true", "Causal = false", true),
            new Edit("CircuitAttribute.Precision", Circuit, "NumericType.Float64", "NumericType.Float32", true),
            new Edit("ComputesAttribute.Task", Circuit, "KnownTask.KHop", "KnownTask.InductionHead", true),
            new Edit("ComputesAttribute.K", Circuit, "K = 2", "K = 3", true),
            new Edit("BudgetAttribute.Layers", Circuit, "Layers = 30", "Layers = 31", false),
            new Edit("BudgetAttribute.Width", Circuit, "Width = 3000", "Width = 3001", false),
            new Edit("BudgetAttribute.HeadsPerLayer", Circuit, "HeadsPerLayer = 30", "HeadsPerLayer = 31", false),
            new Edit("BudgetAttribute.Parameters", Circuit, "Parameters = 3000000", "Parameters = 3000001", false),
            new Edit("BudgetAttribute.Bits", Circuit, "Bits = 50", "Bits = 51", false),
            // Under no class [Budget], so that the assembly's values are the ones the spec holds.
            new Edit("CircuitBudgetAttribute.Layers", CircuitUnderAssemblyBudget, "Layers = 40", "Layers = 41", false),
            new Edit("CircuitBudgetAttribute.Width", CircuitUnderAssemblyBudget, "Width = 4000", "Width = 4001", false),
            new Edit("CircuitBudgetAttribute.HeadsPerLayer", CircuitUnderAssemblyBudget, "HeadsPerLayer = 40", "HeadsPerLayer = 41", false),
            new Edit("CircuitBudgetAttribute.Parameters", CircuitUnderAssemblyBudget, "Parameters = 4000000", "Parameters = 4000001", false),
            new Edit("CircuitBudgetAttribute.Bits", CircuitUnderAssemblyBudget, "Bits = 60", "Bits = 61", false),
            new Edit("(a comment)", Circuit, "return Hop(2);", "// two hops\n            return Hop(2);", false),
        };

        private static readonly string Mpc = "using System;\nusing Circuits;\nusing Circuits.Compiler;\nusing Circuits.Mpc;\n\nnamespace User\n{\n"
            + "    [Computes(KnownTask.CycleDetection, K = 1)]\n"
            + "    [Budget(Layers = 30, Width = 3000, HeadsPerLayer = 30, Parameters = 3000000, Bits = 50)]\n"
            + "    [MpcBudget(Rounds = 20, Memory = 20, Sends = 20, Receives = 20)]\n"
            + "    [MpcProgram(MaxLength = 16, LocalMemory = 4, WordRange = 16, Precision = NumericType.Float64)]\n"
            + "    public static partial class " + MpcClass + "\n    {\n" + @"
        [Round]
        static (MpcRegister Marked, MpcRegister Next) Start(MpcBuilder m)
            => (m.Local(""reaches-0"", MpcKind.Categorical, i => Bottom.Is(i) ? Bottom.Value : i == 0 ? 1 : 0, m.Machine, ""=0""), m.Word);

        [Round(Repeat = RoundRepeat.Once, Times = 0, Plus = 1)]
        static (MpcRegister Marked, MpcRegister Next) Double(MpcBuilder m, (MpcRegister Marked, MpcRegister Next) s)
        {
            var far = m.Read(""reaches-0@next"", s.Marked, from: s.Next);
            var next = m.Read(""next"", s.Next, from: s.Next);
            return (m.Local(""reaches-0"", MpcKind.Categorical, (a, b) => Bottom.Is(a) ? Bottom.Value : a == 1 || b == 1 ? 1 : 0, s.Marked, far, ""or""), next);
        }

        [Round]
        static MpcRegister CountCycles(MpcBuilder m, (MpcRegister Marked, MpcRegister Next) s)
        {
            var other = m.Local(""other-cycle"", MpcKind.Categorical, z => Bottom.Is(z) ? Bottom.Value : 1 - z, s.Marked, ""not"");
            var count = m.Count(""in-other-cycle"", other);
            return m.Local(""cycles"", MpcKind.Categorical, c => Bottom.Is(c) ? Bottom.Value : c > 0 ? 2 : 1, count, ""cycles"");
        }
    }
}
";

        public static readonly Edit[] MpcEdits =
        {
            new Edit("MpcProgramAttribute.MaxLength", Mpc, "MaxLength = 16", "MaxLength = 8", true),
            new Edit("MpcProgramAttribute.LocalMemory", Mpc, "LocalMemory = 4", "LocalMemory = 5", true),
            new Edit("MpcProgramAttribute.WordRange", Mpc, "WordRange = 16", "WordRange = 32", true),
            new Edit("MpcProgramAttribute.Precision", Mpc, "NumericType.Float64", "NumericType.Float32", true),
            // The rounds' repeats are not in the program's fingerprint (the memo once reused log2 N doublings' weights for one).
            new Edit("RoundAttribute.Repeat", Mpc, "Repeat = RoundRepeat.Once", "Repeat = RoundRepeat.Log2N", true),
            new Edit("RoundAttribute.Times", Mpc, "Times = 0", "Times = 3", true),
            new Edit("RoundAttribute.Plus", Mpc, "Plus = 1", "Plus = 2", true),
            new Edit("ComputesAttribute.Task", Mpc, "KnownTask.CycleDetection", "KnownTask.Connectivity", true),
            new Edit("ComputesAttribute.K", Mpc, "K = 1", "K = 2", true),
            new Edit("MpcBudgetAttribute.Rounds", Mpc, "Rounds = 20", "Rounds = 21", false),
            new Edit("MpcBudgetAttribute.Memory", Mpc, "Memory = 20", "Memory = 21", false),
            new Edit("MpcBudgetAttribute.Sends", Mpc, "Sends = 20", "Sends = 21", false),
            new Edit("MpcBudgetAttribute.Receives", Mpc, "Receives = 20", "Receives = 21", false),
            new Edit("BudgetAttribute.Layers", Mpc, "Layers = 30", "Layers = 31", false),
            new Edit("BudgetAttribute.Width", Mpc, "Width = 3000", "Width = 3001", false),
            new Edit("BudgetAttribute.HeadsPerLayer", Mpc, "HeadsPerLayer = 30", "HeadsPerLayer = 31", false),
            new Edit("BudgetAttribute.Parameters", Mpc, "Parameters = 3000000", "Parameters = 3000001", false),
            new Edit("BudgetAttribute.Bits", Mpc, "Bits = 50", "Bits = 51", false),
            new Edit("(a comment)", Mpc, "var next =", "// the pointer doubles\n            var next =", false),
        };

        public static IEnumerable<object[]> CircuitEditNames() => CircuitEdits.Select(e => new object[] { e.Property });

        public static IEnumerable<object[]> MpcEditNames() => MpcEdits.Select(e => new object[] { e.Property });

        [Theory]
        [MemberData(nameof(CircuitEditNames))]
        public void EditingOneCircuitAttributePropertyRecompilesUnlessItIsABudget(string property)
        {
            var edit = CircuitEdits.Single(e => e.Property == property);
            static int Compilations() => CircuitBuilder.Compilations(Vocabulary) + CircuitBuilder.Compilations(EditedVocabulary);
            AssertEdit(edit, GeneratorHarness.Driver(track: true), CircuitSteps.Circuits, Compilations);
        }

        [Theory]
        [MemberData(nameof(MpcEditNames))]
        public void EditingOneMpcAttributePropertyRecompilesUnlessItIsABudget(string property)
        {
            var edit = MpcEdits.Single(e => e.Property == property);
            var driver = CSharpGeneratorDriver.Create(new[] { new MpcGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            AssertEdit(edit, driver, MpcSteps.Programs, () => MpcProgramBuilder.Compilations(MpcClass));
        }

        private static void AssertEdit(Edit edit, GeneratorDriver driver, string step, Func<int> compilations)
        {
            Assert.Contains(edit.From, edit.Source, StringComparison.Ordinal);
            string edited = edit.Source.Replace(edit.From, edit.To, StringComparison.Ordinal);
            Assert.NotEqual(edit.Source, edited);

            var compilation = GeneratorHarness.CreateCompilation(edit.Source);
            driver = driver.RunGenerators(compilation);
            Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            int before = compilations();

            driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path: "Source0.cs")));
            Assert.True((edit.Recompiles ? before + 1 : before) == compilations(),
                $"{edit.Property}: {(edit.Recompiles ? "the edit reused the memoized weights" : "the edit rebuilt the weights")} ({before} compilations before the edit, {compilations()} after)");
            if (edit.Property.Contains("Budget", StringComparison.Ordinal))
            {
                // The budget did reach the pipeline's result (the analyzer re-checks it against the memoized model).
                var outputs = driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs);
                Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
            }
        }

        [Fact]
        public void TheEditsCoverEveryAttributeProperty()
        {
            var attributes = typeof(CircuitAttribute).Assembly.GetExportedTypes().Where(t => typeof(Attribute).IsAssignableFrom(t)).ToList();
            Assert.Contains(typeof(RoundAttribute), attributes);
            var declared = attributes
                .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => t.Name + "." + p.Name))
                .OrderBy(n => n, StringComparer.Ordinal).ToList();
            var edited = CircuitEdits.Concat(MpcEdits).Select(e => e.Property).Where(p => !p.StartsWith('(')).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            Assert.Equal(declared, edited);
        }
    }
}
