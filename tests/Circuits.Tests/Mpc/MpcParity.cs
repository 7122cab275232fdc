using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Mpc;
using Xunit;

namespace Circuits.Tests.Mpc
{
    /// <summary>Checks compiled forward pass = native simulator = reference solution on generated instances.</summary>
    internal static class MpcParity
    {
        /// <summary>True when the acceptance sweep (≥ 500 instances per algorithm, larger N) was asked for.</summary>
        public static bool Full => Environment.GetEnvironmentVariable("CIRCUITS_MPC_FULL") == "1";

        /// <summary>
        /// Runs <paramref name="instances"/> instances through the simulator and the compiled model (in the model's own
        /// precision), each against the reference. Lengths: N, 1, 2 and then random in 1..N. With <c>loud</c>, a receive overflow counts in loud[0] (not in the result) instead of failing, provided the forward pass reports the same machine and round.
        /// </summary>
        public static int Check(MpcModel model, Func<int[], double[]> reference, Func<Random, int, int[]> generate, int instances, int seed, NumericType precision = NumericType.Float64, int[]? loud = null)
        {
            var p = model.Protocol;
            var pass = global::Circuits.Engine.Create(model.Model, precision);
            var rng = new Random(seed);
            int checkedCount = 0;
            for (int t = 0; t < instances; t++)
            {
                int n = t switch { 0 => p.MaxLength, 1 => 1, 2 => Math.Min(2, p.MaxLength), _ => rng.Next(1, p.MaxLength + 1) };
                int[] x = generate(rng, n);
                double[] expected = reference(x);
                double[] simulated, compiled;
                try { simulated = MpcSimulator.Run(p, x); }
                catch (MpcLimitException e) when (loud != null && e.Limit == MpcLimit.Receive)
                {
                    // Exact or loud: the forward pass must report the same overflow (machine and round).
                    var f = Assert.Throws<MpcLimitException>(() => MpcRun.Forward(model, pass, x));
                    Assert.True((e.Limit, e.Machine, e.Round) == (f.Limit, f.Machine, f.Round), $"{p.Name} instance {t} [{Show(x)}]: simulator says '{e.Message}', forward pass '{f.Message}'");
                    loud[0]++;
                    continue;
                }
                compiled = MpcRun.Forward(model, pass, x);
                Same(expected, simulated, $"{p.Name} simulator, instance {t} [{Show(x)}]");
                Same(expected, compiled, $"{p.Name} forward pass ({precision}), instance {t} [{Show(x)}]");
                checkedCount++;
            }
            return checkedCount;
        }

        public static void Same(double[] expected, double[] actual, string what)
        {
            Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} outputs, expected {expected.Length}");
            for (int i = 0; i < expected.Length; i++)
                Assert.True(expected[i].Equals(actual[i]), $"{what}: machine {i} gives {actual[i]}, expected {expected[i]}");
        }

        public static string Show(int[] x) => x.Length <= 24 ? string.Join(" ", x) : string.Join(" ", x.Take(24)) + " …";
    }
}
