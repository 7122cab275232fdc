using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Circuits.Generator.Model;

namespace Circuits.Generator.Pipeline
{
    /// <summary>
    /// The <see cref="CompileMemo"/> key of a declaration: the staged program's fingerprint and every spec value, written
    /// field by field. A value missing from the key lets an edit of it reuse the old weights with no diagnostic, so the key
    /// does not lean on records' generated ToString (an array field once printed as its type name, and MPC rounds were left
    /// out); a test varies every spec property by reflection and fails on one this builder does not write or exclude.
    /// </summary>
    internal static class MemoKey
    {
        /// <summary>
        /// The spec properties left out of the key, as "Type.Property". Budgets only select diagnostics: the compiler, the
        /// emitters and the [Computes] check never read them (CircuitAnalyzer and MpcAnalyzer check the memoized model's card
        /// and protocol against them), so a budget edit re-reports from the memo instead of rebuilding the weights.
        /// </summary>
        public static readonly IReadOnlyCollection<string> Excluded = new[] { "CircuitSpec.Budget", "MpcSpec.Budget", "MpcSpec.MpcBudget" };

        /// <summary>The key of a [Circuit] declaration whose [Program] staged to <paramref name="fingerprint"/>.</summary>
        public static string For(CircuitSpec spec, string fingerprint)
        {
            var key = new Writer("circuit");
            key.Add("Namespace", spec.Namespace);
            key.Add("ClassName", spec.ClassName);
            key.Add("IsStatic", spec.IsStatic);
            key.Add("ProgramMethod", spec.ProgramMethod);
            key.Add("Vocabulary", spec.Vocabulary);
            key.Add("MaxLength", spec.MaxLength);
            key.Add("Causal", spec.Causal);
            key.Add("Precision", spec.Precision);
            key.Add("Computes", spec.Computes);
            key.Add("K", spec.K);
            key.Add("HintStem", spec.HintStem);
            key.Add("Fingerprint", fingerprint);
            return key.ToString();
        }

        /// <summary>The key of an [MpcProgram] declaration whose rounds staged to <paramref name="fingerprint"/>.</summary>
        public static string For(MpcSpec spec, string fingerprint)
        {
            var key = new Writer("mpc");
            key.Add("Namespace", spec.Namespace);
            key.Add("ClassName", spec.ClassName);
            key.Add("IsStatic", spec.IsStatic);
            key.Add("MaxLength", spec.MaxLength);
            key.Add("LocalMemory", spec.LocalMemory);
            key.Add("WordRange", spec.WordRange);
            key.Add("Precision", spec.Precision);
            // The rounds' repeat counts are not in the fingerprint (a body interpreted twice reads the same), so each round's
            // declaration is written here.
            key.Add("Rounds", spec.Rounds.Count);
            foreach (var round in spec.Rounds)
            {
                key.Add("Round.Method", round.Method);
                key.Add("Round.Repeat", round.Repeat);
                key.Add("Round.Times", round.Times);
                key.Add("Round.Plus", round.Plus);
                key.Add("Round.Count", round.Count);
                key.Add("Round.TakesState", round.TakesState);
                key.Add("Round.TakesIndex", round.TakesIndex);
                key.Add("Round.StateType", round.StateType);
                key.Add("Round.ReturnType", round.ReturnType);
            }
            key.Add("OutputMethod", spec.OutputMethod);
            key.Add("OutputStateType", spec.OutputStateType);
            key.Add("Computes", spec.Computes);
            key.Add("ComputesK", spec.ComputesK);
            key.Add("HintStem", spec.HintStem);
            key.Add("Fingerprint", fingerprint);
            return key.ToString();
        }

        /// <summary>
        /// Writes "name=value" lines in which no value can run into the next: strings carry their length (and null is not
        /// ""), numbers are invariant, enums are their type and numeric value. (A double field, should a spec gain one, is
        /// to be written with "R", so that two values the compiler tells apart never share a key.)
        /// </summary>
        private sealed class Writer
        {
            private readonly StringBuilder _text = new StringBuilder();

            public Writer(string kind) => Add("Kind", kind);

            public void Add(string name, string? value)
                => Line(name, value is null ? "null" : value.Length.ToString(CultureInfo.InvariantCulture) + ":" + value);

            public void Add(string name, int value) => Line(name, value.ToString(CultureInfo.InvariantCulture));

            public void Add(string name, bool value) => Line(name, value ? "true" : "false");

            public void Add<TEnum>(string name, TEnum value) where TEnum : struct, System.Enum
                => Line(name, typeof(TEnum).Name + "." + System.Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));

            private void Line(string name, string value) => _text.Append(name).Append('=').Append(value).Append('\n');

            public override string ToString() => _text.ToString();
        }
    }
}
