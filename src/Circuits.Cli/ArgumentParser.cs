using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>
    /// Parses "&lt;command&gt; [program] [--option value]..." into <see cref="CliOptions"/>. Every rejection is a
    /// <see cref="UsageException"/> whose message names the bad value.
    /// </summary>
    public static class ArgumentParser
    {
        /// <summary>The commands, in the order help lists them.</summary>
        public static readonly string[] Commands = { "list", "compile", "run", "check", "export", "converse", "demo", "help" };

        private static readonly string[] CompileOptionNames = { "k", "vocab", "max-length", "precision", "format" };

        /// <summary>Which options each command accepts (check takes the compile options so one line can be re-run as another command).</summary>
        private static readonly Dictionary<string, string[]> Accepted = new Dictionary<string, string[]>
        {
            ["list"] = Array.Empty<string>(),
            ["compile"] = CompileOptionNames,
            ["run"] = CompileOptionNames.Append("input").ToArray(),
            ["check"] = CompileOptionNames.Concat(new[] { "samples", "seed" }).ToArray(),
            ["converse"] = new[] { "k", "vocab", "max-length", "input", "seed", "local-memory" },
            ["export"] = CompileOptionNames.Append("out").ToArray(),
            ["demo"] = Array.Empty<string>(),
            ["help"] = Array.Empty<string>(),
        };

        /// <summary>Parses <paramref name="args"/>.</summary>
        /// <exception cref="UsageException">The arguments are malformed.</exception>
        public static CliOptions Parse(IReadOnlyList<string> args)
        {
            if (args.Count == 0) throw new UsageException("no command; expected one of " + string.Join(", ", Commands));
            string command = args[0] is "--help" or "-h" ? "help" : args[0];
            if (!Accepted.TryGetValue(command, out var accepted))
                throw new UsageException($"unknown command '{command}'; expected one of {string.Join(", ", Commands)}");

            var options = new CliOptions { Command = command };
            bool needsProgram = command is "compile" or "run" or "check" or "converse" or "export";
            for (int i = 1; i < args.Count; i++)
            {
                string arg = args[i];
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    if (!needsProgram || options.Program is not null || options.Mpc is not null)
                        throw new UsageException($"unexpected argument '{arg}' for {command}");
                    if (ProgramCatalog.FindMpc(arg) is { } mpc) options.Mpc = mpc;
                    else options.Program = FindProgram(arg);
                    continue;
                }

                // Both "--name value" and "--name=value".
                string name = arg.Substring(2), value;
                int eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    value = name.Substring(eq + 1);
                    name = name.Substring(0, eq);
                }
                else
                {
                    if (!accepted.Contains(name)) throw UnknownOption(arg, command);
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        throw new UsageException($"option --{name} needs a value");
                    value = args[++i];
                }
                if (!accepted.Contains(name)) throw UnknownOption("--" + name, command);
                Apply(options, name, value);
            }
            if (needsProgram && options.Program is null && options.Mpc is null)
                throw new UsageException($"{command} needs a program name; expected one of {ProgramNames()}");
            if (command == "export")
            {
                if (options.ExportFormat is null) throw new UsageException("export needs --format onnx or --format safetensors");
                if (options.Out is null)
                    throw new UsageException("export needs --out PATH (a file for onnx, a folder for safetensors)");
            }
            return options;
        }

        private static void Apply(CliOptions o, string name, string value)
        {
            switch (name)
            {
                case "k": o.K = Integer(name, value, min: 0); break;
                case "vocab": o.Vocab = Vocabulary(value); break;
                case "max-length": o.MaxLength = Integer(name, value, min: 1); break;
                case "samples": o.Samples = Integer(name, value, min: 1); break;
                case "seed": o.Seed = Integer(name, value, min: int.MinValue); break;
                case "input": o.Input = value; break;
                case "local-memory": o.LocalMemory = Integer(name, value, min: 1); break;
                case "out":
                    if (value.Length == 0) throw new UsageException("--out is empty; give a file (onnx) or folder (safetensors)");
                    o.Out = value;
                    break;
                case "format" when o.Command == "export":
                    o.ExportFormat = value switch
                    {
                        "onnx" => ExportFormat.Onnx,
                        "safetensors" => ExportFormat.Safetensors,
                        _ => throw new UsageException($"unknown export format '{value}'; expected onnx or safetensors"),
                    };
                    break;
                case "precision":
                    o.Precision = value switch
                    {
                        "float32" => NumericType.Float32,
                        "float64" => NumericType.Float64,
                        _ => throw new UsageException($"unknown precision '{value}'; expected float32 or float64"),
                    };
                    o.RequestedPrecision = o.Precision;
                    break;
                case "format":
                    o.Format = value switch
                    {
                        "text" => OutputFormat.Text,
                        "json" => OutputFormat.Json,
                        _ => throw new UsageException($"unknown format '{value}'; expected text or json"),
                    };
                    break;
                default: throw new InvalidOperationException("option --" + name + " is accepted but not handled");
            }
        }

        private static int Integer(string name, string value, int min)
        {
            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
                throw new UsageException($"--{name} must be an integer, not '{value}'");
            if (n < min) throw new UsageException($"--{name} must be at least {min}, not '{value}'");
            return n;
        }

        /// <summary>
        /// One symbol per text element, checked by the compiler's own rules (SymbolText); the compiler would reject these
        /// too, but as a usage error the user learns which argument to fix.
        /// </summary>
        private static string Vocabulary(string value)
        {
            if (value.Length == 0) throw new UsageException("--vocab is empty; give at least one symbol, e.g. --vocab abcd");
            foreach (var problem in SymbolText.Problems(TextElements.Split(value)))
                throw new UsageException($"--vocab '{value}': {problem}");
            return value;
        }

        private static ProgramEntry FindProgram(string name)
        {
            foreach (var entry in ProgramCatalog.All)
                if (entry.Name == name) return entry;
            throw new UsageException($"unknown program '{name}'; expected one of {ProgramNames()}");
        }

        private static UsageException UnknownOption(string option, string command)
            => new UsageException(Accepted[command].Length == 0
                ? $"unknown option '{option}': {command} takes no options"
                : $"unknown option '{option}' for {command}; expected one of {string.Join(", ", Accepted[command].Select(n => "--" + n))}");

        private static string ProgramNames() => string.Join(", ", ProgramCatalog.All.Select(e => e.Name).Concat(ProgramCatalog.Mpc.Select(e => e.Name)));
    }
}
