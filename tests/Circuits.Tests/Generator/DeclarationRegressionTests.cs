using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static Circuits.Tests.Generator.GeneratorHarness;

namespace Circuits.Tests.Generator
{
    /// <summary>Issue 8, point 7: each declaration a new user tried, and what it must give now.</summary>
    public class DeclarationRegressionTests
    {
        private const string Usings = "using Circuits;\nusing Circuits.Compiler;\nusing static Circuits.Rasp;\nusing static Circuits.Compiler.Library;\n\n";

        private static string Declaration(string ns, string cls, string attribute = "Vocabulary = \"abcd\", MaxLength = 8", string method = "Build", string body = "Shift(Tokens, by: 1)")
            => "namespace " + ns + "\n{\n    [Circuit(" + attribute + ")]\n    public static partial class " + cls + "\n    {\n        [Program]\n        static Categorical<int> "
               + method + "() => " + body + ";\n    }\n}\n";

        private static Diagnostic One(GeneratorRun run, string id)
        {
            var d = Assert.Single(run.Diagnostics, x => x.Id == id);
            Assert.Equal(GeneratorDescriptors.HelpLink(id), d.Descriptor.HelpLinkUri);
            Assert.StartsWith("Source", d.Location.GetLineSpan().Path, System.StringComparison.Ordinal);
            return d;
        }

        [Fact]
        public void KeywordNamespaceGetsAValidHintNameAndOtherCircuitsKeepTheirMembers()
        {
            // Was: CS8785 (hintName contains '@'), and every circuit in the project lost its generated members.
            var source = Usings + Declaration("Models.@checked", "Demo") + Declaration("User", "Other")
                + "static class Use { static string M() => Models.@checked.Demo.Run(\"abca\") + User.Other.Run(\"ab\"); }\n";
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            Assert.Empty(DeclarationChecks.Errors(run));
            Assert.Contains(run.Sources.Keys, k => k.StartsWith("Models._checked.Demo.", System.StringComparison.Ordinal) && k.EndsWith(".Api.g.cs", System.StringComparison.Ordinal));
            Assert.Contains("User.Other.Api.g.cs", run.Sources.Keys);
        }

        [Theory]
        [InlineData("ab\\nc")]
        [InlineData("ab\\u2028c")]
        [InlineData("ab\\u0085c")]
        [InlineData("a\\rb")]
        public void LineBreaksInTheVocabularyAreRefusedAtTheAttributeNotWrittenIntoAComment(string vocabulary)
        {
            // Was: the vocabulary went raw into the generated file's // header, and the file failed with CS1010.
            var source = Usings + Declaration("User", "Demo", "Vocabulary = \"" + vocabulary + "\", MaxLength = 8");
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            var d = One(run, "CIRC0004");
            Assert.Equal(Position(source, "Circuit(").Line, d.Location.GetLineSpan().StartLinePosition.Line);
            Assert.DoesNotContain(DeclarationChecks.Errors(run), e => e.Id == "CS1010");
        }

        [Fact]
        public void GenericCircuitClassIsRefusedAtItsName()
        {
            // Was: CS0103 inside the generated code.
            var source = Usings + Declaration("User", "Gen<T>");
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            var d = One(run, "CIRC0008");
            var (line, column) = Position(source, "Gen<T>");
            Assert.Equal((line, column), (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character));
            Assert.Contains("'User.Gen<T>'", d.GetMessage());
            Assert.Empty(run.Sources);
        }

        [Fact]
        public void KeywordClassAndMethodNamesAreEscapedInGeneratedCode()
        {
            // Was: 'partial class class'.
            var source = Usings + Declaration("User", "@class", method: "@checked")
                + "static class Use { static string M() => User.@class.Run(\"abca\") + User.@class.Card.Layers; }\n";
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            Assert.Empty(DeclarationChecks.Errors(run));
            Assert.Contains(run.Sources, kv => kv.Key.EndsWith(".Api.g.cs", System.StringComparison.Ordinal) && kv.Value.Contains("partial class @class", System.StringComparison.Ordinal));
        }

        [Fact]
        public void ReservedMemberNameStopsGenerationWithoutErrorsInGeneratedFiles()
        {
            // Was: CIRC0007, and CS0102 inside Api.g.cs as well.
            var source = Usings + Declaration("User", "Demo").Replace("        [Program]", "        public const int Width = 3;\n        [Program]", System.StringComparison.Ordinal);
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            var d = One(run, "CIRC0007");
            Assert.Equal(Position(source, "Width").Line, d.Location.GetLineSpan().StartLinePosition.Line);
            Assert.DoesNotContain(DeclarationChecks.Errors(run), e => e.Id == "CS0102");
        }

