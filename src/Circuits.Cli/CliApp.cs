using System;
using System.IO;

namespace Circuits.Cli
{
    /// <summary>
    /// The command-line application, callable in-process: parses the arguments, runs the command, and turns every failure
    /// into one "error: ..." line on stderr with exit code 2 (bad arguments) or 1 (compile or run failure). The one exception:
    /// run over stdin reports each bad line on its own and goes on (exit code 1 at the end).
    /// </summary>
    public static class CliApp
    {
        /// <summary>Exit code of a successful command.</summary>
        public const int Success = 0;
        /// <summary>Exit code of a compile or run failure (including a failed check).</summary>
        public const int Failure = 1;
        /// <summary>Exit code of malformed arguments.</summary>
        public const int UsageError = 2;

        /// <summary>Runs the command line <paramref name="args"/>.</summary>
        /// <param name="args">The arguments, without the program name.</param>
        /// <param name="stdin">Where run reads inputs when --input is absent.</param>
        /// <param name="stdout">Where results go.</param>
        /// <param name="stderr">Where the single error line goes.</param>
        /// <returns>The exit code.</returns>
        public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
        {
            CliOptions options;
            try
            {
                options = ArgumentParser.Parse(args);
            }
            catch (UsageException e)
            {
                stderr.WriteLine("error: " + e.Message);
                return UsageError;
            }

            try
            {
                return options.Command switch
                {
                    "list" => ListCommand.Execute(stdout),
                    "compile" => CompileCommand.Execute(options, stdout),
                    "run" => RunCommand.Execute(options, stdin, stdout, stderr),
                    "check" => CheckCommand.Execute(options, stdout),
                    "converse" => ConverseCommand.Execute(options, stdout),
                    "export" => ExportCommand.Execute(options, stdout),
                    "demo" => DemoCommand.Execute(stdout),
                    _ => HelpCommand.Execute(stdout),
                };
            }
            catch (Exception e)
            {
                // Anything a command could not handle (a CompileException above all) is a failure of this run, reported as one line.
                stdout.Flush();
                stderr.WriteLine("error: " + ErrorText.Describe(e));
                return Failure;
            }
        }
    }
}
