using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Circuits.Compiler;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// The generated, specialised Forward against the generic engine on the same model (the baseline), float32,
    /// at N = 256, 1024, 4096. Run: dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*Generated*'
    /// </summary>
    [MemoryDiagnoser]
    public class GeneratedBenchmarks
    {
        private IForwardPass _engine = null!;
        private int[] _ids = null!;
        private double[] _engineOutput = null!;
        private int[] _output = null!;

        [Params("induction-head", "16-hop")]
        public string Program { get; set; } = "";

        [Params(256, 1024, 4096)]
        public int N { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _engine = Program == "induction-head" ? InductionHead4096.CreateEngine(NumericType.Float32) : SixteenHop4096.CreateEngine(NumericType.Float32);
            var rng = new Random(1);
            _ids = Enumerable.Range(0, N).Select(_ => rng.Next(4)).ToArray();
            _engineOutput = new double[N];
            _output = new int[N];
            // The two must agree before their speed means anything.
            Generated();
            Engine();
            for (int i = 0; i < N; i++)
            {
                int expected = double.IsNaN(_engineOutput[i]) ? Bottom.Id : (int)_engineOutput[i];
                if (expected != _output[i]) throw new InvalidOperationException($"generated and engine disagree at {i}: {_output[i]} vs {expected}");
            }
        }

        [Benchmark(Baseline = true)]
        public void Engine() => _engine.Forward(_ids, _engineOutput);

        [Benchmark]
        public void Generated()
        {
            if (Program == "induction-head") InductionHead4096.Forward(_ids, _output);
            else SixteenHop4096.Forward(_ids, _output);
        }
    }
}
