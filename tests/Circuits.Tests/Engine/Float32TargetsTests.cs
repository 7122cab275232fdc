using System;
using System.Linq;
using Circuits.Compiler;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Engine
{
    /// <summary>
    /// The float32 targets of issue 9 (length and hist at N = 4,096; reverse, sort and sort_unique at N = 1,024), shown sound
    /// two ways: the real float32 engine is exact on adversarial inputs at the certified edge, and the emulated engine is exact
    /// at the certified p. Small sizes always run; the targets' sizes run when CIRCUITS_FLOAT32_TARGETS=1 (minutes).
    /// </summary>
    public class Float32TargetsTests
    {
        private readonly ITestOutputHelper _out;
        public Float32TargetsTests(ITestOutputHelper output) { _out = output; }

        private static bool Big => Environment.GetEnvironmentVariable("CIRCUITS_FLOAT32_TARGETS") == "1";

        public static TheoryData<string, int> Targets()
        {
            var data = new TheoryData<string, int>();
            foreach (var (name, small, big) in new[] { ("length", 512, 4096), ("hist", 512, 4096), ("reverse", 64, 1024), ("sort", 64, 1024), ("sort_unique", 64, 1024) })
                data.Add(name, Big ? big : small);
            return data;
        }

        private static Func<SOp> Program(string name) => name switch
        {
            "length" => () => Library.Length(),
            "hist" => () => Library.Histogram(),
            "reverse" => PrecisionTightness.Reverse,
            "sort" => PrecisionTightness.Sort,
            _ => PrecisionTightness.SortUnique,
        };

        [Theory]
        [MemberData(nameof(Targets))]
        public void CertifiedInFloat32_AndTheFloat32EngineIsExactAtTheEdge(string name, int n)
        {
            var program = Program(name);
            var model = Compilation.Parity.Compile(program(), PrecisionTightness.Vocabulary, n, causal: false, NumericType.Float32);
            Assert.Contains("float32", model.Card.Certified);
            Assert.True(model.Card.PrecisionBits <= 24, $"{name} at N = {n} certifies {model.Card.PrecisionBits} bits");
            var pass = global::Circuits.Engine.Create(model, NumericType.Float32);
            int inputs = 0;
            foreach (var ids in PrecisionTightness.Adversarial(n).Concat(Edges(n)))
            {
                var expected = ReferenceEvaluator.Evaluate(program(), ids, causal: false);
                Assert.Equal(expected, pass.Forward(ids));
                inputs++;
            }
            _out.WriteLine($"{name} N = {n}: {model.Card.PrecisionBits} bits certified, exact in float32 on {inputs} edge inputs");
        }

        [Theory]
        [MemberData(nameof(Targets))]
        public void TheEmulatedEngine_IsExactAtTheCertifiedBits(string name, int n)
        {
            var program = Program(name);
            var model = Compilation.Parity.Compile(program(), PrecisionTightness.Vocabulary, n, causal: false, NumericType.Float32);
            int p = model.Card.PrecisionBits;
            var mismatch = PrecisionTightness.FirstMismatch(program(), new EmulatedPrecisionPass(model, p), PrecisionTightness.Adversarial(n).Concat(Edges(n)));
            Assert.True(mismatch == null, $"{name} at N = {n}, {p} bits: {mismatch}");
        }

        /// <summary>
        /// More edges: length N − 1 (the largest count but one), two tokens of each kind at the ends (counts 2 and N − 2), and the
        /// descending order (every key distinct in its rank class, the sort's longest moves).
        /// </summary>
        private static int[][] Edges(int n) => new[]
        {
            Enumerable.Range(0, n).Select(i => i < 2 ? 3 : i >= n - 2 ? 2 : 1).ToArray(),
            Enumerable.Range(0, n).Select(i => 3 - i % 4).ToArray(),
            Enumerable.Repeat(1, Math.Max(1, n - 1)).ToArray(),
        };
    }
}
