using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Circuits.Compiler;
using Circuits.Generator.Diagnostics;
using Circuits.Generator.Emit;
using Circuits.Generator.Model;
using Circuits.Mpc;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Circuits.Generator.Pipeline
{
    /// <summary>
    /// Reads one [MpcProgram] class: sizes, [Round] methods in declaration order with their repeat counts at N, the state
    /// each passes to the next, the output, budgets and the declared task. Every problem is one CIRC0310 at the member at
    /// fault; the spec is null when the class cannot be generated for.
    /// </summary>
    internal static class MpcReader
    {
        public const string MpcProgramAttribute = "Circuits.MpcProgramAttribute";
        private const string RoundAttribute = "Circuits.RoundAttribute";
        private const string OutputAttribute = "Circuits.MpcOutputAttribute";
        private const string MpcBudgetAttribute = "Circuits.MpcBudgetAttribute";
        private const string BuilderType = "Circuits.Mpc.MpcBuilder";
        private const string RegisterType = "Circuits.Mpc.MpcRegister";

        /// <summary>The members the generator adds to an MPC class.</summary>
        private static readonly string[] GeneratedMembers =
        {
            "Protocol", "Model", "CreateEngine", "Card", "Forward", "Run", "Simulate", "Width", "MaxLength", "Layers", "VocabularySize",
            "__mpcProtocol", "__circuitModel", Circuits.Compiler.Emit.KernelEmitter.ClassName,
        };

        public sealed class Declaration
        {
            public Declaration(MpcSpec? spec, IReadOnlyList<IMethodSymbol> rounds, IMethodSymbol? output, AttributeData attribute)
            {
                Spec = spec; Rounds = rounds; Output = output; Attribute = attribute;
            }
            public MpcSpec? Spec { get; }
            public IReadOnlyList<IMethodSymbol> Rounds { get; }
            public IMethodSymbol? Output { get; }
            public AttributeData Attribute { get; }
        }

        private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
            .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static Declaration Read(INamedTypeSymbol type, ClassDeclarationSyntax syntax, AttributeData attribute, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var identifier = syntax.Identifier.GetLocation();
            bool usable = true;
            void Problem(Location? at, string message)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMpcDeclaration, at ?? identifier, message));
                usable = false;
            }
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                Problem(identifier, $"class '{type.Name}' is marked [MpcProgram] but is not partial; declare it 'static partial class {type.Name}' so the generator can add its members");
            if (type.ContainingType != null) Problem(identifier, $"class '{type.Name}' is nested in '{type.ContainingType.Name}'; declare MPC programs at namespace level");
            if (type.IsGenericType) Problem(identifier, $"class '{type.Name}' is generic; an MPC program compiles to one model, so declare it without type parameters");
            if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == CircuitReader.CircuitAttribute))
                Problem(identifier, $"class '{type.Name}' is marked both [Circuit] and [MpcProgram]; a class declares one program");
            if (Array.IndexOf(GeneratedMembers, type.Name) >= 0)
                Problem(identifier, $"class '{type.Name}' has the name of a member the generator adds ({string.Join(", ", GeneratedMembers)}); rename the class");
            foreach (var member in type.GetMembers())
            {
                if (Array.IndexOf(GeneratedMembers, member.Name) < 0 || member.IsImplicitlyDeclared) continue;
                var location = member.Locations.FirstOrDefault(l => l.IsInSource && !l.SourceTree!.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));
                if (location != null) Problem(location, $"'{member.Name}' in MPC class '{type.Name}' has the name of a member the generator adds ({string.Join(", ", GeneratedMembers)}); rename it");
            }

            int maxLength = CircuitReader.Named(attribute, "MaxLength", 64);
            int localMemory = CircuitReader.Named(attribute, "LocalMemory", 4);
            int wordRange = CircuitReader.Named(attribute, "WordRange", 0);
            var precision = (NumericType)CircuitReader.Named(attribute, "Precision", (int)NumericType.Float64);
            var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? identifier;
            if (maxLength < 1 || maxLength > 1 << 16) Problem(attributeLocation, $"MaxLength is {maxLength}; it must be 1..{1 << 16}");
            if (localMemory < 1) Problem(attributeLocation, $"LocalMemory is {localMemory}; a machine holds at least 1 word");
            if (wordRange < 0 || wordRange > 1 << 16) Problem(attributeLocation, $"WordRange is {wordRange}; it must be 1..{1 << 16}, or 0 for N");
            if (precision != NumericType.Float32 && precision != NumericType.Float64) Problem(attributeLocation, $"Precision {(int)precision} is not a known numeric type");
            if (wordRange == 0) wordRange = maxLength;

            var rounds = Marked(type, RoundAttribute, ct);
            var specs = new List<MpcRoundSpec>();
            ITypeSymbol? state = null;
            if (rounds.Count == 0) Problem(identifier, $"class '{type.Name}' declares no [Round] method; add 'static MpcRegister Name(MpcBuilder m)' marked [Round]");
            foreach (var method in rounds)
            {
                var at = method.Locations.FirstOrDefault();
                var round = method.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == RoundAttribute);
                var repeat = (RoundRepeat)CircuitReader.Named(round, "Repeat", (int)RoundRepeat.Once);
                int times = CircuitReader.Named(round, "Times", 0), plus = CircuitReader.Named(round, "Plus", 0);
                if (!Enum.IsDefined(typeof(RoundRepeat), repeat)) { Problem(at, $"[Round] on '{method.Name}': Repeat {(int)repeat} is not a RoundRepeat"); continue; }
                if (times < 0) { Problem(at, $"[Round] on '{method.Name}': Times is {times}; it cannot be negative"); continue; }
                if (repeat == RoundRepeat.Log2N && times != 0) { Problem(at, $"[Round] on '{method.Name}': Times applies to Repeat = Once; use Plus to adjust ⌈log2 N⌉"); continue; }
                int count = maxLength >= 1 ? MpcDeclaration.Repetitions(repeat, times, plus, Math.Min(maxLength, 1 << 16)) : 1;
                var problem = RoundProblem(method, state);
                if (problem != null) { Problem(at, $"[Round] method '{method.Name}' {problem}"); state = method.ReturnsVoid ? null : method.ReturnType; continue; }
                bool takesState = method.Parameters.Length >= 2 && method.Parameters[1].Type.SpecialType != SpecialType.System_Int32;
                bool takesIndex = method.Parameters.Length == 3 || (method.Parameters.Length == 2 && !takesState);
                bool repeats = repeat == RoundRepeat.Log2N || times > 1 || plus > 0;
                if (repeats && takesState && !SymbolEqualityComparer.Default.Equals(method.Parameters[1].Type, method.ReturnType))
                    Problem(at, $"[Round] method '{method.Name}' repeats, so it must return the state type it takes ({method.Parameters[1].Type.ToDisplayString()}), not {method.ReturnType.ToDisplayString()}");
                specs.Add(new MpcRoundSpec(method.Name, repeat, times, plus, count, takesState, takesIndex,
                    takesState ? method.Parameters[1].Type.ToDisplayString(FullyQualified) : "", method.ReturnType.ToDisplayString(FullyQualified)));
                state = method.ReturnType;
            }

            var outputs = Marked(type, OutputAttribute, ct);
            IMethodSymbol? output = null;
            if (outputs.Count > 1) Problem(outputs[1].Locations.FirstOrDefault(), $"class '{type.Name}' has several [MpcOutput] methods ({string.Join(", ", outputs.Select(o => o.Name))}); mark one");
            else if (outputs.Count == 1)
            {
                output = outputs[0];
                var at = output.Locations.FirstOrDefault();
                if (!output.IsStatic || output.IsGenericMethod || output.Parameters.Length != 1 || output.ReturnType.ToDisplayString() != RegisterType || !HasBody(output, ct))
                    Problem(at, $"[MpcOutput] method '{output.Name}' must be 'static MpcRegister {output.Name}(S state)' with a body, where S is what the last round returns");
                else if (state != null && !SymbolEqualityComparer.Default.Equals(output.Parameters[0].Type, state))
                    Problem(at, $"[MpcOutput] method '{output.Name}' takes {output.Parameters[0].Type.ToDisplayString()}, but the last round returns {state.ToDisplayString()}");
            }
            else if (state != null && state.ToDisplayString() != RegisterType && rounds.Count > 0)
                Problem(rounds[rounds.Count - 1].Locations.FirstOrDefault(),
                    $"the last [Round] method '{rounds[rounds.Count - 1].Name}' returns {state.ToDisplayString()}, not the output register; return an MpcRegister or add '[MpcOutput] static MpcRegister Output({state.ToDisplayString()} state)'");

            var (task, k) = CircuitReader.ReadComputes(type);
            var spec = usable
                ? new MpcSpec(CSharpNames.Namespace(type.ContainingNamespace), type.Name, type.IsStatic, maxLength, localMemory, wordRange, precision,
                    EquatableArray.From(specs), output?.Name, output is null ? "" : output.Parameters[0].Type.ToDisplayString(FullyQualified),
                    CircuitReader.ReadBudget(type), ReadMpcBudget(type), task, k,
                    CSharpNames.HintStem(CircuitReader.QualifiedName(type), CircuitReader.HasCaseTwin(type)))
                : null;
            return new Declaration(spec, rounds, output, attribute);
        }

        /// <summary>Why a [Round] method cannot be a round (null when it can), given the state the previous round returns.</summary>
        private static string? RoundProblem(IMethodSymbol method, ITypeSymbol? previous)
        {
            const string shapes = "; a round is 'static S Name(MpcBuilder m)', 'static S Name(MpcBuilder m, P state)' or 'static S Name(MpcBuilder m, P state, int j)' ('j' the repetition, P what the previous round returns)";
            if (!method.IsStatic) return "is not static" + shapes;
            if (method.IsGenericMethod) return "is generic" + shapes;
            if (method.ReturnsVoid) return "returns nothing; return the state for the next round (or the output register)" + shapes;
            if (method.ReturnType.TypeKind == TypeKind.Error) return null;
            var p = method.Parameters;
            if (p.Length == 0 || p.Length > 3 || p[0].Type.ToDisplayString() != BuilderType) return "must take the MpcBuilder first" + shapes;
            if (p.Any(x => x.RefKind != RefKind.None)) return "takes a ref/out parameter" + shapes;
            if (p.Length == 3 && p[2].Type.SpecialType != SpecialType.System_Int32) return "must take the repetition as an int" + shapes;
            bool takesState = p.Length >= 2 && !(p.Length == 2 && p[1].Type.SpecialType == SpecialType.System_Int32);
            if (takesState && previous is null) return "takes a state, but no round before it returns one" + shapes;
            if (takesState && !SymbolEqualityComparer.Default.Equals(p[1].Type, previous))
                return $"takes {p[1].Type.ToDisplayString()}, but the round before it returns {previous!.ToDisplayString()}";
            return null;
        }

        /// <summary>Methods with the attribute, in declaration order (file, then position).</summary>
        private static List<IMethodSymbol> Marked(INamedTypeSymbol type, string attribute, CancellationToken ct)
            => type.GetMembers().OfType<IMethodSymbol>()
                .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attribute))
                .OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? "", StringComparer.Ordinal)
                .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
                .ToList();

        private static bool HasBody(IMethodSymbol method, CancellationToken ct)
            => method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<MethodDeclarationSyntax>().Any(d => d.Body != null || d.ExpressionBody != null);

        /// <summary>[MpcBudget] on the class (none without it).</summary>
        public static MpcBudgetSpec ReadMpcBudget(INamedTypeSymbol type)
        {
            var budget = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == MpcBudgetAttribute);
            if (budget is null) return MpcBudgetSpec.None;
            return new MpcBudgetSpec(CircuitReader.Named(budget, "Rounds", 0), CircuitReader.Named(budget, "Memory", 0),
                CircuitReader.Named(budget, "Sends", 0), CircuitReader.Named(budget, "Receives", 0));
        }
    }
}
