using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>The seed's two circuits compiled at build time by the generator; the demo checks their specialised passes.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float32)]
    [Computes(KnownTask.InductionHead)]
    internal static partial class GeneratedInductionHead
    {
        [Program]
        private static SOp Build() => Library.InductionHead();
    }

    /// <summary>16-hop compiled at build time (6 layers, float32 at N = 4096).</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 4096, Causal = true, Precision = NumericType.Float32)]
    [Computes(KnownTask.KHop, K = 16)]
    internal static partial class GeneratedSixteenHop
    {
        [Program]
        private static SOp Build() => Library.Hop(16);
    }
}
