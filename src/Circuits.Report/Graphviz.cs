using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Circuits.Report
{
    /// <summary>Lays out DOT with Graphviz's <c>dot</c> (found on PATH) into SVG.</summary>
    public static class Graphviz
    {
        /// <summary>What the report says when <c>dot</c> is missing.</summary>
        public const string HowToInstall = "Graphviz's dot was not found on PATH, so the graph is given as DOT source below. Install it (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; Windows: winget install graphviz) and run the command again to see it laid out.";

        /// <summary>How long dot may take before the report gives up on the layout.</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The SVG that <c>dot -Tsvg</c> makes of <paramref name="dot"/>, or null with <paramref name="problem"/> saying why
        /// (dot missing, failed or too slow).
        /// </summary>
        /// <param name="dot">The DOT source.</param>
        /// <param name="problem">Why there is no SVG, or null.</param>
        /// <param name="executable">The program to run: dot on PATH unless a test says otherwise.</param>
        public static string? ToSvg(string dot, out string? problem, string executable = "dot")
        {
            ArgumentNullException.ThrowIfNull(dot);
            var start = new ProcessStartInfo(executable, "-Tsvg")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardInputEncoding = new System.Text.UTF8Encoding(false),
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception("dot did not start");
            }
            catch (Win32Exception)
            {
                problem = HowToInstall;
                return null;
            }
            using (process)
            {
                // Read both pipes while writing, so a large graph cannot deadlock on a full pipe.
                Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
                process.StandardInput.Write(dot);
                process.StandardInput.Close();
                if (!process.WaitForExit(Timeout))
                {
                    process.Kill();
                    problem = $"dot took longer than {Timeout.TotalSeconds:0} s; the graph is given as DOT source below.";
                    return null;
                }
                if (process.ExitCode != 0)
                {
                    problem = $"dot failed (exit code {process.ExitCode}): {error.Result.Trim()}";
                    return null;
                }
                problem = null;
                string svg = output.Result;
                int begin = svg.IndexOf("<svg", StringComparison.Ordinal);   // drop the XML prologue and DOCTYPE to inline it in HTML
                return begin >= 0 ? svg.Substring(begin) : svg;
            }
        }
    }
}
