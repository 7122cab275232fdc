using System.IO;
using Circuits.Cli;

namespace Circuits.Tests.Cli
{
    /// <summary>Runs the CLI in-process and captures what it prints.</summary>
    internal static class CliHarness
    {
        public sealed record Result(int ExitCode, string Stdout, string Stderr)
        {
            public string[] StdoutLines => Lines(Stdout);
            public string[] StderrLines => Lines(Stderr);
        }

        public static Result RunWithStdin(string stdin, params string[] args)
        {
            var output = new StringWriter { NewLine = "\n" };
            var error = new StringWriter { NewLine = "\n" };
            int code = CliApp.Run(args, new StringReader(stdin), output, error);
            return new Result(code, output.ToString(), error.ToString());
        }

        public static Result Run(params string[] args) => RunWithStdin("", args);

        private static string[] Lines(string text)
            => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n', System.StringSplitOptions.None) is var lines && text.Length > 0
                ? lines
                : System.Array.Empty<string>();
    }
}
