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
    /// checks, so the IDE shows them even when generation is skipped. Both read the compiled model's card (layers, heads,
    /// width; the precision from [Circuit]), which comes from the generator's memo (compiled once per program fingerprint),
    /// so the analyzer and the generator share one compilation of each program. Lower bounds also judge a declared budget,
    /// and fall back to it alone when the program does not compile. The sampled comparison with the task (CIRC0404) is
    /// the generator's: it runs once with the weights.
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
            bool budgeted = !budget.Equals(BudgetSpec.None);
            if (task == KnownTask.None && !budgeted) return;
            var (maxLength, precision) = CircuitReader.ReadLengthAndPrecision(circuit);
            var declaration = Declaration(context, type, circuit);
            bool inFloat64 = false;
            var model = declaration is null ? null : CompiledModel(context, declaration, out inFloat64);
            if (task != KnownTask.None)
            {
                // The model's own layers, heads, width and precision when it compiled (and the budget, if any); otherwise
                // the budget alone, so a declared envelope is still judged when the program does not compile.
                var findings = model != null && !inFloat64
                    ? LowerBounds.Check(task, k, model.Card, precision, budgeted ? budget.ToCore() : null)
                    : LowerBounds.Check(task, k, maxLength, budget.ToCore(), precision, declaration?.Spec?.Vocabulary.Length ?? 0);
                Report(context, type, ComputesAttribute, findings);
            }
            if (budgeted && model != null)
            {
                var findings = BudgetRules.Check(model.Card, budget.ToCore());
                if (inFloat64)
                    findings = findings.Select(f => new RuleFinding(f.Code, f.Severity, f.Message + " (Measured on the float64 model: float32 cannot certify this program, CIRC0201.)")).ToList();
                Report(context, type, BudgetAttribute, findings);
            }
        }

        /// <summary>The class's declaration when it can be compiled (declaration problems are the generator's to report).</summary>
        private static CircuitReader.Declaration? Declaration(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData circuit)
        {
            var syntax = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<ClassDeclarationSyntax>().FirstOrDefault();
            if (syntax is null) return null;
            var declaration = CircuitReader.Read(type, syntax, circuit, new List<DiagnosticInfo>(), context.CancellationToken);
            return declaration.Spec is null || declaration.Program is null || declaration.ProgramSyntax is null || declaration.Spec.ClassName.Length == 0 ? null : declaration;
        }

        /// <summary>The generator's compiled model (memoized per program fingerprint), or null when the program does not compile.</summary>
        private static CompiledModel? CompiledModel(SymbolAnalysisContext context, CircuitReader.Declaration declaration, out bool inFloat64)
        {
            inFloat64 = false;
            try
            {
                // Program errors are the generator's to report; here only the card matters.
                return CircuitBuilder.ModelForBudget(context.Compilation, declaration, context.CancellationToken, out inFloat64);
            }
            catch (System.OperationCanceledException)
            {
                throw;
            }
            catch (System.Exception)
            {
                return null; // the generator reports it (CIRC0900); an analyzer must not throw
            }
        }

        /// <summary>Reports findings at the attribute that declared what they check (else at the class name).</summary>
        internal static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, string attributeName, IReadOnlyList<RuleFinding> findings)
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
