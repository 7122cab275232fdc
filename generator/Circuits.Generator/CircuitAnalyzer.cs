using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Circuits.Compiler;
using Circuits.Generator.Diagnostics;
using Circuits.Generator.Model;
using Circuits.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Circuits.Generator
{
    /// <summary>
    /// Reports budgets (CIRC0101–0105, at [Budget]) and lower bounds (CIRC0401–0403, at [Computes]) with the core's pure
    /// checks, so the IDE shows them even when generation is skipped. Lower bounds need only the declaration; budget
    /// overages need the compiled model, which comes from the generator's memo (compiled once per program fingerprint),
    /// so the analyzer and the generator share one compilation of each program.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CircuitAnalyzer : DiagnosticAnalyzer
    {
        private const string CircuitAttribute = "Circuits.CircuitAttribute";
        private const string ComputesAttribute = "Circuits.ComputesAttribute";
        private const string BudgetAttribute = "Circuits.BudgetAttribute";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.LayersOverBudget, DiagnosticDescriptors.WidthOverBudget, DiagnosticDescriptors.HeadsOverBudget,
            DiagnosticDescriptors.ParametersOverBudget, DiagnosticDescriptors.BitsOverBudget,
            DiagnosticDescriptors.OneLayerInductionHead, DiagnosticDescriptors.KHopDepth, DiagnosticDescriptors.OneLayerGraph);

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
            var circuit = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == CircuitAttribute);
            if (circuit is null) return;
            var budget = CircuitReader.ReadBudget(type);
            var (task, k) = CircuitReader.ReadComputes(type);
            if (task != KnownTask.None)
            {
                var (maxLength, precision) = CircuitReader.ReadLengthAndPrecision(circuit);
                Report(context, type, ComputesAttribute, LowerBounds.Check(task, k, maxLength, budget.ToCore(), precision));
            }
            if (budget.Equals(BudgetSpec.None)) return;
            var syntax = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<ClassDeclarationSyntax>().FirstOrDefault();
            if (syntax is null) return;
            // Declaration and program errors are the generator's to report; here only the card matters.
            var ignored = new List<DiagnosticInfo>();
            var declaration = CircuitReader.Read(type, syntax, circuit, ignored, context.CancellationToken);
            if (declaration.Spec is null || declaration.Program is null || declaration.ProgramSyntax is null || declaration.Spec.ClassName.Length == 0) return;
            CompileMemo.Entry? entry;
            try
            {
                entry = CircuitBuilder.Compile(context.Compilation, declaration, ignored, context.CancellationToken);
            }
            catch (System.OperationCanceledException)
            {
                throw;
            }
            catch (System.Exception)
            {
                return; // the generator reports it (CIRC0900); an analyzer must not throw
            }
            if (entry?.Model is null) return;
            Report(context, type, BudgetAttribute, BudgetRules.Check(entry.Model.Card, budget.ToCore()));
        }

        /// <summary>Reports findings at the attribute that declared what they check (else at the class name).</summary>
        private static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, string attributeName, IReadOnlyList<RuleFinding> findings)
        {
            if (findings.Count == 0) return;
            var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == attributeName);
            var location = attribute?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations.FirstOrDefault();
            foreach (var finding in findings)
            {
                var descriptor = DiagnosticDescriptors.ForRule(finding.Code);
                if (descriptor != null) context.ReportDiagnostic(Diagnostic.Create(descriptor, location, finding.Message));
            }
        }
    }
}
