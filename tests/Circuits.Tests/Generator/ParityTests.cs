extern alias gen;
using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Microsoft.CodeAnalysis;
using Xunit;
using static Circuits.Compiler.Library;
using static Circuits.Rasp;
using GenCompiler = gen::Circuits.Compiler.CircuitCompiler;
using GenNumericType = gen::Circuits.Compiler.NumericType;
using GenOptions = gen::Circuits.Compiler.CompileOptions;
using StagingInterpreter = gen::Circuits.Generator.Interpreter.StagingInterpreter;

namespace Circuits.Tests.Generator
{
    /// <summary>
    /// The IR the generator's interpreter builds compiles to the same weights, bit for bit, as the IR the same C# builds
    /// at run time through the Rasp facade.
    /// </summary>
    public class ParityTests
    {
        // Exercises a helper method, a for loop, a lambda Map, Select with a lambda predicate, operators and a ?:.
        private const string HelperProgram = @"
            var counts = Helper(Tokens, 2);
            var odd = Map(Tokens, t => t % 2 == 1 ? 1 : 0, ""odd"");
            var near = Select(Tokens, Tokens, (k, q) => k <= q && q - k < 2, ""near"");
            var sum = SequenceMap(counts, odd, (a, b) => Math.Min(a + b, 3));
            return Aggregate(And(near, Select(Indices, Indices, LessOrEqual)).Rightmost(), sum).Named(""parity"");";

        private const string HelperMethod = @"
        static Categorical<int> Helper(Categorical<int> x, int times)
        {
            var acc = x;
            for (int i = 0; i < times; i++) acc = Map(acc, v => (v + i) % 4, ""step"" + i);
            foreach (var c in new[] { 1, 2 }) if (c > 1) acc = Map(acc, v => v == 3 ? 0 : v);
            return acc;
        }";

        private static SOp HelperAtRunTime()
        {
            var counts = Helper(Tokens, 2);
            var odd = Map(Tokens, t => t % 2 == 1 ? 1 : 0, "odd");
            var near = Select(Tokens, Tokens, (k, q) => k <= q && q - k < 2, "near");
            var sum = SequenceMap(counts, odd, (a, b) => Math.Min(a + b, 3));
            return Aggregate(And(near, Select(Indices, Indices, LessOrEqual)).Rightmost(), sum).Named("parity");
        }

        private static Categorical<int> Helper(Categorical<int> x, int times)
        {
            var acc = x;
            for (int i = 0; i < times; i++) acc = Map(acc, v => (v + i) % 4, "step" + i);
            foreach (var c in new[] { 1, 2 }) if (c > 1) acc = Map(acc, v => v == 3 ? 0 : v);
            return acc;
        }

        public static IEnumerable<object[]> Programs() => new[]
        {
            new object[] { "induction-head", "            return InductionHead();", "", true, 64 },
            new object[] { "hop2", "            return Hop(2);", "", true, 256 },
            new object[] { "reverse", "            return Reverse(Tokens);", "", false, 32 },
            new object[] { "helper", HelperProgram, HelperMethod, true, 32 },
            new object[] { "tuples", TupleProgram, "", false, 8 },
            new object[] { "tracr", "            return (SortFreq(8) == 1) & (DetectPattern(Tokens, 0, 1) | (FracPrevs(Tokens == 1) >= 0.5));", "", false, 8 },
            new object[] { "nary", "            return NarySequenceMap<int, int>(a => (a[0] + a[1] * a[2]) % 4, Tokens, Indices, Shift(Tokens));", "", false, 8 },
        };

        // Tuples (product codes), bools, numerical comparisons, non-integer symbols and operators, as the interpreter sees them.
        private const string TupleProgram = @"
            var pair = SequenceMap(Tokens, Indices, (t, i) => (t, i % 2 == 0));
            var moved = Aggregate(Select(Indices, Length() - Indices - 1, Equal), pair);
            var keys = Map(moved, p => p.Item2 ? p.Item1 + 0.5 : -p.Item1);
            var frac = FracPrevs(Tokens == 2) - 0.25;
            return SequenceMap(keys, frac < 0, (k, neg) => neg ? (int)(2 * k) : 7).Named(""tuples"");";

