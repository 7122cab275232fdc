using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Circuits.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Circuits.Tests.Samples
{
    /// <summary>
    /// The samples' circuit source files read from the repository, run through the generator in-process
    /// (<see cref="GeneratorHarness"/>), and the updated compilations emitted in memory and loaded.
    /// </summary>
    internal static class SampleSources
    {
        /// <summary>Sample circuit files, relative to the repository root (each one compiled on its own).</summary>
        public static readonly string[] Files = { "samples/KHop/TwoHop.cs", "samples/KHop/Hops.cs", "samples/Classics/Circuits.cs" };

        private static readonly ConcurrentDictionary<string, Lazy<GeneratorRun>> Runs = new ConcurrentDictionary<string, Lazy<GeneratorRun>>();
        private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Assemblies = new ConcurrentDictionary<string, Lazy<Assembly>>();

        /// <summary>
        /// The folder holding Circuits.sln, found from this source file's path; under ContinuousIntegrationBuild the compiler
        /// maps source paths to "/_/", so when that walk finds nothing the search starts again from the output folder.
        /// </summary>
        public static string RepositoryRoot([CallerFilePath] string callerPath = "")
            => FindUp(Path.GetDirectoryName(callerPath)) ?? FindUp(AppContext.BaseDirectory)
               ?? throw new InvalidOperationException("cannot find the folder containing Circuits.sln from " + callerPath + " or " + AppContext.BaseDirectory);

        private static string? FindUp(string? start)
        {
            if (string.IsNullOrEmpty(start) || !Directory.Exists(start)) return null;
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Circuits.sln"))) return dir.FullName;
            return null;
        }

        public static string Read(string file) => File.ReadAllText(Path.Combine(RepositoryRoot(), file));

        /// <summary>The generator run over one sample file (cached).</summary>
        public static GeneratorRun Run(string file) => Runs.GetOrAdd(file, f => new Lazy<GeneratorRun>(() => GeneratorHarness.Run(Read(f)))).Value;

        /// <summary>
        /// The generator's updated compilation for one sample file, emitted in memory (Release) and loaded into the default
        /// context from a stream, so its Circuits types are the test's own. The harness never references the generator.
        /// </summary>
        public static Assembly Load(string file) => Assemblies.GetOrAdd(file, f => new Lazy<Assembly>(() =>
        {
            var run = Run(f);
            var name = "Sample_" + Path.GetFileNameWithoutExtension(f) + "_" + Guid.NewGuid().ToString("N");
            var compilation = ((CSharpCompilation)run.Output).WithAssemblyName(name)
                .WithOptions(((CSharpCompilation)run.Output).Options.WithOptimizationLevel(OptimizationLevel.Release));
            using var ms = new MemoryStream();
            var result = compilation.Emit(ms);
            if (!result.Success)
                throw new InvalidOperationException(f + " does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
            ms.Position = 0;
            return AssemblyLoadContext.Default.LoadFromStream(ms);
        })).Value;
    }
}
