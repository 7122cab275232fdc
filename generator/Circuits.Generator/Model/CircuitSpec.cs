using Circuits.Compiler;
using Circuits.Generator.Emit;

namespace Circuits.Generator.Model
{
    /// <summary>The declared resource budget (0 = unconstrained), read from [Budget] over [assembly: CircuitBudget].</summary>
    public sealed record BudgetSpec(int Layers, int Width, int HeadsPerLayer, long Parameters, int Bits)
    {
        public static BudgetSpec None { get; } = new BudgetSpec(0, 0, 0, 0, 0);

        /// <summary>The core's budget, for its pure rule checks.</summary>
        public Budget ToCore() => new Budget { Layers = Layers, Width = Width, HeadsPerLayer = HeadsPerLayer, Parameters = Parameters, Bits = Bits };
    }

    /// <summary>
    /// What one [Circuit] class declares: where it lives and what it compiles for. <see cref="Namespace"/> is C# source
    /// (keywords escaped); <see cref="ClassName"/> and <see cref="ProgramMethod"/> are the symbols' names (their values).
    /// </summary>
    public sealed record CircuitSpec(
        string? Namespace,
        string ClassName,
        bool IsStatic,
        string ProgramMethod,
        string Vocabulary,
        int MaxLength,
        bool Causal,
        NumericType Precision,
        BudgetSpec Budget,
        KnownTask Computes,
        int K,
        string HintStem)
    {
        /// <summary>The class name as C# source.</summary>
        public string ClassIdentifier => CSharpNames.Identifier(ClassName);

        /// <summary>The [Program] method's name as C# source.</summary>
        public string ProgramIdentifier => CSharpNames.Identifier(ProgramMethod);
    }

    /// <summary>
    /// Everything the generator produces for one [Circuit] class: the spec (null when the declaration is unusable),
    /// the build-time card summary, the public surface of the specialised forward pass (partial declarations, small)
    /// and its implementation (weights and kernels), and diagnostics.
    /// </summary>
    public sealed record CircuitResult(
        CircuitSpec? Spec,
        EquatableArray<string> CardSummary,
        string? ApiSource,
        string? ForwardSource,
        EquatableArray<DiagnosticInfo> Diagnostics);
}
