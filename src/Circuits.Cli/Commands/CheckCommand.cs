using System.IO;

namespace Circuits.Cli
{
    /// <summary>check: compiles the program and compares the engine with the task definition on random instances.</summary>
    internal static class CheckCommand
    {
        public static int Execute(CliOptions o, TextWriter stdout)
        {
            var entry = o.Program!;
            var model = o.Compile();
            var result = InstanceChecker.Check(entry, model, o.K, o.Precision, o.Samples, o.Seed);
            stdout.WriteLine(Summary.Line(model, o.Precision, result, o.Seed));
            foreach (var failure in result.Failures) stdout.WriteLine("  " + failure);
            stdout.WriteLine(Summary.Total(result.Passed, result.Failed));
            if (result.Failed > 0)
                throw new RunFailedException($"{result.Failed} of {o.Samples} instances disagree with the task definition");
            return CliApp.Success;
        }
    }
}
