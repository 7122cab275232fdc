using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Circuits.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Circuits.Fuzz
{
    /// <summary>
    /// The emitter's specialised forward pass (<see cref="ForwardPassEmitter"/>) compiled in memory with Roslyn and loaded
    /// into a collectible load context (unloaded on <see cref="Dispose"/>).
    /// </summary>
    public sealed class EmittedForward : IDisposable
    {
        private delegate void IntForward(ReadOnlySpan<int> ids, Span<int> output);
        private delegate void DoubleForward(ReadOnlySpan<int> ids, Span<double> output);

        private const string Namespace = "Fuzz.Emitted", ClassName = "Pass";
        private static readonly Lazy<List<MetadataReference>> References = new Lazy<List<MetadataReference>>(LoadReferences);

        private readonly AssemblyLoadContext _context;
        private readonly IntForward? _int;
        private readonly DoubleForward? _double;

        private EmittedForward(AssemblyLoadContext context, Type type)
        {
            _context = context;
            var forward = type.GetMethod("Forward", BindingFlags.Public | BindingFlags.Static)!;
            if (forward.GetParameters()[1].ParameterType == typeof(Span<int>)) _int = forward.CreateDelegate<IntForward>();
            else _double = forward.CreateDelegate<DoubleForward>();
        }

        /// <summary>The pass writes ints (⊥ = −1) rather than doubles.</summary>
        public bool IsInt => _int is not null;

        /// <summary>Emits, compiles and loads the pass of <paramref name="model"/>.</summary>
        public static EmittedForward Compile(CompiledModel model)
        {
            string source = ForwardPassEmitter.Emit(model, Namespace, ClassName);
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var compilation = CSharpCompilation.Create(
                "FuzzEmitted" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, parse, "Pass.g.cs") },
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                    nullableContextOptions: NullableContextOptions.Enable));
            using var ms = new MemoryStream();
            var emit = compilation.Emit(ms);
            if (!emit.Success)
                throw new InvalidOperationException("emitted source does not compile:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
            ms.Position = 0;
            var context = new AssemblyLoadContext("fuzz-emitted", isCollectible: true);
            var assembly = context.LoadFromStream(ms);
            return new EmittedForward(context, assembly.GetType(Namespace + "." + ClassName, throwOnError: true)!);
        }

        /// <summary>Runs the pass; ⊥ is NaN (the int pass's −1 becomes NaN).</summary>
        public double[] Forward(int[] ids)
        {
            var result = new double[ids.Length];
            if (_int is not null)
            {
                var o = new int[ids.Length];
                _int(ids, o);
                for (int i = 0; i < o.Length; i++) result[i] = o[i] == Bottom.Id ? double.NaN : o[i];
                return result;
            }
            _double!(ids, result);
            return result;
        }

        /// <inheritdoc />
        public void Dispose() => _context.Unload();

        private static List<MetadataReference> LoadReferences()
        {
            _ = typeof(System.Numerics.Tensors.TensorPrimitives);
            _ = typeof(Engine);
            _ = typeof(CircuitCompiler);
            var references = new List<MetadataReference>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            foreach (var path in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location).Concat(tpa))
            {
                var file = Path.GetFileName(path);
                // The generator carries its own copy of the core: referencing it would make every core type ambiguous.
                if (file.Equals("Circuits.Generator.dll", StringComparison.OrdinalIgnoreCase)) continue;
                if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(path) && seen.Add(file))
                    references.Add(MetadataReference.CreateFromFile(path));
            }
            return references;
        }
    }
}
