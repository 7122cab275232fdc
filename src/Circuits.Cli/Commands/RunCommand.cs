using System;
using System.IO;
using System.Text;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>
    /// run: compiles the program, then prints the engine's output for --input or for each stdin line (with --attention indexed,
    /// stderr first says so and lists which heads are looked up). On stdin a bad line
    /// (empty, too long, a symbol outside the vocabulary, an output that does not decode) is reported on stderr with its
    /// line number and the run goes on; stdout keeps one line per input line (empty in text, {"line":n,"error":"..."} in JSON), and
    /// the exit code is 1 when any line failed.
    /// </summary>
    internal static class RunCommand
    {
        /// <summary>How much of a bad line its error message quotes.</summary>
        private const int QuotedCharacters = 40;

        public static int Execute(CliOptions options, TextReader stdin, TextWriter stdout, TextWriter stderr)
        {
            Func<string, OutputFormat, (string? Error, string Result)> runOne;
            if (options.Mpc is not null)
            {
                var mpc = options.CompileMpc();
                var mpcPass = Engine.Create(mpc.Model, options.Precision, options.Attention);
                AttentionLabel.Write(mpcPass, stderr);
                runOne = (text, format) => (MpcRunner.RunOne(mpc, mpcPass, text, format, out string r), r);
            }
            else
            {
                var model = options.Compile();
                var pass = Engine.Create(model, options.Precision, options.Attention);
                AttentionLabel.Write(pass, stderr);
                runOne = (text, format) => (RunOne(model, pass, text, format, out string r), r);
            }
            if (options.Input is not null)
            {
                var (error, result) = runOne(options.Input, options.Format);
                if (error is not null) throw new RunFailedException(error);
                stdout.WriteLine(result);
                return CliApp.Success;
            }

            int lineNumber = 0, failed = 0;
            for (string? text = stdin.ReadLine(); text is not null; text = stdin.ReadLine())
            {
                lineNumber++;
                var (error, result) = runOne(text, options.Format);
                if (error is not null)
                {
                    failed++;
                    stderr.WriteLine($"error: line {lineNumber} ({Quote(text)}): {error}");
                    result = options.Format == OutputFormat.Json ? ValueFormatter.JsonError(lineNumber, error) : "";
                }
                stdout.WriteLine(result);
                stdout.Flush();   // one answer per line as it comes, for interactive and piped use alike
            }
            if (failed == 0) return CliApp.Success;
            stderr.WriteLine($"error: {failed} of {lineNumber} input lines failed");
            return CliApp.Failure;
        }

        /// <summary>One input to one output line; returns the error (one line) instead when the input is bad.</summary>
        private static string? RunOne(CompiledModel model, IForwardPass pass, string text, OutputFormat format, out string result)
        {
            result = "";
            try
            {
                int[] ids = Engine.Encode(model, text);
                if (ids.Length == 0) return "input is empty; at least 1 symbol is required";
                double[] outputs = pass.Forward(ids);
                result = format == OutputFormat.Json ? ValueFormatter.Json(model, ids, outputs) : ValueFormatter.Text(model, outputs);
                return null;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return ErrorText.Describe(e);
            }
        }

        /// <summary>The line as quoted in its error, elided past <see cref="QuotedCharacters"/> characters so the error stays one short line.</summary>
        private static string Quote(string text)
        {
            var elements = TextElements.Split(text);
            if (elements.Length <= QuotedCharacters) return "\"" + text + "\"";
            var sb = new StringBuilder("\"");
            for (int i = 0; i < QuotedCharacters; i++) sb.Append(elements[i]);
            return sb.Append("…\", ").Append(elements.Length).Append(" characters").ToString();
        }
    }
}
