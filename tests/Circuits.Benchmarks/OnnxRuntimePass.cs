using System;
using Circuits.Compiler;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// ONNX Runtime CPU on a model's ONNX export, set up so a timed <see cref="Run"/> is ORT's compute: 2 intra-op threads,
    /// sequential execution, and input and output tensors allocated once (batch 1, one length) and bound on every run.
    /// </summary>
    public sealed class OnnxRuntimePass : IDisposable
    {
        private static readonly string[] InputNames = { "tokens" };
        private static readonly string[] OutputNames = { "output", "decoded" };

        private readonly InferenceSession _session;
        private readonly RunOptions _runOptions = new RunOptions();
        private readonly long[] _tokens;
        private readonly OrtValue[] _inputs;
        private readonly OrtValue[] _outputs;
        private readonly long[]? _integerOutput;
        private readonly double[]? _realOutput;
        private readonly bool[] _decoded;

        /// <summary>Exports <paramref name="model"/> in <paramref name="precision"/> and opens it for inputs of <paramref name="length"/> tokens.</summary>
        public OnnxRuntimePass(CompiledModel model, NumericType precision, int length, int threads = 2)
        {
            using var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
            };
            _session = new InferenceSession(model.ToOnnx(precision), options);
            _tokens = new long[length];
            var shape = new long[] { 1, length };
            _inputs = new[] { OrtValue.CreateTensorValueFromMemory(_tokens, shape) };
            // The export contract: int64 output when every output value is a non-negative integer, else float64.
            bool integer = _session.OutputMetadata["output"].ElementDataType == TensorElementType.Int64;
            _decoded = new bool[length];
            OrtValue output;
            if (integer) output = OrtValue.CreateTensorValueFromMemory(_integerOutput = new long[length], shape);
            else output = OrtValue.CreateTensorValueFromMemory(_realOutput = new double[length], shape);
            _outputs = new[] { output, OrtValue.CreateTensorValueFromMemory(_decoded, shape) };
        }

        /// <summary>Copies <paramref name="ids"/> into the bound input tensor (not timed: done once in setup).</summary>
        public void SetInput(ReadOnlySpan<int> ids)
        {
            if (ids.Length != _tokens.Length) throw new ArgumentException($"this pass was opened for {_tokens.Length} tokens, not {ids.Length}", nameof(ids));
            for (int t = 0; t < ids.Length; t++) _tokens[t] = ids[t];
        }

        /// <summary>One forward pass on the bound input into the bound outputs.</summary>
        public void Run() => _session.Run(_runOptions, InputNames, _inputs, OutputNames, _outputs);

        /// <summary>
        /// The last run's outputs as the engine writes them (NaN = ⊥), decoded as the export tests do: int64 −1 is ⊥, and a
        /// position the graph marks undecoded (−2 / NaN with decoded = false) fails loudly, as the engine would throw there.
        /// </summary>
        public double[] Outputs()
        {
            var result = new double[_tokens.Length];
            for (int t = 0; t < result.Length; t++)
            {
                if (!_decoded[t]) throw new InvalidOperationException($"ONNX Runtime marks position {t} undecoded (the engine would throw)");
                result[t] = _integerOutput is null ? _realOutput![t] : _integerOutput[t] == Bottom.Id ? double.NaN : _integerOutput[t];
            }
            return result;
        }

        /// <summary>Releases the session and the bound tensors.</summary>
        public void Dispose()
        {
            foreach (var v in _inputs) v.Dispose();
            foreach (var v in _outputs) v.Dispose();
            _runOptions.Dispose();
            _session.Dispose();
        }
    }
}
