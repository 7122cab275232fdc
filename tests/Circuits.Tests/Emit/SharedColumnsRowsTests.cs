using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Circuits.Compiler;
using Circuits.Tests.Compilation;
using Xunit;

namespace Circuits.Tests.Emit
{
    /// <summary>
    /// A sequence map's decode ladder (reverse, sort) has a shared-columns stage of N² weights but 2 distinct columns of N:
    /// the emitted pass rebuilds its rows from the columns when the type loads (SharedColumnsRows) instead of writing N²
    /// literals. Oracles: the literal tables the emitter writes with that off (read back from the source text), the engine,
    /// and the reference evaluator.
    /// </summary>
    public class SharedColumnsRowsTests
    {
        private static readonly Dictionary<(string, int, NumericType), CompiledModel> Models = new Dictionary<(string, int, NumericType), CompiledModel>();

        private static SOp Program(string name) => name == "sort" ? Library.Sort(Rasp.Tokens, Rasp.Tokens) : Library.Reverse(Rasp.Tokens);

        private static CompiledModel Model(string name, int n, NumericType precision)
        {
            lock (Models)
            {
                if (!Models.TryGetValue((name, n, precision), out var m))
                    Models[(name, n, precision)] = m = EmitterParityTests.Model(Program(name), n, false, precision, name);
                return m;
            }
        }

        /// <summary>
        /// Twice N, at most about twice the source: the N² rows are not in it (written out, they were 90% of it at N = 256
        /// and 98% at N = 1,024). N = 64 and 128 keep the circuit compiles to seconds.
        /// </summary>
        [Theory]
        [InlineData("sort")]
        [InlineData("reverse")]
        public void Source_GrowsAboutLinearlyWithN(string name)
        {
            string small = ForwardPassEmitter.Emit(Model(name, 64, NumericType.Float32), EmittedPass.Namespace, EmittedPass.ClassName);
            string large = ForwardPassEmitter.Emit(Model(name, 128, NumericType.Float32), EmittedPass.Namespace, EmittedPass.ClassName);
            Assert.Contains("SharedColumnsRows<float>.Expand(", large);
            double ratio = (double)large.Length / small.Length;
            Assert.True(ratio < 2.5, $"{name}: {small.Length} chars at N = 64, {large.Length} at N = 128 (×{ratio:F2}; N² rows would give ×4)");
            // The literal form of the same model, for scale: the rows dominate it.
            string literal = ForwardPassEmitter.Emit(Model(name, 128, NumericType.Float32), EmittedPass.Namespace, EmittedPass.ClassName, positionFormulas: true, rowsFromColumns: false);
            Assert.True(literal.Length > 3 * large.Length, $"{name}: literal rows {literal.Length} chars, rebuilt {large.Length}");
        }

        /// <summary>
        /// The benchmark's sizes, N = 512 and 1,024 (a minute of circuit compile each at 1,024): set CIRCUITS_CODESIZE_FULL=1.
        /// Each class stays under 2 MB (written out, the rows made 25–29 MB at N = 1,024), doubling N about doubles it, and the
        /// pass at N = 1,024 computes the engine's outputs.
        /// </summary>
        [Theory]
        [InlineData("sort")]
        [InlineData("reverse")]
        public void Source_AtN1024_StaysUnder2MB(string name)
        {
            if (Environment.GetEnvironmentVariable("CIRCUITS_CODESIZE_FULL") != "1") return;
            foreach (var precision in new[] { NumericType.Float32, NumericType.Float64 })
            {
                int half = ForwardPassEmitter.Emit(Model(name, 512, precision), EmittedPass.Namespace, EmittedPass.ClassName).Length;
                int full = ForwardPassEmitter.Emit(Model(name, 1024, precision), EmittedPass.Namespace, EmittedPass.ClassName).Length;
                Assert.True(full <= 2_000_000, $"{name} {precision}: {full} chars at N = 1,024");
                Assert.True(full < 2.5 * half, $"{name} {precision}: {half} chars at N = 512, {full} at N = 1,024");
                // The benchmark's class computes the engine's outputs at full length.
                var model = Model(name, 1024, precision);
                var pass = EmittedPass.For($"shared-rows-{name}-1024-{precision}", model);
                var engine = global::Circuits.Engine.Create(model, pass.Source.Contains("SharedColumnsRows<float>", StringComparison.Ordinal) ? NumericType.Float32 : NumericType.Float64);
                var rng = new Random(4);
                foreach (var ids in new[] { Parity.Uniform(rng, 1024, 4), Enumerable.Range(0, 1024).Select(i => 3 - i / 256).ToArray(), new[] { 1 } })
                {
                    double[] got = pass.Forward(ids), expected = engine.Forward(ids);
                    for (int i = 0; i < ids.Length; i++)
                        Assert.True(Parity.Same(got[i], expected[i]), $"{name} {precision}: emitted {got[i]} ≠ engine {expected[i]} at {i} of {ids.Length}");
                }
            }
        }

