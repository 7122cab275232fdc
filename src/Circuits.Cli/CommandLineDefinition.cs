using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>
    /// The command line as System.CommandLine symbols: one <see cref="Command"/> per command with its program argument and options,
    /// each value parsed and checked where it is declared so every rejection names the bad value. Actions fill a <see cref="CliOptions"/>
    /// and hand it to the command's class; parsing never runs a command.
    /// </summary>
    internal static class CommandLineDefinition
    {
        /// <summary>The commands, in the order help lists them.</summary>
        public static readonly string[] Commands = { "list", "compile", "run", "check", "export", "converse", "show", "figures", "demo", "help" };

        /// <summary>Builds the command tree; each action writes to <paramref name="stdout"/>/<paramref name="stderr"/> and reads <paramref name="stdin"/>.</summary>
        public static RootCommand Build(TextReader stdin, TextWriter stdout, TextWriter stderr)
        {
            var root = new RootCommand("circuits: compile RASP-style programs and MPC protocols into exact transformer weights, run, check, export and show them.");
            Add(root, "list", "the built-in programs", program: false, o => ListCommand.Execute(stdout));
            Add(root, "compile", "compile and print the model card", program: true, o => CompileCommand.Execute(o, stdout), Compile(textFormat: true));
            Add(root, "run", "compile, then run on --input or on each stdin line", program: true, o => RunCommand.Execute(o, stdin, stdout, stderr),
                Compile(textFormat: true).Append(Attention()).Append(Input("run: one input instead of stdin lines")));
            Add(root, "check", "compile, then compare with the task definition on random instances", program: true, o => CheckCommand.Execute(o, stdout),
                Compile(textFormat: true).Append(Attention()).Append(Integer("samples", "number of instances (default 100)", 1, (o, v) => o.Samples = v))
                    .Append(Integer("seed", "random seed (default 1)", int.MinValue, (o, v) => o.Seed = v)));
            Add(root, "export", "compile, then write --format onnx (a file) or safetensors (a folder) to --out PATH", program: true,
                o => ExportCommand.Execute(o, stdout), Compile(textFormat: false).Append(Out("the .onnx file, or the folder for model.safetensors + manifest.json", "--out is empty; give a file (onnx) or folder (safetensors)")),
                Require(o => o.ExportFormat is null, "export needs --format onnx or --format safetensors"),
                Require(o => o.Out is null, "export needs --out PATH (a file for onnx, a folder for safetensors)"));
            Add(root, "converse", "compile, run the model as an MPC protocol on --input or a random instance, compare with the forward pass", program: true,
                o => ConverseCommand.Execute(o, stdout),
                new[] { K(), Vocab(), MaxLength(), Input("the input"), Integer("seed", "random seed (default 1)", int.MinValue, (o, v) => o.Seed = v),
                        Integer("local-memory", "words per machine (default: the smallest the model runs in)", 1, (o, v) => o.LocalMemory = v) });
            Add(root, "show", "compile, run on --input and write a self-contained HTML report (graph, attention, residual stream, card) to --out", program: true,
                o => ShowCommand.Execute(o, stdout),
                new[] { K(), Vocab(), MaxLength(), Precision(), Input("the input the report runs"), Out("the .html file", "--out is empty; give the report's .html file") },
                Require(o => o.Input is null, "show needs --input TEXT, the input the report runs"),
                Require(o => o.Out is null, "show needs --out PATH, the report's .html file"));
            Add(root, "figures", "draw the README's figures (PNG) into --out (default docs/figures)", program: false, o => FiguresCommand.Execute(o, stdout),
                new[] { Out("the folder for the PNGs", "--out is empty; give a folder"),
                        Integer("max-length", "the largest N of the sweeps (default 4096)", 8, (o, v) => o.SweepMaxLength = v) });
            Add(root, "demo", "the seed circuits: cards, depth and width tables, a check summary", program: false, o => DemoCommand.Execute(stdout));
            Add(root, "help", "the usage text", program: false, o => HelpCommand.Execute(stdout));
            return root;
        }

        /// <summary>What each option says about an empty value ("--out="), which System.CommandLine reports as a missing one.</summary>
        public static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Option, Func<string?>> EmptyValue = new();

        /// <summary>An option and how its parsed value lands in <see cref="CliOptions"/>.</summary>
        private sealed record Setting(Option Option, Action<CliOptions, SymbolResult> Apply);

        private static void Add(RootCommand root, string name, string description, bool program, Func<CliOptions, int> execute,
                                IEnumerable<Setting>? settings = null, params (Func<CliOptions, bool> Missing, string Message)[] requirements)
        {
            var command = new Command(name, description);
            var all = (settings ?? Enumerable.Empty<Setting>()).ToArray();
            Argument<string>? argument = null;
            if (program)
            {
                argument = new Argument<string>("program") { Description = "a catalog program (circuits list)", HelpName = "program", Arity = ArgumentArity.ZeroOrOne };
                argument.CompletionSources.Add(_ => ProgramNames());
                argument.Validators.Add(r =>
                {
                    string? given = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
                    if (given is not null && ProgramCatalog.FindMpc(given) is null && ProgramCatalog.All.All(e => e.Name != given))
                        r.AddError($"unknown program '{given}'; expected one of {string.Join(", ", ProgramNames())}{Typos.Suggestion(given, ProgramNames())}");
                });
                command.Add(argument);
            }
            foreach (var s in all) command.Add(s.Option);
            command.Validators.Add(r =>
            {
                if (argument is not null && (r.GetResult(argument)?.Tokens.Count ?? 0) == 0)
                {
                    r.AddError($"{name} needs a program name; expected one of {string.Join(", ", ProgramNames())}");
                    return;
                }
                CliOptions o;
                try
                {
                    o = Fill(name, all, r);
                }
                catch (InvalidOperationException)
                {
                    return;   // a value that did not parse has reported its own error
                }
                foreach (var (missing, message) in requirements)
                    if (missing(o)) { r.AddError(message); return; }
            });
            command.SetAction(parse =>
            {
                var o = Fill(name, all, parse.CommandResult);
                if (argument is not null && parse.GetValue(argument) is { } given)
                {
                    if (ProgramCatalog.FindMpc(given) is { } mpc) o.Mpc = mpc;
                    else o.Program = ProgramCatalog.All.First(e => e.Name == given);
                }
                return execute(o);
            });
            root.Add(command);
        }

        /// <summary>The options the command line gives, defaults for the rest.</summary>
        private static CliOptions Fill(string name, Setting[] all, SymbolResult r)
        {
            var o = new CliOptions { Command = name };
            foreach (var s in all) s.Apply(o, r);
            return o;
        }

        private static (Func<CliOptions, bool>, string) Require(Func<CliOptions, bool> missing, string message) => (missing, message);

        private static IEnumerable<Setting> Compile(bool textFormat)
            => new[] { K(), Vocab(), MaxLength(), Precision(), textFormat ? OutputFormatOption() : ExportFormatOption() };

        private static Setting K() => Integer("k", "hops for k-hop (default 2)", 0, (o, v) => o.K = v);

        private static Setting MaxLength() => Integer("max-length", "maximum input length, 1 to 65536 (default 64)", 1, (o, v) => o.MaxLength = v);

        private static Setting Integer(string name, string description, int min, Action<CliOptions, int> set)
            => Value(name, description, value =>
            {
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
                    throw new UsageException($"--{name} must be an integer, not '{value}'");
                if (n < min) throw new UsageException($"--{name} must be at least {min}, not '{value}'");
                return n;
            }, set);

        /// <summary>
        /// One symbol per text element, checked by the compiler's own rules (SymbolText); the compiler would reject these
        /// too, but as a usage error the user learns which argument to fix.
        /// </summary>
        private static Setting Vocab()
            => Value("vocab", "vocabulary, one symbol per character (default abcd)", value =>
            {
                if (value.Length == 0) throw new UsageException("--vocab is empty; give at least one symbol, e.g. --vocab abcd");
                foreach (var problem in SymbolText.Problems(TextElements.Split(value)))
                    throw new UsageException($"--vocab '{value}': {problem}");
                return value;
            }, (o, v) => o.Vocab = v);

        private static Setting Precision()
            => Value("precision", "float32 or float64 (default float64)", value => value switch
            {
                "float32" => NumericType.Float32,
                "float64" => NumericType.Float64,
                _ => throw new UsageException($"unknown precision '{value}'; expected float32 or float64"),
            }, (o, v) => { o.Precision = v; o.RequestedPrecision = v; }, "float32", "float64");

        private static Setting Attention()
            => Value("attention", "exact (softmax, default) or indexed (hard attention: exact-match heads looked up, O(N) per head)", value => value switch
            {
                "exact" => AttentionMode.Exact,
                "indexed" => AttentionMode.Indexed,
                _ => throw new UsageException($"unknown attention mode '{value}'; expected exact or indexed"),
            }, (o, v) => o.Attention = v, "exact", "indexed");

        private static Setting OutputFormatOption()
            => Value("format", "text or json (default text)", value => value switch
            {
                "text" => OutputFormat.Text,
                "json" => OutputFormat.Json,
                _ => throw new UsageException($"unknown format '{value}'; expected text or json"),
            }, (o, v) => o.Format = v, "text", "json");

        private static Setting ExportFormatOption()
            => Value("format", "onnx or safetensors", value => value switch
            {
                "onnx" => ExportFormat.Onnx,
                "safetensors" => ExportFormat.Safetensors,
                _ => throw new UsageException($"unknown export format '{value}'; expected onnx or safetensors"),
            }, (o, v) => o.ExportFormat = v, "onnx", "safetensors");

        private static Setting Input(string description) => Value("input", description, value => value, (o, v) => o.Input = v);

        private static Setting Out(string description, string empty)
            => Value("out", description, value => value.Length == 0 ? throw new UsageException(empty) : value, (o, v) => o.Out = v);

        /// <summary>
        /// An option taking one value: <paramref name="parse"/> turns the text into the value or throws a <see cref="UsageException"/>
        /// whose message becomes the parse error; <paramref name="completions"/> are offered by tab completion.
        /// </summary>
        private static Setting Value<T>(string name, string description, Func<string, T> parse, Action<CliOptions, T> set, params string[] completions)
        {
            var option = new Option<T>("--" + name)
            {
                Description = description,
                HelpName = name.ToUpperInvariant().Replace('-', '_'),
                CustomParser = r =>
                {
                    try
                    {
                        // System.CommandLine would take "--vocab --k" as the vocabulary "--k"; the hand-written parser refused it, and so does this.
                        if (r.Tokens[0].Value.StartsWith("--", StringComparison.Ordinal))
                            throw new UsageException($"option --{name} needs a value");
                        return parse(r.Tokens[0].Value);
                    }
                    catch (UsageException e)
                    {
                        r.AddError(e.Message);
                        return default;
                    }
                },
            };
            if (completions.Length > 0)
            {
                option.CompletionSources.Clear();   // an enum option would also offer its C# names (Float32), which the parser refuses
                option.CompletionSources.Add(completions);
            }
            EmptyValue.Add(option, () =>
            {
                try
                {
                    parse("");
                    return null;
                }
                catch (UsageException e)
                {
                    return e.Message;
                }
            });
            return new Setting(option, (o, r) =>
            {
                if (r.GetResult(option) is not null) set(o, r.GetValue(option)!);
            });
        }

        private static IEnumerable<string> ProgramNames() => ProgramCatalog.All.Select(e => e.Name).Concat(ProgramCatalog.Mpc.Select(e => e.Name));
    }
}
