using Circuits.Compiler;
using static Circuits.Compiler.Library;
using static Circuits.Rasp;

namespace Circuits.Benchmarks
{
    /// <summary>induction-head compiled at build time for N = 16, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16, Causal = true, Precision = NumericType.Float32)]
    public static partial class InductionHead16F32
    {
        [Program]
        private static Categorical<int> Build() => InductionHead();
    }

    /// <summary>induction-head compiled at build time for N = 256, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Causal = true, Precision = NumericType.Float32)]
    public static partial class InductionHead256F32
    {
        [Program]
        private static Categorical<int> Build() => InductionHead();
    }

    /// <summary>induction-head compiled at build time for N = 256, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Causal = true, Precision = NumericType.Float64)]
    public static partial class InductionHead256F64
    {
        [Program]
        private static Categorical<int> Build() => InductionHead();
    }

    /// <summary>induction-head compiled at build time for N = 1,024, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Causal = true, Precision = NumericType.Float32)]
    public static partial class InductionHead1024F32
    {
        [Program]
        private static Categorical<int> Build() => InductionHead();
    }

    /// <summary>induction-head compiled at build time for N = 1,024, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Causal = true, Precision = NumericType.Float64)]
    public static partial class InductionHead1024F64
    {
        [Program]
        private static Categorical<int> Build() => InductionHead();
    }

    /// <summary>induction-head compiled at build time for N = 4,096, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float32)]
    public static partial class InductionHead4096F32
    {
        [Program]
        private static Categorical<int> Build() => InductionHead();
    }

    /// <summary>4-hop compiled at build time for N = 16, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16, Causal = true, Precision = NumericType.Float32)]
    public static partial class FourHop16F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(4);
    }

    /// <summary>4-hop compiled at build time for N = 256, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Causal = true, Precision = NumericType.Float32)]
    public static partial class FourHop256F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(4);
    }

    /// <summary>4-hop compiled at build time for N = 256, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Causal = true, Precision = NumericType.Float64)]
    public static partial class FourHop256F64
    {
        [Program]
        private static Categorical<int> Build() => Hop(4);
    }

    /// <summary>4-hop compiled at build time for N = 1,024, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Causal = true, Precision = NumericType.Float32)]
    public static partial class FourHop1024F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(4);
    }

    /// <summary>4-hop compiled at build time for N = 1,024, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Causal = true, Precision = NumericType.Float64)]
    public static partial class FourHop1024F64
    {
        [Program]
        private static Categorical<int> Build() => Hop(4);
    }

    /// <summary>4-hop compiled at build time for N = 4,096, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float32)]
    public static partial class FourHop4096F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(4);
    }

    /// <summary>16-hop compiled at build time for N = 16, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16, Causal = true, Precision = NumericType.Float32)]
    public static partial class SixteenHop16F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }

    /// <summary>16-hop compiled at build time for N = 256, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Causal = true, Precision = NumericType.Float32)]
    public static partial class SixteenHop256F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }

    /// <summary>16-hop compiled at build time for N = 256, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Causal = true, Precision = NumericType.Float64)]
    public static partial class SixteenHop256F64
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }

    /// <summary>16-hop compiled at build time for N = 1,024, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Causal = true, Precision = NumericType.Float32)]
    public static partial class SixteenHop1024F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }

    /// <summary>16-hop compiled at build time for N = 1,024, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Causal = true, Precision = NumericType.Float64)]
    public static partial class SixteenHop1024F64
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }

    /// <summary>16-hop compiled at build time for N = 4,096, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float32)]
    public static partial class SixteenHop4096F32
    {
        [Program]
        private static Categorical<int> Build() => Hop(16);
    }

    /// <summary>reverse compiled at build time for N = 16, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16, Precision = NumericType.Float32)]
    public static partial class Reverse16F32
    {
        [Program]
        private static Categorical<int> Build() => Reverse(Tokens);
    }

    /// <summary>reverse compiled at build time for N = 256, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Precision = NumericType.Float32)]
    public static partial class Reverse256F32
    {
        [Program]
        private static Categorical<int> Build() => Reverse(Tokens);
    }

    /// <summary>reverse compiled at build time for N = 256, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Precision = NumericType.Float64)]
    public static partial class Reverse256F64
    {
        [Program]
        private static Categorical<int> Build() => Reverse(Tokens);
    }

    /// <summary>sort compiled at build time for N = 16, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 16, Precision = NumericType.Float32)]
    public static partial class Sort16F32
    {
        [Program]
        private static Categorical<int> Build() => Sort(Tokens, Tokens);
    }

    /// <summary>sort compiled at build time for N = 256, float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Precision = NumericType.Float32)]
    public static partial class Sort256F32
    {
        [Program]
        private static Categorical<int> Build() => Sort(Tokens, Tokens);
    }

    /// <summary>sort compiled at build time for N = 256, float64.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Precision = NumericType.Float64)]
    public static partial class Sort256F64
    {
        [Program]
        private static Categorical<int> Build() => Sort(Tokens, Tokens);
    }
}
