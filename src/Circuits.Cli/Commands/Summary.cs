using System.Globalization;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>The check lines shared by check and demo, so both read the same.</summary>
    internal static class Summary
    {
        /// <summary>"induction-head (vocab abcd, N = 64, float64, seed 1): 50/50 agree with the task definition".</summary>
        public static string Line(CompiledModel model, NumericType precision, CheckResult r, int seed)
            => string.Create(CultureInfo.InvariantCulture,
                $"{model.Name} (vocab {SymbolText.Join(model.Vocabulary, model.Vocabulary)}, N = {model.MaxLength}, {Precision(precision)}, seed {seed}): " +
                $"{r.Passed}/{r.Passed + r.Failed} agree with the task definition");

        /// <summary>The final line, exactly "N passed, N failed".</summary>
        public static string Total(int passed, int failed)
            => string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {failed} failed");

        public static string Precision(NumericType t) => t == NumericType.Float32 ? "float32" : "float64";
    }
}
