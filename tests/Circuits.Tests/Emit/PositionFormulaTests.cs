using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Compiler.Emit;
using Circuits.Tests.Engine;
using Xunit;

namespace Circuits.Tests.Emit
{
    /// <summary>
    /// The position embedding emitted as formulas of the index (issue 10 point 4): every code the lowering writes is
    /// recognised, nothing that differs from the table in one entry is, the emitted source no longer grows with N, and
    /// the formula path computes bit for bit what the table path computes.
    /// </summary>
    public class PositionFormulaTests
    {
        private const int Rows = 300;

        /// <summary>A rows × columns table from per-column functions of the row, narrowed to float.</summary>
        private static double[] Table(params Func<int, double>[] columns)
        {
            var t = new double[Rows * columns.Length];
            for (int r = 0; r < Rows; r++)
                for (int c = 0; c < columns.Length; c++) t[r * columns.Length + c] = (float)columns[c](r);
            return t;
        }

        private static Real Float32 => Real.For(new CompiledModel { Card = new ModelCard { Certified = new[] { "float32" } } });

        /// <summary>Bit b of the code index k as ±1 (the lowering's binary code), and ⊥ as 0 where k is outside [0, size).</summary>
        private static double Bit(int k, int b, int size = int.MaxValue) => k < 0 || k >= size ? 0 : ((k >> b) & 1) == 1 ? 1 : -1;

        [Fact]
        public void EveryLoweringCode_IsAFormula_ThatReproducesItsColumn()
        {
            var columns = new Func<int, double>[]
            {
                i => 1,                                  // the quadratic code's 1
                i => i,                                  // v = i
                i => (double)i * i,                      // v²
                i => i >= 1 ? 1 : 0,                     // the code of i − 1, ⊥ at i = 0
                i => i >= 1 ? i - 1 : 0,
                i => i >= 1 ? (double)(i - 1) * (i - 1) : 0,
                i => i + 1,                              // the tie-break slot
                i => Bit(i, 0), i => Bit(i, 3), i => Bit(i, 8), // ±1 code of i (bit 8 changes once in 300 rows)
                i => Bit(i - 1, 2), i => Bit(i + 5, 4),  // of i − 1 (⊥ at 0) and of i + 5 (a domain starting at −5)
                i => Bit(i, 1, 200),                     // ⊥ beyond row 199
                i => i == 17 ? 1 : 0,                    // a one-hot coordinate
                i => 0.5 * i - 3,                        // a scalar of an affine map
                i => -2.0 * i * i + 3 * i + 0.25,        // a general quadratic
            };
            var table = Table(columns);
            var plan = PositionEmbeddingPlan.Derive(table, Rows, columns.Length, Float32);
            Assert.Empty(plan.TableColumns);
            Assert.Equal(Enumerable.Range(0, columns.Length), plan.Formulas.Select(f => f.Column));
            foreach (var f in plan.Formulas)
                for (int r = 0; r < Rows; r++)
                {
                    double expected = table[r * columns.Length + f.Column];
                    double got = r >= f.From && r <= f.To ? (float)f.Evaluate(r) : 0;
                    Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(got),
                        $"column {f.Column} ({f.Describe()}) row {r}: formula {got}, table {expected}");
                }
            // The codes of i − 1 share one range (from row 1), so they share one condition in the emitted code.
            Assert.All(plan.Formulas.Where(f => f.Column >= 3 && f.Column <= 5), f => Assert.Equal((1, Rows - 1), (f.From, f.To)));
            Assert.Equal(PositionFormulaKind.Square, plan.Formulas[5].Kind);
            Assert.Equal((17, 17), (plan.Formulas[13].From, plan.Formulas[13].To));
        }

