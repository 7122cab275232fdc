using System;
using System.Collections.Generic;
using System.Text;

namespace Circuits
{
    /// <summary>Checks and encodes inputs, with messages that name the offending value and the limit it broke.</summary>
    internal static class InputValidation
    {
        /// <summary>How many vocabulary symbols an error message lists before eliding the rest.</summary>

        /// <summary>Throws unless 1 ≤ ids.Length ≤ maxLength and every id is in [0, vocabularySize).</summary>
        public static void CheckIds(ReadOnlySpan<int> ids, int maxLength, int vocabularySize)
        {
            if (ids.Length == 0)
                throw new ArgumentException("input is empty; at least 1 token is required", nameof(ids));
            if (ids.Length > maxLength)
                throw new ArgumentException(
                    $"input has {ids.Length} tokens but the model's maximum length is {maxLength}", nameof(ids));
            for (int t = 0; t < ids.Length; t++)
            {
                int id = ids[t];
                if ((uint)id >= (uint)vocabularySize)
                    throw new ArgumentOutOfRangeException(nameof(ids), id,
                        $"token id {id} at position {t} is outside the vocabulary: ids must be in [0, {vocabularySize}) (vocabulary size {vocabularySize})");
            }
        }

        /// <summary>Throws unless the output span can hold one value per input token.</summary>
        public static void CheckOutput(int inputLength, int outputLength)
        {
            if (outputLength < inputLength)
                throw new ArgumentException(
                    $"output has room for {outputLength} values but the input has {inputLength} tokens", "output");
        }

        /// <summary>Per-character encoding for single-character vocabularies, whitespace-separated symbols otherwise.</summary>
        public static int[] Encode(string[] vocabulary, string text)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            bool singleChars = true;
            for (int i = 0; i < vocabulary.Length; i++)
            {
                // The first occurrence wins, so ids agree with the vocabulary order even for a malformed duplicate.
                if (!index.ContainsKey(vocabulary[i])) index.Add(vocabulary[i], i);
                if (vocabulary[i].Length != 1) singleChars = false;
            }

            if (singleChars)
            {
                var ids = new int[text.Length];
                for (int p = 0; p < text.Length; p++)
                {
                    if (!index.TryGetValue(text[p].ToString(), out ids[p]))
                        throw new ArgumentException(
                            $"unknown character '{text[p]}' (U+{(int)text[p]:X4}) at position {p}; the vocabulary is {Describe(vocabulary)}",
                            nameof(text));
                }
                return ids;
            }

            var pieces = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var result = new int[pieces.Length];
            for (int p = 0; p < pieces.Length; p++)
            {
                if (!index.TryGetValue(pieces[p], out result[p]))
                    throw new ArgumentException(
                        $"unknown symbol \"{pieces[p]}\" at position {p}; the vocabulary is {Describe(vocabulary)}",
                        nameof(text));
            }
            return result;
        }

        /// <summary>The vocabulary as messages print it (see Circuits.Compiler.VocabularyText).</summary>
        public static string Describe(string[] vocabulary) => global::Circuits.Compiler.VocabularyText.Describe(vocabulary);
    }
}
