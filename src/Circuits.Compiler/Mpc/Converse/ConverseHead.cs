using System;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    /// <summary>
    /// One attention head of the converse: a pair machine (i, j) for every query position i and every key j it may read (the BOS
    /// sink first, then the keys <see cref="AttentionMasks.KeyRange"/> allows, ascending). Row i (the pairs of query i) is the
    /// fan-out tree for q_i and the fan-in tree for the softmax sums; column j (the pairs reading key j, by ascending i) is the
    /// fan-out tree for k_j and v_j.
    /// </summary>
    internal sealed class ConverseHead
    {
        private readonly int[] _rowStart, _lo;

        public ConverseHead(AttentionHead head, int positions, int firstMachine, int localMemory)
        {
            QueryDims = head.Query.Cols;
            ValueDims = head.Value.Cols;
            Query = new SparseRows(head.Query);
            Key = new SparseRows(head.Key);
            Value = new SparseRows(head.Value);
            Output = new SparseRows(head.Output);
            FirstMachine = firstMachine;

            _rowStart = new int[positions];
            _lo = new int[positions];
            RowLength = new int[positions];
            var columnLength = new int[positions];
            int pairs = 0;
            for (int i = 0; i < positions; i++)
            {
                AttentionMasks.KeyRange(head.Mask, i, positions, out int lo, out int hi);
                if (hi < lo) hi = lo;
                _lo[i] = lo;
                _rowStart[i] = pairs;
                RowLength[i] = 1 + hi - lo;
                pairs += RowLength[i];
                columnLength[0]++;
                for (int j = lo; j < hi; j++) columnLength[j]++;
            }
            Pairs = pairs;
            Columns = new int[positions][];
            for (int j = 0; j < positions; j++) Columns[j] = new int[columnLength[j]];
            // Filling by ascending i gives each column its members in query order.
            var filled = new int[positions];
            for (int i = 0; i < positions; i++)
                for (int member = 0; member < RowLength[i]; member++)
                {
                    int j = KeyPosition(i, member);
                    Columns[j][filled[j]++] = Machine(i, member);
                }

            // A relay forwards q (dq words) to f row children and k, v (dq + dv) to f column children in one round; a sum node
            // takes f partial sums of dv + 2 words. The minimum s (see TransformerToMpc) makes both f at least 2.
            FanOut = Math.Max(1, Math.Min(positions, localMemory / BroadcastWords));
            FanIn = Math.Max(1, Math.Min(positions, localMemory / PartialWords));
            int longestRow = 0, longestColumn = 0;
            for (int p = 0; p < positions; p++)
            {
                longestRow = Math.Max(longestRow, RowLength[p]);
                longestColumn = Math.Max(longestColumn, columnLength[p]);
            }
            BroadcastDepth = Math.Max(HeapTree.Depth(longestRow - 1, FanOut), HeapTree.Depth(Math.Max(0, longestColumn - 1), FanOut));
            SumDepth = HeapTree.Depth(longestRow - 1, FanIn);
        }

        public int QueryDims { get; }
        public int ValueDims { get; }
        public SparseRows Query { get; }
        public SparseRows Key { get; }
        public SparseRows Value { get; }
        public SparseRows Output { get; }

        /// <summary>The id of the head's first pair machine; its pairs are numbered row by row from there.</summary>
        public int FirstMachine { get; }

        /// <summary>Pair machines of this head.</summary>
        public int Pairs { get; }

        /// <summary>Members of row i: the BOS sink and the keys query i may read.</summary>
        public int[] RowLength { get; }

        /// <summary>Column j: the pair machines reading key j, by ascending query.</summary>
        public int[][] Columns { get; }

        public int FanOut { get; }
        public int FanIn { get; }

        /// <summary>The deepest member of any row or column in the fan-out trees.</summary>
        public int BroadcastDepth { get; }

        /// <summary>The deepest member of any row in the fan-in trees.</summary>
        public int SumDepth { get; }

        /// <summary>Words a relay forwards per child of a row and of a column: q, then k and v.</summary>
        public int BroadcastWords => 2 * QueryDims + ValueDims;

        /// <summary>A partial softmax sum: the running max, the denominator Σ e^(s − max) and the numerators Σ e^(s − max)·v.</summary>
        public int PartialWords => ValueDims + 2;

        public int Machine(int i, int member) => FirstMachine + _rowStart[i] + member;

        /// <summary>The key position of row i's member: 0 (the sink) first, then the readable keys ascending.</summary>
        public int KeyPosition(int i, int member) => member == 0 ? 0 : _lo[i] + member - 1;
    }
}
