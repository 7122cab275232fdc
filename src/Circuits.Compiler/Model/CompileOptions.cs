using System;

namespace Circuits.Compiler
{
    /// <summary>The numeric type a model must be exact in.</summary>
    public enum NumericType
    {
        /// <summary>IEEE single precision (24-bit mantissa).</summary>
        Float32,
        /// <summary>IEEE double precision (53-bit mantissa).</summary>
        Float64,
    }

    /// <summary>What to compile for: vocabulary, maximum length, masking, precision.</summary>
    public sealed class CompileOptions
    {
        /// <summary>
        /// Vocabulary symbols (token id = index): at least one, distinct, none empty or containing whitespace, control
        /// characters or ⊥ (see <see cref="SymbolText"/>). Build it with <see cref="CharVocabulary"/> or <see cref="Symbols"/>.
        /// </summary>
        public string[] Vocabulary { get; set; } = { "a", "b", "c", "d" };
        /// <summary>Maximum input length N (≥ 1).</summary>
        public int MaxLength { get; set; } = 64;
        /// <summary>When true every head is causal and selectors only see keys j ≤ i.</summary>
        public bool Causal { get; set; }
        /// <summary>The numeric type the model must be certified exact in; compilation fails otherwise.</summary>
        public NumericType Precision { get; set; } = NumericType.Float64;
        /// <summary>The program's name (card, labels).</summary>
        public string Name { get; set; } = "program";
        /// <summary>The task the program computes, when known: the card then states what theory says other models would need.</summary>
        public KnownTask Task { get; set; }
        /// <summary>k for <see cref="KnownTask.KHop"/>.</summary>
        public int K { get; set; }

        /// <summary>
        /// Vocabulary from a string, one symbol per text element (user-perceived character): "😀ab" gives "😀", "a", "b";
        /// "👍🏽" and "e\u0301" are one symbol each.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="symbols"/> is null.</exception>
        /// <exception cref="ArgumentException">A symbol is refused: empty, repeated, or containing whitespace, a control character or ⊥; the message names it.</exception>
        public static string[] CharVocabulary(string symbols) => SymbolText.FromText(symbols);

        /// <summary>Vocabulary from an explicit list of symbols, each any non-empty string the rules allow ("the", "cat").</summary>
        /// <exception cref="ArgumentNullException"><paramref name="symbols"/> is null.</exception>
        /// <exception cref="ArgumentException">A symbol is refused: empty, repeated, or containing whitespace, a control character or ⊥; the message names it.</exception>
        public static string[] Symbols(params string[] symbols) => SymbolText.FromList(symbols);
    }
}
