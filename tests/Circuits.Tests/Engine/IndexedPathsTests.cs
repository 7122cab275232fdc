using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tasks;
using Circuits.Tests.Computes;
using Xunit;
using Xunit.Sdk;

namespace Circuits.Tests.Engine
{
    /// <summary>
    /// The indexed pass's own paths, each against the exact engine on the same model: positions split among threads (the
    /// output must not depend on how many), the per-call fallback to exact softmax when the residual is not clean, and the
    /// scalar code packing (quadratic codes, or keys wider than the compute type's significand).
    /// </summary>
    public class IndexedPathsTests
    {
        /// <summary>
        /// N ≥ 1,100: the pass hands positions to threads in blocks of 16 and forks from 64 blocks, so 2 and 3 threads really
        /// split the work (1 = the calling thread only). Decoded outputs equal bit for bit across thread counts and the exact engine.
        /// </summary>
        [Theory]
        [InlineData("induction-head", 0)]
        [InlineData("hop", 3)]
        public void ThreadCountDoesNotChangeTheOutput(string name, int k)
        {
            const int n = 1100;
            var program = name == "hop" ? Library.Hop(k) : Library.InductionHead();
            var model = CircuitCompiler.Compile(program, new CompileOptions { MaxLength = n, Causal = true, Precision = NumericType.Float32, Name = name });
            var exact = Circuits.Engine.Create(model, NumericType.Float32);
            var passes = new[] { 1, 2, 3 }.Select(t => Circuits.Engine.CreateIndexed(model, NumericType.Float32, t)).ToArray();
            // Both programs have a head whose keys are position codes only: it takes the lookup-while-packing path.
            Assert.Contains(passes[0].Heads, h => h.Indexed && h.Description.Contains("keys fixed by position", StringComparison.Ordinal));
            var rng = new Random(1100 + k);
            var inputs = new[]
            {
                InstanceGenerator.Uniform(rng, n, 4),
                Enumerable.Repeat(2, n).ToArray(),
                Enumerable.Range(0, n).Select(i => i % 3).ToArray(),
                InstanceGenerator.Uniform(rng, 1025 + rng.Next(n - 1025), 4), // a length that ends inside a block
            };
            foreach (var x in inputs)
            {
                var expected = exact.Forward(x);
                foreach (var pass in passes)
                {
                    var actual = pass.Forward(x);
                    Assert.Equal(0, pass.ExactFallbacks);
                    AssertBits(expected, actual, $"{name} k={k} n={x.Length}");
                }
            }
        }

