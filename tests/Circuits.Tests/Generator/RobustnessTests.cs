using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Circuits.Tests.Generator
{
    /// <summary>Random edits of valid circuits: the generator never throws, and each run yields diagnostics or output.</summary>
    public class RobustnessTests
    {
        private static readonly string[] Bases =
        {
            GeneratorHarness.Circuit("            return Hop(2);"),
            GeneratorHarness.Circuit("            var prev = Shift(Tokens, by: 1).Named(\"prev\");\n            var match = And(Select(prev, Tokens, Equal), Select(Indices, Indices, LessOrEqual)).Rightmost();\n            return Aggregate(match, Tokens);"),
            GeneratorHarness.Circuit("            SOp acc = Tokens;\n            for (int i = 0; i < 3; i++) acc = Map(acc, v => (v + i) % 4, \"s\" + i);\n            var w = SelectorWidth(Select(Tokens, Tokens, (k, q) => k == q));\n            return acc + w * 2 - 1;", "Vocabulary = \"abcd\", MaxLength = 8"),
            GeneratorHarness.Circuit("            return Reverse(Helper(2));", "Vocabulary = \"abc\", MaxLength = 8",
                "        static SOp Helper(int n) { if (n > 1) return Map(Tokens, x => Math.Max(x, n - 1)); return Tokens; }"),
        };

        private static readonly string[] Identifiers = { "Tokens", "Indices", "Hop", "Map", "Select", "Equal", "Less", "Aggregate", "acc", "i", "v", "x", "Build", "Helper", "SOp", "Program", "Circuit", "Rightmost", "Named", "SelectorWidth", "Length", "k", "q", "n" };
        private static readonly string[] Numbers = { "0", "1", "-1", "2", "3", "64", "100000", "1.5", "int.MaxValue" };
        private static readonly string[] Operators = { "+", "-", "*", "/", "%", "&", "|", "!", "==", "<", ">", "&&", "=>", "?", ":" };

        [Fact]
        public void MutatedProgramsNeverCrashTheGenerator()
        {
            var random = new Random(12345);
            int total = 0, withGeneratorDiagnostics = 0, withSource = 0;
            for (int n = 0; n < 520; n++)
            {
                var source = Mutate(Bases[n % Bases.Length], random, 1 + random.Next(3));
                var run = GeneratorHarness.Run(source);
                foreach (var result in run.Result.Results)
                    Assert.True(result.Exception is null, "generator threw on:\n" + source + "\n" + result.Exception);
                Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CIRC0900");
                bool any = run.Diagnostics.Length > 0 || run.Sources.Count > 0 || run.CompilationDiagnostics.Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
                Assert.True(any, "no diagnostics and no output for:\n" + source);
                total++;
                if (run.Diagnostics.Length > 0) withGeneratorDiagnostics++;
                if (run.Sources.Count > 0) withSource++;
            }
            Assert.Equal(520, total);
            Assert.True(withGeneratorDiagnostics > 0 && withSource > 0, $"{withGeneratorDiagnostics} with diagnostics, {withSource} with output");
        }

        private static readonly Regex Token = new Regex(@"[A-Za-z_][A-Za-z0-9_]*|\d+(\.\d+)?|""[^""]*""|&&|\|\||==|=>|<=|>=|[^\sA-Za-z0-9_]", RegexOptions.Compiled);

        private static string Mutate(string source, Random random, int edits)
        {
            for (int e = 0; e < edits; e++)
            {
                var tokens = Token.Matches(source).Cast<Match>().ToList();
                var t = tokens[random.Next(tokens.Count)];
                switch (random.Next(4))
                {
                    case 0: // delete a token
                        source = source.Remove(t.Index, t.Length);
                        break;
                    case 1: // duplicate a line
                    {
                        var lines = source.Split('\n').ToList();
                        int l = random.Next(lines.Count);
                        lines.Insert(l, lines[l]);
                        source = string.Join("\n", lines);
                        break;
                    }
                    default: // replace an identifier, number or operator by another of its kind
                    {
                        string replacement = char.IsLetter(t.Value[0]) || t.Value[0] == '_' ? Identifiers[random.Next(Identifiers.Length)]
                            : char.IsDigit(t.Value[0]) ? Numbers[random.Next(Numbers.Length)]
                            : Operators[random.Next(Operators.Length)];
                        source = source.Remove(t.Index, t.Length).Insert(t.Index, replacement);
                        break;
                    }
                }
            }
            return source;
        }
    }
}
