using System.IO;

namespace Circuits.Cli
{
    /// <summary>check: compiles the program and compares the engine with the task definition on random instances.</summary>
    internal static class CheckCommand
    {
        public static int Execute(CliOptions o, TextWriter stdout)
        {
            if (o.Mpc is not null) return MpcCheck(o, stdout);
            var entry = o.Program!;
            var model = o.Compile();
            var pass = Engine.Create(model, o.Precision, o.Attention);
            AttentionLabel.Write(pass, stdout);
            var result = InstanceChecker.Check(entry, pass, o.K, o.Samples, o.Seed);
            stdout.WriteLine(Summary.Line(model, o.Precision, result, o.Seed));
            foreach (var failure in result.Failures) stdout.WriteLine("  " + failure);
            stdout.WriteLine(Summary.Total(result.Passed, result.Failed));
            if (result.Failed > 0)
                throw new RunFailedException($"{result.Failed} of {o.Samples} instances disagree with the task definition");
            return CliApp.Success;
        }

        /// <summary>An MPC program: forward pass, simulator and task definition must agree on every instance.</summary>
        private static int MpcCheck(CliOptions o, TextWriter stdout)
        {
            var entry = o.Mpc!;
            var model = o.CompileMpc();
            var pass = Engine.Create(model.Model, o.Precision, o.Attention);
            AttentionLabel.Write(pass, stdout);
            var rng = new System.Random(o.Seed);
            int failed = 0;
            for (int s = 0; s < o.Samples; s++)
            {
                int[] words = entry.Generate(rng, rng.Next(1, o.MaxLength + 1));
                double[] expected = entry.Reference(words);
                bool same = System.Linq.Enumerable.SequenceEqual(expected, Circuits.Mpc.MpcRun.Forward(model, pass, words))
                    && System.Linq.Enumerable.SequenceEqual(expected, Circuits.Mpc.MpcSimulator.Run(model.Protocol, words));
                if (same) continue;
                if (++failed <= InstanceChecker.ReportedFailures) stdout.WriteLine("  disagrees on: " + string.Join(" ", words));
            }
            stdout.WriteLine(Summary.Total(o.Samples - failed, failed));
            if (failed > 0) throw new RunFailedException($"{failed} of {o.Samples} instances disagree with the task definition");
            return CliApp.Success;
        }
    }
}
