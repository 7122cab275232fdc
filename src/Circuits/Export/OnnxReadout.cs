using System;
using Circuits.Compiler;
using DataType = Circuits.Export.Onnx.TensorProto.Types.DataType;

namespace Circuits.Export
{
    /// <summary>
    /// The readout as graph nodes: the same decisions as <see cref="ReadoutDecoder"/> (same thresholds, same nearest-value
    /// rule and tie-break, same tolerance), computed in float64 on the final residual. Where the decoder throws, the graph
    /// cannot, so it marks the position: 'decoded' is false and the value is −2 (int64) or NaN (float64).
    /// </summary>
    internal sealed class OnnxReadout
    {
        // ReadoutDecoder's levels: one-hot "off" below BandLow, "on" from Half, nothing strictly inside (BandLow, BandHigh).
        private const double BandLow = 0.25, BandHigh = 0.75, Half = 0.5;

        private readonly OnnxGraph _g;
        private readonly bool _integer;

        private OnnxReadout(OnnxGraph g, bool integer)
        {
            _g = g;
            _integer = integer;
        }

        /// <summary>Adds the readout; returns the output value tensor, the decoded flags and whether the output is int64.</summary>
        public static (string Output, string Decoded, bool Integer) Build(OnnxGraph g, Readout readout, string x, bool single)
        {
            bool integer = OutputContract.IntegerValued(readout);
            var r = new OnnxReadout(g, integer);
            var (value, bad) = r.Decode(readout, x, single);
            string output = g.Node("Where", "readout_value", new[] { bad, integer ? g.Scalar(OutputContract.Undecodable) : g.ScalarDouble(double.NaN), value });
            string decoded = g.Node("Not", "readout_decoded", new[] { bad });
            return (output, decoded, integer);
        }

        private (string Value, string Bad) Decode(Readout readout, string x, bool single)
        {
            int d = readout.Dims;
            if (d == 0)
            {
                // No coordinates: the decoder reads nothing on and returns ⊥ (one-hot, binary) everywhere.
                string zero = _g.Node("Mul", "readout_zero", new[] { OnnxExporter.Input, _g.Scalar(0) });
                string none = _g.Node("Greater", "readout_never", new[] { zero, _g.Scalar(0) });
                return (_integer ? _g.Node("Add", "readout_bottom", new[] { zero, Bottom() })
                                 : _g.Node("Add", "readout_bottom", new[] { _g.Node("Cast", "readout_zero_f64", new[] { zero }, OnnxGraph.Int("to", (long)DataType.Double)), Bottom() }),
                        none);
            }

            // Input positions only (BOS dropped), readout coordinates only, in float64 like the decoder.
            string r = _g.Node("Slice", "readout_coordinates", new[]
            {
                x, _g.Vector(1, readout.Offset), _g.Vector(long.MaxValue, readout.Offset + d), _g.Vector(1, 2),
            });
            if (single) r = _g.Node("Cast", "readout_f64", new[] { r }, OnnxGraph.Int("to", (long)DataType.Double));
            string notFinite = Any(_g.Node("Or", "readout_not_finite", new[]
            {
                _g.Node("IsNaN", "readout_nan", new[] { r }), _g.Node("IsInf", "readout_inf", new[] { r }),
            }), "readout_any_not_finite");

            var values = readout.Values ?? Array.Empty<double>();
            return readout.Encoding switch
            {
                Encoding.OneHot => OneHot(r, d, values, notFinite),
                Encoding.Binary => Binary(r, d, values, notFinite),
                Encoding.Scalar => Scalar(r, values, readout.Tolerance, notFinite),
                Encoding.Quadratic => Quadratic(r, values, notFinite),
                _ => throw new ArgumentException($"unknown readout encoding {readout.Encoding}", nameof(readout)),
            };
        }

        private (string, string) OneHot(string r, int d, double[] values, string notFinite)
        {
            string band = _g.Node("And", "onehot_between_levels", new[]
            {
                _g.Node("Greater", "onehot_above_off", new[] { r, _g.ScalarDouble(BandLow) }),
                _g.Node("Less", "onehot_below_on", new[] { r, _g.ScalarDouble(BandHigh) }),
            });
            string on = Count(_g.Node("GreaterOrEqual", "onehot_on", new[] { r, _g.ScalarDouble(Half) }), "onehot_on_count");
            string bad = Or(notFinite, Or(Any(band, "onehot_any_between"), _g.Node("Greater", "onehot_several_on", new[] { on, _g.Scalar(1) })));
            string index = _g.Node("ArgMax", "onehot_index", new[] { r }, OnnxGraph.Int("axis", -1), OnnxGraph.Int("keepdims", 0));
            string value = _g.Node("Gather", "onehot_value", new[] { Table("onehot_values", values.AsSpan(0, d).ToArray()), index }, OnnxGraph.Int("axis", 0));
            return (_g.Node("Where", "onehot_decoded", new[] { _g.Node("Equal", "onehot_none_on", new[] { on, _g.Scalar(0) }), Bottom(), value }), bad);
        }

