using System;
using System.Collections.Generic;
using System.IO;
using Circuits.Compiler;
using Circuits.Mpc;

namespace Circuits.Cli
{
    /// <summary>
    /// converse: compiles the program, runs it as an MPC protocol (token machines, pair machines, fan-in trees; THEORY §5.1) on
    /// --input or on a random instance of length N drawn with --seed, with --local-memory words per machine, checks the outputs
    /// against the forward pass, and prints the accounting table (q, R, s, messages beside the theorem's bounds).
    /// </summary>
    internal static class ConverseCommand
    {
        public static int Execute(CliOptions options, TextWriter stdout)
        {
            var entry = options.Program!;
            var model = options.Compile();
            int[] ids = options.Input is null
                ? entry.Generate(new Random(options.Seed), model.MaxLength, model.Vocabulary.Length)
                : Engine.Encode(model, options.Input);
            if (ids.Length == 0) throw new RunFailedException("input is empty; at least 1 symbol is required");

            var result = new TransformerToMpc(model, ids.Length, options.LocalMemory).Run(ids);
            var forward = Engine.Create(model).Forward(ids);
            if (options.Input is not null) stdout.WriteLine(ValueFormatter.Text(model, result.Outputs));
            stdout.Write(result.Accounting.ToTable());

            var differ = new List<int>();
            for (int t = 0; t < ids.Length; t++)
            {
                double a = result.Outputs[t], b = forward[t];
                bool same = double.IsNaN(a) || double.IsNaN(b) ? double.IsNaN(a) && double.IsNaN(b) : Math.Abs(a - b) <= model.Output.MaxDeviation;
                if (!same) differ.Add(t);
            }
            if (differ.Count > 0)
                throw new RunFailedException($"the converse's outputs differ from the forward pass at {differ.Count} of {ids.Length} positions, first at position {differ[0]}");
            stdout.WriteLine($"outputs equal the forward pass at all {ids.Length} positions" + (options.Input is null ? $" (a random instance, seed {options.Seed})" : ""));
            return CliApp.Success;
        }
    }
}
