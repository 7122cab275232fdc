using Circuits;
using Circuits.Compiler;
using static Circuits.Compiler.Library;
using static Circuits.Rasp;

namespace KHop
{
    /// <summary>2-hop induction (THEORY §3.2): compiled to exact weights at build time; the generator adds Model, Card, Forward, Run.</summary>
    [Circuit(Vocabulary = "abcd", MaxLength = 256, Causal = true)]
    [Computes(KnownTask.KHop, K = 2)]
    public static partial class TwoHop
    {
        [Program]
        static Categorical<int> Build() => Hop(2);
    }
}