        private (string, string) Binary(string r, int d, double[] values, string notFinite)
        {
            string abs = _g.Node("Abs", "binary_magnitude", new[] { r });
            // All coordinates below 1/2 in magnitude is the zero vector, ⊥; otherwise every one must be clearly ±1.
            string present = Any(_g.Node("GreaterOrEqual", "binary_large", new[] { abs, _g.ScalarDouble(Half) }), "binary_present");
            string vague = Any(_g.Node("Not", "binary_not_decisive", new[] { _g.Node("Greater", "binary_decisive", new[] { abs, _g.ScalarDouble(Half) }) }), "binary_any_vague");
            var powers = new long[d];
            for (int b = 0; b < d; b++) powers[b] = 1L << b;
            string bits = _g.Node("Cast", "binary_bits", new[] { _g.Node("Greater", "binary_positive", new[] { r, _g.ScalarDouble(0) }) }, OnnxGraph.Int("to", (long)DataType.Int64));
            string code = Sum(_g.Node("Mul", "binary_weighted", new[] { bits, _g.Longs("binary_powers", new long[] { d }, powers) }), "binary_code");
            string tooLarge = _g.Node("GreaterOrEqual", "binary_code_unknown", new[] { code, _g.Scalar(values.Length) });
            string safe = _g.Node("Where", "binary_code_checked", new[] { tooLarge, _g.Scalar(0), code });
            // A table of at least one entry keeps the Gather valid; with no values every code is unknown anyway.
            string table = Table("binary_values", values.Length == 0 ? new double[] { 0 } : values);
            string value = _g.Node("Gather", "binary_value", new[] { table, safe }, OnnxGraph.Int("axis", 0));
            string bad = Or(notFinite, _g.Node("And", "binary_present_but_bad", new[] { present, Or(vague, tooLarge) }));
            return (_g.Node("Where", "binary_decoded", new[] { present, value, Bottom() }), bad);
        }

        private (string, string) Scalar(string r, double[] values, double tolerance, string notFinite)
        {
            string x = Column(r, 0, "scalar");
            if (values.Length == 0) return (x, notFinite); // an unbounded number: the decoder returns it as is
            string nearest = Nearest(x, values, "scalar");
            string far = _g.Node("Not", "scalar_outside_tolerance", new[]
            {
                _g.Node("LessOrEqual", "scalar_within_tolerance", new[] { _g.Node("Abs", "scalar_error", new[] { _g.Node("Sub", "scalar_offset", new[] { x, nearest }) }), _g.ScalarDouble(tolerance) }),
            });
            return (Result(nearest), Or(notFinite, far));
        }

        private (string, string) Quadratic(string r, double[] values, string notFinite)
        {
            string presence = Column(r, 0, "quadratic_presence");
            string v = Column(r, 1, "quadratic");
            string band = _g.Node("And", "quadratic_presence_between", new[]
            {
                _g.Node("Greater", "quadratic_above_off", new[] { presence, _g.ScalarDouble(BandLow) }),
                _g.Node("Less", "quadratic_below_on", new[] { presence, _g.ScalarDouble(BandHigh) }),
            });
            string present = _g.Node("GreaterOrEqual", "quadratic_present", new[] { presence, _g.ScalarDouble(Half) });
            string nearest = values.Length == 0 ? v : Nearest(v, values, "quadratic");
            string far = _g.Node("Not", "quadratic_far", new[]
            {
                _g.Node("LessOrEqual", "quadratic_near", new[] { _g.Node("Abs", "quadratic_error", new[] { _g.Node("Sub", "quadratic_offset", new[] { v, nearest }) }), _g.ScalarDouble(BandLow) }),
            });
            string bad = Or(notFinite, Or(band, _g.Node("And", "quadratic_present_far", new[] { present, far })));
            return (_g.Node("Where", "quadratic_decoded", new[] { present, Result(nearest), Bottom() }), bad);
        }

