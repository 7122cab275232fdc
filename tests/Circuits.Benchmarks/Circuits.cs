using Circuits.Compiler;
using static Circuits.Compiler.Library;
using static Circuits.Rasp;

namespace Circuits.Benchmarks
{
    /// <summary>The induction head compiled at build time (N = 4096, float32): the benchmarks run shorter inputs on it too.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float32)]
    public static partial class InductionHead4096
    {
        [Program]
        private static Categorical<int> Build() => InductionHead();
    }

    /// <summary>16-hop compiled at build time (N = 4096, float32).</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float32)]
    public static partial class SixteenHop4096
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }
}
