using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Circuits.Compiler;
using Circuits.Tasks;
using Circuits.Tests.Compilation;
using Circuits.Tests.Emit;
using Xunit;

namespace Circuits.Tests.Samples
{
    /// <summary>
    /// Every sample circuit, compiled by the generator in-process and loaded: its specialised Forward agrees per position
    /// with the generic engine on the same model (CreateEngine) and with the task definition, on ≥ 1,000 random inputs.
    /// Lengths are uniform in 1..N (1..256 for the N = 1024 circuit, to keep the test fast), plus a few full-length inputs.
    /// </summary>
    public class SampleParityTests
    {
        private const int Instances = 1000;
        private const int FullLength = 3;
        private const int LengthCap = 256;

        /// <summary>(sample file, class full name, task id) for every circuit in the samples.</summary>
        public static IEnumerable<object[]> Circuits() => new[]
        {
            new object[] { "samples/KHop/TwoHop.cs", "KHop.TwoHop", "hop2" },
            new object[] { "samples/KHop/Hops.cs", "KHop.OneHop", "hop1" },
            new object[] { "samples/KHop/Hops.cs", "KHop.FiveHop", "hop5" },
            new object[] { "samples/KHop/Hops.cs", "KHop.SixteenHop", "hop16" },
            new object[] { "samples/Classics/Circuits.cs", "Classics.ReverseCircuit", "reverse" },
            new object[] { "samples/Classics/Circuits.cs", "Classics.SortCircuit", "sort" },
            new object[] { "samples/Classics/Circuits.cs", "Classics.HistogramCircuit", "histogram" },
        };

        [Fact]
        public void EveryGeneratedCircuitIsCovered()
        {
            var covered = Circuits().Select(c => (string)c[1]).ToHashSet();
            var generated = SampleSources.Files.SelectMany(f => SampleSources.Run(f).Sources.Keys)
                .Where(h => h.EndsWith(".Circuit.g.cs", StringComparison.Ordinal))
                .Select(h => h.Substring(0, h.Length - ".Circuit.g.cs".Length)).ToHashSet();
            Assert.Equal(generated.OrderBy(x => x), covered.OrderBy(x => x));
        }

        [Theory]
        [MemberData(nameof(Circuits))]
        public void ForwardAgreesWithEngineAndTask(string file, string className, string task)
        {
            var type = SampleSources.Load(file).GetType(className, throwOnError: true)!;
            var model = (CompiledModel)type.GetProperty("Model", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var createEngine = type.GetMethod("CreateEngine", BindingFlags.Public | BindingFlags.Static)!;
            // CreateEngine() with its default: the circuit's own precision.
            Func<IForwardPass> newEngine = () => (IForwardPass)createEngine.Invoke(null, new[] { createEngine.GetParameters()[0].DefaultValue })!;

            IntForward? intForward = null;
            DoubleForward? doubleForward = null;
            foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == "Forward"))
            {
                var p = m.GetParameters();
                if (p.Length != 2 || p[0].ParameterType != typeof(ReadOnlySpan<int>)) continue;
                if (p[1].ParameterType == typeof(Span<int>)) intForward = m.CreateDelegate<IntForward>();
                else if (p[1].ParameterType == typeof(Span<double>)) doubleForward = m.CreateDelegate<DoubleForward>();
            }
            Assert.True(intForward is not null || doubleForward is not null, className + " has no generated Forward");

            int vocab = model.Vocabulary.Length;
            int n = model.MaxLength;
            int cap = Math.Min(n, LengthCap);
            Func<int[], double[]> expected = task switch
            {
                "hop1" => x => TaskDefinitions.KHop(x, 1),
                "hop2" => x => TaskDefinitions.KHop(x, 2),
                "hop5" => x => TaskDefinitions.KHop(x, 5),
                "hop16" => x => TaskDefinitions.KHop(x, 16),
                "reverse" => TaskDefinitions.Reverse,
                "sort" => TaskDefinitions.Sort,
                "histogram" => TaskDefinitions.Histogram,
                _ => throw new ArgumentException(task),
            };
            bool khop = task.StartsWith("hop", StringComparison.Ordinal);

            // The inputs, drawn up front from one seeded source so a failure reproduces whatever the thread schedule.
            var rng = new Random(1234 + className.Length * 7919);
            var inputs = new List<int[]>();
            for (int t = 0; t < Instances + FullLength; t++)
            {
                int length = t < FullLength ? n : rng.Next(1, cap + 1);
                // k-hop: the authors' no-immediate-repeat protocol for even t, uniform tokens for odd t.
                inputs.Add(khop && t % 2 == 0 ? InstanceGenerator.NoRepeat(rng, length, vocab) : InstanceGenerator.Uniform(rng, length, vocab));
            }

            // Checked on every core: one engine per thread (engines are not thread-safe; the generated pass keeps per-thread scratch).
            var failures = new ConcurrentQueue<string>();
            int checkedCount = 0;
            Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                () => (Engine: newEngine(), Ints: new int[n], Doubles: new double[n], EngineOut: new double[n]),
                (t, state, local) =>
                {
                    var failure = CheckOne(className, inputs[t], expected, local.Engine, intForward, doubleForward, local.Ints, local.Doubles, local.EngineOut);
                    if (failure is not null) { failures.Enqueue(failure); state.Stop(); }
                    else Interlocked.Increment(ref checkedCount);
                    return local;
                },
                _ => { });
            Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(3)));
            Assert.Equal(Instances + FullLength, checkedCount);
        }

        /// <summary>Null when the generated Forward, the engine and the task agree at every position of <paramref name="ids"/>.</summary>
        private static string? CheckOne(string className, int[] ids, Func<int[], double[]> task, IForwardPass engine,
            IntForward? intForward, DoubleForward? doubleForward, int[] ints, double[] doubles, double[] engineOut)
        {
            var want = task(ids);
            engine.Forward(ids, engineOut);
            if (intForward is not null) intForward(ids, ints);
            if (doubleForward is not null) doubleForward(ids, doubles);
            string Input() => $"length {ids.Length}, input [{string.Join(",", ids)}]";
            for (int i = 0; i < ids.Length; i++)
            {
                if (!Parity.Same(engineOut[i], want[i]))
                    return $"{className}: engine {engineOut[i]} ≠ task {want[i]} at position {i}; {Input()}";
                if (intForward is not null)
                {
                    double got = ints[i] == Bottom.Id ? double.NaN : ints[i];
                    if (!Parity.Same(got, engineOut[i]) || !Parity.Same(got, want[i]))
                        return $"{className}: Forward(int) {ints[i]} vs engine {engineOut[i]} vs task {want[i]} at position {i}; {Input()}";
                }
                if (doubleForward is not null && (!Parity.Same(doubles[i], engineOut[i]) || !Parity.Same(doubles[i], want[i])))
                    return $"{className}: Forward(double) {doubles[i]} vs engine {engineOut[i]} vs task {want[i]} at position {i}; {Input()}";
            }
            return null;
        }
    }
}