        /// <summary>
        /// A layer runs as one parallel phase when its heads copy from the values packed with the codes; a key position whose
        /// value coordinate is not +0 or ±1 must send that layer back to copies that read the residual before the layer writes
        /// it. Here one position's embedding at a coordinate layer 0's head copies is scaled by 1 + 2⁻⁹ (hop, N past the fork
        /// threshold): every layer is single-phase on the clean model (with AVX-512), layer 0 is not on the perturbed one,
        /// and both equal the exact engine bit for bit (or fail with its error), on one thread and two.
        /// </summary>
        [Theory]
        [InlineData(NumericType.Float32)]
        [InlineData(NumericType.Float64)]
        public void UncleanValuesAreCopiedFromTheResidual(NumericType precision)
        {
            const int n = 1100;
            var model = CircuitCompiler.Compile(Library.Hop(3), new CompileOptions { MaxLength = n, Causal = true, Precision = precision, Name = "hop" });
            var head = model.Layers[0].Heads[0];
            int source = Enumerable.Range(0, model.Width).First(r => Enumerable.Range(0, head.Value.Cols).Any(e => head.Value[r, e] != 0)
                && Enumerable.Range(0, n).Any(p => model.PositionEmbedding[p, r] != 0));
            var rng = new Random(3);
            var inputs = new[] { InstanceGenerator.Uniform(rng, n, 4), Enumerable.Range(0, n).Select(i => i % 3).ToArray(), InstanceGenerator.Uniform(rng, 1030, 2) };
            bool packs = System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
            foreach (bool perturbed in new[] { false, true })
            {
                if (perturbed)
                    for (int p = 500; p < 520; p++)
                        if (model.PositionEmbedding[p, source] != 0) model.PositionEmbedding[p, source] *= 1 + 1.0 / 512;
                var exact = Circuits.Engine.Create(model, precision);
                foreach (int threads in new[] { 1, 2 })
                {
                    var indexed = Circuits.Engine.CreateIndexed(model, precision, threads);
                    foreach (var x in inputs)
                    {
                        double[]? e = null, i = null;
                        string? eError = null, iError = null;
                        try { e = exact.Forward(x); } catch (InvalidOperationException ex) { eError = ex.Message; }
                        try { i = indexed.Forward(x); } catch (InvalidOperationException ex) { iError = ex.Message; }
                        string context = $"{precision} perturbed = {perturbed} threads = {threads} n = {x.Length}";
                        Assert.True(eError == iError, $"{context}: exact error '{eError}', indexed error '{iError}'");
                        if (e is not null) AssertBits(e, i!, context);
                        Assert.Equal(0, indexed.ExactFallbacks);
                        if (packs && !perturbed) Assert.Equal(model.Layers.Length, indexed.SinglePhaseLayers);
                        if (packs && perturbed && iError is null) Assert.True(indexed.SinglePhaseLayers < model.Layers.Length, $"{context}: layer 0 copied from a snapshot holding an unclean value");
                    }
                }
            }
        }

        [Fact]
        public void ThreadsBelowOneAreRefused()
        {
            var model = ReferenceExecutorTests.Compile(Library.InductionHead(), "abcd", 8, causal: true);
            Assert.Throws<ArgumentOutOfRangeException>(() => Circuits.Engine.CreateIndexed(model, NumericType.Float32, 0));
        }

        /// <summary>
        /// A query coordinate of a layer-0 indexed head is embedded as ±(1 + 2⁻⁹) instead of ±1: the weights still prove the
        /// head hard (the check reads W_Q·W_Kᵀ, not the embedding), but the residual holds no clean code, so every call must run
        /// that head by exact softmax, count it, and agree with the exact engine; at N past the fork threshold as well.
        /// </summary>
        [Theory]
        [InlineData(16)]
        [InlineData(1100)]
        public void UncleanResidualRunsTheHeadExactlyAndCountsIt(int n)
        {
            var model = ReferenceExecutorTests.Compile(Library.InductionHead(), "abcd", n, causal: true);
            var head = model.Layers[0].Heads.First(h => h.Selection is not null);
            int coordinate = head.Selection!.Matches[0].QueryOffset;
            const double scale = 1 + 1.0 / 512;
            bool perturbed = false;
            foreach (var m in new[] { model.TokenEmbedding, model.PositionEmbedding })
                for (int r = 0; r < m.Rows; r++)
                    if (m[r, coordinate] != 0) { m[r, coordinate] *= scale; perturbed = true; }
            Assert.True(perturbed, "the query coordinate is not embedded; pick another");
            foreach (var precision in new[] { NumericType.Float32, NumericType.Float64 })
            {
                var exact = Circuits.Engine.Create(model, precision);
                var indexed = Circuits.Engine.CreateIndexed(model, precision);
                Assert.True(indexed.Heads.First(h => h.Layer == 0 && h.Label == head.Label).Indexed);
                var rng = new Random(n);
                // Lengths past the first few tokens: at the very first ones the perturbed code may be ⊥ (zero), which stays clean.
                foreach (var x in new[] { InstanceGenerator.Uniform(rng, n, 4), Enumerable.Repeat(1, n).ToArray(), InstanceGenerator.Uniform(rng, 6, 4) })
                {
                    double[]? e = null, i = null;
                    string? eError = null, iError = null;
                    try { e = exact.Forward(x); } catch (InvalidOperationException ex) { eError = ex.Message; }
                    try { i = indexed.Forward(x); } catch (InvalidOperationException ex) { iError = ex.Message; }
                    Assert.True(eError == iError, $"n = {x.Length} {precision}: exact error '{eError}', indexed error '{iError}'");
                    Assert.True(indexed.ExactFallbacks >= 1, $"n = {x.Length} {precision}: the unclean head was looked up");
                    if (e is not null) AssertBits(e, i!, $"unclean n = {x.Length} {precision}");
                }
            }
        }

