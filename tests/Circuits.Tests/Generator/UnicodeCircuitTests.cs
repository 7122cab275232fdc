using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Circuits.Compiler;
using Circuits.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Circuits.Tests.Generator
{
    /// <summary>A [Circuit] with an emoji vocabulary: the generator splits it as the runtime does, and the generated Run agrees with the task.</summary>
    public class UnicodeCircuitTests
    {
        [Fact]
        public void EmojiVocabulary_GeneratedRun_MatchesTheTaskDefinition()
        {
            const string vocabulary = "😀a👍🏽e\u0301";
            var run = GeneratorHarness.Run(GeneratorHarness.Circuit("            return InductionHead();",
                "Vocabulary = \"" + vocabulary + "\", MaxLength = 16, Causal = true"));
            Assert.Empty(run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            var compilation = ((CSharpCompilation)run.Output).WithAssemblyName("Unicode_" + Guid.NewGuid().ToString("N"));
            using var ms = new MemoryStream();
            var emitted = compilation.Emit(ms);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
            ms.Position = 0;
            var type = AssemblyLoadContext.Default.LoadFromStream(ms).GetType("User.Demo", throwOnError: true)!;

            var symbols = CompileOptions.CharVocabulary(vocabulary);
            Assert.Equal(4, symbols.Length);
            Assert.Equal(symbols.Length, (int)type.GetField("VocabularySize")!.GetValue(null)!);
            var runText = type.GetMethod("Run")!.CreateDelegate<Func<string, string>>();
            var rng = new Random(5);
            for (int n = 0; n < 100; n++)
            {
                var ids = Enumerable.Range(0, rng.Next(1, 17)).Select(_ => rng.Next(symbols.Length)).ToArray();
                string text = string.Concat(ids.Select(i => symbols[i]));
                Assert.Equal(SymbolText.Render(symbols, true, TaskDefinitions.InductionHead(ids)), runText(text));
            }
        }
    }
}
