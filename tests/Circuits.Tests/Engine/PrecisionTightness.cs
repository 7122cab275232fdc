using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Tests.Engine
{
    /// <summary>
    /// Certified bits against observed ones: a program's model is run by <see cref="EmulatedPrecisionPass"/> on adversarial
    /// inputs at the edge of what it is certified for, and compared with the reference evaluator.
    /// </summary>
    internal static class PrecisionTightness
    {
        public sealed record Case(string Name, Func<SOp> Program, int N);

        public sealed record Row(Case Case, string Compiled, int? Certified, int? Failing, string Note);

        public const string Vocabulary = "abcd";

        public static readonly Func<SOp>[] Programs = { () => Library.Length(), () => Library.Histogram() };

        public static SOp Reverse() => Library.Reverse(Rasp.Tokens);
        public static SOp Sort() => Library.Sort(Rasp.Tokens, Rasp.Tokens);
        public static SOp SortUnique() => Library.SortUnique(Rasp.Tokens, Rasp.Tokens);

        /// <summary>
        /// Inputs at the certified edge over a 4-symbol vocabulary: maximum length with all tokens equal (counts at N, every key
        /// tied), all tokens at the top of the order, a descending run (every key distinct in rank class), alternation,
        /// one odd token out (counts 1 and N − 1), random tokens, and the shortest and second-longest lengths.
        /// </summary>
        public static IEnumerable<int[]> Adversarial(int n, int seed = 7)
        {
            var rng = new Random(seed);
            yield return Enumerable.Repeat(0, n).ToArray();
            yield return Enumerable.Repeat(3, n).ToArray();
            yield return Enumerable.Range(0, n).Select(i => 3 - (int)((long)i * 4 / n)).ToArray();
            yield return Enumerable.Range(0, n).Select(i => i % 2).ToArray();
            yield return Enumerable.Range(0, n).Select(i => i == n / 2 ? 1 : 0).ToArray();
            yield return Enumerable.Range(0, n).Select(_ => rng.Next(4)).ToArray();
            yield return new[] { 2 };
            if (n > 2) yield return Enumerable.Range(0, n - 1).Select(_ => rng.Next(4)).ToArray();
        }

        /// <summary>The first adversarial input on which <paramref name="pass"/> disagrees with the reference (or fails to decode), or null.</summary>
        public static string? FirstMismatch(SOp program, EmulatedPrecisionPass pass, IEnumerable<int[]> inputs)
        {
            foreach (var ids in inputs)
            {
                double[] got;
                try { got = pass.Forward(ids); }
                catch (InvalidOperationException e) { return $"length {ids.Length}: {e.Message}"; }
                var expected = ReferenceEvaluator.Evaluate(program, ids, causal: false);
                for (int i = 0; i < ids.Length; i++)
                    if (!(double.IsNaN(expected[i]) ? double.IsNaN(got[i]) : got[i] == expected[i]))
                        return $"length {ids.Length}, position {i}: {got[i]} ≠ {expected[i]}";
            }
            return null;
        }

        /// <summary>Compiles in float32 when that certifies, else in float64; null when neither does.</summary>
        public static (CompiledModel? Model, string Type, string Note) Compile(Case c)
        {
            foreach (var type in new[] { NumericType.Float32, NumericType.Float64 })
            {
                try
                {
                    var model = CircuitCompiler.Compile(c.Program(), new CompileOptions { Vocabulary = CompileOptions.CharVocabulary(Vocabulary), MaxLength = c.N, Precision = type, Name = c.Name });
                    return (model, type == NumericType.Float32 ? "float32" : "float64", "");
                }
                catch (CompileException e) when (e.Code == "CIRC0201") { if (type == NumericType.Float64) return (null, "refused", e.Message); }
            }
            return (null, "refused", "");
        }

        /// <summary>
        /// The certified bits and the largest p ≤ certified at which the emulated pass fails on the adversarial inputs
        /// (binary search, assuming failures are monotone in p; the certified p itself is run on every input).
        /// </summary>
        public static Row Measure(Case c)
        {
            var (model, type, note) = Compile(c);
            if (model == null) return new Row(c, type, null, null, note);
            int certified = model.Card.PrecisionBits;
            var program = c.Program();
            var inputs = Adversarial(c.N).ToList();
            int top = Math.Min(certified, 53);
            var atCertified = FirstMismatch(program, new EmulatedPrecisionPass(model, top), inputs);
            if (atCertified != null) return new Row(c, type, certified, top, "UNSOUND at the certified p: " + atCertified);
            int lo = 2, hi = top; // invariant: hi passes; find the largest failing p in [lo, hi)
            if (FirstMismatch(program, new EmulatedPrecisionPass(model, lo), inputs) == null) return new Row(c, type, certified, null, "passes down to 2 bits");
            while (hi - lo > 1)
            {
                int mid = (lo + hi) / 2;
                if (FirstMismatch(program, new EmulatedPrecisionPass(model, mid), inputs) == null) hi = mid; else lo = mid;
            }
            return new Row(c, type, certified, lo, "");
        }
    }
}
