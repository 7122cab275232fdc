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
  export <program>          compile, then write --format onnx (a file) or safetensors (a folder) to --out PATH
  converse <program>        compile, run the model as an MPC protocol (token and pair machines, fan-in
                            trees) on --input or a random length-N instance, compare with the forward pass
                            and print machines q, rounds R and memory s beside the theorem's bounds
  show <program>            compile, run on --input and write a self-contained HTML report to --out PATH:
                            the program graph (Graphviz dot), one attention heatmap per head, the residual
                            stream per layer, the decoded output and the card
  figures                   draw the README's figures (PNG) into --out (default docs/figures)
  demo                      the seed circuits: cards, depth and width tables, a check summary
  help                      this text

options:
  --k K                     hops for k-hop (default 2)
  --vocab STR               vocabulary, one symbol per character (default abcd); a character is a
                            user-perceived one (text element), so 😀, 👍🏽 and é are one symbol each
  --max-length N            maximum input length, 1 to 65536 (default 64)
  --precision P             float32 or float64 (default float64); export writes weights in it when given,
                            else in float32 when the model is certified there, else float64
  --attention A             run, check: exact (softmax, default) or indexed: hard attention, exact-match
                            heads looked up in O(N) instead of scored in O(N^2), the rest exact softmax;
                            labelled on stderr (run) or stdout (check) with how each head runs
  --format F                text or json (default text; compile and run); export: onnx or safetensors
  --out PATH                export: the .onnx file, or the folder for model.safetensors + manifest.json;
                            show: the .html file; figures: the folder
  --input STR               run: one input instead of stdin lines; converse, show: the input
  --samples S               check: number of instances (default 100)
  --seed X                  check, converse: random seed (default 1)
  --local-memory S          converse: words per machine (default: the smallest the model runs in)

limits:
  vocabulary                at least 1 symbol, no repeats; no symbol may be or contain ⊥ (how outputs print
                            ""no value""), whitespace or a control character. No fixed maximum size: a model
                            over residual width 16384 or 2^26 parameters is refused (CIRC0216)
  input                     1 to N symbols (N = --max-length); each a symbol of the vocabulary
  precision                 a model that cannot be certified exact in the chosen precision is refused (CIRC0201)

run reads one input per stdin line when --input is absent and prints one output line per input line.
A bad line (empty, longer than N, a symbol outside the vocabulary) is reported on stderr as
""error: line L (""text""): ..."" with the value and the limit; its output line is empty (text) or
{""line"":L,""error"":""...""} (json), the run goes on, and the exit code is 1 at the end.
Exit codes: 0 success, 1 compile or run failure, 2 bad arguments.
circuits COMMAND --help describes one command; tab completion: see System.CommandLine's dotnet-suggest.";

        public static int Execute(TextWriter stdout)
        {
            stdout.WriteLine(Usage);
            return CliApp.Success;
        }
    }
}
