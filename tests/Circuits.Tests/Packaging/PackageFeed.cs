using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Circuits.Tests.Samples;

namespace Circuits.Tests.Packaging
{
    /// <summary>
    /// The repository's packages (Circuits, Circuits.Models.InductionHead, the Circuits.Cli tool), packed once per test run from this configuration's
    /// build outputs with a unique version into a temporary folder feed, and a consumer environment that restores only from
    /// that feed and the machine's global packages folder (for System.Numerics.Tensors) into an isolated package cache.
    /// </summary>
    public sealed class PackageFeed : IDisposable
    {
#if DEBUG
        private const string Configuration = "Debug";
#else
        private const string Configuration = "Release";
#endif

        public PackageFeed()
        {
            Version = "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Environment.ProcessId;
            Root = Directory.CreateTempSubdirectory("circuits-pkgtest-").FullName;
            Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
            Cache = Directory.CreateDirectory(Path.Combine(Root, "packages")).FullName;
            string repo = SampleSources.RepositoryRoot();
            foreach (var project in new[] { "src/Circuits/Circuits.csproj", "samples/Models.InductionHead/Circuits.Models.InductionHead.csproj", "src/Circuits.Cli/Circuits.Cli.csproj" })
                Dotnet(repo, "pack", Path.Combine(repo, project), "--no-build", "-c", Configuration, "-o", Feed, "-p:PackageVersion=" + Version).EnsureSuccess();
            File.WriteAllText(Path.Combine(Root, "nuget.config"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n"
                + "    <add key=\"feed\" value=\"" + Feed + "\" />\n"
                + "    <add key=\"machine\" value=\"" + GlobalPackagesFolder() + "\" />\n"
                + "  </packageSources>\n</configuration>\n");
        }

        /// <summary>The unique version every package of this run carries.</summary>
        public string Version { get; }

        /// <summary>The temporary folder: nuget.config, the feed, the package cache and the consumer projects.</summary>
        public string Root { get; }

        public string Feed { get; }

        public string Cache { get; }

        public string Package(string id) => Path.Combine(Feed, id + "." + Version + ".nupkg");

        /// <summary>A fresh console project under <see cref="Root"/> referencing <paramref name="packageId"/> at this run's version.</summary>
        public string Consumer(string name, string packageId, IReadOnlyDictionary<string, string> files)
        {
            var dir = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
            File.WriteAllText(Path.Combine(dir, name + ".csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net10.0</TargetFramework>\n"
                + "    <Nullable>enable</Nullable>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"" + packageId + "\" Version=\"" + Version + "\" />\n"
                + "  </ItemGroup>\n</Project>\n");
            foreach (var (file, text) in files) File.WriteAllText(Path.Combine(dir, file), text);
            return dir;
        }

        /// <summary>Runs dotnet with the isolated cache, no build servers left behind and no telemetry.</summary>
        public Result Dotnet(string workingDirectory, params string[] arguments) => DotnetWithInput(workingDirectory, null, arguments);

        /// <summary>Runs dotnet with <paramref name="input"/> (if any) on its standard input.</summary>
        public Result DotnetWithInput(string workingDirectory, string? input, params string[] arguments) => Execute("dotnet", workingDirectory, input, arguments);

        /// <summary>Runs <paramref name="file"/> (dotnet, or an installed tool's command) in the consumer environment.</summary>
        public Result Execute(string file, string workingDirectory, string? input, params string[] arguments)
        {
            var start = new ProcessStartInfo(file)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = input != null,
                StandardOutputEncoding = Encoding.UTF8,
                UseShellExecute = false,
            };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            if (file == "dotnet" && arguments[0] is "build" or "run" or "msbuild" or "pack")
            {
                start.ArgumentList.Add("-nodeReuse:false");
                start.ArgumentList.Add("-p:UseSharedCompilation=false");
            }
            // The test host's MSBuild variables would point the child at the test's own SDK resolution; the child finds its own.
            foreach (var key in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
                start.Environment.Remove(key);
            start.Environment["NUGET_PACKAGES"] = Cache;
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
            var stderr = process.StandardError.ReadToEndAsync();
            if (input != null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(file + " " + string.Join(" ", arguments) + " did not finish in 4 minutes");
            }
            return new Result(file + " " + string.Join(" ", arguments), process.ExitCode, stdout, stderr.Result);
        }

        /// <summary>Where this machine's restores keep packages (the solution's restore put System.Numerics.Tensors there).</summary>
        private static string GlobalPackagesFolder()
        {
            var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            return string.IsNullOrEmpty(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")
                : configured;
        }

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); }
            catch (IOException) { } // a file still held open: the folder is under the temp directory and cleaned with it
            catch (UnauthorizedAccessException) { }
        }

        /// <summary>What one dotnet command did.</summary>
        public sealed record Result(string Command, int ExitCode, string Output, string Error)
        {
            public Result EnsureSuccess()
            {
                if (ExitCode != 0) throw new InvalidOperationException(Command + " exited with " + ExitCode + ":\n" + Tail(Output) + "\n" + Tail(Error));
                return this;
            }

            private static string Tail(string text) => text.Length <= 6000 ? text : text.Substring(text.Length - 6000);
        }

        /// <summary>The consumer's lines: one input per line, the model's output per line.</summary>
        public static string Lines(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

        public static string[] OutputLines(Result result) => result.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
    }
}
