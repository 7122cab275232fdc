using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// One forward pass (batch 1, N random tokens) of the induction head, 4-hop, 16-hop, reverse and sort, each compiled at
    /// build time for its N and precision: ONNX Runtime CPU (2 intra-op threads, the baseline) against the engine and the
    /// generated Forward on the same CompiledModel, and the engine's opt-in indexed hard-attention mode (labelled). Outputs are checked equal in GlobalSetup. A case the compiler does not
    /// certify or cannot build is not a parameter: the table printed after the run lists it with the reason. Where ONNX
    /// Runtime's N×N tensors would not fit in memory, its row fails with the reason and shows as NA.
    /// Run: dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*Forward*' [--quick]
    /// </summary>
    [MemoryDiagnoser]
    public class ForwardBenchmarks
    {
        private ForwardSubject _subject = null!;
        private GeneratedForward _forward = null!;

        /// <summary>The suite's cases that have a class (the rest are listed, with the reason, after the tables: <see cref="ExpFloor"/>).</summary>
        public static IEnumerable<string> Circuits => ForwardCase.Names(SuiteMode.Quick).Where(n => ForwardCase.Find(n).NotMeasured is null);

        /// <summary>The case, e.g. "16-hop N=4096 f32".</summary>
        [ParamsSource(nameof(Circuits))]
        public string Circuit { get; set; } = "";

        /// <summary>Builds the three passes and checks they agree.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _subject = ForwardSubject.Create(ForwardCase.Find(Circuit));
            _forward = _subject.Case.Forward!;
        }

        /// <summary>Releases ONNX Runtime.</summary>
        [GlobalCleanup]
        public void Cleanup() => _subject?.Dispose();

        /// <summary>ONNX Runtime CPU on the export, pre-bound input and outputs.</summary>
        [Benchmark(Baseline = true)]
        public void OnnxRuntime()
        {
            var onnx = _subject.Onnx ?? throw new InvalidOperationException(_subject.OnnxNotMeasured);
            onnx.Run();
        }

        /// <summary>The generic engine.</summary>
        [Benchmark]
        public void Engine() => _subject.Engine.Forward(_subject.Ids, _subject.EngineOutput);

        /// <summary>The generated, specialised Forward.</summary>
        [Benchmark]
        public void Generated() => _forward(_subject.Ids, _subject.GeneratedOutput);

        /// <summary>
        /// The engine's opt-in indexed mode: hard attention, exact-match heads the certificate proves hard are looked up
        /// (O(N) per head), every other head runs exact softmax. Labelled "Indexed (hard)" in the tables; checked equal to
        /// the exact passes in GlobalSetup.
        /// </summary>
        [Benchmark(Description = "Indexed (hard)")]
        public void Indexed() => _subject.Indexed.Forward(_subject.Ids, _subject.IndexedOutput);
    }
}
