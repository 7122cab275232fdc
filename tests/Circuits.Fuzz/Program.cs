using System;
using System.Globalization;
using System.Linq;

namespace Circuits.Fuzz
{
    /// <summary>
    /// dotnet run -c Release --project tests/Circuits.Fuzz -- --seed S --count C [--threads T] [--generated-every K]
    ///   [--exhaustive-length L] [--max-exhaustive M] [--random-inputs R] [--no-shrink] [--shrink-budget B] [--show-all]
    ///   [--deep] [--long] [--fork] [--only I] [--show-refused CODE]
    /// --deep: every program a deep composition; --long: N in [300, 800], a few inputs per program at the 256-key block edges
    /// (lengths 1, 255, 256, 257, 511, 512, 513 and N), through the engine and the indexed mode on 1 and on 2 threads; --fork:
    /// as --long at N in [1030, 1300], also at lengths 1007 and 1008 (the indexed pass's fork threshold); --only I: just program I of
    /// the run; --show-refused CODE: print the programs refused with CODE (the first 20).
    /// Exit code 1 when any program mismatched, threw an uncoded exception or failed translation validation (CIRC0220); 2 on bad arguments.
    /// </summary>
    public static class Program
    {
        /// <summary>Entry point.</summary>
        public static int Main(string[] args)
        {
            var o = new FuzzOptions { Log = Console.Error.WriteLine };
            bool showAll = false;
            string? showRefused = null;
            try
            {
                for (int i = 0; i < args.Length; i++)
                {
                    int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
                    switch (args[i])
                    {
                        case "--seed": o.Seed = Next(); break;
                        case "--count": o.Count = Next(); break;
                        case "--threads": o.Threads = Next(); break;
                        case "--generated-every": o.GeneratedEvery = Next(); break;
                        case "--exhaustive-length": o.Inputs.ExhaustiveLength = Next(); break;
                        case "--max-exhaustive": o.Inputs.MaxExhaustiveInputs = Next(); break;
                        case "--random-inputs": o.Inputs.RandomInputs = Next(); break;
                        case "--shrink-budget": o.ShrinkBudget = Next(); break;
                        case "--no-shrink": o.Shrink = false; break;
                        case "--show-all": showAll = true; break;
                        case "--deep": o.Deep = true; break;
                        case "--long": o.Long = true; break;
                        case "--fork": o.Fork = true; break;
                        case "--only": o.Only = Next(); break;
                        case "--show-refused": showRefused = args[++i]; break;
                        case "-h":
                        case "--help":
                            Console.WriteLine("usage: Circuits.Fuzz --seed S --count C [--threads T] [--generated-every K] [--exhaustive-length L] [--max-exhaustive M] [--random-inputs R] [--no-shrink] [--shrink-budget B] [--show-all] [--deep] [--long] [--fork] [--only I] [--show-refused CODE]");
                            Console.WriteLine("  --deep: every program a deep composition; --long: N in [300, 800], inputs of lengths 1, 255, 256, 257, 511, 512, 513 and N (the engines' 256-key block edges), engine and indexed mode on 1 and 2 threads; --fork: as --long at N in [1030, 1300], also lengths 1007 and 1008 (the indexed pass's fork threshold)");
                            return 0;
                        default: throw new ArgumentException("unknown argument " + args[i]);
                    }
                }
            }
            catch (Exception e) when (e is FormatException || e is ArgumentException || e is IndexOutOfRangeException)
            {
                Console.Error.WriteLine("bad arguments: " + e.Message + " (try --help)");
                return 2;
            }

            Console.WriteLine($"Circuits.Fuzz: seed {o.Seed}, {o.Count} programs{(o.Deep ? " (deep)" : "")}{(o.Long ? " (long inputs)" : "")}{(o.Fork ? " (fork-length inputs)" : "")}, {o.Threads} threads, generated code every {o.GeneratedEvery}");
            var report = Fuzzer.Run(o);
            Console.WriteLine(report.Summary());
            if (showRefused is not null && report.RefusedIndices.TryGetValue(showRefused, out var refused))
            {
                foreach (int index in refused.Take(20))
                {
                    var c = Fuzzer.Case(o.Seed, index, o.Deep, o.Long, o.Fork);
                    Console.WriteLine($"\n[refused {showRefused}] program #{index}\n// {Printer.Settings(c)}\n{Printer.Print(c.Program)}");
                }
            }
            foreach (var group in report.Distinct)
            {
                Console.WriteLine();
                Console.WriteLine(group.First().Describe());
                if (group.Count() > 1) Console.WriteLine($"(same minimised failure from {group.Count()} programs: #{string.Join(", #", group.Select(f => f.Index).Take(20))})");
                if (showAll) foreach (var f in group.Skip(1)) Console.WriteLine(f.Describe());
            }
            bool bad = report.Outcomes[Outcome.Mismatch] > 0 || report.Outcomes[Outcome.Uncoded] > 0 || report.Outcomes[Outcome.Invalid] > 0;
            return bad ? 1 : 0;
        }
    }
}
