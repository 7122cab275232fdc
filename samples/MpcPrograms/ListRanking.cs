using Circuits;
using Circuits.Mpc;

namespace MpcPrograms
{
    /// <summary>
    /// List ranking by pointer doubling. Machine i holds next(i) of one linked list over 0..N−1 whose tail points to itself;
    /// it outputs the number of steps from i to the tail. Each doubling round: rank += rank[next], next = next[next].
    /// </summary>
    [MpcProgram(MaxLength = 64, LocalMemory = 5)]
    public static partial class ListRanking
    {
        /// <summary>Rank 0 at the tail (the machine whose next is itself), 1 elsewhere.</summary>
        [Round]
        static (MpcRegister Rank, MpcRegister Next) Start(MpcBuilder m)
        {
            var tail = m.Same("tail", m.Word, m.Machine);
            return (m.Local("rank", MpcKind.Numerical, t => 1 - t, tail, "1-"), m.Word);
        }

        /// <summary>⌈log2 N⌉ rounds: two pull reads at the pointer, one add.</summary>
        [Round(Repeat = RoundRepeat.Log2N)]
        static (MpcRegister Rank, MpcRegister Next) Double(MpcBuilder m, (MpcRegister Rank, MpcRegister Next) s)
        {
            var far = m.Read("rank@next", s.Rank, from: s.Next);
            var next = m.Read("next", s.Next, from: s.Next);
            return (m.Local("rank", MpcKind.Numerical, (a, b) => a + b, s.Rank, far, "+"), next);
        }

        [MpcOutput]
        static MpcRegister Output((MpcRegister Rank, MpcRegister Next) s) => s.Rank;
    }
}
