using Circuits.Compiler;

namespace Circuits.Models
{
    /// <summary>
    /// The induction head (THEORY §3.1): at each position, the token that followed the previous occurrence of the current
    /// token, ⊥ where there is none. Two layers (a previous-token head, then a match head), compiled to exact weights when
    /// this library is built; the generator adds <c>Run</c>, <c>Forward</c>, <c>Card</c>, <c>Model</c> and the constants.
    /// </summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 1024, Causal = true, Precision = NumericType.Float32)]
    [Budget(Layers = 2)]
    [Computes(KnownTask.InductionHead)]
    public static partial class InductionHead
    {
        [Program]
        static Categorical<int> Build() => Library.InductionHead();
    }
}
