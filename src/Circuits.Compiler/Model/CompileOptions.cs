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
        /// <summary>Vocabulary symbols (token id = index). Must be non-empty and distinct.</summary>
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

        /// <summary>Vocabulary from a string of single-character symbols ("abcd").</summary>
        public static string[] CharVocabulary(string symbols)
        {
            if (symbols is null) throw new ArgumentNullException(nameof(symbols));
            var v = new string[symbols.Length];
            for (int i = 0; i < v.Length; i++) v[i] = symbols[i].ToString();
            return v;
        }
    }
}
