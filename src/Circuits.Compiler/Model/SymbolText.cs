using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Circuits.Compiler
{
    /// <summary>
    /// What a vocabulary symbol may be, how text reads as symbols and how outputs write as text. One place, shared by
    /// <see cref="CompileOptions"/>, the compiler's checks, the engine's Encode, the CLI, the generator's [Circuit] reading
    /// and the generated <c>Run(string)</c>.
    /// </summary>
    /// <remarks>
    /// Text form. When every symbol is one text element (a user-perceived character: <see cref="TextElements"/>) and no
    /// two symbols, nor a symbol and ⊥, fuse into one text element when written side by side, symbols are written
    /// concatenated ("⊥⊥a😀") and text is read one text element per symbol. Otherwise (for example "ab", "cd" or a lone
    /// combining mark) symbols are written separated by one space and text is read by splitting on whitespace.
    /// Either way the text splits back into exactly the symbols written, because a symbol may not be empty, may not
    /// contain whitespace, control characters, unpaired surrogates or ⊥ (<see cref="Bottom"/>, what outputs print for
    /// "no value"), and may not appear twice. JSON output (an array of strings, null for ⊥) needs none of this.
    /// </remarks>
    public static class SymbolText
    {
        /// <summary>How ⊥ (no value) is written in text; reserved, so no symbol may contain it.</summary>
        public const string Bottom = "⊥";

        /// <summary>Symbols from a string, one per text element: "😀ab" gives "😀", "a", "b".</summary>
        /// <exception cref="ArgumentNullException"><paramref name="symbols"/> is null.</exception>
        /// <exception cref="ArgumentException">A symbol is refused (see <see cref="Problems"/>); the message names it.</exception>
        public static string[] FromText(string symbols)
        {
            if (symbols is null) throw new ArgumentNullException(nameof(symbols));
            return Checked(TextElements.Split(symbols), nameof(symbols));
        }

        /// <summary>Symbols from an explicit list, each any string the rules allow ("the", "cat", "😀").</summary>
        /// <exception cref="ArgumentNullException"><paramref name="symbols"/> is null.</exception>
        /// <exception cref="ArgumentException">A symbol is refused (see <see cref="Problems"/>); the message names it.</exception>
        public static string[] FromList(IEnumerable<string> symbols)
        {
            if (symbols is null) throw new ArgumentNullException(nameof(symbols));
            return Checked(symbols.ToArray(), nameof(symbols));
        }

        /// <summary>
        /// Every reason the vocabulary is refused, each a lower-case clause naming the symbol and its position
        /// ("vocabulary symbol '⊥' (position 1) contains '⊥', ..."); none when it is valid.
        /// </summary>
        public static IEnumerable<string> Problems(IReadOnlyList<string?>? vocabulary)
        {
            if (vocabulary is null || vocabulary.Count == 0)
            {
                yield return "the vocabulary is empty; at least one symbol is required";
                yield break;
            }
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < vocabulary.Count; i++)
            {
                string? s = vocabulary[i];
                if (string.IsNullOrEmpty(s)) { yield return $"vocabulary symbol {i} is empty"; continue; }
                if (SymbolProblem(s!) is { } problem) yield return $"vocabulary symbol '{s}' (position {i}) {problem}";
                if (first.TryGetValue(s!, out int j)) yield return $"vocabulary symbol '{s}' appears twice (positions {j} and {i})";
                else first.Add(s!, i);
            }
        }

        /// <summary>
        /// Whether symbols are written concatenated (every symbol one text element, no two fusing) rather than
        /// space-separated; see the remarks on <see cref="SymbolText"/>.
        /// </summary>
        public static bool Concatenates(IReadOnlyList<string> vocabulary)
        {
            if (vocabulary is null) throw new ArgumentNullException(nameof(vocabulary));
            var all = new List<string>(vocabulary.Count + 1) { Bottom };
            foreach (var s in vocabulary)
            {
                if (!TextElements.IsSingle(s)) return false;
                all.Add(s);
            }
            // Only a symbol that can join at an edge can fuse with a neighbour; usually there is none, so this stays linear.
            foreach (var left in all.Where(TextElements.MayJoinAfter))
                foreach (var right in all)
                    if (!SplitsBack(left, right)) return false;
            foreach (var right in all.Where(TextElements.MayJoinBefore))
                foreach (var left in all)
                    if (!SplitsBack(left, right)) return false;
            return true;
        }

        /// <summary>The separator between written symbols: "" when they concatenate, " " otherwise.</summary>
        public static string Separator(IReadOnlyList<string> vocabulary) => Concatenates(vocabulary) ? "" : " ";

        /// <summary>
        /// Turns text into token ids: one text element per symbol when symbols concatenate, whitespace-separated symbols otherwise.
        /// Length is not checked here.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">A piece of the text is not a symbol; the message names it, its position and the vocabulary.</exception>
        public static int[] Encode(IReadOnlyList<string> vocabulary, string text)
        {
            if (vocabulary is null) throw new ArgumentNullException(nameof(vocabulary));
            if (text is null) throw new ArgumentNullException(nameof(text));
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            // The first occurrence wins, so ids agree with the vocabulary order even for a malformed duplicate.
            for (int i = 0; i < vocabulary.Count; i++)
                if (!index.ContainsKey(vocabulary[i])) index.Add(vocabulary[i], i);

            bool concatenated = Concatenates(vocabulary);
            string[] pieces = concatenated ? TextElements.Split(text) : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var ids = new int[pieces.Length];
            for (int p = 0; p < pieces.Length; p++)
            {
                if (index.TryGetValue(pieces[p], out ids[p])) continue;
                string what = concatenated ? $"unknown character '{pieces[p]}' ({CodePoints(pieces[p])})" : $"unknown symbol \"{pieces[p]}\"";
                throw new ArgumentException($"{what} at position {p}; the vocabulary is {VocabularyText.Describe(vocabulary.ToArray())}", nameof(text));
            }
            return ids;
        }

        /// <summary>
        /// One line of outputs. Token outputs write as symbols (⊥ as <see cref="Bottom"/>) joined by <see cref="Separator"/>;
        /// other outputs write as numbers (<see cref="Number"/>) separated by spaces.
        /// </summary>
        /// <param name="vocabulary">The model's vocabulary.</param>
        /// <param name="tokenValued">Whether the outputs are token ids.</param>
        /// <param name="outputs">The decoded outputs, NaN for ⊥.</param>
        public static string Render(IReadOnlyList<string> vocabulary, bool tokenValued, IReadOnlyList<double> outputs)
        {
            if (vocabulary is null) throw new ArgumentNullException(nameof(vocabulary));
            if (outputs is null) throw new ArgumentNullException(nameof(outputs));
            string separator = tokenValued ? Separator(vocabulary) : " ";
            var sb = new StringBuilder();
            for (int i = 0; i < outputs.Count; i++)
            {
                if (i > 0) sb.Append(separator);
                double v = outputs[i];
                if (double.IsNaN(v)) sb.Append(Bottom);
                else if (tokenValued && Symbol(vocabulary, v) is { } s) sb.Append(s);
                else sb.Append(Number(v));
            }
            return sb.ToString();
        }

        /// <summary>Symbols written as text, joined by the vocabulary's <see cref="Separator"/>.</summary>
        public static string Join(IReadOnlyList<string> vocabulary, IEnumerable<string> symbols)
            => string.Join(Separator(vocabulary), symbols);

        /// <summary>A number with at most 6 decimals, invariant culture: 3, 0.5, 0.333333; ⊥ for NaN.</summary>
        public static string Number(double v)
        {
            if (double.IsNaN(v)) return Bottom;
            double rounded = Math.Round(v, 6);
            if (rounded == 0) rounded = 0;   // no "-0"
            return rounded.ToString("0.######", CultureInfo.InvariantCulture);
        }

        /// <summary>The symbol of an id-valued output, or null when <paramref name="v"/> is not a valid id.</summary>
        public static string? Symbol(IReadOnlyList<string> vocabulary, double v)
        {
            if (vocabulary is null) throw new ArgumentNullException(nameof(vocabulary));
            if (v != Math.Floor(v) || v < 0 || v >= vocabulary.Count) return null;
            return vocabulary[(int)v];
        }

        /// <summary>"U+0061" or "U+1F44D U+1F3FD": the code points of a piece of text.</summary>
        public static string CodePoints(string text)
        {
            var parts = new List<string>();
            for (int i = 0; i < text.Length; i++)
            {
                int cp = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                    ? char.ConvertToUtf32(text[i], text[++i]) : text[i];
                parts.Add("U+" + cp.ToString("X4", CultureInfo.InvariantCulture));
            }
            return string.Join(" ", parts);
        }

        private static string[] Checked(string[] symbols, string parameter)
        {
            foreach (var problem in Problems(symbols))
                throw new ArgumentException(Sentence(problem), parameter);
            return symbols;
        }

        /// <summary>Why one non-empty symbol cannot be written unambiguously, or null.</summary>
        private static string? SymbolProblem(string s)
        {
            if (s.Contains(Bottom)) return $"contains '{Bottom}', which outputs print for ⊥ (no value); choose another symbol";
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                if (char.IsSurrogate(c)) return $"contains an unpaired surrogate (U+{(int)c:X4}), which is not text";
                if (char.IsWhiteSpace(c)) return $"contains whitespace (U+{(int)c:X4}), which separates symbols in text";
                if (char.IsControl(c)) return $"contains a control character (U+{(int)c:X4})";
            }
            return null;
        }

        /// <summary>A problem clause as a sentence: capitalised, with a full stop.</summary>
        public static string Sentence(string problem)
            => problem.Length == 0 ? problem : char.ToUpperInvariant(problem[0]) + problem.Substring(1) + ".";

        private static bool SplitsBack(string left, string right)
        {
            var parts = TextElements.Split(left + right);
            return parts.Length == 2 && parts[0] == left && parts[1] == right;
        }
    }
}
