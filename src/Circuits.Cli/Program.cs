using System;
using System.Text;

namespace Circuits.Cli
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            // ⊥ and the card's symbols must survive a terminal or pipe whose locale says otherwise.
            Console.OutputEncoding = new UTF8Encoding(false);
            Console.InputEncoding = new UTF8Encoding(false);
            // A debugging aid: each compile phase's time on standard error.
            if (Environment.GetEnvironmentVariable("CIRCUITS_PHASES") == "1")
                Circuits.Compiler.PhaseClock.Listener = (phase, ms) => Console.Error.WriteLine($"[phase] {phase}: {ms} ms");
            return CliApp.Run(args, Console.In, Console.Out, Console.Error);
        }
    }
}
