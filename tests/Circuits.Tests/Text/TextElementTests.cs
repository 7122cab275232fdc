using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Text
{
    /// <summary>
    /// The core's own grapheme splitter against the oracle it must match: .NET 10's StringInfo (UAX #29). The core cannot
    /// use StringInfo itself, because the generator may run on .NET Framework, whose StringInfo splits emoji sequences.
    /// </summary>
    public class TextElementTests
    {
        private static string[] Oracle(string text)
        {
            var parts = new List<string>();
            var e = StringInfo.GetTextElementEnumerator(text);
            while (e.MoveNext()) parts.Add((string)e.Current);
            return parts.ToArray();
        }

        [Theory]
        [InlineData("😀", 1)]
        [InlineData("👍🏽", 1)]                  // skin-tone modifier
        [InlineData("👨‍👩‍👧", 1)]                 // ZWJ family
        [InlineData("🏳️‍🌈", 1)]                  // variation selector + ZWJ
        [InlineData("🇫🇷🇩🇪", 2)]                // flags pair regional indicators
        [InlineData("🇫🇷🇩", 2)]
        [InlineData("e\u0301", 1)]             // combining acute
        [InlineData("a\u0301b", 2)]
        [InlineData("\r\n", 1)]
        [InlineData("\u1100\u1161\u11A8", 1)]  // Hangul L V T
        [InlineData("😀ab", 3)]
        [InlineData("a\u200Db", 2)]            // ZWJ between letters joins only to the left
        public void KnownSequences_SplitAsTheRuntimeDoes(string text, int elements)
        {
            var parts = TextElements.Split(text);
            Assert.Equal(Oracle(text), parts);
            Assert.Equal(elements, parts.Length);
            Assert.Equal(text, string.Concat(parts));
        }

        /// <summary>
        /// Every code point in the contexts that tell the grapheme-break classes apart: after a letter (Extend, SpacingMark,
        /// ZWJ), before a letter (Prepend), before a combining mark (Control), inside an emoji ZWJ sequence (Extend vs
        /// SpacingMark, Extended_Pictographic), and against each Hangul jamo type and regional indicators.
        /// </summary>
        [Fact]
        public void EveryCodePoint_InEveryProbeContext_MatchesTheRuntime()
        {
            string[] before = { "a", "\U0001F600\u200D", "\U0001F600", "\u1100", "\u1161", "\u11A8", "\uAC00", "\uAC01", "\U0001F1EB", "\r", "\u0600" };
            string[] after = { "a", "\u0300", "\u200D\U0001F600", "\u1161", "\u11A8", "\U0001F1F7", "\n" };
            var failures = new List<string>();
            for (int cp = 0; cp <= 0x10FFFF && failures.Count < 10; cp++)
            {
                if (cp >= 0xD800 && cp <= 0xDFFF) continue;
                // Planes 4–13 are unassigned and 15–16 private use: all one class, so a sample of them is enough.
                if (cp >= 0x40000 && (cp < 0xE0000 || cp > 0xE0FFF) && cp % 97 != 0) continue;
                string c = char.ConvertFromUtf32(cp);
                foreach (var b in before) Compare(b + c);
                foreach (var a in after) Compare(c + a);
                Compare("\U0001F600" + c + "\u200D\U0001F600");
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));

            void Compare(string text)
            {
                var expected = Oracle(text);
                var got = TextElements.Split(text);
                if (!expected.SequenceEqual(got))
                    failures.Add($"{SymbolText.CodePoints(text)}: runtime [{string.Join(" | ", expected.Select(SymbolText.CodePoints))}], core [{string.Join(" | ", got.Select(SymbolText.CodePoints))}]");
            }
        }

        [Fact]
        public void RandomMixtures_MatchTheRuntime()
        {
            // Code points from every class, including lone surrogates, so that long-range rules (GB11, GB12/13) get exercised.
            int[] pool =
            {
                'a', 'Z', ' ', '\r', '\n', '\t', 0x0300, 0x0301, 0x0903, 0x093F, 0x0600, 0x200D, 0x200C, 0xFE0F, 0x00AD,
                0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0x1F1EB, 0x1F1F7, 0x1F600, 0x1F44D, 0x1F3FD, 0x1F3F3, 0x1F308, 0x2764,
                0xE0067, 0xE007F, 0x0915, 0x094D, 0x0937, 0x2060, 0xD83D, 0xDE00, 0x0E33, 0x1F9D1,
            };
            var rng = new Random(1234);
            for (int n = 0; n < 20000; n++)
            {
                var sb = new StringBuilder();
                int length = rng.Next(1, 10);
                for (int i = 0; i < length; i++)
                {
                    int cp = pool[rng.Next(pool.Length)];
                    sb.Append(cp >= 0xD800 && cp <= 0xDFFF ? ((char)cp).ToString() : char.ConvertFromUtf32(cp));
                }
                string text = sb.ToString();
                var got = TextElements.Split(text);
                Assert.True(Oracle(text).SequenceEqual(got), $"{SymbolText.CodePoints(text)}: core [{string.Join(" | ", got.Select(SymbolText.CodePoints))}]");
                Assert.Equal(text, string.Concat(got));
            }
        }

        [Fact]
        public void Empty_HasNoElements_AndNullIsRefused()
        {
            Assert.Empty(TextElements.Split(""));
            Assert.Throws<ArgumentNullException>(() => TextElements.Split(null!));
        }
    }
}
