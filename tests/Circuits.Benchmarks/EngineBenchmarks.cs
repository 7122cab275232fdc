using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Circuits.Compiler;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// The generic engine on the seed's circuits: float32 against float64 on the same weights (float64 is the baseline),
    /// at N = 256, 1024, 4096. Run: dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*Engine*'
    /// </summary>
    [MemoryDiagnoser]
    public class EngineBenchmarks
    {
        private IForwardPass _single = null!, _double = null!;
        private int[] _ids = null!;
        private double[] _output = null!;

        [Params("induction-head", "16-hop")]
        public string Program { get; set; } = "";

        [Params(256, 1024, 4096)]
        public int N { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var program = Program == "induction-head" ? Library.InductionHead() : Library.Hop(16);
            var model = CircuitCompiler.Compile(program, new CompileOptions { MaxLength = N, Causal = true, Precision = NumericType.Float32, Name = Program });
            _single = Engine.Create(model, NumericType.Float32);
            _double = Engine.Create(model, NumericType.Float64);
            var rng = new Random(1);
            _ids = Enumerable.Range(0, N).Select(_ => rng.Next(4)).ToArray();
            _output = new double[N];
        }

        [Benchmark(Baseline = true)]
        public void Float64() => _double.Forward(_ids, _output);

        [Benchmark]
        public void Float32() => _single.Forward(_ids, _output);
    }
}
