// RS1035 bans System.Random in analyzers (unseeded, it makes builds differ). Here it is only a parameter fed by
// SeededRandom's fixed seed, as in ComputesSample.
#pragma warning disable RS1035
using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Mpc;
using Circuits.Tasks;

namespace Circuits.Compiler
{
    /// <summary>
    /// The [Computes] check (CIRC0404) for an MPC program: the compiled model runs on the core's <see cref="ReferenceExecutor"/>
    /// within <see cref="ComputesCheck"/>'s work bound, its outputs pass the protocol's fault check (a receive overflow is a
    /// wrong answer, not a number), and they are compared with the task's definition. The graph tasks read one word per
    /// machine: <see cref="KnownTask.CycleDetection"/> succ(v) of one N-cycle or two N/2-cycles, answered by the cycle count
    /// (<see cref="MpcTaskDefinitions.CycleCount"/>); <see cref="KnownTask.Connectivity"/> a functional graph f, answered by
    /// the smallest vertex of each component (<see cref="MpcTaskDefinitions.ComponentMinimum"/>). Tasks defined on token
    /// sequences (k-hop, prefix sums, …) read the words as tokens, exactly as for a circuit.
    /// </summary>
    public static class MpcComputesCheck
    {
        /// <summary>True when <paramref name="task"/> has a definition an MPC program can be checked against.</summary>
        /// <param name="task">The declared task.</param>
        public static bool Defines(KnownTask task)
            => task == KnownTask.CycleDetection || task == KnownTask.Connectivity || KnownTaskDefinitions.Defines(task);

        /// <summary>Runs the check; a report with <see cref="ComputesReport.Defined"/> false when the task has no definition.</summary>
        /// <param name="model">The compiled protocol.</param>
        /// <param name="task">The declared task.</param>
        /// <param name="k">k for k-hop.</param>
        /// <param name="work">The work bound (units of <see cref="ReferenceExecutor.Cost(int)"/>).</param>
        public static ComputesReport Run(MpcModel model, KnownTask task, int k, long work = ComputesCheck.DefaultWork)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (!Defines(task)) return new ComputesReport(false, 0, 0, 0, 0, null);
            var protocol = model.Protocol;
            Func<int[], double[]> expected;
            Func<int, IEnumerable<(int[] Input, int Fifths)>> sample;
            if (task == KnownTask.CycleDetection)
            {
                expected = MpcTaskDefinitions.CycleCount;
                sample = longest => Graphs(protocol, longest, (rng, n, r) => MpcInstances.Cycles(rng, n, two: n % 2 == 0 && n >= 2 && r % 2 == 1));
            }
            else if (task == KnownTask.Connectivity)
            {
                expected = MpcTaskDefinitions.ComponentMinimum;
                sample = longest => Graphs(protocol, longest, (rng, n, _) => MpcInstances.FunctionalGraph(rng, n));
            }
            else
            {
                int s = model.Model.Vocabulary.Length;
                expected = x => KnownTaskDefinitions.Expected(task, k, x, model.Model.Causal);
                sample = longest => ComputesSample.Budgeted(s, protocol.MaxLength, longest, task, k);
            }
            return ComputesCheck.Run(model.Model, sample, expected, outputs =>
            {
                try { return model.Check(outputs); }
                catch (MpcLimitException e) { throw new InvalidOperationException(e.Message, e); }
            }, work);
        }

        /// <summary>
        /// Graph instances in <see cref="ComputesSample"/>'s groups: every length up to 4 and a few random short ones, then
        /// the longest affordable length and random lengths; only those whose vertex ids fit the word range.
        /// </summary>
        private static IEnumerable<(int[] Input, int Fifths)> Graphs(MpcProtocol protocol, int longest, Func<Random, int, int, int[]> draw)
        {
            var rng = new SeededRandom(ComputesSample.Seed);
            int top = Math.Min(longest, 16), limit = Math.Min(longest, protocol.WordRange);
            if (limit < 1) yield break;
            for (int n = 1; n <= Math.Min(4, limit); n++)
                for (int r = 0; r < 2; r++) yield return (draw(rng, n, r), ComputesSample.EdgeFifths);
            for (int r = 0; r < 24; r++) yield return (draw(rng, rng.Next(1, Math.Min(top, limit) + 1), r), ComputesSample.ShortFifths);
            for (int r = 0; r < 4; r++) yield return (draw(rng, limit, r), ComputesSample.AllFifths);
            for (int r = 0; r < 16; r++) yield return (draw(rng, rng.Next(1, limit + 1), r), ComputesSample.AllFifths);
        }
    }
}
