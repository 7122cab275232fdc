using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Circuits.Tests.Generator.Mpc
{
    /// <summary>
    /// Every MPC diagnostic (CIRC0301–0307, 0310) and the refusals an [MpcProgram] can meet (core refusals at the statement,
    /// builder refusals, [Budget]), each triggered by a minimal program, with ID, severity and location asserted.
    /// </summary>
    public class MpcDiagnosticTests
    {
        // Two pull reads and one local step in one round: holds 2 words, sends 2 requests, receives 2 words.
        private const string TwoReads = @"
        [Round]
        static MpcRegister Step(MpcBuilder m)
        {
            var a = m.Read(""a"", m.Word, from: m.Word);
            var b = m.Read(""b"", a, from: m.Word);
            return m.Local(""same"", MpcKind.Categorical, (x, y) => x == y ? 1 : 0, a, b, ""same"");
        }";

        // ⌈log2 16⌉ = 4 rounds of one read each (the repetition index j is taken, the state is not).
        private const string Doubling = @"
        [Round(Repeat = RoundRepeat.Log2N)]
        static MpcRegister Step(MpcBuilder m, int j) => m.Read(""a"" + j, m.Word, from: m.Word);";

        public static IEnumerable<object[]> Budgets() => new[]
        {
            new object[] { TwoReads, "Memory = 1", "CIRC0301", "holds up to 2 words per machine in round 1 (Step), the budget allows 1" },
            new object[] { TwoReads, "Sends = 1", "CIRC0302", "sends up to 2 words per machine in round 1 (Step), the budget allows 1" },
            new object[] { TwoReads, "Receives = 1", "CIRC0303", "receives up to 2 words per machine in round 1 (Step), the budget allows 1" },
            new object[] { Doubling, "Rounds = 3", "CIRC0304", "runs 4 rounds at N = 16, the budget allows 3" },
        };

        [Theory]
        [MemberData(nameof(Budgets))]
        public void MpcBudgetsAreReportedAtTheAttribute(string members, string budget, string id, string message)
        {
            var source = MpcHarness.Program(members, classAttributes: "    [MpcBudget(" + budget + ")]\n");
            var found = MpcHarness.WithId(MpcHarness.Analyze(source), id);
            var d = Assert.Single(found);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains(message, d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Equal(GeneratorHarness.Position(source, "MpcBudget("), MpcHarness.Start(d));
            // Within budget: nothing.
            var relaxed = MpcHarness.Program(members, classAttributes: "    [MpcBudget(" + budget.Split('=')[0] + "= 4)]\n");
            Assert.Empty(MpcHarness.WithId(MpcHarness.Analyze(relaxed), id));
        }

        [Fact]
        public void RoundCostIsAnInfoAtEachRoundMethod()
        {
            var source = MpcHarness.Program(Doubling);
            var d = Assert.Single(MpcHarness.WithId(MpcHarness.Analyze(source), "CIRC0307"));
            Assert.Equal(DiagnosticSeverity.Info, d.Severity);
            Assert.Equal(GeneratorHarness.Position(source, "Step("), MpcHarness.Start(d));
            Assert.Contains("[Round] 'Step' runs 4 time(s) at N = 16 (rounds 1–4)", d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Contains("round 4 (Step 4): 1 pull read (lookup heads); per machine: holds ≤ 1, sends 1, receives ≤ 1 words (s = 4)", d.GetMessage(), System.StringComparison.Ordinal);
        }

        [Fact]
        public void CycleProgramBelowLogNLayersWarnsUnderTheConjecture()
        {
            // Two dependent reads: 2 layers at N = 256, far below log2 N = 8, with m·H < N.
            var source = MpcHarness.Program(@"
        [Round]
        static MpcRegister Step(MpcBuilder m)
        {
            var a = m.Read(""a"", m.Word, from: m.Word);
            return m.Read(""b"", a, from: a);
        }", "MaxLength = 256, LocalMemory = 4", "    [Computes(KnownTask.CycleDetection)]\n");
            var all = MpcHarness.Analyze(source);
            var d = Assert.Single(MpcHarness.WithId(all, "CIRC0305"));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Equal(GeneratorHarness.Position(source, "Computes("), MpcHarness.Start(d));
            Assert.Contains("compiles to 2 layer(s) at N = 256, below log2 N = 8", d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Contains("Under the 1-vs-2 cycle conjecture (conditional, not a theorem", d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Empty(MpcHarness.WithId(all, "CIRC0306"));
        }

        [Fact]
        public void OneLayerGraphProgramBelowSfhBoundWarns()
        {
            // One pull read: 1 layer; m·H far below N / log2 N = 102 at N = 1024.
            var source = MpcHarness.Program(@"
        [Round]
        static MpcRegister Step(MpcBuilder m) => m.Read(""a"", m.Word, from: m.Word);", "MaxLength = 1024, LocalMemory = 4", "    [Computes(KnownTask.Connectivity)]\n");
            var all = MpcHarness.Analyze(source);
            var d = Assert.Single(MpcHarness.WithId(all, "CIRC0306"));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Equal(GeneratorHarness.Position(source, "Computes("), MpcHarness.Start(d));
            Assert.Contains("MPC program 'Demo' compiles to 1 layer", d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Contains("m·H = Ω̃(N) (SFH+24 Thm 6, unconditional)", d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Empty(MpcHarness.WithId(all, "CIRC0305"));
        }

        [Fact]
        public void DoublingCycleProgramHasNoLowerBoundWarning()
        {
            var source = Samples.SampleSources.Read("samples/MpcPrograms/OneVsTwoCycle.cs");
            var all = MpcHarness.Analyze(source);
            Assert.Empty(all.Where(d => d.Id == "CIRC0305" || d.Id == "CIRC0306"));
            Assert.Equal(3, MpcHarness.WithId(all, "CIRC0307").Count);
        }

        [Fact]
        public void ModelBudgetAppliesToMpcPrograms()
        {
            // Two dependent reads: 2 layers.
            var source = MpcHarness.Program(TwoReads, classAttributes: "    [Budget(Layers = 1)]\n");
            var d = Assert.Single(MpcHarness.WithId(MpcHarness.Analyze(source), "CIRC0101"));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal(GeneratorHarness.Position(source, "Budget(Layers"), MpcHarness.Start(d));
        }

        public static IEnumerable<object[]> Declarations() => new[]
        {
            // (members, marker of the location, message fragment)
            new object[] { "        [Round]\n        static MpcRegister Step(int x) => null!;", "Step(", "must take the MpcBuilder first" },
            new object[] { "        [Round]\n        static void Step(MpcBuilder m) { }", "Step(", "returns nothing" },
            new object[] { "        [Round]\n        static MpcRegister First(MpcBuilder m) => m.Word;\n        [Round]\n        static MpcRegister Second(MpcBuilder m, (MpcRegister A, MpcRegister B) s) => s.A;",
                "Second(", "takes (Circuits.Mpc.MpcRegister A, Circuits.Mpc.MpcRegister B), but the round before it returns Circuits.Mpc.MpcRegister" },
            new object[] { "        [Round]\n        static (MpcRegister A, MpcRegister B) Step(MpcBuilder m) => (m.Word, m.Machine);", "Step(", "not the output register" },
            new object[] { "        static MpcRegister Helper(MpcBuilder m) => m.Word;", "Demo", "declares no [Round] method" },
            new object[] { "        [Round(Repeat = RoundRepeat.Log2N)]\n        static (MpcRegister A, MpcRegister B) Step(MpcBuilder m, MpcRegister s) => (s, s);\n        [MpcOutput]\n        static MpcRegister Output((MpcRegister A, MpcRegister B) s) => s.A;",
                "Step(", "takes a state, but no round before it returns one" },
        };

        [Theory]
        [MemberData(nameof(Declarations))]
        public void InvalidDeclarationsAreLocated(string members, string marker, string message)
        {
            var source = MpcHarness.Program(members);
            var run = MpcHarness.Run(source);
            var d = Assert.Single(MpcHarness.WithId(run.Diagnostics, "CIRC0310"));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains(message, d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Equal(GeneratorHarness.Position(source, marker), MpcHarness.Start(d));
            Assert.DoesNotContain(run.Diagnostics, x => x.Id == "CIRC0900");
        }

        [Fact]
        public void ClassMustBePartial()
        {
            var source = MpcHarness.Program(Doubling).Replace("public static partial class Demo", "public static class Demo");
            var d = Assert.Single(MpcHarness.WithId(MpcHarness.Run(source).Diagnostics, "CIRC0310"));
            Assert.Contains("is not partial", d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Equal(GeneratorHarness.Position(source, "Demo"), MpcHarness.Start(d));
        }

        [Fact]
        public void LocalCodeNoExactMlpComputesIsRefusedAtTheStatement()
        {
            // A product of two numerical registers with 4,097 values each (⊥ included): no additive or affine form, and more
            // input pairs than the compiler enumerates, so no exact MLP is built; the refusal names the register.
            var source = MpcHarness.Program(@"
        [Round]
        static MpcRegister Step(MpcBuilder m)
        {
            var id = m.Local(""id"", MpcKind.Numerical, i => i, m.Machine, ""number"");
            var w = m.Local(""w"", MpcKind.Numerical, x => x, m.Word, ""number"");
            return m.Local(""product"", MpcKind.Numerical, (a, b) => a * b, id, w, ""times"");
        }", "MaxLength = 4096, LocalMemory = 4");
            var run = MpcHarness.Run(source);
            var d = Assert.Single(run.Diagnostics.Where(x => x.Severity == DiagnosticSeverity.Error));
            Assert.Equal("CIRC0205", d.Id);
            Assert.Contains("sequence map 'product' has 16785409 input pairs (4096 × 4096)", d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Equal(GeneratorHarness.Position(source, "m.Local(\"product\""), MpcHarness.Start(d));
            Assert.DoesNotContain(run.Sources.Keys, k => k.EndsWith(".Forward.g.cs", System.StringComparison.Ordinal));
        }

        [Fact]
        public void BuilderRefusalIsReportedAtTheCall()
        {
            // A numerical register as an address: the builder refuses it; the generator reports where.
            var source = MpcHarness.Program(@"
        [Round]
        static MpcRegister Step(MpcBuilder m)
        {
            var n = m.Local(""n"", MpcKind.Numerical, i => i, m.Machine, ""number"");
            return m.Read(""a"", m.Word, from: n);
        }");
            var d = Assert.Single(MpcHarness.WithId(MpcHarness.Run(source).Diagnostics, "CIRC0012"));
            Assert.Contains("numerical; addresses, keys, destinations and flags must be categorical", d.GetMessage(), System.StringComparison.Ordinal);
            Assert.Equal(GeneratorHarness.Position(source, "m.Read(\"a\""), MpcHarness.Start(d));
        }
    }
}
