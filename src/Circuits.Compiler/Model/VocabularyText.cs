using System;
using System.Text;

namespace Circuits.Compiler
{
    /// <summary>How messages print a vocabulary. One place, so the engine's errors and the generated pass's errors read the same.</summary>
    public static class VocabularyText
    {
        /// <summary>Symbols listed before the rest is elided.</summary>
        public const int ListedSymbols = 64;

        /// <summary>The vocabulary as "{a, b, c} (3 symbols)", elided past <see cref="ListedSymbols"/> symbols.</summary>
        public static string Describe(string[] vocabulary)
        {
            if (vocabulary is null) throw new ArgumentNullException(nameof(vocabulary));
            var sb = new StringBuilder("{");
            int shown = Math.Min(vocabulary.Length, ListedSymbols);
            for (int i = 0; i < shown; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(vocabulary[i]);
            }
            if (shown < vocabulary.Length) sb.Append(", …");
            sb.Append("} (").Append(vocabulary.Length).Append(" symbols)");
            return sb.ToString();
        }
    }
}
