using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Circuits.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Circuits.Tests.Emit
{
    internal delegate void IntForward(ReadOnlySpan<int> ids, Span<int> output);
    internal delegate void DoubleForward(ReadOnlySpan<int> ids, Span<double> output);

    /// <summary>An emitted pass compiled in memory with Roslyn and loaded, with its entry points as delegates.</summary>
    internal sealed class EmittedPass
    {
        private static readonly ConcurrentDictionary<string, EmittedPass> Cache = new ConcurrentDictionary<string, EmittedPass>();

        public const string Namespace = "Emitted.Models";
        public const string ClassName = "Pass";

        private EmittedPass(string source, Type type, IReadOnlyList<Diagnostic> diagnostics)
        {
            Source = source;
            Type = type;
            Diagnostics = diagnostics;
            var forward = type.GetMethod("Forward", BindingFlags.Public | BindingFlags.Static)!;
            if (forward.GetParameters()[1].ParameterType == typeof(Span<int>)) IntForward = forward.CreateDelegate<IntForward>();
            else DoubleForward = forward.CreateDelegate<DoubleForward>();
            var run = type.GetMethod("Run", BindingFlags.Public | BindingFlags.Static);
            if (run is not null) Run = run.CreateDelegate<Func<string, string>>();
        }

        public string Source { get; }
        public Type Type { get; }
        /// <summary>Every diagnostic of warning severity or worse (including hidden-by-default levels promoted by WarningLevel).</summary>
        public IReadOnlyList<Diagnostic> Diagnostics { get; }
        public IntForward? IntForward { get; }
        public DoubleForward? DoubleForward { get; }
        public Func<string, string>? Run { get; }

        /// <summary>Outputs as doubles (⊥ = NaN) whichever Forward the class has.</summary>
        public double[] Forward(int[] ids, int outputLength = -1)
        {
            int n = outputLength < 0 ? ids.Length : outputLength;
            if (IntForward is not null)
            {
                var o = new int[n];
                IntForward(ids, o);
                return o.Take(ids.Length).Select(v => v == Bottom.Id ? double.NaN : v).ToArray();
            }
            var d = new double[n];
            DoubleForward!(ids, d);
            return d.Take(ids.Length).ToArray();
        }

        public static EmittedPass For(string key, CompiledModel model, string userPart = "public static partial class Pass { }")
            => Cache.GetOrAdd(key + "|" + userPart, _ => Compile(ForwardPassEmitter.Emit(model, Namespace, ClassName), userPart));

        public static EmittedPass Compile(string source, string userPart)
        {
            _ = typeof(System.Numerics.Tensors.TensorPrimitives); // make sure the assembly is loaded
            _ = typeof(Circuits.Engine);
            var references = new List<MetadataReference>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            foreach (var path in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location).Concat(tpa))
            {
                // The generator carries its own copy of the core: referencing it would make every core type ambiguous.
                if (Path.GetFileName(path).Equals("Circuits.Generator.dll", StringComparison.OrdinalIgnoreCase)) continue;
                if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && seen.Add(Path.GetFileName(path)))
                    references.Add(MetadataReference.CreateFromFile(path));
            }
            var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
            var user = "namespace " + Namespace + " { /// <summary>The user's part.</summary>\n " + userPart + " }";
            var compilation = CSharpCompilation.Create(
                "Emitted" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, parse, "Pass.g.cs"), CSharpSyntaxTree.ParseText(user, parse, "User.cs") },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                    nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));
            using var ms = new MemoryStream();
            var result = compilation.Emit(ms);
            var bad = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            if (!result.Success)
                throw new InvalidOperationException("emitted source does not compile:\n" + string.Join("\n", bad.Take(20)) + "\n" + source);
            var assembly = Assembly.Load(ms.ToArray());
            return new EmittedPass(source, assembly.GetType(Namespace + "." + ClassName, throwOnError: true)!, bad);
        }

        public static void AssertNoWarnings(EmittedPass pass)
            => Assert.True(pass.Diagnostics.Count == 0, "emitted source has diagnostics:\n" + string.Join("\n", pass.Diagnostics.Take(20)));
    }
}
