using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Validation
{
    /// <summary>
    /// Issue 6's acceptance test of the validator: 200 compiled models, one seeded fault each (flip a weight's sign, perturb a bias,
    /// drop an MLP unit). Count the rejections; every accepted mutant must still equal the reference on all inputs up to length 4.
    /// </summary>
    public class SeededFaultTests
    {
        private readonly ITestOutputHelper _out;
        public SeededFaultTests(ITestOutputHelper o) { _out = o; }

        private static IEnumerable<(SOp Program, string Vocab, int N, bool Causal, string Name)> Programs()
        {
            foreach (int n in new[] { 4, 6 })
            {
                yield return (Library.InductionHead(), "abc", n, true, "induction");
                yield return (Library.Hop(2), "abc", n, true, "hop2");
                yield return (Library.Hop(3), "abc", n, true, "hop3");
                yield return (Library.Histogram(), "abc", n, false, "hist");
                yield return (Library.Sort(Rasp.Tokens, Rasp.Tokens), "abc", n, false, "sort");
                yield return (Library.SortUnique(Rasp.Tokens, Rasp.Indices), "abc", n, false, "sort-unique");
                yield return (Library.Reverse(Rasp.Tokens), "abc", n, false, "reverse");
                yield return (Library.FracPrevs(Rasp.Tokens == 0), "abc", n, true, "frac-prevs");
                yield return (Library.Length(), "abc", n, false, "length");
                yield return (Library.Find(), "abc", n, true, "find");
                yield return (Library.Shift(Rasp.Tokens, 2), "abc", n, true, "shift2");
            }
        }

        private static IEnumerable<int[]> AllInputs(int vocab, int maxLength)
        {
            for (int len = 1; len <= maxLength; len++)
            {
                int total = (int)Math.Pow(vocab, len);
                for (int code = 0; code < total; code++)
                {
                    var ids = new int[len];
                    for (int i = 0, c = code; i < len; i++, c /= vocab) ids[i] = c % vocab;
                    yield return ids;
                }
            }
        }

        /// <summary>True when the model gives the reference output on every input up to length 4 (a loud failure counts as a change).</summary>
        private static bool Exact(SOp program, CompiledModel model, bool causal, out string witness)
        {
            witness = "";
            try
            {
                var pass = global::Circuits.Engine.Create(model);
                foreach (var ids in AllInputs(model.Vocabulary.Length, Math.Min(4, model.MaxLength)))
                {
                    var want = ReferenceEvaluator.Evaluate(program, ids, causal);
                    var got = pass.Forward(ids);
                    for (int i = 0; i < ids.Length; i++)
                        if (!Parity.Same(got[i], want[i])) { witness = $"[{string.Join(",", ids)}] position {i}: {got[i]} vs {want[i]}"; return false; }
                }
                return true;
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException)
            {
                witness = e.Message;
                return false;
            }
        }

        [Fact]
        public void TheValidatorRejectsSeededFaultsAndNeverPassesOneThatChangesAnOutput()
        {
            var models = new List<(SOp Program, CompiledModel Model, LayoutClaim Claim, bool Causal, string Name)>();
            foreach (var (p, v, n, causal, name) in Programs())
            {
                var m = CircuitCompiler.Compile(p, new CompileOptions { Vocabulary = CompileOptions.CharVocabulary(v), MaxLength = n, Causal = causal, Name = name }, out var claim);
                models.Add((p, m, claim, causal, $"{name} N={n}"));
            }
            var rng = new Random(606);
            var gen = new RandomProgramTests.Gen(rng);
            int attempts = 0;
            while (models.Count < 200 && attempts++ < 5000)
            {
                var program = rng.Next(4) == 0 ? gen.Numerical(2) : gen.Categorical(3);
                bool causal = rng.Next(2) == 0;
                int n = 4 + rng.Next(2);
                try
                {
                    var m = CircuitCompiler.Compile(program, new CompileOptions { Vocabulary = CompileOptions.CharVocabulary("abc"), MaxLength = n, Causal = causal, Name = "random" }, out var claim);
                    if (!Exact(program, m, causal, out _)) continue; // a miscompile the validator missed would show up in the random-program tests
                    models.Add((program, m, claim, causal, RandomProgramTests.Describe(program)));
                }
                catch (CompileException) { }
                catch (InvalidOperationException) { }
            }
            Assert.Equal(200, models.Count);

            int rejected = 0, acceptedHarmless = 0;
            var byKind = new int[3, 2];
            var faultRng = new Random(2027);
            for (int t = 0; t < models.Count; t++)
            {
                var (program, model, claim, causal, name) = models[t];
                var mutant = ModelMutation.Clone(model);
                int kind = t % 3;
                string fault = ModelMutation.Apply(mutant, kind, faultRng);
                bool refused;
                try { ModelValidator.Validate(mutant, claim); refused = false; }
                catch (CompileException e) { Assert.Equal("CIRC0220", e.Code); refused = true; }
                byKind[kind, refused ? 0 : 1]++;
                if (refused) { rejected++; continue; }
                bool exact = Exact(program, mutant, causal, out var witness);
                Assert.True(exact, $"the validator accepted a fault that changes an output: {name}: {fault}: {witness}");
                acceptedHarmless++;
            }
            _out.WriteLine($"seeded faults: {rejected}/{models.Count} rejected ({100.0 * rejected / models.Count:F1}%), {acceptedHarmless} accepted (all harmless on every input up to length 4)");
            _out.WriteLine($"flip sign: {byKind[0, 0]} rejected / {byKind[0, 1]} accepted; perturb bias: {byKind[1, 0]} / {byKind[1, 1]}; drop unit: {byKind[2, 0]} / {byKind[2, 1]}");
            Assert.True(rejected >= models.Count / 2, $"only {rejected} of {models.Count} faults rejected");
        }
    }
}
