using Circuits.Compiler;
using static Circuits.Compiler.Library;
using static Circuits.Rasp;

// Built only with -p:CircuitsBenchLarge=true (see GeneratedCircuits.Registry.cs): seconds of compile each, at build time
// (reverse and sort at N = 1,024: about a minute each in the generator, compiling the circuit).
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

    /// <summary>reverse compiled at build time for N = 1,024, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Precision = NumericType.Float32)]
    public static partial class Reverse1024F32
    {
        [Program]
        private static Categorical<int> Build() => Reverse(Tokens);
    }

    /// <summary>reverse compiled at build time for N = 1,024, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Precision = NumericType.Float64)]
    public static partial class Reverse1024F64
    {
        [Program]
        private static Categorical<int> Build() => Reverse(Tokens);
    }

    /// <summary>sort compiled at build time for N = 1,024, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Precision = NumericType.Float32)]
    public static partial class Sort1024F32
    {
        [Program]
        private static Categorical<int> Build() => Sort(Tokens, Tokens);
    }

    /// <summary>sort compiled at build time for N = 1,024, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Precision = NumericType.Float64)]
    public static partial class Sort1024F64
    {
        [Program]
        private static Categorical<int> Build() => Sort(Tokens, Tokens);
    }
}
