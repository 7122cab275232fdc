using System;
using Circuits.Compiler.Emit;

namespace Circuits.Compiler
{
    /// <summary>
    /// Emits C# source for a forward pass specialised to one compiled model (issue 3): dimensions as constants, weights as
    /// static data (non-zero structure only), sparse straight-line Q/K/V/O projections, streaming softmax over key blocks
    /// with causal loops over the triangle, CSR MLPs, no allocation per call. Pure: same model in, same text out.
    /// </summary>
    /// <remarks>
    /// The pass computes in float when the model's card certifies float32 and in double otherwise; it computes the same
    /// function as <c>Circuits.Engine.Create(model, sameType)</c> (same decoded outputs, same exception messages).
    /// The emitted class has: the constants <c>Width</c>, <c>MaxLength</c>, <c>Layers</c>, <c>VocabularySize</c>; a
    /// <c>Card</c> property; <c>Forward(ReadOnlySpan&lt;int&gt;, Span&lt;int&gt;)</c> for categorical integer outputs
    /// (⊥ = <see cref="Bottom.Id"/>) or <c>Forward(ReadOnlySpan&lt;int&gt;, Span&lt;double&gt;)</c> otherwise; and
    /// <c>Run(string)</c>, which reads and writes text by <see cref="SymbolText"/>'s rules. It needs the Circuits runtime (for the model
    /// types) and System.Numerics.Tensors.
    /// </remarks>
    public static class ForwardPassEmitter
    {
        /// <summary>The generator name and version written into <c>[GeneratedCode]</c>.</summary>
        public const string Tool = "Circuits.Generator";

        /// <summary>The tool's version: the assembly version, which Directory.Build.props sets (the one place it is defined).</summary>
        public static readonly string Version = typeof(ForwardPassEmitter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        /// <summary>
        /// A complete C# file declaring <c>partial class</c> <paramref name="className"/> (all members static, so the
        /// user's part may be <c>static partial class</c> or <c>partial class</c>) in <paramref name="namespaceName"/>
        /// (null or empty for the global namespace).
        /// </summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="namespaceName">The namespace, or null/empty for none.</param>
        /// <param name="className">The partial class to extend.</param>
        /// <returns>The source text, with "\n" line endings.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="className"/> is null.</exception>
        /// <exception cref="ArgumentException">The model is malformed (the engine's shape rules), or a weight is not finite in the compute type.</exception>
        public static string Emit(CompiledModel model, string? namespaceName, string className)
            => Emit(model, namespaceName, className, EmitPart.Complete);

        /// <summary>
        /// The public surface only (constants, <c>Card</c>, <c>Forward</c>, <c>Run</c>) as <c>partial</c> member declarations:
        /// small, so a source generator can add it where the IDE sees it, while <see cref="EmitImplementation"/>
        /// (the weights and kernels) goes through the implementation-only output.
        /// </summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="namespaceName">The namespace, or null/empty for none.</param>
        /// <param name="className">The partial class to extend.</param>
        /// <returns>The source text.</returns>
        public static string EmitDeclarations(CompiledModel model, string? namespaceName, string className)
            => Emit(model, namespaceName, className, EmitPart.Declarations);

        /// <summary>The implementations of the members <see cref="EmitDeclarations"/> declares, with the weights and kernels.</summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="namespaceName">The namespace, or null/empty for none.</param>
        /// <param name="className">The partial class to extend.</param>
        /// <returns>The source text.</returns>
        public static string EmitImplementation(CompiledModel model, string? namespaceName, string className)
            => Emit(model, namespaceName, className, EmitPart.Implementation);

        /// <summary>
        /// <see cref="Emit(CompiledModel, string?, string)"/> with the position embedding as a table even where formulas
        /// reproduce it (<paramref name="positionFormulas"/> false), and a shared-columns stage's rows as literal tables even
        /// where they would be rebuilt from its columns (<paramref name="rowsFromColumns"/> false), so tests can run both
        /// forms on one model.
        /// </summary>
        internal static string Emit(CompiledModel model, string? namespaceName, string className, bool positionFormulas, bool rowsFromColumns = true)
            => Emit(model, namespaceName, className, EmitPart.Complete, positionFormulas, rowsFromColumns);

        private enum EmitPart { Complete, Declarations, Implementation }

        private static string Emit(CompiledModel model, string? namespaceName, string className, EmitPart part, bool positionFormulas = true,
            bool rowsFromColumns = true)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (className is null) throw new ArgumentNullException(nameof(className));
            if (className.Length == 0) throw new ArgumentException("class name is empty", nameof(className));
            var plan = new ModelPlan(model, positionFormulas) { RowsFromColumns = rowsFromColumns };
            var w = new CodeWriter();
            CardEmitter.EmitHeader(plan, w);
            w.Line();
            w.Line("#nullable enable");
            w.Line();
            IDisposable? ns = string.IsNullOrEmpty(namespaceName) ? null : w.Block("namespace " + namespaceName);
            if (part != EmitPart.Implementation) w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"{Tool}\", \"{Version}\")]");
            using (w.Block("partial class " + className))
            {
                EmitPublicApi(plan, w, part);
                if (part != EmitPart.Declarations)
                {
                    w.Line();
                    new KernelEmitter(plan, w).Emit();
                }
            }
            ns?.Dispose();
            return w.ToString();
        }

