using System;
using System.Globalization;
using System.IO;
using Circuits.Compiler;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// The passes of one forward case on one input of N tokens, built and checked equal before anything is timed:
    /// the generated Forward, the engine on the class's model (exact softmax, and the opt-in indexed hard-attention mode),
    /// and ONNX Runtime on that model's export. ONNX Runtime is left out (<see cref="OnnxNotMeasured"/>) only where its N×N score tensors would not
    /// fit in the memory available now.
    /// </summary>
    public sealed class ForwardSubject : IDisposable
    {
        private ForwardSubject(ForwardCase c, int[] ids, IForwardPass engine, IIndexedForwardPass indexed, OnnxRuntimePass? onnx, string? onnxNotMeasured)
        {
            Case = c;
            Ids = ids;
            Engine = engine;
            Indexed = indexed;
            IndexedOutput = new double[ids.Length];
            Onnx = onnx;
            OnnxNotMeasured = onnxNotMeasured;
            EngineOutput = new double[ids.Length];
            GeneratedOutput = new int[ids.Length];
        }

        /// <summary>The case.</summary>
        public ForwardCase Case { get; }
        /// <summary>The input: N random token ids (seed 1).</summary>
        public int[] Ids { get; }
        /// <summary>The engine on the class's model, in the case's precision.</summary>
        public IForwardPass Engine { get; }
        /// <summary>The engine's indexed hard-attention mode on the same model: certified-hard exact-match heads looked up, the rest exact.</summary>
        public IIndexedForwardPass Indexed { get; }
        /// <summary>The indexed pass's output buffer.</summary>
        public double[] IndexedOutput { get; }
        /// <summary>ONNX Runtime on the export, bound to <see cref="Ids"/>; null when <see cref="OnnxNotMeasured"/> says why.</summary>
        public OnnxRuntimePass? Onnx { get; }
        /// <summary>Why ONNX Runtime is not run, or null.</summary>
        public string? OnnxNotMeasured { get; }
        /// <summary>The engine's output buffer.</summary>
        public double[] EngineOutput { get; }
        /// <summary>The generated pass's output buffer.</summary>
        public int[] GeneratedOutput { get; }

        /// <summary>Builds the passes for <paramref name="c"/> and checks their outputs equal; throws when they differ.</summary>
        public static ForwardSubject Create(ForwardCase c)
        {
            if (c.NotMeasured is not null) throw new InvalidOperationException($"{c.Name} is not measured: {c.NotMeasured}");
            var model = c.Model!();
            var rng = new Random(1);
            var ids = new int[c.N];
            for (int t = 0; t < ids.Length; t++) ids[t] = rng.Next(model.Vocabulary.Length);
            var engine = global::Circuits.Engine.Create(model, c.Precision);
            var indexed = global::Circuits.Engine.CreateIndexed(model, c.Precision);
            string? why = OnnxMemoryShortfall(c);
            OnnxRuntimePass? onnx = null;
            if (why is null)
            {
                onnx = new OnnxRuntimePass(model, c.Precision, c.N);
                onnx.SetInput(ids);
            }
            var subject = new ForwardSubject(c, ids, engine, indexed, onnx, why);
            subject.Check();
            return subject;
        }

        /// <summary>Runs every pass once and compares decoded outputs position by position (⊥ equals ⊥); throws on any difference.</summary>
        public void Check()
        {
            Engine.Forward(Ids, EngineOutput);
            Case.Forward!(Ids, GeneratedOutput);
            Indexed.Forward(Ids, IndexedOutput);
            double[]? onnx = null;
            if (Onnx is not null)
            {
                Onnx.Run();
                onnx = Onnx.Outputs();
            }
            for (int t = 0; t < Ids.Length; t++)
            {
                double generated = GeneratedOutput[t] == Bottom.Id ? double.NaN : GeneratedOutput[t];
                if (!Same(generated, EngineOutput[t]))
                    throw new InvalidOperationException($"{Case.Name}: generated {generated} ≠ engine {EngineOutput[t]} at position {t}");
                if (!Same(IndexedOutput[t], EngineOutput[t]))
                    throw new InvalidOperationException($"{Case.Name}: indexed {IndexedOutput[t]} ≠ engine {EngineOutput[t]} at position {t}");
                if (onnx is not null && !Same(onnx[t], EngineOutput[t]))
                    throw new InvalidOperationException($"{Case.Name}: ONNX Runtime {onnx[t]} ≠ engine {EngineOutput[t]} at position {t}");
            }
        }

        private static bool Same(double a, double b) => double.IsNaN(a) ? double.IsNaN(b) : a == b;

        /// <summary>
        /// Null when ONNX Runtime's largest tensors fit; otherwise why not. Each head's scores, masked scores and softmax are
        /// (N+1)² values ORT keeps at once (1 GiB apiece in float32 at N = 16,384), plus the boolean mask; against
        /// MemAvailable with a quarter spare.
        /// </summary>
        public static string? OnnxMemoryShortfall(ForwardCase c)
        {
            long p = c.N + 1;
            long need = p * p * (3L * (c.Precision == NumericType.Float32 ? 4 : 8) + 1);
            long? available = MemAvailable();
            if (available is null || need * 5 / 4 <= available) return null;
            return string.Create(CultureInfo.InvariantCulture,
                $"ONNX Runtime needs about {need / (double)(1L << 30):F1} GiB for one head's (N+1)² score tensors; {available.Value / (double)(1L << 30):F1} GiB available");
        }

        private static long? MemAvailable()
        {
            const string path = "/proc/meminfo";
            if (!File.Exists(path)) return null;
            foreach (var line in File.ReadLines(path))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            return null;
        }

        /// <summary>Releases ONNX Runtime's session.</summary>
        public void Dispose() => Onnx?.Dispose();
    }
}
