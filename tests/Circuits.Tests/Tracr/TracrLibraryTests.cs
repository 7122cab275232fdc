using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tasks;
using Circuits.Tests.Compilation;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Tracr
{
    /// <summary>
    /// Every program of Tracr's lib.py, ported line by line (Circuits.Compiler.Library), compiled at Tracr's default sizes
    /// in float64 and float32, and checked on at least 1,000 inputs against the reference evaluator and an independent
    /// plain-C# definition (Circuits.Tasks.TracrTasks).
    /// </summary>
    public class TracrLibraryTests
    {
        private readonly ITestOutputHelper _out;
        public TracrLibraryTests(ITestOutputHelper output) { _out = output; }

        /// <summary>(name, program, vocabulary, N, causal, definition, input generator).</summary>
        public static IEnumerable<object[]> Programs()
        {
            yield return Row("length", () => Library.Length(), "abcd", 10, TracrTasks.Length);
            yield return Row("reverse", () => Library.Reverse(Rasp.Tokens), "abcd", 10, TracrTasks.Reverse);
            yield return Row("hist", () => Library.Histogram(), "abcd", 10, TracrTasks.Histogram);
            yield return Row("sort_unique", () => Library.SortUnique(Rasp.Tokens, Rasp.Tokens), "abcd", 10, TracrTasks.SortUnique);
            yield return Row("sort", () => Library.Sort(Rasp.Tokens, Rasp.Tokens, maxSeqLen: 10, minKey: 1), "abcd", 10, TracrTasks.Sort);
            yield return Row("sort_freq", () => Library.SortFreq(10), "abcd", 10, TracrTasks.SortFreq);
            yield return Row("frac_prevs", () => Library.FracPrevs(Rasp.Tokens == 3), "abcx", 10, x => TracrTasks.FracPrevs(x, 3));
            yield return Row("pair_balance", () => Library.PairBalance(Rasp.Tokens, 0, 1), "()ab", 10, x => TracrTasks.PairBalance(x, 0, 1));
            yield return Row("shuffle_dyck", () => Library.ShuffleDyck((0, 1)), "()a", 10, x => TracrTasks.ShuffleDyck(x, (0, 1)));
            yield return Row("shuffle_dyck2", () => Library.ShuffleDyck2(), "(){}", 10, x => TracrTasks.ShuffleDyck(x, (0, 1), (2, 3)));
            yield return Row("count_less_freq", () => Library.CountLessFreq(2), "abcd", 10, x => TracrTasks.CountLessFreq(x, 2));
            yield return Row("count", () => Library.Count(Rasp.Tokens, 0), "abcd", 10, x => TracrTasks.Count(x, 0));
            yield return Row("shift_by", () => Library.ShiftBy(2, Rasp.Tokens), "abcd", 10, x => TracrTasks.ShiftBy(x, 2));
            yield return Row("detect_pattern", () => Library.DetectPattern(Rasp.Tokens, 0, 1, 2), "abcd", 10, x => TracrTasks.DetectPattern(x, new[] { 0, 1, 2 }));
            yield return Row("nary", () => Library.NarySequenceMap<int, int>(a => (a[0] + a[1] * a[2]) % 4, Rasp.Tokens, Rasp.Indices, Rasp.Tokens), "abcd", 10,
                x => TracrTasks.Nary(x, (a, b, c) => (a + b * c) % 4));
        }

        private static object[] Row(string name, Func<Sequence> build, string vocab, int n, Func<int[], double[]> definition)
            => new object[] { name, build, vocab, n, definition };

        [Theory]
        [MemberData(nameof(Programs))]
        public void CompilesInBothTypesAndMatchesTheDefinition(string name, Func<Sequence> build, string vocab, int n, Func<int[], double[]> definition)
        {
            SOp program = build();
            foreach (var precision in new[] { NumericType.Float64, NumericType.Float32 })
            {
                var model = Parity.Compile(program, vocab, n, causal: false, precision);
                _out.WriteLine($"{name} {precision}: {model.Card.Layers} layers, width {model.Card.Width}, {model.Card.Parameters} parameters, certified {string.Join("/", model.Card.Certified)}");
                int checkedInputs = Parity.Check(program, model, definition, (rng, length) => Input(rng, length, vocab.Length, name), instances: 1000, seed: name.Length * 31 + (int)precision);
                Assert.True(checkedInputs >= 1000);
            }
        }

        /// <summary>Random inputs aimed at each program's corners: balanced bracket strings for Dyck, repeats for sorts.</summary>
        private static int[] Input(Random rng, int length, int vocab, string name)
        {
            if (name.StartsWith("shuffle_dyck", StringComparison.Ordinal) && rng.Next(2) == 0)
            {
                // Half the inputs are balanced (or nearly): a random walk that closes what it opened.
                var x = new List<int>();
                var open = new Stack<int>();
                int pairs = name == "shuffle_dyck2" ? 2 : 1;
                while (x.Count < length)
                {
                    int p = rng.Next(pairs);
                    if (open.Count > 0 && (rng.Next(2) == 0 || x.Count + open.Count >= length)) x.Add(2 * open.Pop() + 1);
                    else { open.Push(p); x.Add(2 * p); }
                }
                if (rng.Next(4) == 0) x[rng.Next(x.Count)] = rng.Next(vocab);
                return x.ToArray();
            }
            int alphabet = rng.Next(4) == 0 ? 1 : vocab;   // some inputs repeat one token throughout
            return Enumerable.Range(0, length).Select(_ => rng.Next(alphabet)).ToArray();
        }
    }
}
