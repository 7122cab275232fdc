using Circuits.Compiler;
using static Circuits.Compiler.Library;
using static Circuits.Rasp;

// Built only with -p:CircuitsBenchLarge=true (see GeneratedCircuits.Registry.cs): seconds of compile each, at build time.
namespace Circuits.Benchmarks
{
    /// <summary>induction-head compiled at build time for N = 4,096, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float64)]
    public static partial class InductionHead4096F64
    {
        [Program]
        private static Categorical<int> Build() => InductionHead();
    }

    /// <summary>induction-head compiled at build time for N = 16,384, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16384, Causal = true, Precision = NumericType.Float64)]
    public static partial class InductionHead16384F64
    {
        [Program]
        private static Categorical<int> Build() => InductionHead();
    }

    /// <summary>4-hop compiled at build time for N = 4,096, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float64)]
    public static partial class FourHop4096F64
    {
        [Program]
        private static Categorical<int> Build() => Hop(4);
    }

    /// <summary>4-hop compiled at build time for N = 16,384, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16384, Causal = true, Precision = NumericType.Float32)]
    public static partial class FourHop16384F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(4);
    }

    /// <summary>4-hop compiled at build time for N = 16,384, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16384, Causal = true, Precision = NumericType.Float64)]
    public static partial class FourHop16384F64
    {
        [Program]
        private static Categorical<int> Build() => Hop(4);
    }

    /// <summary>16-hop compiled at build time for N = 4,096, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float64)]
    public static partial class SixteenHop4096F64
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }

    /// <summary>16-hop compiled at build time for N = 16,384, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16384, Causal = true, Precision = NumericType.Float32)]
    public static partial class SixteenHop16384F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }

    /// <summary>16-hop compiled at build time for N = 16,384, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16384, Causal = true, Precision = NumericType.Float64)]
    public static partial class SixteenHop16384F64
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }
}
