using Circuits;
using Circuits.Compiler;
using static Circuits.Compiler.Library;
using static Circuits.Rasp;

namespace Classics
{
    /// <summary>Tracr's reverse: length, then position length−1−i. RASP's analysis: 2 layers.</summary>
    [Circuit(Vocabulary = "abcdefgh", MaxLength = 64)]
    public static partial class ReverseCircuit
    {
        [Program]
        static Categorical<int> Build() => Reverse(Tokens);
    }

    /// <summary>Stable sort with duplicates: count smaller keys plus earlier equal keys, then read that position. 2 layers.</summary>
    [Circuit(Vocabulary = "abcdefgh", MaxLength = 64)]
    public static partial class SortCircuit
    {
        [Program]
        static Categorical<int> Build() => Sort(Tokens, Tokens);
    }

    /// <summary>Histogram: how many tokens equal the current one. 1 layer.</summary>
    [Circuit(Vocabulary = "abcdefgh", MaxLength = 64, Precision = NumericType.Float32)]
    public static partial class HistogramCircuit
    {
        [Program]
        static Categorical<int> Build() => Histogram();
    }
}
