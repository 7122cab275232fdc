using System;
using System.Linq;
using Circuits.Compiler;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Engine
{
    /// <summary>
    /// Soundness of the precision certificate against an emulated reduced-precision engine: at the certified p every
    /// adversarial input decodes exactly; and the emulation itself agrees with the real engine where they must agree.
    /// </summary>
    public class EmulatedPrecisionTests
    {
        private readonly ITestOutputHelper _out;
        public EmulatedPrecisionTests(ITestOutputHelper output) { _out = output; }

        private static readonly PrecisionTightness.Case[] Small =
        {
            new("length", () => Library.Length(), 64),
            new("hist", () => Library.Histogram(), 64),
            new("reverse", PrecisionTightness.Reverse, 10),
            new("sort", PrecisionTightness.Sort, 10),
            new("sort_unique", PrecisionTightness.SortUnique, 10),
            new("length", () => Library.Length(), 256),
            new("hist", () => Library.Histogram(), 256),
            new("tracr-sort", TracrSort, 10),
            new("sort_freq", () => Library.SortFreq(1 << 16), 10),
            new("count_less_freq", () => Library.CountLessFreq(2), 10),
        };

        private static SOp TracrSort() => Library.Sort(Rasp.Tokens, Rasp.Tokens, maxSeqLen: 1 << 16, minKey: 1);

        [Fact]
        public void AtDoublePrecision_EmulationIsTheFloat64Engine()
        {
            // p = 53 rounds nothing: the emulation must then be the float64 engine, output for output.
            var model = Compilation.Parity.Compile(PrecisionTightness.Sort(), PrecisionTightness.Vocabulary, 12, causal: false);
            var real = global::Circuits.Engine.Create(model, NumericType.Float64);
            var emulated = new EmulatedPrecisionPass(model, 53);
            foreach (var ids in PrecisionTightness.Adversarial(12))
                Assert.Equal(real.Forward(ids), emulated.Forward(ids));
        }

        [Fact]
        public void TooFewBits_FailLoudlyOrWrong()
        {
            // The emulation must be able to fail: at 6 bits the count 1/(1+c) cannot be told apart for c near 64.
            var model = Compilation.Parity.Compile(Library.Histogram(), PrecisionTightness.Vocabulary, 64, causal: false);
            var mismatch = PrecisionTightness.FirstMismatch(Library.Histogram(), new EmulatedPrecisionPass(model, 6), PrecisionTightness.Adversarial(64));
            Assert.NotNull(mismatch);
        }

        [Fact]
        public void Bits_OutsideTheRange_AreRefused()
        {
            var model = Compilation.Parity.Compile(Library.Length(), PrecisionTightness.Vocabulary, 8, causal: false);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new EmulatedPrecisionPass(model, 54));
            Assert.Contains("[2, 53]", e.Message);
        }

        [Theory]
        [InlineData("length")]
        [InlineData("hist")]
        public void AtTheFloat32Edge_RealEngineStaysExact(string name)
        {
            // N = 256 is where counts are now certified in float32: the real float32 engine must be exact on every adversarial input.
            Func<SOp> program = name == "length" ? () => Library.Length() : () => Library.Histogram();
            var model = Compilation.Parity.Compile(program(), PrecisionTightness.Vocabulary, 256, causal: false, NumericType.Float32);
            Assert.Contains("float32", model.Card.Certified);
            var pass = global::Circuits.Engine.Create(model, NumericType.Float32);
            foreach (var ids in PrecisionTightness.Adversarial(256))
            {
                var expected = ReferenceEvaluator.Evaluate(program(), ids, causal: false);
                Assert.Equal(expected, pass.Forward(ids));
            }
        }

        [Fact]
        public void AtTheCertifiedBits_AdversarialInputsStayExact()
        {
            foreach (var c in Small)
            {
                var row = PrecisionTightness.Measure(c);
                _out.WriteLine($"{c.Name,-12} N = {c.N,5}  {row.Compiled,-8} certified {row.Certified?.ToString() ?? "—",3}  first failing {row.Failing?.ToString() ?? "—",3}  {row.Note}");
                Assert.True(row.Certified != null, $"{c.Name} at N = {c.N} is not certified even in float64: {row.Note}");
                Assert.False(row.Note.StartsWith("UNSOUND", StringComparison.Ordinal), $"{c.Name} at N = {c.N}: {row.Note}");
                Assert.True(row.Failing == null || row.Failing < row.Certified, $"{c.Name} at N = {c.N}: fails at {row.Failing} ≥ certified {row.Certified}");
            }
        }

        /// <summary>
        /// The tightness table at the issue's sizes (slow: minutes). Runs only when CIRCUITS_TIGHTNESS=1:
        /// <c>CIRCUITS_TIGHTNESS=1 dotnet test tests/Circuits.Tests -c Release --no-build --filter "FullyQualifiedName~TightnessTable" --logger "console;verbosity=detailed"</c>.
        /// </summary>
        [Fact]
        public void TightnessTable()
        {
            var sizes = Environment.GetEnvironmentVariable("CIRCUITS_TIGHTNESS") == "1"
                ? new PrecisionTightness.Case[]
                {
                    new("length", () => Library.Length(), 256), new("hist", () => Library.Histogram(), 256),
                    new("length", () => Library.Length(), 1024), new("hist", () => Library.Histogram(), 1024),
                    new("length", () => Library.Length(), 4096), new("hist", () => Library.Histogram(), 4096),
                    new("reverse", PrecisionTightness.Reverse, 10), new("reverse", PrecisionTightness.Reverse, 1024),
                    new("sort", PrecisionTightness.Sort, 10), new("sort", PrecisionTightness.Sort, 1024),
                    new("sort_unique", PrecisionTightness.SortUnique, 10), new("sort_unique", PrecisionTightness.SortUnique, 1024),
                    new("tracr-sort", TracrSort, 10), new("sort_freq", () => Library.SortFreq(1 << 16), 10),
                    new("count_less_freq", () => Library.CountLessFreq(2), 10),
                }
                : Small.Take(2).ToArray();
            // CIRCUITS_TIGHTNESS_ONLY="length,hist" keeps those programs (the emulated 4-stage decoders at N = 1,024 take long).
            var only = Environment.GetEnvironmentVariable("CIRCUITS_TIGHTNESS_ONLY");
            if (!string.IsNullOrEmpty(only)) sizes = sizes.Where(c => only.Split(',').Contains(c.Name)).ToArray();
            _out.WriteLine("program      size    compiled  certified bits / first failing bits (emulated, adversarial inputs)");
            foreach (var c in sizes)
            {
                var row = PrecisionTightness.Measure(c);
                _out.WriteLine($"{c.Name,-12} N = {c.N,5}  {row.Compiled,-8}  {row.Certified?.ToString() ?? "—",3} / {row.Failing?.ToString() ?? "—",-3}  {row.Note}");
                Assert.False(row.Note.StartsWith("UNSOUND", StringComparison.Ordinal), $"{c.Name} at N = {c.N}: {row.Note}");
            }
        }
    }
}
