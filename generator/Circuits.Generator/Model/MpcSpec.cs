using Circuits.Compiler;
using Circuits.Generator.Emit;
using Circuits.Mpc;

namespace Circuits.Generator.Model
{
    /// <summary>The declared MPC budget per machine and round (0 = unconstrained), read from [MpcBudget].</summary>
    public sealed record MpcBudgetSpec(int Rounds, int Memory, int Sends, int Receives)
    {
        public static MpcBudgetSpec None { get; } = new MpcBudgetSpec(0, 0, 0, 0);

        /// <summary>The core's budget, for its pure rule checks.</summary>
        public MpcBudget ToCore() => new MpcBudget { Rounds = Rounds, Memory = Memory, Sends = Sends, Receives = Receives };
    }

    /// <summary>
    /// One [Round] method: its name, how often it runs at N, and its signature (whether it takes the state and the
    /// repetition index; <see cref="StateType"/> and <see cref="ReturnType"/> are fully qualified C# for the generated casts).
    /// </summary>
    public sealed record MpcRoundSpec(string Method, RoundRepeat Repeat, int Times, int Plus, int Count, bool TakesState, bool TakesIndex, string StateType, string ReturnType)
    {
        /// <summary>The method's name as C# source.</summary>
        public string MethodIdentifier => CSharpNames.Identifier(Method);
    }

    /// <summary>What one [MpcProgram] class declares: where it lives, its sizes, its rounds and output, budgets and task.</summary>
    public sealed record MpcSpec(
        string? Namespace,
        string ClassName,
        bool IsStatic,
        int MaxLength,
        int LocalMemory,
        int WordRange,
        NumericType Precision,
        EquatableArray<MpcRoundSpec> Rounds,
        string? OutputMethod,
        string OutputStateType,
        BudgetSpec Budget,
        MpcBudgetSpec MpcBudget,
        KnownTask Computes,
        int ComputesK,
        string HintStem)
    {
        /// <summary>The class name as C# source.</summary>
        public string ClassIdentifier => CSharpNames.Identifier(ClassName);
    }

    /// <summary>Everything the generator produces for one [MpcProgram] class (spec null when unusable).</summary>
    public sealed record MpcResult(
        MpcSpec? Spec,
        EquatableArray<string> CardSummary,
        string? ApiSource,
        string? ForwardSource,
        EquatableArray<DiagnosticInfo> Diagnostics);
}