        /// <summary>
        /// The admissible value nearest to x (lower on a tie), as the decoder's binary search finds it. ONNX has no search,
        /// so a two-level count does it in O(√n) per position: how many blocks start at or below x, then how many values of
        /// that block are at or below x; i = (values ≤ x), and the answer is v[i − 1] or v[i].
        /// </summary>
        private string Nearest(string x, double[] unsorted, string name)
        {
            var v = (double[])unsorted.Clone();
            Array.Sort(v);
            int n = v.Length;
            int k = (int)Math.Ceiling(Math.Sqrt(n));
            var blocks = new double[k * k];
            for (int j = 0; j < blocks.Length; j++) blocks[j] = j < n ? v[j] : double.PositiveInfinity;
            var firsts = new double[k];
            for (int b = 0; b < k; b++) firsts[b] = blocks[b * k];

            string xu = _g.Node("Unsqueeze", name + "_x", new[] { x, _g.Vector(-1) });
            string started = Count(_g.Node("LessOrEqual", name + "_blocks_started", new[] { _g.Doubles(name + "_block_starts", new long[] { k }, firsts), xu }), name + "_blocks_count");
            string block = _g.Node("Where", name + "_block", new[]
            {
                _g.Node("Greater", name + "_any_block", new[] { started, _g.Scalar(0) }),
                _g.Node("Sub", name + "_last_block", new[] { started, _g.Scalar(1) }),
                _g.Scalar(0),
            });
            string row = _g.Node("Gather", name + "_block_values", new[] { _g.Doubles(name + "_blocks", new long[] { k, k }, blocks), block }, OnnxGraph.Int("axis", 0));
            string within = Count(_g.Node("LessOrEqual", name + "_within_block", new[] { row, xu }), name + "_within_count");
            string i = _g.Node("Add", name + "_at_or_below", new[] { _g.Node("Mul", name + "_block_offset", new[] { block, _g.Scalar(k) }), within });
            string loIndex = _g.Node("Where", name + "_lo_index", new[] { _g.Node("Greater", name + "_has_lo", new[] { i, _g.Scalar(0) }), _g.Node("Sub", name + "_i_minus_1", new[] { i, _g.Scalar(1) }), _g.Scalar(0) });
            string hiIndex = _g.Node("Where", name + "_hi_index", new[] { _g.Node("Less", name + "_has_hi", new[] { i, _g.Scalar(n) }), i, _g.Scalar(n - 1) });
            string table = _g.Doubles(name + "_values", new long[] { n }, v);
            string lo = _g.Node("Gather", name + "_lo", new[] { table, loIndex }, OnnxGraph.Int("axis", 0));
            string hi = _g.Node("Gather", name + "_hi", new[] { table, hiIndex }, OnnxGraph.Int("axis", 0));
            // At either end lo = hi, so the comparison below picks the only candidate.
            string pickLo = _g.Node("LessOrEqual", name + "_lo_closer", new[] { _g.Node("Sub", name + "_above_lo", new[] { x, lo }), _g.Node("Sub", name + "_below_hi", new[] { hi, x }) });
            return _g.Node("Where", name + "_nearest", new[] { pickLo, lo, hi });
        }

        private string Result(string doubles)
            => _integer ? _g.Node("Cast", "readout_int", new[] { doubles }, OnnxGraph.Int("to", (long)DataType.Int64)) : doubles;

        private string Bottom() => _integer ? _g.Scalar(OutputContract.BottomId) : _g.ScalarDouble(double.NaN);

        private string Table(string name, double[] values)
        {
            if (!_integer) return _g.Doubles(name, new long[] { values.Length }, values);
            var ids = new long[values.Length];
            for (int j = 0; j < values.Length; j++) ids[j] = (long)values[j];
            return _g.Longs(name, new long[] { values.Length }, ids);
        }

        private string Column(string r, int c, string name)
            => _g.Node("Gather", name + "_coordinate", new[] { r, _g.Scalar(c) }, OnnxGraph.Int("axis", 2));

        private string Count(string flags, string name)
            => Sum(_g.Node("Cast", name + "_flags", new[] { flags }, OnnxGraph.Int("to", (long)DataType.Int64)), name);

        private string Sum(string tensor, string name)
            => _g.Node("ReduceSum", name, new[] { tensor, _g.Vector(-1) }, OnnxGraph.Int("keepdims", 0));

        private string Any(string flags, string name) => _g.Node("Greater", name, new[] { Count(flags, name + "_count"), _g.Scalar(0) });

        private string Or(string a, string b) => _g.Node("Or", "readout_bad", new[] { a, b });
    }
}
