using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>
    /// export: compiles the program and writes it as ONNX (a file) or safetensors + manifest (a folder), in --precision when
    /// given, else the model's certified type (float32 first); prints what it wrote.
    /// </summary>
    internal static class ExportCommand
    {
        public static int Execute(CliOptions options, TextWriter stdout)
        {
            var model = options.Compile();
            string path = options.Out!;
            var precision = options.RequestedPrecision;
            var timer = Stopwatch.StartNew();
            string written;
            if (options.ExportFormat == ExportFormat.Onnx)
            {
                string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (folder is not null) Directory.CreateDirectory(folder);
                using (var file = File.Create(path)) model.ExportOnnx(file, precision);
                written = $"{path} ({Bytes(new FileInfo(path).Length)})";
            }
            else
            {
                model.ExportSafetensors(path, precision);
                written = string.Join(", ", new[] { "model.safetensors", "manifest.json" }
                    .Select(f => $"{Path.Combine(path, f)} ({Bytes(new FileInfo(Path.Combine(path, f)).Length)})"));
            }
            string type = precision is null
                ? (model.Card.Certified.Contains("float32") ? "float32" : "float64")
                : (precision == NumericType.Float32 ? "float32" : "float64");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model.Name}: {model.Layers.Length} {(model.Layers.Length == 1 ? "layer" : "layers")}, width {model.Width}, N = {model.MaxLength}, {type} -> {written} in {timer.Elapsed.TotalMilliseconds:F0} ms"));
            return CliApp.Success;
        }

        private static string Bytes(long n) => n.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
    }
}
