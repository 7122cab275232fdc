using System.IO;
using Circuits.Report;

namespace Circuits.Cli
{
    /// <summary>show: compiles the program, runs it on --input and writes the self-contained HTML report (<see cref="ModelReport"/>) to --out.</summary>
    internal static class ShowCommand
    {
        public static int Execute(CliOptions options, TextWriter stdout)
        {
            var model = options.Compile();
            string html = model.ShowHtml(options.Input!, options.Precision);
            string path = Path.GetFullPath(options.Out!);
            if (Path.GetDirectoryName(path) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
            File.WriteAllText(path, html);
            stdout.WriteLine($"wrote {options.Out} ({new FileInfo(path).Length:N0} bytes): {model.Name}, {model.Layers.Length} layers, width {model.Width}, input {options.Input}");
            return CliApp.Success;
        }
    }
}
