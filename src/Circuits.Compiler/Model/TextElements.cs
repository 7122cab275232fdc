using System;
using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>
    /// Splits text into user-perceived characters (Unicode extended grapheme clusters, UAX #29): "😀", "👍🏽", "👨‍👩‍👧",
    /// "🇫🇷", "e\u0301" and "\r\n" are one element each. The core carries its own property tables so the generator (which may
    /// run on .NET Framework, whose StringInfo predates emoji sequences) and the runtime split a vocabulary identically.
    /// The tables and rules match .NET 10's StringInfo, which does not apply the Indic conjunct rule GB9c either.
    /// </summary>
    public static partial class TextElements
    {
        private enum Break { Other, CR, LF, Control, Extend, Zwj, RegionalIndicator, Prepend, SpacingMark, L, V, T, LV, LVT }

        /// <summary>The text elements of <paramref name="text"/>, in order; empty for "".</summary>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        public static string[] Split(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var elements = new List<string>();
            int start = 0, i = 0;
            var previous = Break.Other;
            int regionalRun = 0;         // consecutive regional indicators ending at the previous code point (GB12, GB13)
            bool pictographThenExtend = false, zwjAfterPictograph = false;   // ExtPict Extend* (ZWJ) so far (GB11)
            while (i < text.Length)
            {
                int cp = CodePointAt(text, i, out int units);
                var current = Classify(cp);
                bool pictograph = In(Pictographic, cp);
                if (i > 0 && !Joins(previous, current, pictograph, regionalRun, zwjAfterPictograph))
                {
                    elements.Add(text.Substring(start, i - start));
                    start = i;
                }
                regionalRun = current == Break.RegionalIndicator ? regionalRun + 1 : 0;
                zwjAfterPictograph = current == Break.Zwj && pictographThenExtend;
                pictographThenExtend = pictograph || (current == Break.Extend && pictographThenExtend);
                previous = current;
                i += units;
            }
            if (i > start) elements.Add(text.Substring(start, i - start));
            return elements.ToArray();
        }

        /// <summary>Whether <paramref name="text"/> is exactly one text element.</summary>
        public static bool IsSingle(string text) => text is not null && text.Length > 0 && Split(text).Length == 1;

        /// <summary>Whether some text written after <paramref name="text"/> could join its last text element (its last code point is CR, Prepend, ZWJ, a Hangul jamo or syllable, or a regional indicator).</summary>
        internal static bool MayJoinAfter(string text)
        {
            if (string.IsNullOrEmpty(text)) return false;
            int i = text.Length - 1;
            int cp = i > 0 && char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]) ? char.ConvertToUtf32(text[i - 1], text[i]) : text[i];
            return Classify(cp) is Break.CR or Break.Prepend or Break.Zwj or Break.L or Break.V or Break.T or Break.LV or Break.LVT or Break.RegionalIndicator;
        }

        /// <summary>Whether <paramref name="text"/>'s first code point could join what is written before it (LF, Extend, ZWJ, SpacingMark, a Hangul jamo or syllable, a regional indicator).</summary>
        internal static bool MayJoinBefore(string text)
        {
            if (string.IsNullOrEmpty(text)) return false;
            return Classify(CodePointAt(text, 0, out _)) is Break.LF or Break.Extend or Break.Zwj or Break.SpacingMark
                or Break.L or Break.V or Break.T or Break.LV or Break.LVT or Break.RegionalIndicator;
        }

        /// <summary>The UAX #29 rules GB3–GB13 for the boundary between two code points (GB1, GB2, GB999 are the caller's).</summary>
        private static bool Joins(Break previous, Break current, bool pictograph, int regionalRun, bool zwjAfterPictograph)
        {
            if (previous == Break.CR && current == Break.LF) return true;                                          // GB3
            if (previous is Break.CR or Break.LF or Break.Control) return false;                                   // GB4
            if (current is Break.CR or Break.LF or Break.Control) return false;                                    // GB5
            if (previous == Break.L && current is Break.L or Break.V or Break.LV or Break.LVT) return true;        // GB6
            if (previous is Break.LV or Break.V && current is Break.V or Break.T) return true;                     // GB7
            if (previous is Break.LVT or Break.T && current == Break.T) return true;                               // GB8
            if (current is Break.Extend or Break.Zwj or Break.SpacingMark) return true;                            // GB9, GB9a
            if (previous == Break.Prepend) return true;                                                            // GB9b
            if (zwjAfterPictograph && pictograph) return true;                                                     // GB11
            return previous == Break.RegionalIndicator && current == Break.RegionalIndicator && regionalRun % 2 == 1; // GB12, GB13
        }

        private static Break Classify(int cp)
        {
            if (cp == 0x0D) return Break.CR;
            if (cp == 0x0A) return Break.LF;
            if (cp == 0x200D) return Break.Zwj;
            if (cp >= 0xD800 && cp <= 0xDFFF) return Break.Other;   // a lone surrogate reads as U+FFFD, as StringInfo does
            if (cp >= 0x1F1E6 && cp <= 0x1F1FF) return Break.RegionalIndicator;
            if (cp >= 0xAC00 && cp <= 0xD7A3) return (cp - 0xAC00) % 28 == 0 ? Break.LV : Break.LVT;
            if (cp >= 0x1100 && cp <= 0x115F || cp >= 0xA960 && cp <= 0xA97C) return Break.L;
            if (cp >= 0x1160 && cp <= 0x11A7 || cp >= 0xD7B0 && cp <= 0xD7C6 || cp == 0x16D63 || cp >= 0x16D67 && cp <= 0x16D6A) return Break.V;   // with Kirat Rai vowels (Unicode 16)
            if (cp >= 0x11A8 && cp <= 0x11FF || cp >= 0xD7CB && cp <= 0xD7FB) return Break.T;
            if (In(Control, cp)) return Break.Control;
            if (In(Extend, cp)) return Break.Extend;
            if (In(SpacingMark, cp)) return Break.SpacingMark;
            if (In(Prepend, cp)) return Break.Prepend;
            return Break.Other;
        }

        private static int CodePointAt(string text, int i, out int units)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                units = 2;
                return char.ConvertToUtf32(c, text[i + 1]);
            }
            units = 1;
            return c;
        }

        /// <summary>Binary search in a sorted table of inclusive [first, last] pairs.</summary>
        private static bool In(int[] ranges, int cp)
        {
            int lo = 0, hi = ranges.Length / 2 - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                if (cp < ranges[2 * mid]) hi = mid - 1;
                else if (cp > ranges[2 * mid + 1]) lo = mid + 1;
                else return true;
            }
            return false;
        }
    }
}
