using System;
using System.Collections.Generic;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    /// <summary>
    /// One transformer layer as MPC rounds: its heads that write anything (W_V with columns), their pair machines numbered
    /// after the token machines, head by head, and the role of each pair machine (head, query, row member, column member).
    /// Pair machines keep nothing across layers, so every layer reuses the same ids.
    /// </summary>
    internal sealed class ConverseLayer
    {
        private readonly int[] _head, _query, _member, _columnMember;

        public ConverseLayer(Layer layer, int width, int positions, int localMemory)
        {
            Mlp = layer.Mlp != null && layer.Mlp.Stages.Length > 0 ? new ReferenceMlp(layer.Mlp, width) : null;
            var heads = new List<ConverseHead>();
            int pairs = 0;
            foreach (var head in layer.Heads)
            {
                // A head without value dimensions writes nothing, whatever it attends to: no machines for it.
                if (head.Value.Cols == 0) continue;
                var converse = new ConverseHead(head, positions, positions + pairs, localMemory);
                heads.Add(converse);
                pairs += converse.Pairs;
            }
            Heads = heads.ToArray();
            Pairs = pairs;
            _head = new int[pairs];
            _query = new int[pairs];
            _member = new int[pairs];
            _columnMember = new int[pairs];
            for (int slot = 0; slot < Heads.Length; slot++)
            {
                var head = Heads[slot];
                for (int i = 0; i < positions; i++)
                    for (int member = 0; member < head.RowLength[i]; member++)
                    {
                        int p = head.Machine(i, member) - positions;
                        _head[p] = slot; _query[p] = i; _member[p] = member;
                    }
                foreach (var column in head.Columns)
                    for (int c = 0; c < column.Length; c++) _columnMember[column[c] - positions] = c;
                BroadcastDepth = Math.Max(BroadcastDepth, head.BroadcastDepth);
                SumDepth = Math.Max(SumDepth, head.SumDepth);
            }
        }

        /// <summary>The layer's MLP, or null.</summary>
        public ReferenceMlp? Mlp { get; }

        /// <summary>The heads that write to the residual; none means the layer is its MLP alone, run inside the token machines.</summary>
        public ConverseHead[] Heads { get; }

        public int Pairs { get; }

        /// <summary>The deepest fan-out tree of the layer: every pair machine holds q, k and v after round BroadcastDepth + 1.</summary>
        public int BroadcastDepth { get; }

        /// <summary>The deepest fan-in tree of the layer.</summary>
        public int SumDepth { get; }

        /// <summary>Rounds in which only pair machines work: the fan-out, the scores, the fan-in.</summary>
        public int PairRounds => BroadcastDepth + 1 + SumDepth;

        /// <summary>The role of pair machine number <paramref name="pair"/> (its id less the token machines).</summary>
        public void Role(int pair, out ConverseHead head, out int query, out int member, out int columnMember)
        {
            head = Heads[_head[pair]]; query = _query[pair]; member = _member[pair]; columnMember = _columnMember[pair];
        }
    }
}
