using System;
using System.Linq;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Circuits.Compiler;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// The exact mode at N = 4096, float32, against the machine's exp floor measured in the same run (the baseline:
    /// TensorPrimitives.Exp over one causal head's N(N+1)/2 scores on one thread), so ratios survive a loaded machine.
    /// Run: dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*FastExact*' --job short
    /// </summary>
    [MemoryDiagnoser]
    public class FastExactBenchmarks
    {
        private const int N = 4096;
        private IForwardPass _engine = null!;
        private int[] _ids = null!;
        private double[] _engineOutput = null!;
        private int[] _output = null!;
        private float[] _scores = null!, _exps = null!;

        /// <summary>The model.</summary>
        [Params("induction-head", "16-hop")]
        public string Program { get; set; } = "";

        /// <summary>Builds the engine and checks the two passes agree before timing them.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _engine = Program == "induction-head" ? InductionHead4096F32.CreateEngine(NumericType.Float32) : SixteenHop4096F32.CreateEngine(NumericType.Float32);
            var rng = new Random(1);
            _ids = Enumerable.Range(0, N).Select(_ => rng.Next(4)).ToArray();
            _engineOutput = new double[N];
            _output = new int[N];
            _scores = Enumerable.Range(0, N * (N + 1) / 2).Select(i => -(float)(i % 97)).ToArray();
            _exps = new float[_scores.Length];
            Generated();
            Engine();
            for (int i = 0; i < N; i++)
            {
                int expected = double.IsNaN(_engineOutput[i]) ? Bottom.Id : (int)_engineOutput[i];
                if (expected != _output[i]) throw new InvalidOperationException($"generated and engine disagree at {i}: {_output[i]} vs {expected}");
            }
        }

        /// <summary>One causal head's exponentials, N(N+1)/2 of them, with TensorPrimitives on one thread.</summary>
        [Benchmark(Baseline = true)]
        public void ExpFloorOneHead() => TensorPrimitives.Exp(_scores, _exps);

        /// <summary>The generic engine.</summary>
        [Benchmark]
        public void Engine() => _engine.Forward(_ids, _engineOutput);

        /// <summary>The generated pass.</summary>
        [Benchmark]
        public void Generated()
        {
            if (Program == "induction-head") InductionHead4096F32.Forward(_ids, _output);
            else SixteenHop4096F32.Forward(_ids, _output);
        }
    }
}
