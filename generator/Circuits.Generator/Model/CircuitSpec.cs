using Circuits.Compiler;

namespace Circuits.Generator.Model
{
    /// <summary>The declared resource budget (0 = unconstrained), read from [Budget] over [assembly: CircuitBudget].</summary>
    public sealed record BudgetSpec(int Layers, int Width, int HeadsPerLayer, long Parameters, int Bits)
    {
        public static BudgetSpec None { get; } = new BudgetSpec(0, 0, 0, 0, 0);

        /// <summary>The core's budget, for its pure rule checks.</summary>
        public Budget ToCore() => new Budget { Layers = Layers, Width = Width, HeadsPerLayer = HeadsPerLayer, Parameters = Parameters, Bits = Bits };
    }

    /// <summary>What one [Circuit] class declares: where it lives and what it compiles for.</summary>
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
        int K)
    {
        /// <summary>Deterministic hint-name stem: namespace + class.</summary>
        public string HintStem => string.IsNullOrEmpty(Namespace) ? ClassName : Namespace + "." + ClassName;
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
