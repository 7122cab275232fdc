using Circuits;
using Circuits.Compiler;
using Circuits.Mpc;

namespace MpcPrograms
{
    /// <summary>All-prefix-sums (Hillis–Steele): in repetition j every machine adds the partial sum 2^j machines to its left.</summary>
    [MpcProgram(MaxLength = 32, LocalMemory = 4, WordRange = 8)]
    public static partial class PrefixSums
    {
        [Round]
        static MpcRegister Load(MpcBuilder m) => m.Local("sum", MpcKind.Numerical, w => Bottom.Is(w) ? 0 : w, m.Word, "number");

        [Round(Repeat = RoundRepeat.Log2N)]
        static MpcRegister Add(MpcBuilder m, MpcRegister sum, int j)
        {
            int d = 1 << j;
            var left = m.Local("left" + d, MpcKind.Categorical, i => i >= d ? i - d : Bottom.Value, m.Machine, "-" + d);
            var part = m.Read("part" + d, sum, from: left);
            return m.Local("sum", MpcKind.Numerical, (a, b) => a + b, sum, part, "+");
        }
    }
}
