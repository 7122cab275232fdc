using System;

namespace Circuits
{
    /// <summary>Checks and encodes inputs, with messages that name the offending value and the limit it broke.</summary>
    internal static class InputValidation
    {
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

        /// <summary>Text to token ids by the vocabulary's text form (see Circuits.Compiler.SymbolText).</summary>
        public static int[] Encode(string[] vocabulary, string text) => global::Circuits.Compiler.SymbolText.Encode(vocabulary, text);

        /// <summary>The vocabulary as messages print it (see Circuits.Compiler.VocabularyText).</summary>
        public static string Describe(string[] vocabulary) => global::Circuits.Compiler.VocabularyText.Describe(vocabulary);
    }
}