        /// <summary>
        /// The rows rebuilt at type load are the literal tables, value for value (bits), and the pass computes the engine's
        /// outputs on corner inputs (length 1 and N, all ties, ascending, descending, random).
        /// </summary>
        [Theory]
        [InlineData("sort", NumericType.Float32)]
        [InlineData("sort", NumericType.Float64)]
        [InlineData("reverse", NumericType.Float32)]
        [InlineData("reverse", NumericType.Float64)]
        public void RebuiltRows_EqualTheLiteralRows_AndThePassTheEngine(string name, NumericType precision)
        {
            const int n = 64;
            var model = Model(name, n, precision);
            var pass = EmittedPass.For($"shared-rows-{name}-{precision}", model);
            EmittedPass.AssertNoWarnings(pass);
            string literal = ForwardPassEmitter.Emit(model, EmittedPass.Namespace, EmittedPass.ClassName, positionFormulas: true, rowsFromColumns: false);
            Assert.DoesNotContain("SharedColumnsRows", literal);
            bool single = pass.Source.Contains("SharedColumnsRows<float>", StringComparison.Ordinal);
            var stages = Regex.Matches(pass.Source, @"private static readonly global::Circuits\.SharedColumnsRows<\w+> (\w+)Rows = ").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(stages);
            var kernel = pass.Type.GetNestedType("CircuitsKernel", BindingFlags.NonPublic)!;
            foreach (var stage in stages)
            {
                object rows = kernel.GetField(stage + "Rows", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
                if (single) Check((SharedColumnsRows<float>)rows, r => r.Dense, r => r.Unit, r => r.Weight, v => BitConverter.SingleToInt32Bits(v), s => float.Parse(s.TrimEnd('f'), CultureInfo.InvariantCulture));
                else Check((SharedColumnsRows<double>)rows, r => r.Dense, r => r.Unit, r => r.Weight, v => BitConverter.DoubleToInt64Bits(v), s => double.Parse(s, CultureInfo.InvariantCulture));

                void Check<TRows, T>(TRows r, Func<TRows, T[]> dense, Func<TRows, int[]> unit, Func<TRows, T[]> weight, Func<T, long> bits, Func<string, T> parse)
                {
                    // A stage without dense rows has no Dense table.
                    var denseItems = literal.Contains($" {stage}Dense => ", StringComparison.Ordinal) ? Table(literal, stage + "Dense") : Array.Empty<string>();
                    Assert.Equal(denseItems.Select(parse).Select(bits), dense(r).Select(bits));
                    Assert.Equal(Table(literal, stage + "Unit").Select(int.Parse), unit(r));
                    Assert.Equal(Table(literal, stage + "Weight").Select(parse).Select(bits), weight(r).Select(bits));
                }
            }

            var program = Program(name);
            var engine = global::Circuits.Engine.Create(model, single ? NumericType.Float32 : NumericType.Float64);
            var rng = new Random(3);
            var inputs = new List<int[]>
            {
                new[] { 2 },
                Enumerable.Repeat(1, n).ToArray(),
                Enumerable.Range(0, n).Select(i => i * 4 / n).ToArray(),
                Enumerable.Range(0, n).Select(i => 3 - i * 4 / n).ToArray(),
                Parity.Uniform(rng, n, 4),
                Parity.Uniform(rng, n - 1, 4),
                Parity.Uniform(rng, 2, 4),
                Parity.Uniform(rng, rng.Next(1, n + 1), 4),
            };
            foreach (var ids in inputs)
            {
                var got = pass.Forward(ids);
                var expected = engine.Forward(ids);
                var reference = ReferenceEvaluator.Evaluate(program, ids, false);
                for (int i = 0; i < ids.Length; i++)
                {
                    Assert.True(Parity.Same(got[i], expected[i]), $"{name}: emitted {got[i]} ≠ engine {expected[i]} at {i} of [{string.Join(",", ids)}]");
                    Assert.True(Parity.Same(got[i], reference[i]), $"{name}: emitted {got[i]} ≠ reference {reference[i]} at {i} of [{string.Join(",", ids)}]");
                }
            }
        }

        /// <summary>
        /// Expand copies, it does not decide: a layout that does not fit the columns (a sparse slot of the wrong size, a dense
        /// row past the end, a unit count that is not the columns') is refused loudly, never filled in.
        /// </summary>
        [Fact]
        public void Expand_FollowsTheLayout_AndRefusesOneThatDoesNotFit()
        {
            // 2 inputs, units 0–3 read column 0 = (0, 2), unit 4 reads column 1 = (5, 0).
            float[] columns = { 0, 2, 5, 0 };
            int[] groupStart = { 0, 4, 5 }, units = { 0, 1, 2, 3, 4 };
            // Row 0 sparse (unit 4 only), row 1 dense.
            var rows = SharedColumnsRows<float>.Expand(columns, groupStart, units, new[] { 0, 1, 1 }, new[] { -1, 0 });
            Assert.Equal(new[] { 4 }, rows.Unit);
            Assert.Equal(new[] { 5f }, rows.Weight);
            Assert.Equal(new[] { 2f, 2f, 2f, 2f, 0f }, rows.Dense);
            // Both rows sparse: row 1 has 4 non-zeros.
            var both = SharedColumnsRows<float>.Expand(columns, groupStart, units, new[] { 0, 1, 5 }, new[] { -1, -1 });
            Assert.Equal(new[] { 4, 0, 1, 2, 3 }, both.Unit);
            Assert.Equal(new[] { 5f, 2f, 2f, 2f, 2f }, both.Weight);

            Assert.Throws<ArgumentException>(() => SharedColumnsRows<float>.Expand(columns, groupStart, units, new[] { 0, 2, 2 }, new[] { -1, 0 }));
            Assert.Throws<ArgumentException>(() => SharedColumnsRows<float>.Expand(columns, groupStart, units, new[] { 0, 1, 4 }, new[] { -1, -1 }));
            Assert.Throws<ArgumentException>(() => SharedColumnsRows<float>.Expand(columns, groupStart, units, new[] { 0, 1, 1 }, new[] { -1, 3 }));
            Assert.Throws<ArgumentException>(() => SharedColumnsRows<float>.Expand(columns, groupStart, new[] { 0, 1, 2, 3 }, new[] { 0, 1, 1 }, new[] { -1, 0 }));
            Assert.Throws<ArgumentException>(() => SharedColumnsRows<float>.Expand(columns, groupStart, units, new[] { 0, 1 }, new[] { -1, 0 }));
        }

        /// <summary>The items of a literal table the emitter wrote (empty for an empty one).</summary>
        private static string[] Table(string source, string name)
        {
            if (source.Contains($" {name} => global::System.ReadOnlySpan<", StringComparison.Ordinal)) return Array.Empty<string>();
            var m = Regex.Match(source, @" " + name + @" => new \w+\[\]\n\s*\{\n(.*?)\n\s*\};", RegexOptions.Singleline);
            Assert.True(m.Success, $"no literal table {name}");
            return m.Groups[1].Value.Split(new[] { ',', ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
