using System;
using System.Linq;
using System.Text;

namespace Circuits.Compiler.Emit
{
    /// <summary>
    /// Emits input validation, text encoding and readout decoding into the kernel class. The messages and the decoding
    /// rules are the generic engine's (InputValidation, ReadoutDecoder), specialised to the model's encoding.
    /// </summary>
    internal static class ReadoutEmitter
    {
        public static void EmitKernelPart(ModelPlan plan, CodeWriter w)
        {
            EmitValidation(plan, w);
            EmitSymbols(plan, w);
            EmitDecode(plan, w);
        }

        /// <summary>The vocabulary as messages print it (see <see cref="VocabularyText"/>).</summary>
        public static string Describe(string[] vocabulary) => VocabularyText.Describe(vocabulary);

        private static void EmitValidation(ModelPlan plan, CodeWriter w)
        {
            w.Line();
            w.Line("/// <summary>Throws unless 1 ≤ ids.Length ≤ MaxLength and every id is in [0, VocabularySize).</summary>");
            using (w.Block("internal static void CheckIds(global::System.ReadOnlySpan<int> ids)"))
            {
                w.Line("if (ids.Length == 0)");
                w.Line("    throw new global::System.ArgumentException(\"input is empty; at least 1 token is required\", \"ids\");");
                w.Line("if (ids.Length > MaxLength)");
                w.Line("    throw new global::System.ArgumentException(");
                w.Line("        $\"input has {ids.Length} tokens but the model's maximum length is {MaxLength}\", \"ids\");");
                using (w.Block("for (int t = 0; t < ids.Length; t++)"))
                {
                    w.Line("int id = ids[t];");
                    w.Line("if ((uint)id >= (uint)VocabularySize)");
                    w.Line("    throw new global::System.ArgumentOutOfRangeException(\"ids\", id,");
                    w.Line("        $\"token id {id} at position {t} is outside the vocabulary: ids must be in [0, {VocabularySize}) (vocabulary size {VocabularySize})\");");
                }
            }
            w.Line();
            w.Line("/// <summary>Throws unless the output span can hold one value per input token.</summary>");
            using (w.Block("internal static void CheckOutput(int inputLength, int outputLength)"))
            {
                w.Line("if (outputLength < inputLength)");
                w.Line("    throw new global::System.ArgumentException(");
                w.Line("        $\"output has room for {outputLength} values but the input has {inputLength} tokens\", \"output\");");
            }
        }

        private static void EmitSymbols(ModelPlan plan, CodeWriter w)
        {
            w.Line();
            w.Line("/// <summary>The vocabulary (token id = index), for Run's encoding and rendering (Circuits.Compiler.SymbolText).</summary>");
            w.Line("internal static readonly string[] Symbols = new string[]");
            using (w.Open("};"))
                foreach (var line in Literals.Wrap(plan.Vocabulary.Select(Literals.String).ToList(), 16)) w.Line(line);
        }

        private static void EmitDecode(ModelPlan plan, CodeWriter w)
        {
            var r = plan.Output;
            var values = (double[])(r.Values ?? Array.Empty<double>()).Clone();
            switch (r.Encoding)
            {
                case Encoding.OneHot:
                    if (values.Length < r.Dims) throw new ArgumentException($"one-hot readout has {r.Dims} coordinates but only {values.Length} values", "model");
                    break;
                case Encoding.Binary:
                    if (r.Dims > 30) throw new ArgumentException($"binary readout has {r.Dims} coordinates; at most 30 are supported", "model");
                    break;
                case Encoding.Scalar:
                    if (r.Dims != 1) throw new ArgumentException($"scalar readout must have 1 coordinate, not {r.Dims}", "model");
                    Array.Sort(values);
                    break;
                case Encoding.Quadratic:
                    if (r.Dims != 3) throw new ArgumentException($"quadratic readout must have 3 coordinates (1, v, v²), not {r.Dims}", "model");
                    Array.Sort(values);
                    break;
                default:
                    throw new ArgumentException($"unknown readout encoding {r.Encoding}", "model");
            }

            w.Line();
            w.Line("private const double BandLow = 0.25, BandHigh = 0.75, Half = 0.5;");
            w.Line($"private const double Tolerance = {Literals.Double(r.Tolerance)};");
            w.Line($"/// <summary>The readout's admissible values ({r.Encoding}{(r.Encoding == Encoding.Scalar || r.Encoding == Encoding.Quadratic ? ", ascending" : "")}).</summary>");
            if (values.Length == 0) w.Line("private static global::System.ReadOnlySpan<double> Values => global::System.ReadOnlySpan<double>.Empty;");
            else
            {
                w.Line("private static global::System.ReadOnlySpan<double> Values => new double[]");
                using (w.Open("};"))
                    foreach (var line in Literals.Wrap(values.Select(Literals.Double).ToList(), 8)) w.Line(line);
            }
            w.Line();
            w.Line($"/// <summary>Decodes input position <paramref name=\"t\"/> from the final residual ({r.Encoding} at coordinates [{r.Offset}, {r.Offset + r.Dims})); NaN = ⊥. Loud when the residual sits between the designed levels.</summary>");
            using (w.Block("internal static double Decode(Scratch s, int t)"))
            {
                w.Line("double[] x = s.Readout;");
                w.Line($"int o = (t + 1) * Width + {r.Offset};");
                w.Line($"for (int c = 0; c < {r.Dims}; c++) x[c] = s.X[o + c];");
                using (w.Block($"for (int b = 0; b < {r.Dims}; b++)"))
                {
                    w.Line("if (!double.IsFinite(x[b]))");
                    w.Line("    throw new global::System.InvalidOperationException(");
                    w.Line("        $\"output at position {t} is not finite: coordinate {b} is {Format(x[b])}\");");
                }
                switch (r.Encoding)
                {
                    case Encoding.OneHot: OneHot(r.Dims, w); break;
                    case Encoding.Binary: Binary(r.Dims, w); break;
                    case Encoding.Quadratic: Quadratic(w); break;
                    default: Scalar(values.Length, w); break;
                }
            }
            if (r.Encoding == Encoding.Scalar && values.Length > 0 || r.Encoding == Encoding.Quadratic)
            {
                w.Line();
                w.Line("/// <summary>The admissible value closest to <paramref name=\"x\"/> (ties go to the smaller).</summary>");
                using (w.Block("private static double Nearest(double x)"))
                {
                    w.Line("global::System.ReadOnlySpan<double> values = Values;");
                    w.Line("int i = global::System.MemoryExtensions.BinarySearch(values, x);");
                    w.Line("if (i >= 0) return values[i];");
                    w.Line("i = ~i; // first element greater than x");
                    w.Line("if (i == 0) return values[0];");
                    w.Line("if (i == values.Length) return values[values.Length - 1];");
                    w.Line("return x - values[i - 1] <= values[i] - x ? values[i - 1] : values[i];");
                }
            }
            w.Line();
            w.Line("internal static string Format(double v) => v.ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture);");
        }

