using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Circuits.Export.Onnx;
using Google.Protobuf;

namespace Circuits.Export
{
    /// <summary>
    /// Builds one ONNX graph: nodes with unique, readable output names, initializers (weights and constants) as raw
    /// little-endian data, and small constants shared by value so the graph stays readable.
    /// </summary>
    internal sealed class OnnxGraph
    {
        private readonly GraphProto _graph = new GraphProto();
        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _constants = new Dictionary<string, string>(StringComparer.Ordinal);

        public OnnxGraph(string name)
        {
            if (!BitConverter.IsLittleEndian)
                throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian; exporting on a big-endian machine is not supported");
            _graph.Name = name;
        }

        public GraphProto Proto => _graph;

        /// <summary>Adds a node; its (single) output is named <paramref name="name"/>, made unique, and returned.</summary>
        public string Node(string op, string name, string[] inputs, params AttributeProto[] attributes)
            => Nodes(op, name, inputs, 1, attributes)[0];

        /// <summary>Adds a node with <paramref name="outputs"/> outputs, named name, name.1, ...</summary>
        public string[] Nodes(string op, string name, string[] inputs, int outputs, params AttributeProto[] attributes)
        {
            string unique = Unique(name);
            var node = new NodeProto { OpType = op, Name = unique };
            node.Input.AddRange(inputs);
            var result = new string[outputs];
            for (int o = 0; o < outputs; o++)
            {
                result[o] = o == 0 ? unique : Unique(unique + "." + o);
                node.Output.Add(result[o]);
            }
            node.Attribute.AddRange(attributes);
            _graph.Node.Add(node);
            return result;
        }

        /// <summary>A weight or table as an initializer.</summary>
        public string Initializer(string name, TensorProto.Types.DataType type, long[] dims, ReadOnlySpan<byte> raw, string doc = "")
        {
            var tensor = new TensorProto { Name = Unique(name), DataType = (int)type, RawData = ByteString.CopyFrom(raw), DocString = doc };
            tensor.Dims.AddRange(dims);
            _graph.Initializer.Add(tensor);
            return tensor.Name;
        }

        public string Floats(string name, long[] dims, float[] data, string doc = "")
            => Initializer(name, TensorProto.Types.DataType.Float, dims, MemoryMarshal.AsBytes(data.AsSpan()), doc);

        public string Doubles(string name, long[] dims, double[] data, string doc = "")
            => Initializer(name, TensorProto.Types.DataType.Double, dims, MemoryMarshal.AsBytes(data.AsSpan()), doc);

        public string Longs(string name, long[] dims, long[] data, string doc = "")
            => Initializer(name, TensorProto.Types.DataType.Int64, dims, MemoryMarshal.AsBytes(data.AsSpan()), doc);

        /// <summary>An int64 scalar constant (shared by value).</summary>
        public string Scalar(long value) => Shared("i64:" + value, () => Longs("const_" + Suffix(value), Array.Empty<long>(), new[] { value }));

        /// <summary>A 1-D int64 constant (shared by value): axes, starts, shapes.</summary>
        public string Vector(params long[] values)
            => Shared("i64[]:" + string.Join(",", values), () => Longs("const_[" + string.Join("_", Array.ConvertAll(values, Suffix)) + "]", new long[] { values.Length }, values));

        /// <summary>A float64 scalar constant (shared by value).</summary>
        public string ScalarDouble(double value)
            => Shared("f64:" + BitConverter.DoubleToInt64Bits(value), () => Doubles("const_f64_" + Suffix(value), Array.Empty<long>(), new[] { value }));

        /// <summary>A scalar of the compute type (float32 or float64), shared by value.</summary>
        public string ScalarOf(bool single, double value)
            => single
                ? Shared("f32:" + BitConverter.SingleToInt32Bits((float)value), () => Floats("const_f32_" + Suffix(value), Array.Empty<long>(), new[] { (float)value }))
                : ScalarDouble(value);

        /// <summary>A graph input or output.</summary>
        public static ValueInfoProto Value(string name, TensorProto.Types.DataType type, string doc, params string[] dims)
        {
            var shape = new TensorShapeProto();
            foreach (var d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = d });
            return new ValueInfoProto
            {
                Name = name,
                DocString = doc,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
            };
        }

        public static AttributeProto Int(string name, long value)
            => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

        public static AttributeProto Ints(string name, params long[] values)
        {
            var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
            a.Ints.AddRange(values);
            return a;
        }

        private string Shared(string key, Func<string> create)
        {
            if (!_constants.TryGetValue(key, out var name))
            {
                name = create();
                _constants.Add(key, name);
            }
            return name;
        }

        private string Unique(string name)
        {
            string candidate = name;
            for (int k = 2; !_names.Add(candidate); k++) candidate = name + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return candidate;
        }

        private static string Suffix(long v) => v == long.MaxValue ? "max" : v.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string Suffix(double v)
            => double.IsNegativeInfinity(v) ? "-inf" : double.IsPositiveInfinity(v) ? "inf" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
