using BenchmarkDotNet.Attributes;
using Circuits.Compiler;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// The build-time [Computes] check (ComputesCheck.Run: sampling, the core's reference executor on the weights, the task
    /// definitions) on the repository's declared circuits; its budget is ≤ 100 ms per circuit.
    /// Run: dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*ComputesCheck*' --job short
    /// </summary>
    [MemoryDiagnoser]
    public class ComputesCheckBenchmarks
    {
        private CompiledModel _model = null!;
        private KnownTask _task;
        private int _k;

        [Params("induction-head N=4096 f32", "16-hop N=4096 f32", "2-hop N=256", "sort N=64")]
        public string Circuit { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            (SOp program, KnownTask task, int k, int n, bool causal, NumericType precision, string vocabulary) = Circuit switch
            {
                "induction-head N=4096 f32" => (Library.InductionHead(), KnownTask.InductionHead, 0, 4096, true, NumericType.Float32, "abcd"),
                "16-hop N=4096 f32" => (Library.Hop(16), KnownTask.KHop, 16, 4096, true, NumericType.Float32, "abcd"),
                "2-hop N=256" => (Library.Hop(2), KnownTask.KHop, 2, 256, true, NumericType.Float64, "abcd"),
                _ => (Library.Sort(Rasp.Tokens, Rasp.Tokens), KnownTask.Sort, 0, 64, false, NumericType.Float64, "abcdefgh"),
            };
            _model = CircuitCompiler.Compile(program, new CompileOptions
            {
                Name = Circuit, Vocabulary = CompileOptions.CharVocabulary(vocabulary), MaxLength = n, Causal = causal, Precision = precision, Task = task, K = k,
            });
            _task = task;
            _k = k;
        }

        [Benchmark]
        public ComputesReport Check() => ComputesCheck.Run(_model, _task, _k);
    }
}