        [Fact]
        public void AColumnNoFormulaReproduces_StaysInTheTable()
        {
            var rng = new Random(5);
            var noise = Enumerable.Range(0, Rows).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var columns = new Func<int, double>[]
            {
                i => i + 1,
                i => noise[i],                            // arbitrary
                i => i == 250 ? Bit(i, 2) * -1 : Bit(i, 2), // a ±1 code with one entry flipped
                i => i == 299 ? 299.5 : i,                // affine but for the last row
                i => (i % 3) - 1,                         // periodic, not a power of two
                i => Bit(i, 4),
            };
            var plan = PositionEmbeddingPlan.Derive(Table(columns), Rows, columns.Length, Float32);
            Assert.Equal(new[] { 0, 5 }, plan.Formulas.Select(f => f.Column));
            Assert.Equal(new[] { 1, 2, 3, 4 }, plan.TableColumns);
            Assert.Equal((float)noise[7], plan.Table[7 * 4 + 0]);
        }

        [Fact]
        public void ArbitraryPositionEmbedding_FallsBackToATable_AndBothPathsComputeTheSameBits()
        {
            foreach (bool float32 in new[] { true, false })
            {
                var model = RandomModelTests.Random(AttentionMask.Causal, 23, float32);
                // Column 0: the tie-break i + 1; column 1: bit 3 of i as ±1; the other columns stay random.
                for (int r = 0; r < model.MaxLength; r++)
                {
                    model.PositionEmbedding[r, 0] = r + 1;
                    model.PositionEmbedding[r, 1] = Bit(r, 3);
                }
                string formulas = ForwardPassEmitter.Emit(model, EmittedPass.Namespace, EmittedPass.ClassName);
                string table = ForwardPassEmitter.Emit(model, EmittedPass.Namespace, EmittedPass.ClassName, positionFormulas: false);
                Assert.Contains("PositionEmbedding => new", formulas, StringComparison.Ordinal);
                Assert.Contains("x[o + 0] += ", formulas, StringComparison.Ordinal);
                Assert.DoesNotContain("x[o + 0] += ", table, StringComparison.Ordinal);

                var a = EmittedPass.For($"position-formulas-{float32}", model);
                var b = EmittedPass.Compile(table, "public static partial class Pass { }");
                EmittedPass.AssertNoWarnings(a);
                var engine = global::Circuits.Engine.Create(model, float32 ? NumericType.Float32 : NumericType.Float64);
                var rng = new Random(9);
                foreach (int length in new[] { 1, 2, 8, 9, 16, 17, 256, 257, model.MaxLength, rng.Next(1, model.MaxLength + 1) })
                {
                    var ids = ReferenceModel.RandomIds(rng, length, 4);
                    var x = a.Forward(ids);
                    Assert.Equal(x, b.Forward(ids)); // bit for bit: the same residual, the same arithmetic after it
                    var e = engine.Forward(ids);
                    for (int i = 0; i < length; i++)
                        Assert.True(Math.Abs(x[i] - e[i]) <= (float32 ? 1e-3 : 1e-9) * Math.Max(1, Math.Abs(e[i])), $"emitted {x[i]} ≠ engine {e[i]} at {i} of {length}");
                }
            }
        }

        [Fact]
        public void InductionHead_PositionEmbedding_IsAllFormulas_AndTheSourceStaysSmall()
            => AssertSmall(4096, NumericType.Float32);

        /// <summary>N = 65,536 (float64: float32 cannot certify it) takes longer to compile: set CIRCUITS_CODESIZE_FULL=1.</summary>
        [Fact]
        public void InductionHead_SourceStaysSmall_At65536()
        {
            if (Environment.GetEnvironmentVariable("CIRCUITS_CODESIZE_FULL") != "1") return;
            AssertSmall(65536, NumericType.Float64);
        }

        private static void AssertSmall(int n, NumericType precision)
        {
            var model = EmitterParityTests.Model(Library.InductionHead(), n, true, precision, "induction-head");
            Assert.Empty(new ModelPlan(model).Positions.TableColumns);
            int bytes = System.Text.Encoding.UTF8.GetByteCount(ForwardPassEmitter.Emit(model, "Circuits.Samples", "InductionHead"));
            Assert.True(bytes <= 64 * 1024, $"the induction head at N = {n} emits {bytes} bytes of source, over 64 KB");
        }
    }
}
