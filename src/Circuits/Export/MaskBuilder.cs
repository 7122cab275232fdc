using System.Collections.Generic;
using Circuits.Compiler;

namespace Circuits.Export
{
    /// <summary>
    /// The [seq + 1, seq + 1] boolean "key j readable by query i" tensors, one per mask kind, built once and shared by
    /// every head that uses it. BOS (key 0) is always readable; the rest is <see cref="AttentionMasks.KeyRange"/>.
    /// </summary>
    internal sealed class MaskBuilder
    {
        private readonly OnnxGraph _g;
        private readonly string _seq;
        private readonly Dictionary<AttentionMask, string> _built = new Dictionary<AttentionMask, string>();
        private string? _queries, _keys, _isBos;

        public MaskBuilder(OnnxGraph g, string seq)
        {
            _g = g;
            _seq = seq;
        }

        /// <summary>The allowed-keys tensor, or null when every key is allowed.</summary>
        public string? Allowed(AttentionMask mask)
        {
            if (mask == AttentionMask.None) return null;
            if (_built.TryGetValue(mask, out var name)) return name;
            Positions();
            string Or(string a, string label) => _g.Node("Or", "mask_" + label, new[] { a, _isBos! });
            name = mask switch
            {
                // j ≤ i already includes j = 0.
                AttentionMask.Causal => _g.Node("LessOrEqual", "mask_causal", new[] { _keys!, _queries! }),
                AttentionMask.StrictCausal => Or(_g.Node("Less", "keys_before_query", new[] { _keys!, _queries! }), "strict_causal"),
                AttentionMask.AntiCausal => Or(_g.Node("GreaterOrEqual", "keys_from_query", new[] { _keys!, _queries! }), "anti_causal"),
                AttentionMask.StrictAntiCausal => Or(_g.Node("Greater", "keys_after_query", new[] { _keys!, _queries! }), "strict_anti_causal"),
                _ => throw new System.ArgumentException($"unknown attention mask {mask}", nameof(mask)),
            };
            _built.Add(mask, name);
            return name;
        }

        private void Positions()
        {
            if (_queries is not null) return;
            string count = _g.Node("Add", "positions_with_bos", new[] { _seq, _g.Scalar(1) });
            string p = _g.Node("Range", "residual_positions", new[] { _g.Scalar(0), count, _g.Scalar(1) });
            _queries = _g.Node("Unsqueeze", "query_positions", new[] { p, _g.Vector(1) });
            _keys = _g.Node("Unsqueeze", "key_positions", new[] { p, _g.Vector(0) });
            _isBos = _g.Node("Equal", "key_is_bos", new[] { _keys, _g.Scalar(0) });
        }
    }
}
