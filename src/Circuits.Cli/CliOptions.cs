using System;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>How run's outputs and compile's cards are printed.</summary>
    public enum OutputFormat
    {
        /// <summary>Readable text.</summary>
        Text,
        /// <summary>JSON.</summary>
        Json,
    }

    /// <summary>What export writes.</summary>
    public enum ExportFormat
    {
        /// <summary>An ONNX model file.</summary>
        Onnx,
        /// <summary>A folder with model.safetensors and manifest.json.</summary>
        Safetensors,
    }

    /// <summary>A parsed command line: the command, the program and every option (defaults filled in).</summary>
    public sealed class CliOptions
    {
        /// <summary>The command: list, compile, run, check, export, converse, show, figures, demo or help.</summary>
        public string Command { get; set; } = "";
        /// <summary>The program's catalog entry (null for commands without one).</summary>
        public ProgramEntry? Program { get; set; }
        /// <summary>The MPC program's catalog entry (null unless the program is an MPC protocol).</summary>
        public MpcEntry? Mpc { get; set; }
        /// <summary>--k: hops for k-hop.</summary>
        public int K { get; set; } = ProgramCatalog.DefaultK;
        /// <summary>--vocab: one symbol per character.</summary>
        public string Vocab { get; set; } = "abcd";
        /// <summary>--max-length: N.</summary>
        public int MaxLength { get; set; } = 64;
        /// <summary>--precision.</summary>
        public NumericType Precision { get; set; } = NumericType.Float64;
        /// <summary>--precision as given, or null when absent (export then writes the model's certified type, float32 first).</summary>
        public NumericType? RequestedPrecision { get; set; }
        /// <summary>--format for export: onnx or safetensors (null until given).</summary>
        public ExportFormat? ExportFormat { get; set; }
        /// <summary>--out: export's destination (a file for onnx, a folder for safetensors), show's .html file, figures' folder.</summary>
        public string? Out { get; set; }
        /// <summary>--attention for run and check: exact softmax (default) or indexed hard attention.</summary>
        public AttentionMode Attention { get; set; } = AttentionMode.Exact;
        /// <summary>--format.</summary>
        public OutputFormat Format { get; set; } = OutputFormat.Text;
        /// <summary>--input: one input for run (null reads stdin), converse and show.</summary>
        public string? Input { get; set; }
        /// <summary>--samples: instances for check.</summary>
        public int Samples { get; set; } = 100;
        /// <summary>--seed: the random seed for check.</summary>
        public int Seed { get; set; } = 1;
        /// <summary>--max-length for figures: the largest N of its sweeps.</summary>
        public int SweepMaxLength { get; set; } = 4096;
        /// <summary>--local-memory: s in words for converse; null takes the smallest the model runs in.</summary>
        public int? LocalMemory { get; set; }

        /// <summary>Compiles the chosen program with these options.</summary>
        /// <exception cref="CompileException">No exact model can be built.</exception>
        public CompiledModel Compile()
            => Mpc is not null ? CompileMpc().Model
            : Compilation.Compile(Program ?? throw new InvalidOperationException(Command + " has no program"), K, Vocab, MaxLength, Precision);

        /// <summary>Compiles the chosen MPC program's protocol at --max-length machines.</summary>
        /// <exception cref="CompileException">No exact model can be built.</exception>
        public Circuits.Mpc.MpcModel CompileMpc()
            => Circuits.Mpc.MpcCompiler.Compile((Mpc ?? throw new InvalidOperationException(Command + " has no MPC program")).Protocol(MaxLength), Precision);
    }
}
