using System;
using System.IO;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>run: compiles the program, then prints the engine's output for --input or for each stdin line.</summary>
    internal static class RunCommand
    {
        public static int Execute(CliOptions options, TextReader stdin, TextWriter stdout)
        {
            var model = options.Compile();
            var pass = Engine.Create(model, options.Precision);
            if (options.Input is not null)
            {
                stdout.WriteLine(RunOne(model, pass, options.Input, options.Format, line: null));
                return CliApp.Success;
            }

            int lineNumber = 0;
            for (string? text = stdin.ReadLine(); text is not null; text = stdin.ReadLine())
            {
                lineNumber++;
                stdout.WriteLine(RunOne(model, pass, text, options.Format, lineNumber));
                stdout.Flush();   // one answer per line as it comes, for interactive and piped use alike
            }
            return CliApp.Success;
        }

        /// <summary>One input to one output line; a bad input stops the run, naming the stdin line it came from.</summary>
        private static string RunOne(CompiledModel model, IForwardPass pass, string text, OutputFormat format, int? line)
        {
            string where = line is null ? "" : $"line {line}: ";
            if (text.Length == 0) throw new RunFailedException(where + "input is empty");
            try
            {
                int[] ids = Engine.Encode(model, text);
                if (ids.Length == 0) throw new RunFailedException(where + "input is empty");
                double[] outputs = pass.Forward(ids);
                return format == OutputFormat.Json ? ValueFormatter.Json(model, ids, outputs) : ValueFormatter.Text(model, outputs);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new RunFailedException(where + ErrorText.Describe(e));
            }
        }
    }
}
