using System.Globalization;
using System.Linq;
using Circuits.Compiler;
using Circuits.Compiler.Emit;
using Circuits.Generator.Model;
using Circuits.Mpc;

namespace Circuits.Generator.Emit
{
    /// <summary>
    /// Emits the generator's own members of an [MpcProgram] class: Protocol (built at run time by calling the class's own
    /// round methods through <c>MpcDeclaration.Build</c>, as the build did through the interpreter), Model (that protocol
    /// compiled on first use), CreateEngine, Simulate (the reference semantics) and Run (the build-time forward pass with
    /// the protocol's fault check). Card, Forward and Run(string) come from the specialised forward pass, as for circuits.
    /// </summary>
    internal static class MpcSourceEmitter
    {
        private const string M = "global::Circuits.Mpc.";

        public static string HintName(MpcSpec spec) => spec.HintStem + ".Mpc.g.cs";

        public static string ApiHintName(MpcSpec spec) => spec.HintStem + ".Api.g.cs";

        public static string ForwardHintName(MpcSpec spec) => spec.HintStem + ".Forward.g.cs";

        public static string RunHintName(MpcSpec spec) => spec.HintStem + ".MpcRun.g.cs";

        public static string Emit(MpcSpec spec, EquatableArray<string> card, bool compiled)
        {
            var c = CultureInfo.InvariantCulture;
            var w = new CodeWriter();
            GeneratedHeader.Write(w, "MPC program " + Literals.Comment(QualifiedName(spec)) + ": N = " + spec.MaxLength.ToString(c) + ", s = " + spec.LocalMemory.ToString(c)
                   + " words, W = " + spec.WordRange.ToString(c) + ", " + spec.Precision.ToString().ToLowerInvariant() + ".", card);
            using (string.IsNullOrEmpty(spec.Namespace) ? null : w.Block("namespace " + spec.Namespace))
            using (w.Block((spec.IsStatic ? "static " : "") + "partial class " + spec.ClassIdentifier))
            {
                w.Line($"private static readonly global::System.Lazy<{M}MpcProtocol> __mpcProtocol = new global::System.Lazy<{M}MpcProtocol>(() =>");
                w.Line($"    {M}MpcDeclaration.Build({Literals.String(spec.ClassName)}, {spec.MaxLength.ToString(c)}, {spec.LocalMemory.ToString(c)}, {spec.WordRange.ToString(c)}, new {M}MpcRoundDeclaration[]");
                using (w.Open("    },"))
                    foreach (var r in spec.Rounds)
                    {
                        string count = $"{M}MpcDeclaration.Repetitions({M}RoundRepeat.{r.Repeat}, {r.Times.ToString(c)}, {r.Plus.ToString(c)}, {spec.MaxLength.ToString(c)})";
                        string args = "m" + (r.TakesState ? ", (" + r.StateType + ")state!" : "") + (r.TakesIndex ? ", j" : "");
                        w.Line($"new {M}MpcRoundDeclaration({Literals.String(r.Method)}, {count}, (m, state, j) => {r.MethodIdentifier}({args})),");
                    }
                w.Line(spec.OutputMethod is null
                    ? "    null));"
                    : $"    state => {CSharpNames.Identifier(spec.OutputMethod)}(({spec.OutputStateType})state!)));");
                w.Line();
                w.Line("private static readonly global::System.Lazy<global::Circuits.Compiler.CompiledModel> __circuitModel = new global::System.Lazy<global::Circuits.Compiler.CompiledModel>(() =>");
                w.Line($"    {M}MpcCompiler.Compile(Protocol, global::Circuits.Compiler.NumericType.{spec.Precision}).Model);");
                w.Line();
                w.Line("/// <summary>The protocol, built at run time by the round methods (the same protocol the build compiled).</summary>");
                w.Line($"public static {M}MpcProtocol Protocol => __mpcProtocol.Value;");
                w.Line();
                w.Line("/// <summary>The compiled model: weights, layout and card with its MPC section (compiled on first use from <see cref=\"Protocol\"/>).</summary>");
                w.Line("public static global::Circuits.Compiler.CompiledModel Model => __circuitModel.Value;");
                w.Line();
                w.Line("/// <summary>The generic engine on the same model (for comparisons with the specialised <c>Forward</c>).</summary>");
                w.Line("public static global::Circuits.IForwardPass CreateEngine(global::Circuits.Compiler.NumericType precision = global::Circuits.Compiler.NumericType." + spec.Precision + ")");
                w.Line("    => global::Circuits.Engine.Create(Model, precision);");
                w.Line();
                w.Line("/// <summary>The reference semantics: runs the rounds on one machine per word and enforces the memory, send and receive limits.</summary>");
                w.Line("/// <param name=\"words\">One word per machine, each in [0, W).</param>");
                w.Line("/// <returns>Each machine's output; NaN for ⊥.</returns>");
                w.Line($"/// <exception cref=\"{M}MpcLimitException\">A machine broke a limit; the message names the machine, the round and the count.</exception>");
                w.Line($"public static double[] Simulate(global::System.Collections.Generic.IReadOnlyList<int> words) => {M}MpcSimulator.Run(Protocol, words);");
                if (compiled)
                {
                    w.Line();
                    w.Line("/// <summary>Runs the compiled forward pass (weights from the build) on one word per machine.</summary>");
                    w.Line("/// <param name=\"words\">One word per machine, each in [0, W).</param>");
                    w.Line("/// <returns>Each machine's output, equal to <see cref=\"Simulate\"/>'s; NaN for ⊥.</returns>");
                    w.Line($"/// <exception cref=\"{M}MpcLimitException\">A machine received more than s messages in a round, or sent to a machine that does not exist.</exception>");
                    w.Line("public static partial double[] Run(global::System.Collections.Generic.IReadOnlyList<int> words);");
                }
            }
            return w.ToString();
        }

        /// <summary>Run's body: the build-time kernel, then the protocol's fault check (so a receive overflow is never a silent output).</summary>
        public static string EmitRun(MpcSpec spec)
        {
            const string k = KernelEmitter.ClassName;
            var w = new CodeWriter();
            w.Line("// <auto-generated/>");
            w.Line("#nullable enable");
            w.Line();
            using (string.IsNullOrEmpty(spec.Namespace) ? null : w.Block("namespace " + spec.Namespace))
            using (w.Block((spec.IsStatic ? "static " : "") + "partial class " + spec.ClassIdentifier))
            using (w.Block("public static partial double[] Run(global::System.Collections.Generic.IReadOnlyList<int> words)"))
            {
                w.Line($"{M}MpcSimulator.CheckInput(Protocol, words);");
                w.Line("int[] ids = new int[words.Count];");
                w.Line("for (int t = 0; t < ids.Length; t++) ids[t] = words[t];");
                w.Line($"{k}.CheckIds(ids);");
                w.Line($"{k}.Scratch s = {k}.Compute(ids);");
                w.Line("double[] outputs = new double[ids.Length];");
                w.Line($"for (int t = 0; t < ids.Length; t++) outputs[t] = {k}.Decode(s, t);");
                w.Line($"return {M}MpcModel.CheckFaults(Protocol, outputs);");
            }
            return w.ToString();
        }

        private static string QualifiedName(MpcSpec spec) => GeneratedHeader.QualifiedName(spec.Namespace, spec.ClassIdentifier);
    }
}
