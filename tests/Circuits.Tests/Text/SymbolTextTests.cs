using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Text
{
    /// <summary>Vocabulary rules, the text form's choice, and that what is written reads back as exactly what was written.</summary>
    public class SymbolTextTests
    {
        [Theory]
        [InlineData("😀ab", new[] { "😀", "a", "b" })]
        [InlineData("👍🏽👍x", new[] { "👍🏽", "👍", "x" })]
        [InlineData("e\u0301e", new[] { "e\u0301", "e" })]
        [InlineData("👨‍👩‍👧🇫🇷", new[] { "👨‍👩‍👧", "🇫🇷" })]
        public void CharVocabulary_IsOneSymbolPerTextElement(string text, string[] expected)
            => Assert.Equal(expected, CompileOptions.CharVocabulary(text));

        [Theory]
        [InlineData(new[] { "a", "⊥", "b" }, "'⊥' (position 1) contains '⊥'")]
        [InlineData(new[] { "a", "x⊥" }, "'x⊥' (position 1) contains '⊥'")]
        [InlineData(new[] { "a", "b c" }, "'b c' (position 1) contains whitespace (U+0020)")]
        [InlineData(new[] { "a\u00A0" }, "contains whitespace (U+00A0)")]
        [InlineData(new[] { "a", "\u0007" }, "contains a control character (U+0007)")]
        [InlineData(new[] { "a", "" }, "vocabulary symbol 1 is empty")]
        [InlineData(new[] { "😀", "a", "😀" }, "'😀' appears twice (positions 0 and 2)")]
        [InlineData(new string[0], "the vocabulary is empty")]
        public void BadSymbols_AreRefusedEverywhere_NamingTheSymbol(string[] vocabulary, string expected)
        {
            Assert.Contains(expected, Assert.Single(SymbolText.Problems(vocabulary)));
            Assert.Contains(expected, Assert.Throws<ArgumentException>(() => CompileOptions.Symbols(vocabulary)).Message, StringComparison.OrdinalIgnoreCase);
            var options = new CompileOptions { Vocabulary = vocabulary, MaxLength = 8 };
            var e = Assert.Throws<CompileException>(() => CircuitCompiler.Compile(Library.InductionHead(), options));
            Assert.Equal("CIRC0004", e.Code);
            Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);   // the compiler's message is a sentence
        }

        [Fact]
        public void UnpairedSurrogate_IsRefused()
        {
            // Built at run time: attribute data would turn a lone surrogate into U+FFFD.
            var vocabulary = new[] { "a", ((char)0xD83D).ToString() };
            Assert.Contains("'\uD83D' (position 1) contains an unpaired surrogate (U+D83D)", Assert.Single(SymbolText.Problems(vocabulary)));
        }

        [Fact]
        public void CharVocabulary_RefusesBottom()
            => Assert.Contains("'⊥' (position 1)", Assert.Throws<ArgumentException>(() => CompileOptions.CharVocabulary("a⊥b")).Message);

        [Theory]
        [InlineData(true, new[] { "a", "b", "c", "d" })]
        [InlineData(true, new[] { "😀", "👍🏽", "e\u0301", "🇫🇷", "x" })]
        [InlineData(false, new[] { "the", "cat", "sat" })]          // several text elements per symbol
        [InlineData(false, new[] { "a", "\u0301" })]               // a + U+0301 would fuse into one text element
        [InlineData(false, new[] { "\U0001F1EB", "\U0001F1F7" })]  // two regional indicators fuse into a flag
        [InlineData(false, new[] { "\u1100", "\u1161" })]          // Hangul jamo L + V fuse into a syllable
        [InlineData(false, new[] { "x", "\u0300" })]               // ⊥ + U+0300 fuses too
        public void Concatenates_OnlyWhenNoTwoSymbolsFuse(bool expected, string[] vocabulary)
            => Assert.Equal(expected, SymbolText.Concatenates(vocabulary));

        public static IEnumerable<object[]> Vocabularies() => new[]
        {
            new object[] { new[] { "a", "b", "c" } },
            new object[] { new[] { "😀", "a", "👍🏽", "e\u0301", "🇫🇷" } },
            new object[] { new[] { "the", "cat", "⊤", "sat" } },
            new object[] { new[] { "a", "\u0301", "\U0001F1EB", "\U0001F1F7", "\u1100", "\u1161" } },
        };

        /// <summary>
        /// Rendered outputs (symbols and ⊥) split back into the same sequence, read independently of the writer:
        /// by the runtime's StringInfo when symbols concatenate, by spaces otherwise.
        /// </summary>
        [Theory]
        [MemberData(nameof(Vocabularies))]
        public void RenderedOutputs_ReadBackUnambiguously(string[] vocabulary)
        {
            var rng = new Random(7);
            bool concatenated = SymbolText.Concatenates(vocabulary);
            for (int n = 0; n < 500; n++)
            {
                var outputs = Enumerable.Range(0, rng.Next(1, 12)).Select(_ => rng.Next(4) == 0 ? double.NaN : rng.Next(vocabulary.Length)).ToArray();
                string text = SymbolText.Render(vocabulary, tokenValued: true, outputs);
                string[] pieces = concatenated ? Elements(text) : text.Split(' ');
                var read = pieces.Select(p => p == "⊥" ? double.NaN : Array.IndexOf(vocabulary, p)).ToArray();
                Assert.True(outputs.SequenceEqual(read), $"'{text}' read back as [{string.Join(", ", read)}], written from [{string.Join(", ", outputs)}]");
            }
        }

        [Theory]
        [MemberData(nameof(Vocabularies))]
        public void EncodedText_IsTheSymbolsWritten(string[] vocabulary)
        {
            var rng = new Random(11);
            for (int n = 0; n < 500; n++)
            {
                var ids = Enumerable.Range(0, rng.Next(1, 12)).Select(_ => rng.Next(vocabulary.Length)).ToArray();
                string text = SymbolText.Join(vocabulary, ids.Select(i => vocabulary[i]));
                Assert.Equal(ids, SymbolText.Encode(vocabulary, text));
            }
        }

        [Fact]
        public void UnknownInput_NamesTheTextElement_ItsCodePoints_AndItsPosition()
        {
            var e = Assert.Throws<ArgumentException>(() => SymbolText.Encode(new[] { "😀", "a" }, "a😀👍🏽a"));
            Assert.Contains("unknown character '👍🏽' (U+1F44D U+1F3FD) at position 2", e.Message);
            Assert.Contains("{😀, a} (2 symbols)", e.Message);
            var s = Assert.Throws<ArgumentException>(() => SymbolText.Encode(new[] { "the", "cat" }, "the dog"));
            Assert.Contains("unknown symbol \"dog\" at position 1", s.Message);
            // A lone regional indicator is its own text element, so it is unknown rather than half of a flag symbol.
            Assert.Contains("unknown character '\U0001F1EB' (U+1F1EB) at position 3", Assert.Throws<ArgumentException>(() => SymbolText.Encode(new[] { "🇫🇷", "x" }, "x🇫🇷x\U0001F1EB")).Message);
        }

        [Fact]
        public void Numbers_WriteAsTheCliPrintsThem()
        {
            Assert.Equal("1 0.5 ⊥ 0.333333 0", SymbolText.Render(new[] { "a" }, tokenValued: false, new[] { 1, 0.5, double.NaN, 1.0 / 3, -1e-9 }));
            Assert.Equal("2", SymbolText.Render(new[] { "a" }, tokenValued: true, new[] { 2.0 }));   // not a valid id: the number
        }

        private static string[] Elements(string text)
        {
            var parts = new List<string>();
            var e = StringInfo.GetTextElementEnumerator(text);
            while (e.MoveNext()) parts.Add((string)e.Current);
            return parts.ToArray();
        }
    }
}
