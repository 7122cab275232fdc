using Circuits;
using Circuits.Compiler;
using static Circuits.Compiler.Library;
using static Circuits.Rasp;

namespace KHop
{
    /// <summary>1-hop (the induction head by construction B): 2 layers.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Causal = true, Precision = NumericType.Float32)]
    public static partial class OneHop
    {
        [Program]
        static Categorical<int> Build() => Hop(1);
    }

    /// <summary>5-hop: floor(log2 5) + 2 = 4 layers.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Causal = true, Precision = NumericType.Float32)]
    public static partial class FiveHop
    {
        [Program]
        static Categorical<int> Build() => Hop(5);
    }

    /// <summary>16-hop at N = 1024: 6 layers, width O(log N), certified in float32.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Causal = true, Precision = NumericType.Float32)]
    public static partial class SixteenHop
    {
        [Program]
        static Categorical<int> Build() => Hop(16);
    }
}
