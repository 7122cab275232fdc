using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Circuits.Compiler;
using Circuits.Generator.Diagnostics;
using Circuits.Generator.Emit;
using Circuits.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Circuits.Generator.Pipeline
{
    /// <summary>
    /// Reads one [Circuit] class's declaration: attribute values, the budget, the declared task and the [Program] method.
    /// Declaration problems (CIRC0001–0006) are collected here; the spec is null when the class cannot be generated for.
    /// </summary>
    internal static class CircuitReader
    {
        public const string CircuitAttribute = "Circuits.CircuitAttribute";
        private const string ProgramAttribute = "Circuits.ProgramAttribute";
        private const string BudgetAttribute = "Circuits.BudgetAttribute";
        private const string AssemblyBudgetAttribute = "Circuits.CircuitBudgetAttribute";
        private const string ComputesAttribute = "Circuits.ComputesAttribute";

        /// <summary>The members the generator and the emitted forward pass add to a circuit class (the last three private).</summary>
        private static readonly string[] GeneratedMembers =
        {
            "Model", "CreateEngine", "Card", "Forward", "Run", "Width", "MaxLength", "Layers", "VocabularySize",
            "__circuitModel", "__CircuitOptions", Circuits.Compiler.Emit.KernelEmitter.ClassName,
        };

        /// <summary>Type names as C# writes them, fully qualified without "global::" (what CIRC0005 names).</summary>
        private static readonly SymbolDisplayFormat QualifiedFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        public sealed class Declaration
        {
            public Declaration(CircuitSpec? spec, IMethodSymbol? program, MethodDeclarationSyntax? programSyntax, AttributeData attribute)
            {
                Spec = spec; Program = program; ProgramSyntax = programSyntax; Attribute = attribute;
            }
            public CircuitSpec? Spec { get; }
            public IMethodSymbol? Program { get; }
            public MethodDeclarationSyntax? ProgramSyntax { get; }
            public AttributeData Attribute { get; }
        }

        public static Declaration Read(INamedTypeSymbol type, ClassDeclarationSyntax syntax, AttributeData attribute, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var identifier = syntax.Identifier.GetLocation();
            bool usable = true;
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, identifier, type.Name));
                usable = false;
            }
            if (type.ContainingType != null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedCircuitClass, identifier, type.Name, type.ContainingType.Name));
                usable = false;
            }
            if (type.IsGenericType)
            {
                // One model per class: a type parameter could not change the weights, and Gen<T>.Run would need one to be called.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericCircuitClass, identifier, type.ToDisplayString(QualifiedFormat)));
                usable = false;
            }
            // Nor the class itself: C# forbids a member named like its class (CS0542 inside the generated files).
            if (System.Array.IndexOf(GeneratedMembers, type.Name) >= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNamedLikeAMember, identifier, type.Name, string.Join(", ", GeneratedMembers)));
                usable = false;
            }
            // The user's own members must not take the generated names (C# would only say "already contains a definition").
            foreach (var member in type.GetMembers())
            {
                if (System.Array.IndexOf(GeneratedMembers, member.Name) < 0 || member.IsImplicitlyDeclared) continue;
                var location = member.Locations.FirstOrDefault(l => l.IsInSource && !l.SourceTree!.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal));
                if (location is null) continue;
                // Generating anyway would add a second definition (CS0102) inside the generated files.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedMemberClash, location, member.Name, type.Name, string.Join(", ", GeneratedMembers)));
                usable = false;
            }

            string vocabulary = Named(attribute, "Vocabulary", "");
            int maxLength = Named(attribute, "MaxLength", 64);
            bool causal = Named(attribute, "Causal", false);
            var precision = (NumericType)Named(attribute, "Precision", (int)NumericType.Float64);
            var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? identifier;
            foreach (var problem in AttributeProblems(vocabulary, maxLength, precision))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, attributeLocation, problem));
                usable = false;
            }

            var programs = type.GetMembers().OfType<IMethodSymbol>()
                .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ProgramAttribute))
                .OrderBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
                .ToList();
            IMethodSymbol? program = null;
            MethodDeclarationSyntax? programSyntax = null;
            if (programs.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoProgramMethod, identifier, type.Name));
                usable = false;
            }
            else if (programs.Count > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SeveralProgramMethods, programs[1].Locations.FirstOrDefault(),
                    type.Name, string.Join(", ", programs.Select(p => p.Name))));
                usable = false;
            }
            else
            {
                program = programs[0];
                programSyntax = program.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<MethodDeclarationSyntax>()
                    .FirstOrDefault(d => d.Body != null || d.ExpressionBody != null);
                var problem = ProgramProblem(program, programSyntax);
                // A return type C# cannot resolve (a missing using) is C#'s to report (CS0246); CIRC0005 would only repeat its name.
                if (program.ReturnType.TypeKind == TypeKind.Error) usable = false;
                else if (problem != null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidProgramMethod, program.Locations.FirstOrDefault(), program.Name, problem));
                    usable = false;
                }
            }

            var ns = CSharpNames.Namespace(type.ContainingNamespace);
            var (task, k) = ReadComputes(type);
            var spec = usable
                ? new CircuitSpec(ns, type.Name, type.IsStatic, program!.Name, vocabulary, maxLength, causal, precision, ReadBudget(type), task, k,
                    CSharpNames.HintStem(QualifiedName(type), HasCaseTwin(type)))
                : null;
            return new Declaration(spec, program, programSyntax, attribute);
        }

        /// <summary>The [Circuit] values the compiler core would refuse, said in attribute terms.</summary>
        public static IEnumerable<string> AttributeProblems(string vocabulary, int maxLength, NumericType precision)
        {
            // One symbol per text element, by the same rules (and the same splitting) as CompileOptions.CharVocabulary at run time.
            if (vocabulary.Length == 0) yield return "Vocabulary is empty; give at least one symbol, e.g. Vocabulary = \"abcd\"";
            else foreach (var problem in SymbolText.Problems(TextElements.Split(vocabulary))) yield return "Vocabulary \"" + vocabulary + "\": " + problem;
            if (maxLength < 1) yield return $"MaxLength is {maxLength}; it must be at least 1";
            if (maxLength > 1 << 16) yield return $"MaxLength is {maxLength}; the compiler supports at most {1 << 16}";
            if (precision != NumericType.Float32 && precision != NumericType.Float64) yield return $"Precision {(int)precision} is not a known numeric type";
        }

        private static string? ProgramProblem(IMethodSymbol method, MethodDeclarationSyntax? syntax)
        {
            if (!method.IsStatic) return "it is not static";
            if (method.Parameters.Length > 0) return "it has parameters";
            if (method.IsGenericMethod) return "it is generic";
            if (syntax is null) return "it has no body";
            if (!IsProgramType(method.ReturnType)) return "it returns " + method.ReturnType.ToDisplayString(QualifiedFormat);
            return null;
        }

        /// <summary>The class as C# names it, namespace included (keywords escaped).</summary>
        internal static string QualifiedName(INamedTypeSymbol type)
        {
            var ns = CSharpNames.Namespace(type.ContainingNamespace);
            return ns is null ? CSharpNames.Identifier(type.Name) : ns + "." + CSharpNames.Identifier(type.Name);
        }

        /// <summary>
        /// Whether another type of this assembly has the same qualified name but for letter case: hint names are compared
        /// ignoring case, so both classes' files need a hash to stay apart.
        /// </summary>
        internal static bool HasCaseTwin(INamedTypeSymbol type)
        {
            IEnumerable<INamespaceSymbol> level = new[] { type.ContainingAssembly.GlobalNamespace };
            var path = new List<string>();
            for (var n = type.ContainingNamespace; n != null && !n.IsGlobalNamespace; n = n.ContainingNamespace) path.Insert(0, n.Name);
            foreach (var part in path)
                level = level.SelectMany(n => n.GetNamespaceMembers()).Where(n => string.Equals(n.Name, part, StringComparison.OrdinalIgnoreCase)).ToList();
            string name = QualifiedName(type);
            return level.SelectMany(n => n.GetTypeMembers())
                .Any(t => !SymbolEqualityComparer.Default.Equals(t, type) && string.Equals(QualifiedName(t), name, StringComparison.OrdinalIgnoreCase));
        }

        private static bool IsProgramType(ITypeSymbol type)
        {
            if (type.ToDisplayString() == "Circuits.Compiler.SOp") return true;
            for (var t = type as INamedTypeSymbol; t != null; t = t.BaseType)
                if (t.ToDisplayString() == "Circuits.Sequence") return true;
            return false;
        }

        /// <summary>The [Computes] task and k (None, 0 without the attribute).</summary>
        public static (KnownTask Task, int K) ReadComputes(INamedTypeSymbol type)
        {
            var computes = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ComputesAttribute);
            var task = computes != null && computes.ConstructorArguments.Length == 1 && computes.ConstructorArguments[0].Value is int t ? (KnownTask)t : KnownTask.None;
            return (task, computes is null ? 0 : Named(computes, "K", 0));
        }

        /// <summary>Where [Computes] is applied (null without one): the declared task's findings point there.</summary>
        public static Location? ComputesLocation(INamedTypeSymbol type, CancellationToken ct)
            => type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ComputesAttribute)?.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation();

        /// <summary>[Circuit]'s MaxLength and Precision (defaults 64, Float64).</summary>
        public static (int MaxLength, NumericType Precision) ReadLengthAndPrecision(AttributeData circuit)
            => (Named(circuit, "MaxLength", 64), (NumericType)Named(circuit, "Precision", (int)NumericType.Float64));

        /// <summary>The budget: [Budget] on the class, falling back per quantity to [assembly: CircuitBudget].</summary>
        public static BudgetSpec ReadBudget(INamedTypeSymbol type)
        {
            var local = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == BudgetAttribute);
            var global = type.ContainingAssembly.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AssemblyBudgetAttribute);
            int Pick(string name)
            {
                int v = local is null ? 0 : Named(local, name, 0);
                return v != 0 ? v : global is null ? 0 : Named(global, name, 0);
            }
            long parameters = local is null ? 0 : Named(local, "Parameters", 0L);
            if (parameters == 0 && global != null) parameters = Named(global, "Parameters", 0L);
            return new BudgetSpec(Pick("Layers"), Pick("Width"), Pick("HeadsPerLayer"), parameters, Pick("Bits"));
        }

        internal static T Named<T>(AttributeData attribute, string name, T fallback)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key != name || pair.Value.Value is null) continue;
                try
                {
                    return (T)Convert.ChangeType(pair.Value.Value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is InvalidCastException || e is FormatException || e is OverflowException)
                {
                    return fallback;
                }
            }
            return fallback;
        }
    }
}
