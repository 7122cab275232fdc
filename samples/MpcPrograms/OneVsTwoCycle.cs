using Circuits;
using Circuits.Compiler;
using Circuits.Mpc;

namespace MpcPrograms
{
    /// <summary>
    /// 1-vs-2 cycle by successor doubling. Machine v holds succ(v), a permutation that is one N-cycle or two N/2-cycles;
    /// every machine outputs the number of cycles. z(v) = (v = 0), then z |= z[p], p = p[p] for ⌈log2 N⌉ rounds marks
    /// vertex 0's cycle; a count of the unmarked says whether there is a second.
    /// </summary>
    [MpcProgram(MaxLength = 64, LocalMemory = 4)]
    [Computes(KnownTask.CycleDetection)]
    public static partial class OneVsTwoCycle
    {
        [Round]
        static (MpcRegister Marked, MpcRegister Next) Start(MpcBuilder m)
            => (m.Local("reaches-0", MpcKind.Categorical, i => Bottom.Is(i) ? Bottom.Value : i == 0 ? 1 : 0, m.Machine, "=0"), m.Word);

        [Round(Repeat = RoundRepeat.Log2N)]
        static (MpcRegister Marked, MpcRegister Next) Double(MpcBuilder m, (MpcRegister Marked, MpcRegister Next) s)
        {
            var far = m.Read("reaches-0@next", s.Marked, from: s.Next);
            var next = m.Read("next", s.Next, from: s.Next);
            return (m.Local("reaches-0", MpcKind.Categorical, (a, b) => Bottom.Is(a) ? Bottom.Value : a == 1 || b == 1 ? 1 : 0, s.Marked, far, "or"), next);
        }

        [Round]
        static MpcRegister CountCycles(MpcBuilder m, (MpcRegister Marked, MpcRegister Next) s)
        {
            var other = m.Local("other-cycle", MpcKind.Categorical, z => Bottom.Is(z) ? Bottom.Value : 1 - z, s.Marked, "not");
            var count = m.Count("in-other-cycle", other);
            return m.Local("cycles", MpcKind.Categorical, c => Bottom.Is(c) ? Bottom.Value : c > 0 ? 2 : 1, count, "cycles");
        }
    }
}