        /// <summary>
        /// The clean-up MLP after a hard head is looked up per 16 positions while its inputs hold +0 and ±1, and computed where
        /// they do not. Here one token's embedding is ±(1 + 2⁻⁹) at a coordinate layer 0's head copies: the MLP reading the
        /// copy sees a value off its table at the positions after that token (and the clean values elsewhere), so both paths
        /// run in one call, and the decoded outputs (or the error) must equal the exact engine's; one thread and two.
        /// </summary>
        [Theory]
        [InlineData(16)]
        [InlineData(1100)]
        public void MlpInputsOffTheirCleanValuesAreComputed(int n)
        {
            var model = ReferenceExecutorTests.Compile(Library.InductionHead(), "abcd", n, causal: true);
            var head = model.Layers[0].Heads[0];
            Assert.NotNull(model.Layers[0].Mlp);
            int source = Enumerable.Range(0, model.Width).First(r => Enumerable.Range(0, head.Value.Cols).Any(e => head.Value[r, e] != 0));
            Assert.NotEqual(0, model.TokenEmbedding[1, source]);
            model.TokenEmbedding[1, source] *= 1 + 1.0 / 512;
            foreach (var precision in new[] { NumericType.Float32, NumericType.Float64 })
            {
                var exact = Circuits.Engine.Create(model, precision);
                var rng = new Random(n + 7);
                foreach (int threads in new[] { 1, 2 })
                {
                    var indexed = Circuits.Engine.CreateIndexed(model, precision, threads);
                    foreach (var x in new[] { InstanceGenerator.Uniform(rng, n, 4), Enumerable.Range(0, n).Select(i => i % 4).ToArray(), Enumerable.Repeat(0, n).ToArray() })
                    {
                        double[]? e = null, i = null;
                        string? eError = null, iError = null;
                        try { e = exact.Forward(x); } catch (InvalidOperationException ex) { eError = ex.Message; }
                        try { i = indexed.Forward(x); } catch (InvalidOperationException ex) { iError = ex.Message; }
                        Assert.True(eError == iError, $"n = {x.Length} {precision}: exact error '{eError}', indexed error '{iError}'");
                        if (e is not null) AssertBits(e, i!, $"unclean MLP input n = {x.Length} {precision} threads = {threads}");
                    }
                }
            }
        }

