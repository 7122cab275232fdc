using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Circuits.Compiler;
using Circuits.Compiler.Emit;
using Circuits.Generator.Diagnostics;
using Circuits.Generator.Interpreter;
using Circuits.Generator.Model;
using Circuits.Mpc;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Circuits.Generator.Pipeline
{
    /// <summary>
    /// The transform for [MpcProgram] classes: declaration → rounds run by the staging interpreter against the real
    /// <see cref="MpcBuilder"/> (through <see cref="MpcDeclaration.Build"/>, as the generated code does at run time) →
    /// <see cref="MpcCompiler"/> → equatable result. Never throws (except cancellation): an unexpected failure is one CIRC0900.
    /// </summary>
    internal static class MpcProgramBuilder
    {
        public static MpcResult Build(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            try
            {
                var type = (INamedTypeSymbol)context.TargetSymbol;
                var first = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == MpcReader.MpcProgramAttribute)?.ApplicationSyntaxReference;
                var own = context.Attributes[0].ApplicationSyntaxReference;
                if (first != null && own != null && (first.SyntaxTree != own.SyntaxTree || first.Span != own.Span)) return Result(null, null, null, null, diagnostics);
                var declaration = MpcReader.Read(type, syntax, context.Attributes[0], diagnostics, ct);
                if (declaration.Spec is null || declaration.Spec.ClassName.Length == 0) return Result(null, null, null, null, diagnostics);
                var compiled = Compile(context.SemanticModel.Compilation, type, declaration, diagnostics, ct);
                if (compiled?.Entry.Model is null) return Result(declaration.Spec, null, null, null, diagnostics);
                // The model was checked against its declared task once, when it was built; a mismatch is re-reported from the memo.
                var spec = declaration.Spec;
                var mismatch = compiled.Value.Entry.Computes is { } report ? ComputesCheck.Finding(compiled.Value.Entry.Model, spec.Computes, spec.ComputesK, report) : null;
                if (mismatch != null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComputesMismatch,
                        CircuitReader.ComputesLocation(type, ct) ?? syntax.Identifier.GetLocation(), mismatch.Message));
                return Result(declaration.Spec, compiled.Value.Entry.Model, compiled.Value.Entry.Api, compiled.Value.Entry.Forward, diagnostics);
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

        private static readonly CompileMemo Memo = new CompileMemo(capacity: 32);

        /// <summary>How many times MPC programs named <paramref name="className"/> were compiled in this process (tests).</summary>
        internal static int Compilations(string className) => Memo.Compilations("mpc:" + className);

        /// <summary>
        /// Runs the rounds (a fresh interpretation: the protocol is cheap) and compiles the protocol unless an identical one
        /// (same fingerprint, same sizes) was compiled before; null, with diagnostics, when the declaration does not build.
        /// </summary>
        internal static (MpcProtocol Protocol, CompileMemo.Entry Entry)? Compile(Compilation compilation, INamedTypeSymbol type, MpcReader.Declaration declaration,
            List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var spec = declaration.Spec!;
            var classLocation = type.Locations.FirstOrDefault();
            var interpreter = new StagingInterpreter(compilation, ct);
            try
            {
                var protocol = Stage(interpreter, spec, declaration, ct);
                string key = MemoKey.For(spec, interpreter.Fingerprint());
                var entry = Memo.GetOrAdd(key, "mpc:" + spec.ClassName, () =>
                {
                    try
                    {
                        var compiledProtocol = MpcCompiler.Compile(protocol, spec.Precision);
                        var model = compiledProtocol.Model;
                        return new CompileMemo.Entry(model, null,
                            ForwardPassEmitter.EmitDeclarations(model, spec.Namespace, spec.ClassIdentifier),
                            ForwardPassEmitter.EmitImplementation(model, spec.Namespace, spec.ClassIdentifier),
                            spec.Computes == KnownTask.None ? null : MpcComputesCheck.Run(compiledProtocol, spec.Computes, spec.ComputesK));
                    }
                    catch (CompileException e)
                    {
                        return new CompileMemo.Entry(null, e, null, null, offender: interpreter.CreationIndex(Register(protocol, e)));
                    }
                });
                if (entry.Error != null)
                {
                    // Local code no exact MLP computes (or any other refusal): at the call that wrote the register at fault.
                    var at = interpreter.CreatedAt(entry.Offender)?.GetLocation() ?? classLocation;
                    var descriptor = DiagnosticDescriptors.ForCoreError(entry.Error.Error);
                    diagnostics.Add(descriptor != null
                        ? DiagnosticInfo.Create(descriptor, at, entry.Error.Message)
                        : DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, at, entry.Error.Code + ": " + entry.Error.Message));
                    return null;
                }
                return (protocol, entry);
            }
            catch (InterpretException e)
            {
                diagnostics.Add(DiagnosticInfo.Create(e.Descriptor, e.Node?.GetLocation() ?? classLocation, e.Arguments));
            }
            catch (SourceHasErrorsException)
            {
                // The C# compiler reports the errors.
            }
            catch (CompileException e)
            {
                var descriptor = DiagnosticDescriptors.ForCoreError(e.Error);
                diagnostics.Add(DiagnosticInfo.Create(descriptor ?? DiagnosticDescriptors.InternalError, classLocation, e.Message));
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is InvalidCastException)
            {
                // The builder's own refusals (no round runs, a statement before a round, the output is not a register, ...).
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMpcDeclaration, classLocation, InterpretException.Describe(e)));
            }
            return null;
        }

        /// <summary>The protocol the declaration builds: its rounds interpreted in order by the core's own sequencing.</summary>
        private static MpcProtocol Stage(StagingInterpreter interpreter, MpcSpec spec, MpcReader.Declaration declaration, CancellationToken ct)
        {
            var rounds = new List<MpcRoundDeclaration>();
            for (int r = 0; r < spec.Rounds.Count; r++)
            {
                var round = spec.Rounds[r];
                var method = declaration.Rounds[r];
                var site = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) ?? throw new InvalidOperationException("round '" + round.Method + "' has no source");
                rounds.Add(new MpcRoundDeclaration(round.Method, round.Count, (m, state, j) =>
                {
                    var args = new List<object?> { m };
                    if (round.TakesState) args.Add(state);
                    if (round.TakesIndex) args.Add(j);
                    return interpreter.RunMethod(method, args.ToArray(), site);
                }));
            }
            Func<object?, MpcRegister>? output = null;
            if (declaration.Output is { } o)
            {
                var site = o.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) ?? throw new InvalidOperationException("output method has no source");
                output = state => interpreter.RunMethod(o, new[] { state }, site) as MpcRegister
                    ?? throw new InterpretException(DiagnosticDescriptors.EvaluationFailed, site, "the [MpcOutput] method returned no register");
            }
            return MpcDeclaration.Build(spec.ClassName, spec.MaxLength, spec.LocalMemory, spec.WordRange, rounds, output);
        }

        /// <summary>
        /// The register a compile error is about: the compiler names the IR node the lowering built for it, and the lowering
        /// names each node after its register (a round-boundary copy adds " (kept)"). Repeated rounds write registers of one
        /// name from one call, so the first is the statement to point at.
        /// </summary>
        private static MpcRegister? Register(MpcProtocol protocol, CompileException e)
        {
            string? name = (e.Offender as SOp)?.Name ?? (e.Offender as Selector)?.Name ?? e.Node;
            if (name is null) return null;
            const string kept = " (kept)";
            if (name.EndsWith(kept, StringComparison.Ordinal)) name = name.Substring(0, name.Length - kept.Length);
            return protocol.Rounds.SelectMany(r => r.Statements).Select(s => s.Target).FirstOrDefault(t => t.Name == name)
                ?? protocol.Registers.FirstOrDefault(r => r.Name == name);
        }

        /// <summary>The model and protocol budget rules measure, or null when the declaration does not compile.</summary>
        internal static (MpcProtocol Protocol, CompiledModel Model)? ModelForRules(Compilation compilation, INamedTypeSymbol type, MpcReader.Declaration declaration, CancellationToken ct)
        {
            var compiled = Compile(compilation, type, declaration, new List<DiagnosticInfo>(), ct);
            return compiled is { } c && c.Entry.Model != null ? (c.Protocol, c.Entry.Model) : null;
        }

        private static MpcResult Result(MpcSpec? spec, CompiledModel? model, string? api, string? forward, List<DiagnosticInfo> diagnostics)
            => new MpcResult(spec, EquatableArray.From(model is null ? Array.Empty<string>() : CardSummary(model.Card)), api, forward, EquatableArray.From(diagnostics));

        /// <summary>The build-time card with its MPC section, as the lines of the generated file's header comment.</summary>
        private static IEnumerable<string> CardSummary(ModelCard card)
        {
            foreach (var line in CircuitBuilder.CardSummary(card)) yield return line;
            if (card.Mpc is { } mpc)
            {
                yield return $"MPC: R = {mpc.Rounds} rounds, q = {mpc.Machines} machines, s = {mpc.LocalMemory} words, W = {mpc.WordRange}; L = {mpc.Layers} layers beside the theorem's R + 1 = {mpc.TheoremLayers}";
                foreach (var cost in mpc.RoundCosts) yield return cost;
                yield return "routing: " + mpc.Routing;
            }
        }
    }
}
