using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Circuits.Export
{
    /// <summary>
    /// The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor name to its dtype,
    /// shape and [begin, end) byte offsets into the data that follows (padded with spaces to a multiple of 8 bytes), then
    /// the tensors' little-endian bytes back to back, in header order.
    /// </summary>
    internal sealed class SafetensorsWriter
    {
        private readonly List<(string Name, string DType, long[] Shape, byte[] Data)> _tensors = new List<(string, string, long[], byte[])>();
        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
        private readonly bool _single;

        public SafetensorsWriter(bool single)
        {
            if (!BitConverter.IsLittleEndian)
                throw new PlatformNotSupportedException("safetensors data is little-endian; exporting on a big-endian machine is not supported");
            _single = single;
        }

        /// <summary>The dtype weights are written in: F32 or F64.</summary>
        public string WeightType => _single ? "F32" : "F64";

        /// <summary>Adds a weight in the compute type, narrowed and checked finite as the engine does; returns its name.</summary>
        public string Weight(string name, double[] data, params long[] shape)
            => Add(name, WeightType, shape, _single
                ? MemoryMarshal.AsBytes(Weights<float>.Convert(data, name).AsSpan()).ToArray()
                : MemoryMarshal.AsBytes(Weights<double>.Convert(data, name).AsSpan()).ToArray());

        /// <summary>Adds a float64 table (exact admissible values, whatever the compute type).</summary>
        public string Doubles(string name, double[] data)
            => Add(name, "F64", new long[] { data.Length }, MemoryMarshal.AsBytes(data.AsSpan()).ToArray());

        private string Add(string name, string dtype, long[] shape, byte[] data)
        {
            if (!_names.Add(name)) throw new InvalidOperationException($"tensor '{name}' is written twice");
            _tensors.Add((name, dtype, shape, data));
            return name;
        }

        public void Write(Stream stream, IReadOnlyDictionary<string, string> metadata)
        {
            using var header = new MemoryStream();
            using (var json = new Utf8JsonWriter(header))
            {
                json.WriteStartObject();
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
                long offset = 0;
                foreach (var (name, dtype, shape, data) in _tensors)
                {
                    json.WriteStartObject(name);
                    json.WriteString("dtype", dtype);
                    json.WriteStartArray("shape");
                    foreach (var d in shape) json.WriteNumberValue(d);
                    json.WriteEndArray();
                    json.WriteStartArray("data_offsets");
                    json.WriteNumberValue(offset);
                    json.WriteNumberValue(offset + data.Length);
                    json.WriteEndArray();
                    json.WriteEndObject();
                    offset += data.Length;
                }
                json.WriteEndObject();
            }
            // Pad with spaces so the data starts 8-byte aligned (the format allows trailing whitespace in the header).
            int pad = (int)((8 - header.Length % 8) % 8);
            header.Write(Encoding.ASCII.GetBytes(new string(' ', pad)));
            Span<byte> length = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            header.Position = 0;
            header.CopyTo(stream);
            foreach (var t in _tensors) stream.Write(t.Data);
        }
    }
}
