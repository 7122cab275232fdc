using System.Globalization;
using Circuits.Compiler;
using Circuits.Compiler.Emit;
using Circuits.Generator.Model;

namespace Circuits.Generator.Emit
{
    /// <summary>
    /// Emits the generator's own members of a [Circuit] class: Model (compiled once, lazily, from the user's own
    /// [Program] method — the same IR the build compiled) and CreateEngine (the generic engine on that model, for
    /// comparisons). Card, Forward and Run come from the specialised forward pass (ForwardPassEmitter). The card
    /// computed at build time heads the file so it shows in the IDE.
    /// </summary>
    internal static class CircuitSourceEmitter
    {
        public const string GeneratorName = "Circuits.Generator";
        public static readonly string GeneratorVersion = ForwardPassEmitter.Version;

        public static string HintName(CircuitSpec spec) => spec.HintStem + ".Circuit.g.cs";

        public static string ForwardHintName(CircuitSpec spec) => spec.HintStem + ".Forward.g.cs";

        public static string ApiHintName(CircuitSpec spec) => spec.HintStem + ".Api.g.cs";

        public static string Emit(CircuitSpec spec, EquatableArray<string> card, bool isStatic)
        {
            var w = new CodeWriter();
            // Comments hold one line: the vocabulary as a literal (escaped), the rest without line breaks.
            GeneratedHeader.Write(w, "Circuit " + Literals.Comment(QualifiedName(spec)) + ": vocabulary " + Literals.Comment(Literals.String(spec.Vocabulary)) + ", N = " + spec.MaxLength.ToString(CultureInfo.InvariantCulture)
                   + ", " + (spec.Causal ? "causal" : "bidirectional") + ", " + spec.Precision.ToString().ToLowerInvariant() + ".", card);
            using (string.IsNullOrEmpty(spec.Namespace) ? null : w.Block("namespace " + spec.Namespace))
            using (w.Block((isStatic ? "static " : "") + "partial class " + spec.ClassIdentifier))
            {
                w.Line("private static readonly global::System.Lazy<global::Circuits.Compiler.CompiledModel> __circuitModel =");
                w.Line("    new global::System.Lazy<global::Circuits.Compiler.CompiledModel>(() => global::Circuits.Compiler.CircuitCompiler.Compile(" + spec.ProgramIdentifier + "(), __CircuitOptions()));");
                w.Line();
                w.Line("/// <summary>The options this circuit is compiled with (from its [Circuit] attribute).</summary>");
                using (w.Block("private static global::Circuits.Compiler.CompileOptions __CircuitOptions() => new global::Circuits.Compiler.CompileOptions", "};"))
                {
                    w.Line("Name = " + Literals.String(spec.ClassName) + ",");
                    w.Line("Vocabulary = global::Circuits.Compiler.CompileOptions.CharVocabulary(" + Literals.String(spec.Vocabulary) + "),");
                    w.Line("MaxLength = " + spec.MaxLength.ToString(CultureInfo.InvariantCulture) + ",");
                    w.Line("Causal = " + (spec.Causal ? "true" : "false") + ",");
                    w.Line("Precision = global::Circuits.Compiler.NumericType." + spec.Precision + ",");
                    w.Line("Task = " + EnumValue("global::Circuits.Compiler.KnownTask", spec.Computes) + ",");
                    w.Line("K = " + spec.K.ToString(CultureInfo.InvariantCulture) + ",");
                }
                w.Line();
                w.Line("/// <summary>The compiled model: weights, layout and card (compiled on first use from the [Program] method).</summary>");
                w.Line("public static global::Circuits.Compiler.CompiledModel Model => __circuitModel.Value;");
                w.Line();
                w.Line("/// <summary>The generic engine on the same model (for comparisons with the specialised <c>Forward</c>).</summary>");
                w.Line("public static global::Circuits.IForwardPass CreateEngine(global::Circuits.Compiler.NumericType precision = global::Circuits.Compiler.NumericType." + spec.Precision + ")");
                w.Line("    => global::Circuits.Engine.Create(Model, precision);");
            }
            return w.ToString();
        }

        /// <summary>An enum member by name, or a cast when the attribute gave a value the enum does not name.</summary>
        private static string EnumValue<T>(string type, T value) where T : struct, System.Enum
            => System.Enum.IsDefined(typeof(T), value) ? type + "." + value : "(" + type + ")(" + System.Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")";

        /// <summary>The class as C# names it, namespace included.</summary>
        public static string QualifiedName(CircuitSpec spec) => GeneratedHeader.QualifiedName(spec.Namespace, spec.ClassIdentifier);
    }
}
