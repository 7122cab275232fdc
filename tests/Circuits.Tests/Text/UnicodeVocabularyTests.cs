using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tasks;
using Circuits.Tests.Emit;
using Xunit;

namespace Circuits.Tests.Text
{
    /// <summary>Models over emoji and multi-character vocabularies, through the engine and the emitted Run, against the task definition.</summary>
    public class UnicodeVocabularyTests
    {
        private static CompiledModel Induction(string[] vocabulary, string name)
            => CircuitCompiler.Compile(Library.InductionHead(), new CompileOptions { Name = name, Vocabulary = vocabulary, MaxLength = 16, Causal = true });

        public static TheoryData<string[]> Vocabularies() => new TheoryData<string[]>
        {
            CompileOptions.CharVocabulary("😀ab👍🏽e\u0301"),
            CompileOptions.Symbols("the", "cat", "sat", "😀😀"),
        };

        [Theory]
        [MemberData(nameof(Vocabularies))]
        public void EngineAndEmittedRun_AgreeWithTheTaskDefinition_OnText(string[] vocabulary)
        {
            var model = Induction(vocabulary, "induction-unicode");
            var engine = global::Circuits.Engine.Create(model);
            var emitted = EmittedPass.For("induction-unicode-" + string.Join("|", vocabulary), model);
            var rng = new Random(3);
            for (int n = 0; n < 200; n++)
            {
                var ids = Enumerable.Range(0, rng.Next(1, 17)).Select(_ => rng.Next(vocabulary.Length)).ToArray();
                string text = SymbolText.Join(vocabulary, ids.Select(i => vocabulary[i]));
                Assert.Equal(ids, global::Circuits.Engine.Encode(model, text));
                string expected = SymbolText.Render(vocabulary, tokenValued: true, TaskDefinitions.InductionHead(ids));
                Assert.Equal(expected, SymbolText.Render(vocabulary, true, engine.Forward(global::Circuits.Engine.Encode(model, text))));
                Assert.Equal(expected, emitted.Run!(text));
            }
        }

        [Fact]
        public void EmojiInput_IsOneTokenPerEmoji()
        {
            var model = Induction(CompileOptions.CharVocabulary("😀ab"), "induction-emoji");
            var ids = global::Circuits.Engine.Encode(model, "😀a😀a");
            Assert.Equal(new[] { 0, 1, 0, 1 }, ids);
            Assert.Equal("⊥⊥a😀", SymbolText.Render(model.Vocabulary, true, global::Circuits.Engine.Create(model).Forward(ids)));
        }
    }
}
