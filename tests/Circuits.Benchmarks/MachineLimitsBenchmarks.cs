using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// What the machine allows, in the same run as the forward suite: exp throughput (TensorPrimitives.Exp and a
    /// hand-written 512/256-bit exp, <see cref="FastExp"/>) and dot-product throughput, on 1 and 2 threads, over
    /// cache-resident buffers (scores minus their maximum, in [−30, 0]). The Gelem/s column is elements per second;
    /// Program prints each forward case's exp floor from it (<see cref="ExpFloor"/>).
    /// Run: dotnet run -c Release --project tests/Circuits.Benchmarks -- --filter '*MachineLimits*'
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(ThroughputConfig))]
    public class MachineLimitsBenchmarks
    {
        /// <summary>Elements per buffer: 16 KiB of floats per operand, so the loop measures compute, not memory.</summary>
        public const int BufferLength = 4096;

        /// <summary>Passes over the buffer per call, per thread.</summary>
        public const int Repeats = 256;

        /// <summary>Elements each thread processes per call.</summary>
        public const long ElementsPerThread = (long)BufferLength * Repeats;

        private float[][] _inputs = null!, _outputs = null!, _others = null!;
        private double[] _sums = null!;
        private Action<int> _exp = null!, _fastExp = null!, _dot = null!;
        private ParallelOptions _parallel = null!;

        /// <summary>Worker threads (the benchmark's thread joins in).</summary>
        [Params(1, 2)]
        public int Threads { get; set; }

        /// <summary>Buffers per thread; checks the hand-written exp's accuracy so its speed is of a real exp.</summary>
        [GlobalSetup]
        public void Setup()
        {
            var rng = new Random(1);
            float[] Buffer(float lo, float hi) => Enumerable.Range(0, BufferLength).Select(_ => lo + (float)rng.NextDouble() * (hi - lo)).ToArray();
            _inputs = Enumerable.Range(0, Threads).Select(_ => Buffer(-30, 0)).ToArray();
            _others = Enumerable.Range(0, Threads).Select(_ => Buffer(-1, 1)).ToArray();
            _outputs = Enumerable.Range(0, Threads).Select(_ => new float[BufferLength]).ToArray();
            _sums = new double[Threads];
            _parallel = new ParallelOptions { MaxDegreeOfParallelism = Threads };
            double error = FastExp.MaxRelativeError(Buffer(-87, 88));
            if (error > 1e-6) throw new InvalidOperationException($"the hand-written exp is off by {error:E2} (relative); its speed would mean nothing");
            _exp = t => { for (int r = 0; r < Repeats; r++) TensorPrimitives.Exp(_inputs[t], _outputs[t]); };
            _fastExp = t => { for (int r = 0; r < Repeats; r++) FastExp.Exp(_inputs[t], _outputs[t]); };
            _dot = t =>
            {
                float sum = 0;
                for (int r = 0; r < Repeats; r++) sum += TensorPrimitives.Dot(_inputs[t], _others[t]);
                _sums[t] = sum;
            };
        }

        /// <summary>TensorPrimitives.Exp(float).</summary>
        [Benchmark(Baseline = true)]
        public void Exp() => OnThreads(_exp);

        /// <summary>The hand-written vectorised exp.</summary>
        [Benchmark]
        public void HandWrittenExp() => OnThreads(_fastExp);

        /// <summary>TensorPrimitives.Dot(float): one multiply-add per element.</summary>
        [Benchmark]
        public void Dot() => OnThreads(_dot);

        private void OnThreads(Action<int> work)
        {
            if (Threads == 1) work(0);
            else Parallel.For(0, Threads, _parallel, work);
        }

        /// <summary>Adds the Gelem/s column.</summary>
        public sealed class ThroughputConfig : ManualConfig
        {
            /// <summary>The config.</summary>
            public ThroughputConfig() => AddColumn(new ThroughputColumn());
        }

        /// <summary>Elements per second over all threads, from the mean time per call.</summary>
        public sealed class ThroughputColumn : IColumn
        {
            /// <inheritdoc/>
            public string Id => "Throughput";
            /// <inheritdoc/>
            public string ColumnName => "Gelem/s";
            /// <inheritdoc/>
            public bool AlwaysShow => true;
            /// <inheritdoc/>
            public ColumnCategory Category => ColumnCategory.Custom;
            /// <inheritdoc/>
            public int PriorityInCategory => 0;
            /// <inheritdoc/>
            public bool IsNumeric => true;
            /// <inheritdoc/>
            public UnitType UnitType => UnitType.Dimensionless;
            /// <inheritdoc/>
            public string Legend => "Elements processed per second over all threads, in billions";

            /// <summary>Gelem/s of a case, or null before it has results.</summary>
            public static double? Of(Summary summary, BenchmarkCase benchmarkCase)
            {
                var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
                if (mean is null or <= 0) return null;
                int threads = (int)benchmarkCase.Parameters["Threads"];
                return threads * ElementsPerThread / mean.Value;
            }

            /// <inheritdoc/>
            public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Of(summary, benchmarkCase)?.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "NA";
            /// <inheritdoc/>
            public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
            /// <inheritdoc/>
            public bool IsAvailable(Summary summary) => true;
            /// <inheritdoc/>
            public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        }
    }
}
