using System;
using System.Linq;
using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests.Compilation
{
    /// <summary>Runs a compiled model on random instances and compares it with the reference evaluator and the task definition.</summary>
    internal static class Parity
    {
        public static CompiledModel Compile(SOp program, string vocab, int n, bool causal, NumericType precision = NumericType.Float64)
            => CircuitCompiler.Compile(program, new CompileOptions { Vocabulary = CompileOptions.CharVocabulary(vocab), MaxLength = n, Causal = causal, Precision = precision, Name = "test" });

        /// <summary>Checks <paramref name="instances"/> random inputs in every certified numeric type; returns the number checked.</summary>
        public static int Check(SOp program, CompiledModel model, Func<int[], double[]> task, Func<Random, int, int[]> generate, int instances, int seed, int minLength = 1)
        {
            var rng = new Random(seed);
            int checkedCount = 0;
            foreach (var type in model.Card.Certified)
            {
                var pass = global::Circuits.Engine.Create(model, type == "float32" ? NumericType.Float32 : NumericType.Float64);
                for (int t = 0; t < instances; t++)
                {
                    int length = rng.Next(Math.Min(minLength, model.MaxLength), model.MaxLength + 1);
                    var ids = generate(rng, length);
                    var got = pass.Forward(ids);
                    var reference = ReferenceEvaluator.Evaluate(program, ids, model.Causal);
                    var expected = task(ids);
                    for (int i = 0; i < ids.Length; i++)
                    {
                        Assert.True(Same(reference[i], expected[i]), $"reference evaluator disagrees with the task at {i}: {reference[i]} vs {expected[i]} on [{string.Join(",", ids)}]");
                        Assert.True(Same(got[i], expected[i]), $"{type}: compiled output {got[i]} ≠ task {expected[i]} at position {i} of [{string.Join(",", ids)}]");
                    }
                    checkedCount++;
                }
            }
            return checkedCount;
        }

        /// <summary>Compiles and asserts the engine equals the reference evaluator on every input up to length n.</summary>
        public static CompiledModel ExactOnAllInputs(SOp program, string vocab, int n, bool causal, string name = "program")
        {
            var model = Compile(program, vocab, n, causal);
            var pass = global::Circuits.Engine.Create(model);
            foreach (var ids in MiscompileRegressionTests.AllInputs(vocab.Length, n))
            {
                var expected = ReferenceEvaluator.Evaluate(program, ids, causal);
                var got = pass.Forward(ids);
                for (int i = 0; i < ids.Length; i++)
                    Assert.True(Same(got[i], expected[i]), $"{name}: position {i} of [{string.Join(",", ids)}]: {got[i]} vs {expected[i]}");
            }
            return model;
        }

        public static bool Same(double a, double b)
            => double.IsNaN(a) ? double.IsNaN(b) : !double.IsNaN(b) && Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(b));

        public static int[] Uniform(Random rng, int length, int vocab) => Enumerable.Range(0, length).Select(_ => rng.Next(vocab)).ToArray();
    }
}
