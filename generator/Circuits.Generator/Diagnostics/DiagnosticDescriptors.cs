using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Circuits.Generator.Diagnostics
{
    /// <summary>
    /// Every diagnostic the generator reports. IDs are CIRC + 4 digits by range: 0001–0099 declaration and program
    /// evaluation, 0100–0199 budgets, 0200–0299 construction and precision (the compiler core's CompileException codes),
    /// 0300–0399 MPC programs (budgets, lower bounds, round costs, declarations), 0400–0499 the declared task (warnings: lower bounds, whose constants the theory does not give, and the sampled
    /// comparison with the task's definition), 0900 internal.
    /// Never reuse an ID; each has a page under docs/diagnostics/ (shipped in the Circuits package too), and links to it
    /// when the build sets where those pages are served (<see cref="HelpUrlBase"/>).
    /// </summary>
    public static class DiagnosticDescriptors
    {
        private const string Category = "Circuits";

        /// <summary>
        /// Where docs/diagnostics/ is served, from the MSBuild property CircuitsHelpUrlBase (Directory.Build.props) compiled
        /// into this assembly; empty when unset, and then diagnostics carry no link: a repository-relative path means
        /// nothing in a user's IDE, and no public home is known to this build. Declared before the descriptors, which read it.
        /// </summary>
        internal static readonly string HelpUrlBase = typeof(DiagnosticDescriptors).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "CircuitsHelpUrlBase")?.Value ?? "";

        /// <summary>The help link of <paramref name="id"/> under <paramref name="baseUrl"/>: its page, or empty without a base.</summary>
        internal static string HelpLink(string baseUrl, string id) => baseUrl.Length == 0 ? "" : baseUrl.TrimEnd('/') + "/" + id + ".md";

        private static readonly Dictionary<string, DiagnosticDescriptor> DescriptorsById = new Dictionary<string, DiagnosticDescriptor>();

        public static readonly DiagnosticDescriptor ClassNotPartial = Create("CIRC0001", "Circuit class must be partial",
            "Class '{0}' is marked [Circuit] but is not partial; declare it 'static partial class {0}' so the generator can add its members");

        public static readonly DiagnosticDescriptor NoProgramMethod = Create("CIRC0002", "Circuit has no [Program] method",
            "Class '{0}' is marked [Circuit] but has no [Program] method; add 'static SOp Build()' marked [Program] that returns the program");

        public static readonly DiagnosticDescriptor SeveralProgramMethods = Create("CIRC0003", "Circuit has several [Program] methods",
            "Class '{0}' has several [Program] methods ({1}); mark exactly one");

        public static readonly DiagnosticDescriptor InvalidAttributeValue = Create("CIRC0004", "Invalid [Circuit] attribute value",
            "Invalid [Circuit] value: {0}");

        public static readonly DiagnosticDescriptor InvalidProgramMethod = Create("CIRC0005", "Invalid [Program] method",
            "[Program] method '{0}' must be static, parameterless, non-generic, have a body and return a sequence (Circuits.Categorical<T>, Circuits.Numerical or Circuits.Compiler.SOp): {1}");

        public static readonly DiagnosticDescriptor NestedCircuitClass = Create("CIRC0006", "Circuit class must be top-level",
            "Class '{0}' is marked [Circuit] but is nested in '{1}'; declare circuit classes at namespace level");

        public static readonly DiagnosticDescriptor GeneratedMemberClash = Create("CIRC0007", "Member name reserved for generated code",
            "'{0}' in circuit class '{1}' has the name of a member the generator adds ({2}); rename it");

        public static readonly DiagnosticDescriptor GenericCircuitClass = Create("CIRC0008", "Circuit class must not be generic",
            "Class '{0}' is marked [Circuit] but is generic; a circuit compiles to one model, so declare it without type parameters");

        public static readonly DiagnosticDescriptor ClassNamedLikeAMember = Create("CIRC0009", "Circuit class named like a generated member",
            "Class '{0}' has the name of a member the generator adds to every circuit class ({1}); C# forbids a member named like its class, so rename the class");

        public static readonly DiagnosticDescriptor UnsupportedSyntax = Create("CIRC0010", "Unsupported syntax in a circuit program",
            "unsupported syntax: {0}; supported: locals, Rasp calls, helper methods with constant arguments, for/foreach/if with constant bounds, lambdas");

        public static readonly DiagnosticDescriptor StepLimit = Create("CIRC0011", "Program evaluation does not terminate",
            "Evaluating the program took more than {0} steps (or {1} nested calls); loops and recursion must have constant bounds");

        public static readonly DiagnosticDescriptor EvaluationFailed = Create("CIRC0012", "Program evaluation failed",
            "Evaluating the program failed here: {0}");

        public static readonly DiagnosticDescriptor Precision = Create("CIRC0201", "Model cannot be certified at the requested precision", "{0}");
        public static readonly DiagnosticDescriptor TieBreakPlacement = Create("CIRC0202", "Tie-break inside a combined selector", "{0}");
        public static readonly DiagnosticDescriptor NotBilinear = Create("CIRC0203", "Selector is not bilinear in one head", "{0}");
        public static readonly DiagnosticDescriptor PositionRelation = Create("CIRC0204", "Position relation has no mask", "{0}");
        public static readonly DiagnosticDescriptor SequenceMapTooLarge = Create("CIRC0205", "Sequence map has too many input pairs", "{0}");
        public static readonly DiagnosticDescriptor NonIntegerMean = Create("CIRC0206", "Numerical aggregate averages non-integer values", "{0}");
        public static readonly DiagnosticDescriptor TooManyValues = Create("CIRC0207", "Value set too large for an exact construction", "{0}");
        public static readonly DiagnosticDescriptor NonFiniteValue = Create("CIRC0208", "Map returns a non-finite value", "{0}");
        public static readonly DiagnosticDescriptor NonIntegerCategorical = Create("CIRC0209", "Categorical sequence produces non-integer values", "{0}");
        public static readonly DiagnosticDescriptor NumericalSelector = Create("CIRC0210", "Selector compares numerical sequences", "{0}");
        public static readonly DiagnosticDescriptor BottomInMap = Create("CIRC0211", "Map gives a non-default value on ⊥", "{0}");
        public static readonly DiagnosticDescriptor NoExactMlp = Create("CIRC0212", "No exact one-MLP form for a map", "{0}");
        public static readonly DiagnosticDescriptor TableTooLarge = Create("CIRC0213", "Map needs too large a table", "{0}");
        /// <summary>CIRC0214: a categorical aggregate that may read several different values.</summary>
        public static readonly DiagnosticDescriptor AmbiguousAggregate = Create("CIRC0214", "Categorical aggregate may select several positions", "{0}");
        /// <summary>CIRC0215: a user map or predicate threw while the compiler evaluated it on its value set.</summary>
        public static readonly DiagnosticDescriptor UserFunctionThrew = Create("CIRC0215", "User function threw", "{0}");
        /// <summary>CIRC0216: the model would be larger than the compiler builds (refused before allocating).</summary>
        public static readonly DiagnosticDescriptor ModelTooLarge = Create("CIRC0216", "Model too large", "{0}");
        /// <summary>CIRC0220: the compiled weights failed translation validation (a compiler bug; the model is refused).</summary>
        public static readonly DiagnosticDescriptor ValidationFailed = Create("CIRC0220", "Compiled model failed translation validation", "{0}");

        public static readonly DiagnosticDescriptor InternalError = Create("CIRC0900", "Internal generator error",
            "internal generator error: {0}");

        /// <summary>The descriptor with this ID; the internal-error descriptor for an unknown one.</summary>
        public static DiagnosticDescriptor ById(string id) => DescriptorsById.TryGetValue(id, out var d) ? d : InternalError;

        /// <summary>The descriptor for a compiler-core CompileException code (CIRC0201–0213); null when it has none.</summary>
        /// <summary>CIRC0101: more layers than the budget allows.</summary>
        public static readonly DiagnosticDescriptor LayersOverBudget = Create("CIRC0101", "Layer budget exceeded", "{0}");
        /// <summary>CIRC0102: wider residual than the budget allows.</summary>
        public static readonly DiagnosticDescriptor WidthOverBudget = Create("CIRC0102", "Width budget exceeded", "{0}");
        /// <summary>CIRC0103: more heads in a layer than the budget allows.</summary>
        public static readonly DiagnosticDescriptor HeadsOverBudget = Create("CIRC0103", "Heads-per-layer budget exceeded", "{0}");
        /// <summary>CIRC0104: more parameters than the budget allows.</summary>
        public static readonly DiagnosticDescriptor ParametersOverBudget = Create("CIRC0104", "Parameter budget exceeded", "{0}");
        /// <summary>CIRC0105: more mantissa bits than the budget allows.</summary>
        public static readonly DiagnosticDescriptor BitsOverBudget = Create("CIRC0105", "Precision budget exceeded", "{0}");
        /// <summary>CIRC0401: one-layer induction head below H(m+1)p ≥ N/4.</summary>
        public static readonly DiagnosticDescriptor OneLayerInductionHead = Create("CIRC0401", "One-layer induction head below the lower bound", "{0}", DiagnosticSeverity.Warning);
        /// <summary>CIRC0402: k-hop with fewer layers than the known constructions.</summary>
        public static readonly DiagnosticDescriptor KHopDepth = Create("CIRC0402", "k-hop depth below the known constructions", "{0}", DiagnosticSeverity.Warning);
        /// <summary>CIRC0403: one-layer connectivity or cycle detection below m·H = Ω̃(N).</summary>
        public static readonly DiagnosticDescriptor OneLayerGraph = Create("CIRC0403", "One-layer graph task below the lower bound", "{0}", DiagnosticSeverity.Warning);
        /// <summary>CIRC0404: the compiled model and the declared task's definition differ on a sampled input.</summary>
        public static readonly DiagnosticDescriptor ComputesMismatch = Create("CIRC0404", "Compiled model differs from the declared task", "{0}", DiagnosticSeverity.Warning);

        /// <summary>CIRC0301: an MPC round holds more words per machine than [MpcBudget] allows.</summary>
        public static readonly DiagnosticDescriptor MpcMemoryOverBudget = Create("CIRC0301", "MPC memory budget exceeded", "{0}");
        /// <summary>CIRC0302: an MPC round sends more words per machine than [MpcBudget] allows.</summary>
        public static readonly DiagnosticDescriptor MpcSendsOverBudget = Create("CIRC0302", "MPC send budget exceeded", "{0}");
        /// <summary>CIRC0303: an MPC round receives more words per machine than [MpcBudget] allows.</summary>
        public static readonly DiagnosticDescriptor MpcReceivesOverBudget = Create("CIRC0303", "MPC receive budget exceeded", "{0}");
        /// <summary>CIRC0304: an MPC program runs more rounds than [MpcBudget] allows.</summary>
        public static readonly DiagnosticDescriptor MpcRoundsOverBudget = Create("CIRC0304", "MPC round budget exceeded", "{0}");
        /// <summary>CIRC0305: 1-vs-2 cycle or connectivity in o(log N) layers with m·H below N (conditional on the 1-vs-2 cycle conjecture).</summary>
        public static readonly DiagnosticDescriptor MpcConjectureDepth = Create("CIRC0305", "Graph program below the conjectured Ω(log N) depth", "{0}", DiagnosticSeverity.Warning);
        /// <summary>CIRC0306: a one-layer MPC graph program below SFH+24's m·H = Ω̃(N).</summary>
        public static readonly DiagnosticDescriptor MpcOneLayerGraph = Create("CIRC0306", "One-layer MPC graph program below the lower bound", "{0}", DiagnosticSeverity.Warning);
        /// <summary>CIRC0307: the cost of a declared round (information).</summary>
        public static readonly DiagnosticDescriptor MpcRoundCost = Create("CIRC0307", "MPC round cost", "{0}", DiagnosticSeverity.Info);
        /// <summary>CIRC0310: an [MpcProgram] class the generator cannot build.</summary>
        public static readonly DiagnosticDescriptor InvalidMpcDeclaration = Create("CIRC0310", "Invalid [MpcProgram] declaration", "{0}");

        /// <summary>The descriptor of a budget (CIRC01xx, CIRC03xx) or lower-bound (CIRC04xx) finding from the core's rules.</summary>
        public static DiagnosticDescriptor? ForRule(string code) => (code.StartsWith("CIRC01", System.StringComparison.Ordinal) || code.StartsWith("CIRC03", System.StringComparison.Ordinal) || code.StartsWith("CIRC04", System.StringComparison.Ordinal)) && DescriptorsById.TryGetValue(code, out var d) ? d : null;

        public static DiagnosticDescriptor? ForCoreError(Circuits.Compiler.CompileError error)
        {
            int n = (int)error;
            if (n >= 200 && n < 299 && DescriptorsById.TryGetValue("CIRC" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), out var d)) return d;
            return null;
        }

        /// <summary>All descriptors, in ID order.</summary>
        public static IEnumerable<DiagnosticDescriptor> All
        {
            get
            {
                var ids = new List<string>(DescriptorsById.Keys);
                ids.Sort(System.StringComparer.Ordinal);
                foreach (var id in ids) yield return DescriptorsById[id];
            }
        }

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error)
        {
            var d = new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true,
                helpLinkUri: HelpLink(HelpUrlBase, id));
            DescriptorsById.Add(id, d);
            return d;
        }
    }
}
