using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Circuits.Compiler;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// The indexed mode (hard attention: exact-match heads looked up, O(N) per head) against the exact engine (softmax over
    /// every visible key, the baseline) on the same compiled model, batch 1, one thread, at N = 4,096 in float32.
    /// Outputs are checked equal before timing. Run:
    /// dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*IndexedBenchmarks*' --job short
    /// </summary>
    [MemoryDiagnoser]
    public class IndexedBenchmarks : IndexedComparison
    {
        /// <summary>The input length (and MaxLength).</summary>
        [Params(4096)]
        public int N { get; set; }

        /// <summary>Compiles the model and checks the two passes agree.</summary>
        [GlobalSetup]
        public void Setup() => Prepare(N, NumericType.Float32);
    }

    /// <summary>
    /// As <see cref="IndexedBenchmarks"/> at N = 65,536 in float64 (the induction head's scores need 25 mantissa bits from
    /// N = 16,384). The exact pass costs seconds per call here, so this runs as a cold single shot per benchmark:
    /// dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*IndexedLargeBenchmarks*' --job dry
    /// </summary>
    [MemoryDiagnoser]
    public class IndexedLargeBenchmarks : IndexedComparison
    {
        /// <summary>The input length (and MaxLength).</summary>
        [Params(65536)]
        public int N { get; set; }

        /// <summary>Compiles the model and checks the two passes agree.</summary>
        [GlobalSetup]
        public void Setup() => Prepare(N, NumericType.Float64);
    }

    /// <summary>Exact (baseline) against indexed on one compiled program; the derived classes choose N and the precision.</summary>
    public abstract class IndexedComparison
    {
        private IForwardPass _exact = null!, _indexed = null!;
        private int[] _ids = null!;
        private double[] _output = null!;

        /// <summary>The program: the induction head or 16-hop.</summary>
        [Params("induction-head", "16-hop")]
        public string Program { get; set; } = "";

        /// <summary>Compiles <see cref="Program"/> at <paramref name="n"/>, builds both passes and checks they agree on the input.</summary>
        protected void Prepare(int n, NumericType precision)
        {
            var program = Program == "induction-head" ? Library.InductionHead() : Library.Hop(16);
            var model = CircuitCompiler.Compile(program, new CompileOptions { MaxLength = n, Causal = true, Precision = precision, Name = Program });
            _exact = Engine.Create(model, precision);
            var indexed = Engine.CreateIndexed(model, precision);
            if (indexed.Heads.Any(h => !h.Indexed))
                throw new InvalidOperationException("not every head is indexed: " + string.Join("; ", indexed.Heads.Where(h => !h.Indexed)));
            _indexed = indexed;
            var rng = new Random(1);
            _ids = Enumerable.Range(0, n).Select(_ => rng.Next(4)).ToArray();
            _output = new double[n];
            double[] expected = _exact.Forward(_ids), actual = _indexed.Forward(_ids);
            for (int t = 0; t < n; t++)
                if (!expected[t].Equals(actual[t]))
                    throw new InvalidOperationException($"indexed output {t} is {actual[t]}, exact {expected[t]}");
        }

        /// <summary>Softmax over every visible key (the certified semantics).</summary>
        [Benchmark(Baseline = true)]
        public void Exact() => _exact.Forward(_ids, _output);

        /// <summary>Hard attention: every head looked up.</summary>
        [Benchmark]
        public void Indexed() => _indexed.Forward(_ids, _output);
    }
}
