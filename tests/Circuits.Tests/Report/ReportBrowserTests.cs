using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Circuits.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Report
{
    /// <summary>
    /// circuits show's report opened in headless Chromium (Debian's chromium, which .ci/run installs): the DOM the browser builds holds
    /// one attention heatmap per head and one graph node per head and MLP, and the page renders to a screenshot. Without chromium the
    /// test fails, unless CIRCUITS_NO_BROWSER=1 says this machine has none on purpose.
    /// </summary>
    public class ReportBrowserTests
    {
        private readonly ITestOutputHelper _output;

        public ReportBrowserTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("k-hop", "abcbadcabd", "--max-length", "16")]   // 2-hop: several layers, MLPs between heads
        public void Report_InChromium_HasAHeatmapPerHead_AndANodePerHeadAndMlp(string program, string input, string option, string value)
        {
            string? chromium = FindChromium();
            if (chromium is null)
            {
                Assert.True(Environment.GetEnvironmentVariable("CIRCUITS_NO_BROWSER") == "1",
                    "chromium is not on PATH: install it (apt-get install chromium, as .ci/run does) or set CIRCUITS_NO_BROWSER=1 to skip this test");
                _output.WriteLine("SKIPPED: chromium not found and CIRCUITS_NO_BROWSER=1");
                return;
            }
            string folder = Directory.CreateTempSubdirectory("circuits-show-").FullName;
            try
            {
                string html = Path.Combine(folder, "report.html"), png = Path.Combine(folder, "report.png");
                var r = CliHarness.Run("show", program, "--input", input, option, value, "--out", html);
                Assert.True(r.ExitCode == 0, r.Stderr);

                // The oracle: the compiled model's own layers, compiled again here.
                var model = global::Circuits.Cli.Compilation.Compile(ProgramCatalog.Find(program), 2, "abcd", int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), global::Circuits.Compiler.NumericType.Float64);
                int heads = model.Layers.Sum(l => l.Heads.Length), mlps = model.Layers.Count(l => l.Mlp is { Stages.Length: > 0 });

                var sw = Stopwatch.StartNew();
                string dom = RunChromium(chromium, "--dump-dom", new Uri(html).AbsoluteUri);
                RunChromium(chromium, "--screenshot=" + png + " --window-size=1400,2400 --hide-scrollbars", new Uri(html).AbsoluteUri);
                _output.WriteLine($"chromium: {sw.ElapsedMilliseconds} ms for the DOM and the screenshot");

                Assert.Equal(heads, Regex.Count(dom, "<figure class=\"heatmap attention\""));
                for (int l = 0; l < model.Layers.Length; l++)
                    for (int h = 0; h < model.Layers[l].Heads.Length; h++)
                    {
                        Assert.Contains($"data-layer=\"{l + 1}\" data-head=\"{h}\"", dom, StringComparison.Ordinal);
                        Assert.Single(Regex.Matches(dom, $"<g id=\"head-{l + 1}-{h}\" class=\"node head\""));
                    }
                Assert.Equal(heads, Regex.Count(dom, "class=\"node head\""));
                Assert.Equal(mlps, Regex.Count(dom, "class=\"node mlp\""));
                Assert.Equal(model.Layers.Length + 1, Regex.Count(dom, "<figure class=\"heatmap residual\""));
                Assert.DoesNotContain("class=\"missing-dot\"", dom, StringComparison.Ordinal);
                // Offline: nothing is fetched.
                Assert.DoesNotMatch("(src|href)=\"https?:", dom);

                var bytes = File.ReadAllBytes(png);
                Assert.True(bytes.Length > 10_000, $"screenshot is {bytes.Length} bytes");
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4).ToArray());
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>chromium (Debian) or chromium-browser / google-chrome where those are the names, found on PATH.</summary>
        internal static string? FindChromium()
            => new[] { "chromium", "chromium-browser", "google-chrome" }
                .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
                .FirstOrDefault(File.Exists);

        private static string RunChromium(string chromium, string arguments, string url)
        {
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            var start = new ProcessStartInfo(chromium, $"--headless --no-sandbox --disable-gpu --no-first-run {arguments} {url}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "chromium did not finish within 60 s");
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
    }
}