        private static void EmitPublicApi(ModelPlan plan, CodeWriter w, EmitPart part)
        {
            const string k = KernelEmitter.ClassName;
            string modifiers = part == EmitPart.Complete ? "public static " : "public static partial ";
            if (part == EmitPart.Implementation)
            {
                CardEmitter.EmitProperty(plan, w, "public static partial ");
                w.Line();
                EmitForward(plan, w, modifiers, k, body: true);
                EmitRun(plan, w, modifiers, k, body: true);
                return;
            }
            w.Line("/// <summary>Residual width d_model.</summary>");
            w.Line($"public const int Width = {plan.Width};");
            w.Line("/// <summary>The maximum number of input tokens.</summary>");
            w.Line($"public const int MaxLength = {plan.MaxLength};");
            w.Line("/// <summary>Number of transformer layers.</summary>");
            w.Line($"public const int Layers = {plan.Layers.Count};");
            w.Line("/// <summary>Vocabulary size: token ids are in [0, VocabularySize).</summary>");
            w.Line($"public const int VocabularySize = {plan.Vocabulary.Length};");
            w.Line();
            if (part == EmitPart.Complete) CardEmitter.EmitProperty(plan, w, modifiers);
            else
            {
                w.Line("/// <summary>The model card: what the model costs and guarantees (a new instance per call).</summary>");
                w.Line("public static partial global::Circuits.Compiler.ModelCard Card { get; }");
            }
            w.Line();
            EmitForward(plan, w, modifiers, k, body: part == EmitPart.Complete);
            EmitRun(plan, w, modifiers, k, body: part == EmitPart.Complete);
        }