        private static void OneHot(int dims, CodeWriter w)
        {
            w.Line("global::System.ReadOnlySpan<double> values = Values;");
            w.Line("int argmax = -1, on = 0;");
            using (w.Block($"for (int b = 0; b < {dims}; b++)"))
            {
                w.Line("if (x[b] > BandLow && x[b] < BandHigh)");
                w.Line("    throw new global::System.InvalidOperationException(");
                w.Line("        $\"output at position {t} is not decisive: one-hot coordinate {b} is {Format(x[b])}, inside ({BandLow}, {BandHigh})\");");
                using (w.Block("if (x[b] >= Half)"))
                {
                    w.Line("on++;");
                    w.Line("if (on > 1)");
                    w.Line("    throw new global::System.InvalidOperationException(");
                    w.Line("        $\"output at position {t} is not decisive: one-hot coordinates {argmax} ({Format(x[argmax])}) and {b} ({Format(x[b])}) are both ≥ {Half}\");");
                    w.Line("argmax = b;");
                }
            }
            w.Line("return argmax < 0 ? global::Circuits.Compiler.Bottom.Value : values[argmax];");
        }

        private static void Binary(int dims, CodeWriter w)
        {
            w.Line("global::System.ReadOnlySpan<double> values = Values;");
            w.Line("bool allZero = true;");
            w.Line($"for (int b = 0; b < {dims}; b++)");
            w.Line("    if (global::System.Math.Abs(x[b]) >= Half) { allZero = false; break; }");
            w.Line("if (allZero) return global::Circuits.Compiler.Bottom.Value;");
            w.Line("int code = 0;");
            using (w.Block($"for (int b = 0; b < {dims}; b++)"))
            {
                w.Line("if (!(global::System.Math.Abs(x[b]) > Half))");
                w.Line("    throw new global::System.InvalidOperationException(");
                w.Line("        $\"output at position {t} is not decisive: binary coordinate {b} is {Format(x[b])}, not ≈ ±1\");");
                w.Line("if (x[b] > 0) code |= 1 << b;");
            }
            w.Line("if (code >= values.Length)");
            w.Line("    throw new global::System.InvalidOperationException(");
            w.Line("        $\"output at position {t} has binary code {code}, but the readout has only {values.Length} values\");");
            w.Line("return values[code];");
        }

        private static void Quadratic(CodeWriter w)
        {
            w.Line("if (x[0] > BandLow && x[0] < BandHigh)");
            w.Line("    throw new global::System.InvalidOperationException(");
            w.Line("        $\"output at position {t} is not decisive: presence coordinate is {Format(x[0])}, inside ({BandLow}, {BandHigh})\");");
            w.Line("if (x[0] < Half) return global::Circuits.Compiler.Bottom.Value;");
            w.Line("double nearest = Nearest(x[1]);");
            w.Line("if (!(global::System.Math.Abs(x[1] - nearest) <= BandLow))");
            w.Line("    throw new global::System.InvalidOperationException(");
            w.Line("        $\"output at position {t} is {Format(x[1])}; the nearest admissible value {Format(nearest)} is more than {BandLow} away\");");
            w.Line("return nearest;");
        }

        private static void Scalar(int valueCount, CodeWriter w)
        {
            if (valueCount == 0)
            {
                w.Line("return x[0]; // no admissible set: the number itself");
                return;
            }
            w.Line("double nearest = Nearest(x[0]);");
            w.Line("if (!(global::System.Math.Abs(x[0] - nearest) <= Tolerance))");
            w.Line("    throw new global::System.InvalidOperationException(");
            w.Line("        $\"output at position {t} is {Format(x[0])}; the nearest admissible value {Format(nearest)} is {Format(global::System.Math.Abs(x[0] - nearest))} away, more than the tolerance {Format(Tolerance)}\");");
            w.Line("return nearest;");
        }
    }
}
