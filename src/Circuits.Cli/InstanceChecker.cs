using System;
using System.Collections.Generic;
using Circuits.Compiler;
using Circuits.Tasks;

namespace Circuits.Cli
{
    /// <summary>The outcome of checking one model on random instances.</summary>
    public sealed class CheckResult
    {
        /// <summary>Instances whose engine output matched the task definition.</summary>
        public int Passed { get; set; }
        /// <summary>Instances that differed, or on which the engine failed.</summary>
        public int Failed { get; set; }
        /// <summary>Descriptions of the first few failures (at most <see cref="InstanceChecker.ReportedFailures"/>).</summary>
        public List<string> Failures { get; } = new List<string>();
    }

    /// <summary>
    /// Runs a compiled model on random instances and compares each output with the catalog entry's task definition
    /// (not the IR, so a wrong library program is caught as well as a wrong compilation).
    /// </summary>
    public static class InstanceChecker
    {
        /// <summary>How many failures are described; the rest are only counted.</summary>
        public const int ReportedFailures = 3;

        /// <summary>Relative tolerance for numerical outputs: |engine − reference| ≤ tolerance·max(1, |reference|).</summary>
        public const double Tolerance = 1e-6;

        /// <summary>
        /// Checks <paramref name="model"/> on <paramref name="samples"/> instances from <c>new Random(seed)</c>: each length is
        /// uniform in 1..MaxLength and the tokens come from the entry's generator.
        /// </summary>
        public static CheckResult Check(ProgramEntry entry, CompiledModel model, int k, NumericType precision, int samples, int seed)
            => Check(entry, Engine.Create(model, precision), k, samples, seed);

        /// <summary>As <see cref="Check(ProgramEntry, CompiledModel, int, NumericType, int, int)"/>, on a given pass (exact or indexed).</summary>
        /// <param name="entry">The catalog entry: generator and task definition.</param>
        /// <param name="pass">The forward pass to check, on its model.</param>
        /// <param name="k">Hops for k-hop.</param>
        /// <param name="samples">How many instances.</param>
        /// <param name="seed">The random seed.</param>
        /// <returns>Passes, failures and the first few failures described.</returns>
        public static CheckResult Check(ProgramEntry entry, IForwardPass pass, int k, int samples, int seed)
        {
            var result = new CheckResult();
            var model = pass.Model;
            var rng = new Random(seed);
            for (int s = 0; s < samples; s++)
            {
                int length = InstanceGenerator.RandomLength(rng, 1, model.MaxLength);
                int[] ids = entry.Generate(rng, length, model.Vocabulary.Length);
                double[] expected = entry.Reference(ids, k);
                string? failure;
                try
                {
                    double[] actual = pass.Forward(ids);
                    failure = Describe(model, expected, actual);
                }
                catch (InvalidOperationException e)
                {
                    // The engine refuses to decode a residual that is off its designed levels: that is an inexact model.
                    failure = "engine failed: " + ErrorText.Describe(e);
                }

                if (failure is null)
                {
                    result.Passed++;
                    continue;
                }
                result.Failed++;
                if (result.Failures.Count < ReportedFailures)
                    result.Failures.Add($"instance {s + 1} (n = {length}) input {Input(model, ids)}: {failure}");
            }
            return result;
        }

        /// <summary>Whether two outputs agree: ⊥ (NaN) matches only ⊥, numbers match within <see cref="Tolerance"/>.</summary>
        public static bool Agree(double expected, double actual)
        {
            if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
            return Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected));
        }

        /// <summary>Null when the outputs agree everywhere; otherwise the first differing position and how many differ.</summary>
        private static string? Describe(CompiledModel model, double[] expected, double[] actual)
        {
            if (expected.Length != actual.Length) return $"expected {expected.Length} outputs, got {actual.Length}";
            int first = -1, count = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                if (Agree(expected[i], actual[i])) continue;
                if (first < 0) first = i;
                count++;
            }
            if (first < 0) return null;
            return $"position {first}: expected {ValueFormatter.Text(model, new[] { expected[first] })}, "
                + $"got {ValueFormatter.Text(model, new[] { actual[first] })} ({count} of {expected.Length} positions differ)";
        }

        /// <summary>The input as text, elided in the middle when long so a failure stays one readable line.</summary>
        private static string Input(CompiledModel model, int[] ids)
        {
            const int shown = 40;
            var symbols = new string[ids.Length];
            for (int i = 0; i < ids.Length; i++) symbols[i] = model.Vocabulary[ids[i]];
            string separator = SymbolText.Separator(model.Vocabulary);
            if (ids.Length <= shown) return string.Join(separator, symbols);
            return string.Join(separator, symbols, 0, shown / 2) + " … " + string.Join(separator, symbols, ids.Length - shown / 2, shown / 2);
        }
    }
}
