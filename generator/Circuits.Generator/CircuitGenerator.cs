using Circuits.Generator.Emit;
using Circuits.Generator.Model;
using Circuits.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Circuits.Generator
{
    /// <summary>
    /// Compiles [Circuit] classes at build time: finds them by attribute, stages their [Program] method into IR, compiles
    /// it with the compiler core and emits the class's generated members. Diagnostics travel as data and are reported
    /// from their own output, so a cached result re-reports without re-running anything.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class CircuitGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline's steps (tests assert they stay cached across unrelated edits).</summary>
        public static class Steps
        {
            public const string Circuits = "Circuits";
            public const string Diagnostics = "CircuitDiagnostics";
            public const string Sources = "CircuitSources";
            public const string ForwardPasses = "CircuitForwardPasses";
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var circuits = context.SyntaxProvider
                .ForAttributeWithMetadataName(CircuitReader.CircuitAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => CircuitBuilder.Build(ctx, ct))
                .WithTrackingName(Steps.Circuits);

            var diagnostics = circuits.Select(static (r, _) => r.Diagnostics).WithTrackingName(Steps.Diagnostics);
            context.RegisterSourceOutput(diagnostics, static (spc, list) =>
            {
                foreach (var info in list) spc.ReportDiagnostic(info.ToDiagnostic());
            });

            // The model and the public surface (small) are visible to the IDE; the weights and kernels are implementation-only.
            var sources = circuits.Select(static (r, _) => (r.Spec, r.CardSummary, r.ApiSource)).WithTrackingName(Steps.Sources);
            context.RegisterSourceOutput(sources, static (spc, item) =>
            {
                if (item.Spec is null) return;
                spc.AddSource(CircuitSourceEmitter.HintName(item.Spec), CircuitSourceEmitter.Emit(item.Spec, item.CardSummary, item.Spec.IsStatic));
                if (item.ApiSource != null) spc.AddSource(CircuitSourceEmitter.ApiHintName(item.Spec), item.ApiSource);
            });

            var forward = circuits.Select(static (r, _) => (r.Spec, r.ForwardSource)).WithTrackingName(Steps.ForwardPasses);
            context.RegisterImplementationSourceOutput(forward, static (spc, item) =>
            {
                if (item.Spec is null || item.ForwardSource is null) return;
                spc.AddSource(CircuitSourceEmitter.ForwardHintName(item.Spec), item.ForwardSource);
            });
        }
    }
}
