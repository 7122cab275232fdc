using System.IO;

namespace Circuits.Cli
{
    /// <summary>help: the usage text.</summary>
    internal static class HelpCommand
    {
        private const string Usage =
@"usage: circuits <command> [program] [options]

commands:
  list                      the built-in programs
  compile <program>         compile and print the model card
  run <program>             compile, then run on --input or on each stdin line
  check <program>           compile, then compare with the task definition on random instances
  demo                      the seed circuits: cards, depth and width tables, a check summary
  help                      this text

options:
  --k K                     hops for k-hop (default 2)
  --vocab STR               vocabulary, one symbol per character (default abcd)
  --max-length N            maximum input length (default 64)
  --precision P             float32 or float64 (default float64)
  --format F                text or json (default text; compile and run)
  --input STR               run: one input instead of stdin lines
  --samples S               check: number of instances (default 100)
  --seed X                  check: random seed (default 1)";

        public static int Execute(TextWriter stdout)
        {
            stdout.WriteLine(Usage);
            return CliApp.Success;
        }
    }
}
