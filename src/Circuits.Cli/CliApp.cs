using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace Circuits.Cli
{
    /// <summary>
    /// The command-line application, callable in-process: parses the arguments with System.CommandLine (<see cref="CommandLineDefinition"/>),
    /// runs the command, and turns every failure into one "error: ..." line on stderr with exit code 2 (bad arguments) or 1 (compile
    /// or run failure). The one exception: run over stdin reports each bad line on its own and goes on (exit code 1 at the end).
    /// Per-command help (<c>circuits compile --help</c>) and tab completion (the <c>[suggest]</c> directive) come from System.CommandLine.
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
            if (args.Length == 0) return Usage(stderr, "no command; expected one of " + string.Join(", ", CommandLineDefinition.Commands));
            // "circuits --help" prints the full usage text, as "circuits help" does; "circuits COMMAND --help" gets the command's own help.
            if (args[0] is "--help" or "-h" or "-?") args = new[] { "help" }.Concat(args.Skip(1)).ToArray();

            var root = CommandLineDefinition.Build(stdin, stdout, stderr);
            // No response files: an input may start with '@'.
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            // Help and the [suggest] directive (tab completion) run even on an incomplete command line; they are what it is asking for.
            bool builtIn = parse.Action is System.CommandLine.Help.HelpAction || args[0].StartsWith("[suggest", StringComparison.Ordinal);
            if (!builtIn && UsageProblem(args, parse, root) is { } problem) return Usage(stderr, problem);

            try
            {
                return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
            }
            catch (UsageException e)
            {
                return Usage(stderr, e.Message);
            }
            catch (Exception e)
            {
                // Anything a command could not handle (a CompileException above all) is a failure of this run, reported as one line.
                stdout.Flush();
                stderr.WriteLine("error: " + ErrorText.Describe(e));
                return Failure;
            }
        }

        private static int Usage(TextWriter stderr, string message)
        {
            stderr.WriteLine("error: " + message);
            return UsageError;
        }

        /// <summary>
        /// The first thing wrong with the command line, worded as the hand-written parser worded it, or null: a bad value first, then an
        /// unknown option or extra argument, then what the command as a whole lacks (its program, a required option).
        /// </summary>
        private static string? UsageProblem(string[] args, ParseResult parse, RootCommand root)
        {
            var command = parse.CommandResult.Command;
            if (command == root)
            {
                string given = args[0];
                return $"unknown command '{given}'; expected one of {string.Join(", ", CommandLineDefinition.Commands)}{Typos.Suggestion(given, CommandLineDefinition.Commands)}";
            }
            var valueError = parse.Errors.FirstOrDefault(e => e.SymbolResult is not CommandResult);
            if (valueError is not null)
            {
                // System.CommandLine's "Required argument missing for option" is the old parser's "needs a value", or for "--out=" the option's own word on an empty value.
                if (valueError.SymbolResult is OptionResult { Tokens.Count: 0 } missing)
                {
                    string name = missing.Option.Name;
                    if (args.Contains(name + "=") && CommandLineDefinition.EmptyValue.TryGetValue(missing.Option, out var empty) && empty() is { } message) return message;
                    return $"option {name} needs a value";
                }
                return valueError.Message;
            }
            if (parse.UnmatchedTokens.Count > 0)
            {
                string token = parse.UnmatchedTokens[0];
                if (!token.StartsWith("--", StringComparison.Ordinal)) return $"unexpected argument '{token}' for {command.Name}";
                int eq = token.IndexOf('=', StringComparison.Ordinal);
                string option = eq >= 0 ? token.Substring(0, eq) : token;
                var names = command.Options.Where(o => o is not System.CommandLine.Help.HelpOption).Select(o => o.Name).ToArray();
                return names.Length == 0
                    ? $"unknown option '{option}': {command.Name} takes no options"
                    : $"unknown option '{option}' for {command.Name}; expected one of {string.Join(", ", names)}{Typos.Suggestion(option, names)}";
            }
            return parse.Errors.Count > 0 ? parse.Errors[0].Message : null;
        }
    }
}
