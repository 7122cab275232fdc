using System.Collections.Immutable;
using System.Linq;
using Circuits.Compiler;
using Circuits.Generator.Diagnostics;
using Circuits.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Circuits.Generator
{
    /// <summary>
    /// Reports the lower-bound rules (CIRC0401–0403) from a [Circuit] class's declaration alone — [Computes], [Budget],
    /// MaxLength, Precision — with the core's pure checks, so the IDE shows them even when generation is skipped or the
    /// program does not compile. Budget overages need the compiled model and come from the generator.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CircuitAnalyzer : DiagnosticAnalyzer
    {
        private const string CircuitAttribute = "Circuits.CircuitAttribute";
        private const string ComputesAttribute = "Circuits.ComputesAttribute";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
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
            var (task, k) = CircuitReader.ReadComputes(type);
            if (task == KnownTask.None) return;
            var (maxLength, precision) = CircuitReader.ReadLengthAndPrecision(circuit);
            var findings = LowerBounds.Check(task, k, maxLength, CircuitReader.ReadBudget(type).ToCore(), precision);
            if (findings.Count == 0) return;
            var computes = type.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == ComputesAttribute);
            var location = computes.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations.FirstOrDefault();
            foreach (var finding in findings)
            {
                var descriptor = DiagnosticDescriptors.ForRule(finding.Code);
                if (descriptor != null) context.ReportDiagnostic(Diagnostic.Create(descriptor, location, finding.Message));
            }
        }
    }
}
