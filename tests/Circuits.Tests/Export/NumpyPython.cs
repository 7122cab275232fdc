using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Circuits.Tests.Export
{
    /// <summary>
    /// A Python interpreter that imports numpy, for the safetensors runner. CIRCUITS_PYTHON wins when set; otherwise the
    /// first of python3 on PATH and /usr/bin/python3 (Debian's, where apt's python3-numpy installs) that imports numpy.
    /// None is a failure, not a skip: .ci/run installs python3-numpy, so a missing one is a broken setup.
    /// </summary>
    internal static class NumpyPython
    {
        private static readonly Lazy<string> Found = new Lazy<string>(Find);

        public static string Path => Found.Value;

        private static string Find()
        {
            var candidates = new List<string>();
            var env = Environment.GetEnvironmentVariable("CIRCUITS_PYTHON");
            if (!string.IsNullOrEmpty(env)) candidates.Add(env);
            candidates.Add("python3");
            candidates.Add("/usr/bin/python3");
            var tried = new List<string>();
            foreach (var candidate in candidates)
            {
                var (code, output) = Run(candidate, new[] { "-c", "import numpy; print(numpy.__version__)" }, "", TimeSpan.FromSeconds(60));
                if (code == 0) return candidate;
                tried.Add($"{candidate} (exit {code}: {output.Trim().Split('\n')[^1]})");
            }
            throw new InvalidOperationException(
                "no Python with numpy found for the safetensors tests; tried " + string.Join("; ", tried)
                + ". Install it with 'apt-get update && apt-get install -y python3-numpy' (what .ci/run does) or set CIRCUITS_PYTHON.");
        }

        /// <summary>Runs a process to completion; returns its exit code and stdout (stderr appended when it fails to start or fails).</summary>
        public static (int Code, string Output) Run(string file, IEnumerable<string> args, string stdin, TimeSpan timeout)
        {
            var info = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["PYTHONIOENCODING"] = "utf-8";
            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (-1, e.Message);
            }
            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEndAsync();
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
                if (!process.WaitForExit(timeout))
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException($"{file} {string.Join(" ", args)} did not finish in {timeout}");
                }
                process.WaitForExit();
                return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stdout.Result + stderr.Result);
            }
        }

        /// <summary>examples/python/run_safetensors.py in this repository.</summary>
        public static string Runner => System.IO.Path.Combine(Samples.SampleSources.RepositoryRoot(), "examples", "python", "run_safetensors.py");

        public static string TempFolder()
        {
            var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "circuits-export-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
