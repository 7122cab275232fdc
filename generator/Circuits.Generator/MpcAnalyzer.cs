using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Circuits.Compiler;
using Circuits.Generator.Diagnostics;
using Circuits.Generator.Model;
using Circuits.Generator.Pipeline;
using Circuits.Mpc;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Circuits.Generator
{
    /// <summary>
    /// Reports the core's MPC rules on [MpcProgram] classes: the budgets of [MpcBudget] (CIRC0301–0304, at the attribute),
    /// the model budgets of [Budget] (CIRC0101–0105, as for circuits), lower bounds for a declared graph task (CIRC0305
    /// conditional on the 1-vs-2 cycle conjecture, CIRC0306 one layer; at [Computes]) and each round method's cost
    /// (CIRC0307, information, at the method). The protocol and model come from the generator's memo, so the analyzer and
    /// the generator share one compilation of each program.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MpcAnalyzer : DiagnosticAnalyzer
    {
        private const string ComputesAttribute = "Circuits.ComputesAttribute";
        private const string BudgetAttribute = "Circuits.BudgetAttribute";
        private const string MpcBudgetAttribute = "Circuits.MpcBudgetAttribute";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.MpcMemoryOverBudget, DiagnosticDescriptors.MpcSendsOverBudget, DiagnosticDescriptors.MpcReceivesOverBudget,
            DiagnosticDescriptors.MpcRoundsOverBudget, DiagnosticDescriptors.MpcConjectureDepth, DiagnosticDescriptors.MpcOneLayerGraph,
            DiagnosticDescriptors.MpcRoundCost,
            DiagnosticDescriptors.LayersOverBudget, DiagnosticDescriptors.WidthOverBudget, DiagnosticDescriptors.HeadsOverBudget,
            DiagnosticDescriptors.ParametersOverBudget, DiagnosticDescriptors.BitsOverBudget);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
        }

        private static void Analyze(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == MpcReader.MpcProgramAttribute);
            if (attribute is null) return;
            var syntax = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<ClassDeclarationSyntax>().FirstOrDefault();
            if (syntax is null) return;
            var declaration = MpcReader.Read(type, syntax, attribute, new List<DiagnosticInfo>(), context.CancellationToken);
            if (declaration.Spec is null || declaration.Spec.ClassName.Length == 0) return; // declaration problems are the generator's
            (MpcProtocol Protocol, CompiledModel Model)? compiled;
            try
            {
                compiled = MpcProgramBuilder.ModelForRules(context.Compilation, type, declaration, context.CancellationToken);
            }
            catch (System.OperationCanceledException)
            {
                throw;
            }
            catch (System.Exception)
            {
                return; // the generator reports it (CIRC0900); an analyzer must not throw
            }
            if (compiled is null) return;
            var (protocol, model) = compiled.Value;
            var spec = declaration.Spec;

            if (!spec.MpcBudget.Equals(MpcBudgetSpec.None))
                CircuitAnalyzer.Report(context, type, MpcBudgetAttribute, MpcRules.Check(protocol, spec.MpcBudget.ToCore()));
            if (!spec.Budget.Equals(BudgetSpec.None))
                CircuitAnalyzer.Report(context, type, BudgetAttribute, BudgetRules.Check(model.Card, spec.Budget.ToCore()));
            if (spec.Computes != KnownTask.None)
                CircuitAnalyzer.Report(context, type, ComputesAttribute, MpcRules.LowerBoundFindings(spec.Computes, model.Card, spec.Precision));
            ReportCosts(context, declaration, protocol);
        }

        /// <summary>One CIRC0307 per round method: the rounds it ran and what each costs.</summary>
        private static void ReportCosts(SymbolAnalysisContext context, MpcReader.Declaration declaration, MpcProtocol protocol)
        {
            var costs = MpcRules.Costs(protocol);
            int next = 0;
            for (int r = 0; r < declaration.Spec!.Rounds.Count; r++)
            {
                var round = declaration.Spec.Rounds[r];
                var mine = costs.Skip(next).Take(round.Count).ToList();
                next += round.Count;
                string what = mine.Count == 0
                    ? string.Format(System.Globalization.CultureInfo.InvariantCulture, "[Round] '{0}' runs 0 times at N = {1}", round.Method, protocol.MaxLength)
                    : string.Format(System.Globalization.CultureInfo.InvariantCulture, "[Round] '{0}' runs {1} time(s) at N = {2} (rounds {3}–{4}): {5}",
                        round.Method, mine.Count, protocol.MaxLength, mine[0].Round.Number, mine[mine.Count - 1].Round.Number,
                        string.Join(" | ", mine.Select(c => c.Describe(protocol.LocalMemory))));
                var location = declaration.Rounds[r].Locations.FirstOrDefault();
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MpcRoundCost, location, what));
            }
        }
    }
}
