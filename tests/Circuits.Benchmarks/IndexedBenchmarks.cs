using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Circuits.Compiler;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// The indexed mode (hard attention: exact-match heads looked up, O(N) per head) against the exact engine (softmax over
    /// every visible key, the baseline) on the same compiled model, batch 1, one thread. Float32 where the model is certified in
    /// it (N = 4,096), float64 at N = 65,536 (the induction head's scores need 25 mantissa bits from N = 16,384). Outputs are
    /// checked equal before timing. Run:
    /// dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*Indexed*' --job short
    /// </summary>
    [MemoryDiagnoser]
    public class IndexedBenchmarks
    {
        private IForwardPass _exact = null!, _indexed = null!;
        private int[] _ids = null!;
        private double[] _output = null!;

        [Params("induction-head", "16-hop")]
        public string Program { get; set; } = "";

        [Params(4096, 65536)]
        public int N { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var program = Program == "induction-head" ? Library.InductionHead() : Library.Hop(16);
            var precision = N <= 4096 ? NumericType.Float32 : NumericType.Float64;
            var model = CircuitCompiler.Compile(program, new CompileOptions { MaxLength = N, Causal = true, Precision = precision, Name = Program });
            _exact = Engine.Create(model, precision);
            var indexed = Engine.CreateIndexed(model, precision);
            if (indexed.Heads.Any(h => !h.Indexed))
                throw new InvalidOperationException("not every head is indexed: " + string.Join("; ", indexed.Heads.Where(h => !h.Indexed)));
            _indexed = indexed;
            var rng = new Random(1);
            _ids = Enumerable.Range(0, N).Select(_ => rng.Next(4)).ToArray();
            _output = new double[N];
            double[] expected = _exact.Forward(_ids), actual = _indexed.Forward(_ids);
            for (int t = 0; t < N; t++)
                if (!expected[t].Equals(actual[t]))
                    throw new InvalidOperationException($"indexed output {t} is {actual[t]}, exact {expected[t]}");
        }

        [Benchmark(Baseline = true)]
        public void Exact() => _exact.Forward(_ids, _output);

        [Benchmark]
        public void Indexed() => _indexed.Forward(_ids, _output);
    }
}