        private static Categorical<int> TuplesAtRunTime()
        {
            var pair = SequenceMap(Tokens, Indices, (t, i) => (t, i % 2 == 0));
            var moved = Aggregate(Select(Indices, Length() - Indices - 1, Equal), pair);
            var keys = Map(moved, p => p.Item2 ? p.Item1 + 0.5 : -p.Item1);
            var frac = FracPrevs(Tokens == 2) - 0.25;
            return SequenceMap(keys, frac < 0, (k, neg) => neg ? (int)(2 * k) : 7).Named("tuples");
        }

        private static SOp RunTime(string name) => name switch
        {
            "induction-head" => InductionHead(),
            "hop2" => Hop(2),
            "reverse" => Reverse(Tokens),
            "helper" => HelperAtRunTime(),
            "tuples" => TuplesAtRunTime(),
            "tracr" => (SortFreq(8) == 1) & (DetectPattern(Tokens, 0, 1) | (FracPrevs(Tokens == 1) >= 0.5)),
            "nary" => NarySequenceMap<int, int>(a => (a[0] + a[1] * a[2]) % 4, Tokens, Indices, Shift(Tokens)),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Programs))]
        public void BuildTimeWeightsEqualRunTimeWeights(string name, string body, string extra, bool causal, int maxLength)
        {
            var source = GeneratorHarness.Circuit(body, extra: extra);
            var compilation = GeneratorHarness.CreateCompilation(source);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var type = compilation.GetTypeByMetadataName("User.Demo")!;
            var method = type.GetMembers("Build").OfType<IMethodSymbol>().Single();
            var staged = new StagingInterpreter(compilation).Run(method, method.DeclaringSyntaxReferences[0].GetSyntax());

            var built = GenCompiler.Compile(staged, new GenOptions
            {
                Name = name, Vocabulary = GenOptions.CharVocabulary("abcd"), MaxLength = maxLength, Causal = causal, Precision = GenNumericType.Float64,
            });
            var expected = CircuitCompiler.Compile(RunTime(name), new CompileOptions
            {
                Name = name, Vocabulary = CompileOptions.CharVocabulary("abcd"), MaxLength = maxLength, Causal = causal, Precision = NumericType.Float64,
            });

            var a = Flatten(built);
            var b = Flatten(expected);
            Assert.Equal(b.Select(x => x.Name), a.Select(x => x.Name));
            for (int i = 0; i < a.Count; i++)
                Assert.True(a[i].Data.SequenceEqual(b[i].Data), $"{name}: {a[i].Name} differs");
            Assert.Equal((string[])expected.ResidualLabels, (string[])built.ResidualLabels);
        }

        /// <summary>Every weight array of a model (either copy of the core: the shapes are the same), labelled.</summary>
        internal static List<(string Name, double[] Data)> Flatten(dynamic model)
        {
            var list = new List<(string, double[])>
            {
                ("bos", (double[])model.BosEmbedding),
                ("tokens", (double[])model.TokenEmbedding.Data),
                ("positions", (double[])model.PositionEmbedding.Data),
                ("readout", (double[])model.Output.Values),
            };
            int l = 0;
            foreach (var layer in model.Layers)
            {
                int h = 0;
                foreach (var head in layer.Heads)
                {
                    string p = $"L{l}H{h}.";
                    list.Add((p + "Q", (double[])head.Query.Data));
                    list.Add((p + "K", (double[])head.Key.Data));
                    list.Add((p + "V", (double[])head.Value.Data));
                    list.Add((p + "O", (double[])head.Output.Data));
                    list.Add((p + "mask+gap", new[] { (double)(int)head.Mask, (double)head.Gap, (double)head.MaxScore }));
                    h++;
                }
                if (layer.Mlp != null)
                {
                    int s = 0;
                    foreach (var stage in layer.Mlp.Stages)
                    {
                        list.Add(($"L{l}M{s}.W", (double[])stage.Weights.Data));
                        list.Add(($"L{l}M{s}.b", (double[])stage.Bias));
                        s++;
                    }
                }
                l++;
            }
            return list;
        }
    }
}