        /// <summary>
        /// Programs whose selections use the quadratic code (1, v, v²) pack their codes one position at a time (a 32-bit
        /// field per conjunct, wider than a float's significand): at least one such head is indexed among these programs, and
        /// each program agrees with the exact engine in float32 and float64.
        /// </summary>
        [Fact]
        public void ScalarCodePackingMatchesTheExactEngine()
        {
            const int n = 20;
            int quadratic = 0;
            foreach (var (name, task, causal) in new[] { ("sort", KnownTask.Sort, false), ("reverse", KnownTask.Reverse, false), ("hist", KnownTask.Histogram, false), ("prefix-sum", KnownTask.PrefixSum, true) })
            {
                var model = ReferenceExecutorTests.Compile(ReferenceExecutorTests.Program(name, 0), "abcde", n, causal);
                foreach (var precision in new[] { NumericType.Float32, NumericType.Float64 })
                {
                    var exact = Circuits.Engine.Create(model, precision);
                    var indexed = Circuits.Engine.CreateIndexed(model, precision);
                    quadratic += indexed.Heads.Count(h => h.Indexed && h.Description.Contains("quadratic", StringComparison.Ordinal));
                    foreach (var x in ComputesSample.Candidates(5, n, n, task, 0).Take(25))
                    {
                        double[]? e = null, i = null;
                        string? eError = null, iError = null;
                        try { e = exact.Forward(x); } catch (InvalidOperationException ex) { eError = ex.Message; }
                        try { i = indexed.Forward(x); } catch (InvalidOperationException ex) { iError = ex.Message; }
                        Assert.True(eError == iError, $"{name} {precision} n = {x.Length}: exact error '{eError}', indexed error '{iError}'");
                        Assert.Equal(0, indexed.ExactFallbacks);
                        if (e is not null) AssertBits(e, i!, $"{name} {precision} n = {x.Length}");
                    }
                }
            }
            Assert.True(quadratic > 0, "no indexed head uses the quadratic code: the scalar packing went untested");
        }

        /// <summary>
        /// The vector code packing runs on 512-bit vectors where the hardware accelerates them and on Vector&lt;T&gt; otherwise:
        /// both widths, on the same machine (the wide one is switched off through its internal toggle), must agree with the
        /// exact engine bit for bit, float32 and float64, on programs with fixed keys (lookup while packing) and scanned keys;
        /// lengths end inside a wide vector, and inputs hold repeats and runs (ties on the codes).
        /// </summary>
        [Theory]
        [InlineData("induction-head", 0)]
        [InlineData("hop", 4)]
        public void WideAndPortablePackingMatchTheExactEngine(string name, int k)
        {
            const int n = 300;
            var program = name == "hop" ? Library.Hop(k) : Library.InductionHead();
            var model = CircuitCompiler.Compile(program, new CompileOptions { MaxLength = n, Causal = true, Precision = NumericType.Float32, Name = name });
            var rng = new Random(300 + k);
            var inputs = new[]
            {
                InstanceGenerator.Uniform(rng, n, 4),
                Enumerable.Repeat(3, n).ToArray(),
                Enumerable.Range(0, n - 5).Select(i => i / 7 % 4).ToArray(),
                new[] { 1 },
                InstanceGenerator.Uniform(rng, 17, 4),
            };
            foreach (var precision in new[] { NumericType.Float32, NumericType.Float64 })
            {
                var exact = Circuits.Engine.Create(model, precision);
                var toggle = typeof(Circuits.Engine).Assembly.GetType("Circuits.IndexedAttention`1", throwOnError: true)!
                    .MakeGenericType(precision == NumericType.Float32 ? typeof(float) : typeof(double))
                    .GetProperty("AllowWide", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
                foreach (bool wide in new[] { true, false })
                {
                    toggle.SetValue(null, wide);
                    try
                    {
                        var indexed = Circuits.Engine.CreateIndexed(model, precision, 1);
                        Assert.Contains(indexed.Heads, h => h.Indexed);
                        foreach (var x in inputs)
                        {
                            var actual = indexed.Forward(x);
                            Assert.Equal(0, indexed.ExactFallbacks);
                            AssertBits(exact.Forward(x), actual, $"{name} {precision} wide = {wide} n = {x.Length}");
                        }
                    }
                    finally { toggle.SetValue(null, true); }
                }
            }
        }

        private static void AssertBits(double[] expected, double[] actual, string context)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int t = 0; t < expected.Length; t++)
                if (BitConverter.DoubleToInt64Bits(expected[t]) != BitConverter.DoubleToInt64Bits(actual[t]) && !(double.IsNaN(expected[t]) && double.IsNaN(actual[t])))
                    throw new XunitException($"{context}: output {t} is {expected[t]:R} exact, {actual[t]:R} indexed");
        }
    }
}
