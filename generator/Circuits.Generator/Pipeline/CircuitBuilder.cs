using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Circuits.Compiler;
using Circuits.Generator.Diagnostics;
using Circuits.Generator.Interpreter;
using Circuits.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Circuits.Generator.Pipeline
{
    /// <summary>
    /// The transform of the pipeline: declaration → staged program → compiled model → equatable result. Never throws
    /// (except cancellation): an unexpected failure becomes one CIRC0900.
    /// </summary>
    internal static class CircuitBuilder
    {
        public static CircuitResult Build(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            try
            {
                var type = (INamedTypeSymbol)context.TargetSymbol;
                // [Circuit] on several parts of a partial class (C# reports CS0579): generate once, for the first.
                if (!IsFirstCircuitPart(type, context.Attributes[0]))
                    return Result(null, null, null, null, diagnostics);
                var declaration = CircuitReader.Read(type, syntax, context.Attributes[0], diagnostics, ct);
                // A class whose name is missing (the source does not parse) is the C# compiler's to report.
                if (declaration.Spec is null || declaration.Program is null || declaration.ProgramSyntax is null || declaration.Spec.ClassName.Length == 0)
                    return Result(declaration.Spec, null, null, null, diagnostics);
                var spec = declaration.Spec;
                // Budgets and lower bounds are CircuitAnalyzer's to report (also where generation is skipped); it reuses this compile.
                var entry = Compile(context.SemanticModel.Compilation, declaration, diagnostics, ct);
                if (entry?.Model is null) return Result(declaration.Spec, null, null, null, diagnostics);
                // The model was checked against its declared task once, when it was built; a mismatch is re-reported from the memo.
                var mismatch = entry.Computes is null ? null : ComputesCheck.Finding(entry.Model, spec.Computes, spec.K, entry.Computes);
                if (mismatch != null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComputesMismatch,
                        CircuitReader.ComputesLocation(type, ct) ?? syntax.Identifier.GetLocation(), mismatch.Message));
                return Result(spec, entry.Model.Card, entry.Api, entry.Forward, diagnostics);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, syntax.Identifier.GetLocation(), e.GetType().Name + ": " + InterpretException.Describe(e)));
                return Result(null, null, null, null, diagnostics);
            }
        }

        private static bool IsFirstCircuitPart(INamedTypeSymbol type, AttributeData attribute)
        {
            var first = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == CircuitReader.CircuitAttribute)?.ApplicationSyntaxReference;
            var own = attribute.ApplicationSyntaxReference;
            return first is null || own is null || (first.SyntaxTree == own.SyntaxTree && first.Span == own.Span);
        }

        /// <summary>
        /// The model budget rules measure: the declared one, or, when float32 cannot certify it (CIRC0201, reported by the
        /// generator), the same program compiled in float64, so an over-budget program is reported in the same build
        /// (<paramref name="inFloat64"/> says so). Null when the program does not compile at all.
        /// </summary>
        internal static CompiledModel? ModelForBudget(Compilation compilation, CircuitReader.Declaration declaration, CancellationToken ct, out bool inFloat64)
        {
            inFloat64 = false;
            var diagnostics = new List<DiagnosticInfo>();
            var model = Compile(compilation, declaration, diagnostics, ct)?.Model;
            if (model != null || declaration.Spec!.Precision != NumericType.Float32 || !diagnostics.Any(d => d.Id == DiagnosticDescriptors.Precision.Id)) return model;
            inFloat64 = true;
            return Compile(compilation, declaration, new List<DiagnosticInfo>(), ct, declaration.Spec with { Precision = NumericType.Float64 })?.Model;
        }

        private static readonly CompileMemo Memo = new CompileMemo(capacity: 32);

        /// <summary>How many times programs over <paramref name="vocabulary"/> were compiled in this process (tests).</summary>
        internal static int Compilations(string vocabulary) => Memo.Compilations(vocabulary);

        /// <summary>
        /// Stages the [Program] method, then compiles and emits it unless an identical program (same fingerprint, same
        /// options but the budget) was compiled before; null (with diagnostics) when staging fails.
        /// </summary>
        internal static CompileMemo.Entry? Compile(Compilation compilation, CircuitReader.Declaration declaration, List<DiagnosticInfo> diagnostics, CancellationToken ct,
            CircuitSpec? options = null)
        {
            var spec = options ?? declaration.Spec!;
            var programLocation = declaration.ProgramSyntax!.Identifier.GetLocation();
            try
            {
                var interpreter = new StagingInterpreter(compilation, ct);
                var program = interpreter.Run(declaration.Program!, declaration.ProgramSyntax);
                string key = MemoKey.For(spec, interpreter.Fingerprint());
                var entry = Memo.GetOrAdd(key, spec.Vocabulary, () =>
                {
                    try
                    {
                        var model = CircuitCompiler.Compile(program, Options(spec));
                        return new CompileMemo.Entry(model, null,
                            ForwardPassEmitter.EmitDeclarations(model, spec.Namespace, spec.ClassIdentifier),
                            ForwardPassEmitter.EmitImplementation(model, spec.Namespace, spec.ClassIdentifier),
                            spec.Computes == KnownTask.None ? null : ComputesCheck.Run(model, spec.Computes, spec.K));
                    }
                    catch (CompileException e)
                    {
                        return new CompileMemo.Entry(null, e, null, null, offender: interpreter.CreationIndex(e.Offender));
                    }
                });
                if (entry.Error != null)
                {
                    // The node at fault was built by a call in the program: report there (the memo keeps its creation
                    // index, which is the same in every interpretation of an identical program).
                    ReportCore(entry.Error, interpreter.CreatedAt(entry.Offender)?.GetLocation() ?? programLocation, declaration, diagnostics, ct);
                    return null;
                }
                return entry;
            }
            catch (InterpretException e)
            {
                diagnostics.Add(DiagnosticInfo.Create(e.Descriptor, e.Node?.GetLocation() ?? programLocation, e.Arguments));
            }
            catch (SourceHasErrorsException)
            {
                // The C# compiler reports the errors; the generated members still compile against the user's method.
            }
            catch (CompileException e)
            {
                ReportCore(e, programLocation, declaration, diagnostics, ct);
            }
            return null;
        }

        private static void ReportCore(CompileException e, Location location, CircuitReader.Declaration declaration, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var descriptor = DiagnosticDescriptors.ForCoreError(e.Error);
            if (descriptor != null) diagnostics.Add(DiagnosticInfo.Create(descriptor, location, e.Message));
            else if (e.Error == CompileError.InvalidOptions)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue,
                    declaration.Attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? location, e.Message));
            else diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, e.Code + ": " + e.Message));
        }

        /// <summary>The compile options a spec stands for; the generated code writes the same values as a literal.</summary>
        public static CompileOptions Options(CircuitSpec spec) => new CompileOptions
        {
            Name = spec.ClassName,
            Vocabulary = CompileOptions.CharVocabulary(spec.Vocabulary),
            MaxLength = spec.MaxLength,
            Causal = spec.Causal,
            Precision = spec.Precision,
            Task = spec.Computes,
            K = spec.K,
        };

        private static CircuitResult Result(CircuitSpec? spec, ModelCard? card, string? api, string? forward, List<DiagnosticInfo> diagnostics)
            => new CircuitResult(spec, EquatableArray.From(card is null ? Array.Empty<string>() : CardSummary(card)), api, forward, EquatableArray.From(diagnostics));

        /// <summary>The build-time card, as the lines of the generated file's header comment.</summary>
        public static IEnumerable<string> CardSummary(ModelCard card)
        {
            var c = CultureInfo.InvariantCulture;
            yield return string.Format(c, "layers {0}, heads per layer [{1}], width {2}, parameters {3} ({4} non-zero)",
                card.Layers, string.Join(", ", card.HeadsPerLayer), card.Width, card.Parameters, card.NonzeroParameters);
            yield return string.Format(c, "vocabulary {0}, N = {1}, {2}, precision bits {3}, certified: {4}",
                card.VocabularySize, card.MaxLength, card.Causal ? "causal" : "bidirectional", card.PrecisionBits,
                card.Certified.Length == 0 ? "none" : string.Join(", ", card.Certified));
            foreach (var line in card.CriticalPath) yield return "critical path: " + line;
        }
    }
}
