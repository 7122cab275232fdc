using System;
using System.Globalization;

namespace Circuits.Compiler
{
    /// <summary>
    /// Decodes the readout coordinates of one position into a value (NaN = ⊥). It is deliberately loud: a residual that
    /// sits between the designed levels means the model is not exact, and silently rounding it would hide that. The
    /// runtime engine and the core's reference executor both decode with it.
    /// </summary>
    public sealed class ReadoutDecoder
    {
        /// <summary>One-hot coordinates strictly inside (Low, High) are neither "off" (≈ 0) nor "on" (≈ 1).</summary>
        private const double BandLow = 0.25, BandHigh = 0.75;
        /// <summary>The threshold between "off" and "on" (one-hot) or between 0 and ±1 (binary).</summary>
        private const double Half = 0.5;

        private readonly Encoding _encoding;
        private readonly double[] _values;
        private readonly double _tolerance;

        /// <summary>Checks the readout against the residual width and keeps what decoding needs.</summary>
        /// <param name="readout">The model's output readout.</param>
        /// <param name="width">The model's residual width.</param>
        /// <exception cref="ArgumentException">The readout is missing or does not fit the width or its encoding.</exception>
        public ReadoutDecoder(Readout readout, int width)
        {
            if (readout is null) throw new ArgumentException("the model has no output readout", "model");
            if (readout.Offset < 0 || readout.Dims < 0 || (long)readout.Offset + readout.Dims > width)
                throw new ArgumentException(
                    $"readout coordinates [{readout.Offset}, {readout.Offset + readout.Dims}) do not fit the residual width {width}", "model");
            Offset = readout.Offset;
            Dims = readout.Dims;
            _encoding = readout.Encoding;
            _tolerance = readout.Tolerance;
            _values = (double[])(readout.Values ?? Array.Empty<double>()).Clone();
            switch (_encoding)
            {
                case Encoding.OneHot:
                    if (_values.Length < Dims)
                        throw new ArgumentException(
                            $"one-hot readout has {Dims} coordinates but only {_values.Length} values", "model");
                    break;
                case Encoding.Binary:
                    if (Dims > 30)
                        throw new ArgumentException($"binary readout has {Dims} coordinates; at most 30 are supported", "model");
                    break;
                case Encoding.Scalar:
                    if (Dims != 1)
                        throw new ArgumentException($"scalar readout must have 1 coordinate, not {Dims}", "model");
                    // Nearest-value search needs ascending order; sorting a copy costs nothing and tolerates any order.
                    Array.Sort(_values);
                    break;
                case Encoding.Quadratic:
                    if (Dims != 3)
                        throw new ArgumentException($"quadratic readout must have 3 coordinates (1, v, v²), not {Dims}", "model");
                    Array.Sort(_values);
                    break;
                default:
                    throw new ArgumentException($"unknown readout encoding {_encoding}", "model");
            }
        }

        /// <summary>First residual coordinate of the readout.</summary>
        public int Offset { get; }

        /// <summary>Number of readout coordinates.</summary>
        public int Dims { get; }

        /// <summary>Decodes <paramref name="x"/> (the <see cref="Dims"/> readout coordinates) of input position <paramref name="position"/>.</summary>
        /// <param name="x">The readout coordinates, exactly <see cref="Dims"/> of them.</param>
        /// <param name="position">The input position, for messages.</param>
        /// <returns>The decoded value; NaN is ⊥.</returns>
        /// <exception cref="InvalidOperationException">The coordinates are not finite or sit between the designed levels.</exception>
        public double Decode(double[] x, int position)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            if (x.Length != Dims) throw new ArgumentException($"the readout has {Dims} coordinates, got {x.Length}", nameof(x));
            for (int b = 0; b < x.Length; b++)
            {
                if (double.IsNaN(x[b]) || double.IsInfinity(x[b]))
                    throw new InvalidOperationException(
                        $"output at position {position} is not finite: coordinate {b} is {Format(x[b])}");
            }
            return _encoding switch
            {
                Encoding.OneHot => DecodeOneHot(x, position),
                Encoding.Binary => DecodeBinary(x, position),
                Encoding.Quadratic => DecodeQuadratic(x, position),
                _ => DecodeScalar(x[0], position),
            };
        }

        private double DecodeOneHot(double[] x, int position)
        {
            int argmax = -1, on = 0;
            for (int b = 0; b < x.Length; b++)
            {
                if (x[b] > BandLow && x[b] < BandHigh)
                    throw new InvalidOperationException(
                        $"output at position {position} is not decisive: one-hot coordinate {b} is {Format(x[b])}, inside ({BandLow}, {BandHigh})");
                if (x[b] >= Half)
                {
                    on++;
                    if (on > 1)
                        throw new InvalidOperationException(
                            $"output at position {position} is not decisive: one-hot coordinates {argmax} ({Format(x[argmax])}) and {b} ({Format(x[b])}) are both ≥ {Half}");
                    argmax = b;
                }
            }
            return argmax < 0 ? Bottom.Value : _values[argmax];
        }

        private double DecodeBinary(double[] x, int position)
        {
            bool allZero = true;
            for (int b = 0; b < x.Length; b++)
                if (Math.Abs(x[b]) >= Half) { allZero = false; break; }
            if (allZero) return Bottom.Value;

            int code = 0;
            for (int b = 0; b < x.Length; b++)
            {
                if (!(Math.Abs(x[b]) > Half))
                    throw new InvalidOperationException(
                        $"output at position {position} is not decisive: binary coordinate {b} is {Format(x[b])}, not ≈ ±1");
                if (x[b] > 0) code |= 1 << b;
            }
            if (code >= _values.Length)
                throw new InvalidOperationException(
                    $"output at position {position} has binary code {code}, but the readout has only {_values.Length} values");
            return _values[code];
        }

        /// <summary>(presence, v, v²): ⊥ when the presence coordinate is ≈ 0, else the admissible integer nearest to v.</summary>
        private double DecodeQuadratic(double[] x, int position)
        {
            if (x[0] > BandLow && x[0] < BandHigh)
                throw new InvalidOperationException(
                    $"output at position {position} is not decisive: presence coordinate is {Format(x[0])}, inside ({BandLow}, {BandHigh})");
            if (x[0] < Half) return Bottom.Value;
            double nearest = Nearest(x[1]);
            if (!(Math.Abs(x[1] - nearest) <= BandLow))
                throw new InvalidOperationException(
                    $"output at position {position} is {Format(x[1])}; the nearest admissible value {Format(nearest)} is more than {BandLow} away");
            return nearest;
        }

        private double DecodeScalar(double x, int position)
        {
            if (_values.Length == 0) return x;
            double nearest = Nearest(x);
            if (!(Math.Abs(x - nearest) <= _tolerance))
                throw new InvalidOperationException(
                    $"output at position {position} is {Format(x)}; the nearest admissible value {Format(nearest)} is {Format(Math.Abs(x - nearest))} away, more than the tolerance {Format(_tolerance)}");
            return nearest;
        }

        /// <summary>The element of the (ascending) values closest to <paramref name="x"/>.</summary>
        private double Nearest(double x)
        {
            int i = Array.BinarySearch(_values, x);
            if (i >= 0) return _values[i];
            i = ~i; // first element greater than x
            if (i == 0) return _values[0];
            if (i == _values.Length) return _values[_values.Length - 1];
            return x - _values[i - 1] <= _values[i] - x ? _values[i - 1] : _values[i];
        }

        private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    }
}
