using Circuits.Generator.Emit;
using Circuits.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Circuits.Generator
{
    /// <summary>
    /// Compiles [MpcProgram] classes at build time: runs their [Round] methods with the staging interpreter against the
    /// real MpcBuilder, compiles the protocol with MpcCompiler (the same lowering and circuit compiler as everything else)
    /// and emits the class's members. Budgets, lower bounds and round costs are <see cref="MpcAnalyzer"/>'s to report.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class MpcGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline's steps.</summary>
        public static class Steps
        {
            public const string Programs = "MpcPrograms";
            public const string Diagnostics = "MpcDiagnostics";
            public const string Sources = "MpcSources";
            public const string ForwardPasses = "MpcForwardPasses";
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var programs = context.SyntaxProvider
                .ForAttributeWithMetadataName(MpcReader.MpcProgramAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => MpcProgramBuilder.Build(ctx, ct))
                .WithTrackingName(Steps.Programs);

            var diagnostics = programs.Select(static (r, _) => r.Diagnostics).WithTrackingName(Steps.Diagnostics);
            context.RegisterSourceOutput(diagnostics, static (spc, list) =>
            {
                foreach (var info in list) spc.ReportDiagnostic(info.ToDiagnostic());
            });

            var sources = programs.Select(static (r, _) => (r.Spec, r.CardSummary, r.ApiSource)).WithTrackingName(Steps.Sources);
            context.RegisterSourceOutput(sources, static (spc, item) =>
            {
                if (item.Spec is null) return;
                spc.AddSource(MpcSourceEmitter.HintName(item.Spec), MpcSourceEmitter.Emit(item.Spec, item.CardSummary, item.ApiSource != null));
                if (item.ApiSource != null) spc.AddSource(MpcSourceEmitter.ApiHintName(item.Spec), item.ApiSource);
            });

            var forward = programs.Select(static (r, _) => (r.Spec, r.ForwardSource)).WithTrackingName(Steps.ForwardPasses);
            context.RegisterImplementationSourceOutput(forward, static (spc, item) =>
            {
                if (item.Spec is null || item.ForwardSource is null) return;
                spc.AddSource(MpcSourceEmitter.ForwardHintName(item.Spec), item.ForwardSource);
                spc.AddSource(MpcSourceEmitter.RunHintName(item.Spec), MpcSourceEmitter.EmitRun(item.Spec));
            });
        }
    }
}
