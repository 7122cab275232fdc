using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Xunit;

namespace Circuits.Tests.Emit
{
    /// <summary>The emitted pass computes the engine's function: same decoded outputs on random inputs, same as the reference evaluator.</summary>
    public class EmitterParityTests
    {
        internal static CompiledModel Model(SOp program, int n, bool causal, NumericType precision, string name = "test")
            => CircuitCompiler.Compile(program, new CompileOptions
            {
                Vocabulary = CompileOptions.CharVocabulary("abcd"), MaxLength = n, Causal = causal, Precision = precision, Name = name,
            });

        private static void CheckParity(string key, SOp program, int n, bool causal, NumericType precision, int instances = 300, int seed = 7)
        {
            var model = Model(program, n, causal, precision);
            var pass = EmittedPass.For(key, model);
            EmittedPass.AssertNoWarnings(pass);
            var type = model.Card.Certified.Contains("float32") ? NumericType.Float32 : NumericType.Float64;
            var engine = global::Circuits.Engine.Create(model, type);
            var rng = new Random(seed);
            for (int k = 0; k < instances; k++)
            {
                int length = k == 0 ? n : rng.Next(1, n + 1);
                var ids = Parity.Uniform(rng, length, 4);
                var got = pass.Forward(ids);
                var expected = engine.Forward(ids);
                var reference = ReferenceEvaluator.Evaluate(program, ids, causal);
                for (int i = 0; i < ids.Length; i++)
                {
                    Assert.True(Parity.Same(got[i], expected[i]), $"{key}: emitted {got[i]} ≠ engine {expected[i]} at {i} of [{string.Join(",", ids)}]");
                    Assert.True(Parity.Same(got[i], reference[i]), $"{key}: emitted {got[i]} ≠ reference {reference[i]} at {i} of [{string.Join(",", ids)}]");
                }
            }
        }

        [Fact] public void InductionHead_Causal64() => CheckParity("induction64", Library.InductionHead(), 64, true, NumericType.Float32);
        [Fact] public void InductionHead_Causal512() => CheckParity("induction512", Library.InductionHead(), 512, true, NumericType.Float32);
        [Fact] public void Hop3_Causal64() => CheckParity("hop3", Library.Hop(3), 64, true, NumericType.Float32);
        [Fact] public void Reverse_32_Float64() => CheckParity("reverse", Library.Reverse(Rasp.Tokens), 32, false, NumericType.Float64);
        [Fact] public void Histogram_32() => CheckParity("histogram", Library.Histogram(), 32, false, NumericType.Float32);
        // Discretise-then-table rows (balance == 0 over two pairs): exact zeros and ones in float32 in the emitted code too. "abcd" are ids 0–3, as "(){}".
        [Fact] public void ShuffleDyck2_Float32() => CheckParity("shuffle_dyck2", Library.ShuffleDyck2(), 10, false, NumericType.Float32);

        [Fact]
        public void FracPrevs_Numerical_Causal32()
        {
            var program = Library.FracPrevs(Rasp.Tokens == 0);
            CheckParity("fracprevs", program, 32, true, NumericType.Float32);
            var pass = EmittedPass.For("fracprevs", Model(program, 32, true, NumericType.Float32));
            Assert.NotNull(pass.DoubleForward);
            Assert.Null(pass.IntForward);
        }

        [Fact]
        public void Reverse_Float64_ComputesInDouble_AndCategoricalOutputsAreInts()
        {
            var pass = EmittedPass.For("reverse", Model(Library.Reverse(Rasp.Tokens), 32, false, NumericType.Float64));
            Assert.NotNull(pass.IntForward);
            var model = Model(Library.Reverse(Rasp.Tokens), 32, false, NumericType.Float64);
            bool single = model.Card.Certified.Contains("float32");
            Assert.Contains(single ? "Computes in float (float32)" : "Computes in double (float64)", pass.Source);
        }

        [Fact]
        public void Run_RendersLikeTheCli()
        {
            var model = Model(Library.InductionHead(), 64, true, NumericType.Float32);
            var pass = EmittedPass.For("induction64", model);
            var engine = global::Circuits.Engine.Create(model, NumericType.Float32);
            foreach (var text in new[] { "abcab", "a", "dcbadcbaab", "aaaa" })
            {
                var ids = global::Circuits.Engine.Encode(model, text);
                Assert.Equal(Circuits.Cli.ValueFormatter.Text(model, engine.Forward(ids)), pass.Run!(text));
            }
            var frac = Model(Library.FracPrevs(Rasp.Tokens == 0), 32, true, NumericType.Float32);
            var fracPass = EmittedPass.For("fracprevs", frac);
            var fracEngine = global::Circuits.Engine.Create(frac, NumericType.Float32);
            Assert.Equal(Circuits.Cli.ValueFormatter.Text(frac, fracEngine.Forward(global::Circuits.Engine.Encode(frac, "abacad"))), fracPass.Run!("abacad"));
        }

        [Fact]
        public void Card_MatchesTheModel()
        {
            var model = Model(Library.InductionHead(), 64, true, NumericType.Float32);
            var pass = EmittedPass.For("induction64", model);
            var card = (ModelCard)pass.Type.GetProperty("Card")!.GetValue(null)!;
            Assert.Equal(model.Card.Name, card.Name);
            Assert.Equal(model.Card.Width, card.Width);
            Assert.Equal(model.Card.Parameters, card.Parameters);
            Assert.Equal(model.Card.HeadsPerLayer, card.HeadsPerLayer);
            Assert.Equal(model.Card.Certified, card.Certified);
            Assert.Equal(model.Card.CriticalPath, card.CriticalPath);
            Assert.Equal(model.Card.Residual, card.Residual);
            Assert.Equal(model.Card.Precision.Select(p => (p.Component, p.Bits, p.Reason)), card.Precision.Select(p => (p.Component, p.Bits, p.Reason)));
            Assert.Equal(model.Width, (int)pass.Type.GetField("Width")!.GetRawConstantValue()!);
            Assert.Equal(64, (int)pass.Type.GetField("MaxLength")!.GetRawConstantValue()!);
            Assert.Equal(model.Layers.Length, (int)pass.Type.GetField("Layers")!.GetRawConstantValue()!);
            Assert.Equal(4, (int)pass.Type.GetField("VocabularySize")!.GetRawConstantValue()!);
        }
    }
}