        [Fact]
        public void BudgetIsReportedWhenFloat32CannotCertifyTheProgram()
        {
            // Was: CIRC0201 alone; the over-budget layers showed only after precision was fixed.
            // Two layers (the previous token, then its running mean); a running mean at N = 1,024 is not certifiable in float32.
            var source = Usings + Declaration("User", "Flip", "Vocabulary = \"abcd\", MaxLength = 1024, Precision = NumericType.Float32",
                body: "Aggregate(Select(Indices, Indices, LessOrEqual), Numerical(Shift(Tokens, by: 1)))")
                .Replace("static Categorical<int> Build", "static Numerical Build", System.StringComparison.Ordinal)
                .Replace("    [Circuit(", "    [Budget(Layers = 1)]\n    [Circuit(", System.StringComparison.Ordinal);
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            One(run, "CIRC0201");
            var budget = Assert.Single(Analyze(source), d => d.Id == "CIRC0101");
            Assert.Equal(Position(source, "[Budget(").Line, budget.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Contains("needs 2 layers, the budget allows 1", budget.GetMessage());
            Assert.Contains("Measured on the float64 model", budget.GetMessage());
        }

        [Fact]
        public void DeclaredBudgetIsJudgedWhenTheProgramHasUnsupportedSyntax()
        {
            // Was: CIRC0010 alone. A program that cannot be staged has no layers to measure, so CIRC01xx cannot be computed;
            // what the declaration alone decides is reported in the same build: a one-layer budget for an induction head is
            // below the lower bound (CIRC0401 at [Computes]), whatever the program turns out to be.
            var source = Usings + "namespace User\n{\n    [Computes(KnownTask.InductionHead)]\n    [Budget(Layers = 1, HeadsPerLayer = 1, Width = 16)]\n"
                + "    [Circuit(Vocabulary = \"abcd\", MaxLength = 4096)]\n    public static partial class Copy\n    {\n"
                + "        [Program]\n        static SOp Build() { do { } while (false); return InductionHead(); }\n    }\n}\n";
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            Assert.Equal(Position(source, "do {").Line, One(run, "CIRC0010").Location.GetLineSpan().StartLinePosition.Line);
            var bound = Assert.Single(Analyze(source), d => d.Id == "CIRC0401");
            Assert.Equal(Position(source, "[Computes(").Line, bound.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Contains("N = 4096", bound.GetMessage());
        }

        [Fact]
        public void MissingUsingLeavesTheReturnTypeToCSharp()
        {
            // Was: "must return SOp: it returns SOp".
            var source = "using Circuits;\nusing static Circuits.Rasp;\n\nnamespace User\n{\n    [Circuit(Vocabulary = \"abcd\")]\n    public static partial class Demo\n    {\n"
                + "        [Program]\n        static SOp Build() => Tokens.Node;\n    }\n}\n";
            var run = Run(source);
            DeclarationChecks.Holds(run, source, userErrorsAllowed: true);
            Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CIRC0005");
            var error = Assert.Single(DeclarationChecks.Errors(run), e => e.Id == "CS0246");
            Assert.Equal(Position(source, "SOp Build").Line, error.Location.GetLineSpan().StartLinePosition.Line);
        }

        [Fact]
        public void WrongReturnTypeIsNamedFullyQualified()
        {
            var source = Usings + "namespace User\n{\n    public sealed class SOp { }\n\n    [Circuit(Vocabulary = \"abcd\")]\n    public static partial class Demo\n    {\n"
                + "        [Program]\n        static SOp Build() => new SOp();\n    }\n}\n";
            var run = Run(source.Replace("using Circuits.Compiler;\n", "", System.StringComparison.Ordinal));
            var message = One(run, "CIRC0005").GetMessage();
            Assert.Contains("it returns User.SOp", message);
            Assert.Contains("Circuits.Categorical<T>, Circuits.Numerical or Circuits.Compiler.SOp", message);
        }

        [Fact]
        public void ShiftByZeroIsOneLineWithAHelpLink()
        {
            // Was: "... (Parameter 'by')" and "Actual value was 0." on a second line, so the build log lost the help link.
            var source = Usings + Declaration("User", "Demo", body: "Shift(Tokens, by: 0)");
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            var d = One(run, "CIRC0012");
            Assert.Equal("Evaluating the program failed here: Shift distance must be at least 1: 'by' is 0.", d.GetMessage());
        }

        [Fact]
        public void BudgetMessagesSayWhatToChange()
        {
            var source = Usings + Declaration("User", "Sorted", "Vocabulary = \"abcd\", MaxLength = 16", body: "Sort(Tokens, Tokens)")
                .Replace("    [Circuit(", "    [Budget(Layers = 1, Width = 8, HeadsPerLayer = 1, Parameters = 1000, Bits = 20)]\n    [Circuit(", System.StringComparison.Ordinal);
            var findings = Analyze(source);
            Assert.Contains("Raise Layers to ", Assert.Single(findings, d => d.Id == "CIRC0101").GetMessage());
            Assert.Contains("Raise Width to ", Assert.Single(findings, d => d.Id == "CIRC0102").GetMessage());
            Assert.Contains("Raise HeadsPerLayer to 2", Assert.Single(findings, d => d.Id == "CIRC0103").GetMessage());
            Assert.Contains("Raise Parameters to ", Assert.Single(findings, d => d.Id == "CIRC0104").GetMessage());
            Assert.Contains("Raise Bits to ", Assert.Single(findings, d => d.Id == "CIRC0105").GetMessage());
        }

        [Fact]
        public void NamespaceNamedNameofDoesNotBreakGeneratedCode()
        {
            // Found by the declaration fuzz test: generated code wrote nameof(ids), which binds to a namespace called 'nameof'.
            var source = Usings + "namespace nameof { }\n" + Declaration("User", "Demo") + "static class Use { static string M() => User.Demo.Run(\"ab\"); }\n";
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            Assert.Empty(DeclarationChecks.Errors(run));
        }

        [Fact]
        public void ClassesWhoseNamesDifferOnlyInCaseGetDistinctHintNames()
        {
            // Hint names are compared ignoring case: Twin.Case.Demo and Twin.@case.Demo would otherwise collide and throw.
            var source = Usings + Declaration("Twin.Case", "Demo") + Declaration("Twin.@case", "Demo") + Declaration("Twin.Case", "demo")
                + "static class Use { static string M() => Twin.Case.Demo.Run(\"ab\") + Twin.@case.Demo.Run(\"ab\") + Twin.Case.demo.Run(\"ab\"); }\n";
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            Assert.Empty(DeclarationChecks.Errors(run));
            Assert.Equal(9, run.Sources.Count);
        }

        [Fact]
        public void CircuitAttributeOnTwoPartsGeneratesOnce()
        {
            // C# refuses the duplicate attribute (CS0579); the generator must not add the same files twice (an exception in AddSource).
            var source = Usings + Declaration("User", "Demo") + "namespace User { [Circuit(Vocabulary = \"ab\")] public static partial class Demo { } }\n";
            var run = Run(source);
            DeclarationChecks.Holds(run, source, userErrorsAllowed: true);
            Assert.Contains(DeclarationChecks.Errors(run), e => e.Id == "CS0579");
        }

        [Theory]
        [InlineData("Model")]
        [InlineData("Run")]
        [InlineData("CircuitsKernel")]
        public void ClassNamedLikeAGeneratedMemberIsRefusedAtItsName(string name)
        {
            // Found by the declaration fuzz test: a class called Model got a member Model (CS0542 inside Circuit.g.cs).
            var source = Usings + Declaration("User", name);
            var run = Run(source);
            DeclarationChecks.Holds(run, source);
            var d = One(run, "CIRC0009");
            Assert.Equal(Position(source, "class " + name, skip: 6), (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character));
            Assert.Empty(run.Sources);
        }

        [Fact]
        public void KHopWithTheLargestKIsCheckedWithoutWalkingKHops()
        {
            // Found by the declaration fuzz test: [Computes(KnownTask.KHop, K = int.MaxValue)] kept the generator busy for
            // minutes, walking 2^31 hops per sampled position; a pointer settles within N hops, and the walk now stops there.
            var source = Usings + Declaration("User", "Demo").Replace("    [Circuit(", "    [Computes(KnownTask.KHop, K = int.MaxValue)]\n    [Circuit(", System.StringComparison.Ordinal);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var run = Run(source);
            Assert.True(clock.Elapsed < System.TimeSpan.FromSeconds(30), "took " + clock.Elapsed);
            DeclarationChecks.Holds(run, source);
            var mismatch = One(run, "CIRC0404");
            Assert.Contains("KHop (K = 2147483647)", mismatch.GetMessage());
            var x = new[] { 0, 1, 0, 1, 1, 0, 0, 1 };
            Assert.Equal(Circuits.Tasks.TaskDefinitions.KHop(x, x.Length + 1), Circuits.Tasks.TaskDefinitions.KHop(x, int.MaxValue));
        }
    }
}