        private static void EmitForward(ModelPlan plan, CodeWriter w, string modifiers, string k, bool body)
        {
            bool docs = !(body && modifiers.Contains("partial"));
            string type = plan.IntegerOutput ? "int" : "double";
            string signature = $"{modifiers}void Forward(global::System.ReadOnlySpan<int> ids, global::System.Span<{type}> output)";
            if (docs)
            {
                w.Line("/// <summary>");
                w.Line("/// Runs the model on <paramref name=\"ids\"/> and writes the decoded output of input token t to <paramref name=\"output\"/>[t].");
                if (plan.IntegerOutput)
                    w.Line("/// Outputs are the categorical values as ints; ⊥ (nothing selected) is <see cref=\"global::Circuits.Compiler.Bottom.Id\"/> (-1).");
                else if (plan.Output.Kind == ValueKind.Numerical)
                    w.Line("/// Outputs are numbers (a numerical output is never ⊥).");
                else
                    w.Line("/// Outputs are the decoded values; ⊥ is NaN (<see cref=\"global::Circuits.Compiler.Bottom.Value\"/>).");
                w.Line("/// Allocates nothing (buffers are per thread, allocated on a thread's first call); thread-safe.");
                w.Line("/// </summary>");
                w.Line("/// <param name=\"ids\">Token ids, 1 ≤ length ≤ <see cref=\"MaxLength\"/>, each in [0, <see cref=\"VocabularySize\"/>).</param>");
                w.Line("/// <param name=\"output\">Destination, at least <paramref name=\"ids\"/>.Length long; later entries are left untouched.</param>");
                w.Line("/// <exception cref=\"global::System.ArgumentException\">The input is empty, too long, or <paramref name=\"output\"/> is too short.</exception>");
                w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A token id is outside the vocabulary.</exception>");
                w.Line("/// <exception cref=\"global::System.InvalidOperationException\">The final residual does not decode cleanly (not decisive, not admissible or not finite); the message names the position and the value.</exception>");
            }
            if (!body) { w.Line(signature + ";"); return; }
            using (w.Block(signature))
            {
                w.Line($"{k}.CheckIds(ids);");
                w.Line($"{k}.CheckOutput(ids.Length, output.Length);");
                w.Line($"{k}.Scratch s = {k}.Compute(ids);");
                using (w.Block("for (int t = 0; t < ids.Length; t++)"))
                {
                    if (plan.IntegerOutput)
                    {
                        w.Line($"double value = {k}.Decode(s, t);");
                        w.Line("output[t] = double.IsNaN(value) ? global::Circuits.Compiler.Bottom.Id : (int)value;");
                    }
                    else w.Line($"output[t] = {k}.Decode(s, t);");
                }
            }

        }

        private static void EmitRun(ModelPlan plan, CodeWriter w, string modifiers, string k, bool body)
        {
            bool docs = !(body && modifiers.Contains("partial"));
            bool tokens = plan.Output.TokenValued;
            string signature = modifiers + "string Run(string text)";
            w.Line();
            if (docs)
            {
                w.Line("/// <summary>");
                w.Line("/// Encodes <paramref name=\"text\"/> (one vocabulary symbol per text element, or whitespace-separated symbols when the");
                w.Line("/// vocabulary's symbols cannot be written side by side; see Circuits.Compiler.SymbolText), runs the model and renders");
                w.Line(tokens
                    ? "/// the outputs as the CLI prints them: vocabulary symbols written the same way, ⊥ as \"⊥\"."
                    : "/// the outputs as the CLI prints them: numbers (at most 6 decimals, invariant culture) separated by spaces, ⊥ as \"⊥\".");
                w.Line("/// </summary>");
                w.Line("/// <param name=\"text\">The input.</param>");
                w.Line("/// <returns>The rendered outputs.</returns>");
                w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"text\"/> is null.</exception>");
                w.Line("/// <exception cref=\"global::System.ArgumentException\">A symbol is not in the vocabulary, or the input is empty or too long.</exception>");
                w.Line("/// <exception cref=\"global::System.InvalidOperationException\">The final residual does not decode cleanly.</exception>");
            }
            if (!body) { w.Line(signature + ";"); return; }
            using (w.Block(signature))
            {
                w.Line("if (text is null) throw new global::System.ArgumentNullException(\"text\");");
                w.Line($"int[] ids = global::Circuits.Compiler.SymbolText.Encode({k}.Symbols, text);");
                w.Line($"{k}.CheckIds(ids);");
                w.Line($"{k}.Scratch s = {k}.Compute(ids);");
                w.Line("double[] outputs = new double[ids.Length];");
                w.Line($"for (int t = 0; t < ids.Length; t++) outputs[t] = {k}.Decode(s, t);");
                w.Line($"return global::Circuits.Compiler.SymbolText.Render({k}.Symbols, {(tokens ? "true" : "false")}, outputs);");
            }
        }
    }
}
