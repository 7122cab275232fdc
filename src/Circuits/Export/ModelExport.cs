using System;
using System.IO;
using Circuits.Compiler;
using Circuits.Export;
using Google.Protobuf;

namespace Circuits
{
    /// <summary>
    /// Takes a <see cref="CompiledModel"/> out of the process: an ONNX graph any ONNX runtime runs, or safetensors weights
    /// with a JSON manifest for Python. Both read only the model, so generated models export the same way
    /// (<c>MyCircuit.Model.ExportOnnx(stream)</c>).
    /// </summary>
    public static class ModelExport
    {
        /// <summary>
        /// Writes <paramref name="model"/> as an ONNX model (opset 17, standard operators only). Input <c>tokens</c>: int64
        /// [batch, seq], vocabulary ids without BOS, 1 ≤ seq ≤ MaxLength (a longer sequence fails in the graph's position
        /// lookup, never silently). Output <c>output</c>: int64 [batch, seq] with −1 for ⊥ when every output value is a
        /// non-negative integer (vocabulary ids, counts, positions), else float64 [batch, seq] with NaN for ⊥; output
        /// <c>decoded</c>: bool [batch, seq], false where the residual does not decode cleanly (where <see cref="IForwardPass.Forward(ReadOnlySpan{int})"/>
        /// throws; the value there is −2 or NaN).
        /// </summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="stream">Where the ONNX bytes go.</param>
        /// <param name="precision">The numeric type of weights and activations; null picks float32 when the model is certified in it, else float64.</param>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="stream"/> is null.</exception>
        /// <exception cref="ArgumentException">The model is malformed, or not certified exact in <paramref name="precision"/>.</exception>
        public static void ExportOnnx(this CompiledModel model, Stream stream, NumericType? precision = null)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(stream);
            OnnxExporter.Build(model, ExportPrecision.Resolve(model, precision)).WriteTo(stream);
        }

        /// <summary>The ONNX model as bytes (see <see cref="ExportOnnx(CompiledModel, Stream, NumericType?)"/>).</summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="precision">The numeric type; null picks float32 when certified, else float64.</param>
        /// <returns>The serialized ONNX ModelProto.</returns>
        public static byte[] ToOnnx(this CompiledModel model, NumericType? precision = null)
        {
            ArgumentNullException.ThrowIfNull(model);
            return OnnxExporter.Build(model, ExportPrecision.Resolve(model, precision)).ToByteArray();
        }

        /// <summary>
        /// Writes <c>model.safetensors</c> (every weight by a stable name: embed.*, layers.L.heads.H.W_Q/W_K/W_V/W_O,
        /// layers.L.mlp.K.weight/bias, readout.values) and <c>manifest.json</c> (vocabulary, residual labels, per-layer and
        /// per-head names and shapes, masks, BOS handling, readout rule, numeric type, certificate and card) into
        /// <paramref name="directory"/>, creating it if needed. <c>examples/python/run_safetensors.py</c> runs the result with numpy.
        /// </summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="directory">The output folder.</param>
        /// <param name="precision">The numeric type of the weights; null picks float32 when the model is certified in it, else float64.</param>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="directory"/> is null.</exception>
        /// <exception cref="ArgumentException">The model is malformed, or not certified exact in <paramref name="precision"/>.</exception>
        public static void ExportSafetensors(this CompiledModel model, string directory, NumericType? precision = null)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(directory);
            SafetensorsExporter.Write(model, ExportPrecision.Resolve(model, precision), directory);
        }
    }
}
