using System;
using System.Collections.Generic;
using System.Globalization;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// Evaluates a program directly by its RASP semantics, with no weights: the ground truth the compiled
    /// transformer is checked against. Values are doubles and ⊥ is NaN (<see cref="Bottom.Value"/>).
    /// </summary>
    /// <remarks>
    /// <para>Every node of the program DAG is evaluated once (memoized by reference).</para>
    /// <para>Selectors are evaluated one query row at a time into per-node buffers of length n, so no n×n matrix is built;
    /// each aggregate or selector width costs O(n²) times the size of its selector tree.</para>
    /// <para>Semantics:</para>
    /// <list type="bullet">
    /// <item><description>tokens[i] = ids[i]; indices[i] = i; a constant is its value everywhere.</description></item>
    /// <item><description>map / sequence map: f of the inputs; when an input is ⊥ the result is ⊥ for a categorical output and 0 for a numerical one.</description></item>
    /// <item><description>select(keys, queries, P): query i selects key j when P(keys[j], queries[i]); and/or/not combine rows;
    /// a tie-break keeps only the rightmost (leftmost) selected j.</description></item>
    /// <item><description>causal: query i never selects j &gt; i, at every level of the selector (so a negation or a tie-break only sees j ≤ i).</description></item>
    /// <item><description>numerical aggregate: the mean of the selected values, 0 when none is selected.</description></item>
    /// <item><description>categorical aggregate: ⊥ when none is selected, the value when one is selected or all selected values are equal
    /// (⊥ counts as a value equal only to ⊥); several different values throw <see cref="InvalidOperationException"/>.</description></item>
    /// <item><description>selector width: the number of selected positions.</description></item>
    /// </list>
    /// </remarks>
    public static class ReferenceEvaluator
    {
        /// <summary>Evaluates <paramref name="program"/> on the token ids <paramref name="ids"/>.</summary>
        /// <param name="program">The program's output sequence.</param>
        /// <param name="ids">The input token ids; at least one.</param>
        /// <param name="causal">When true, query i only ever selects key positions j ≤ i (a decoder's causal mask).</param>
        /// <returns>One value per position; ⊥ is NaN.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="program"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="ids"/> is empty.</exception>
        /// <exception cref="InvalidOperationException">A categorical aggregate selected several positions with different values.</exception>
        /// <exception cref="ArgumentOutOfRangeException">An id is negative.</exception>
        /// <exception cref="UserFunctionException">A map or predicate of the program threw; it names the function and the input.</exception>
        public static double[] Evaluate(SOp program, ReadOnlySpan<int> ids, bool causal = false)
            => Evaluate(program, ids, int.MaxValue, causal);

        /// <summary>Evaluates <paramref name="program"/> on token ids that must lie in [0, <paramref name="vocabularySize"/>).</summary>
        /// <param name="program">The program's output sequence.</param>
        /// <param name="ids">The input token ids; at least one.</param>
        /// <param name="vocabularySize">The number of vocabulary symbols; every id must be below it.</param>
        /// <param name="causal">When true, query i only ever selects key positions j ≤ i.</param>
        /// <returns>One value per position; ⊥ is NaN.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="program"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="ids"/> is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException">An id is negative or not below <paramref name="vocabularySize"/>, or the size is not positive.</exception>
        /// <exception cref="InvalidOperationException">A categorical aggregate selected several positions with different values.</exception>
        /// <exception cref="UserFunctionException">A map or predicate of the program threw; it names the function and the input.</exception>
        public static double[] Evaluate(SOp program, ReadOnlySpan<int> ids, int vocabularySize, bool causal = false)
        {
            ArgumentNullException.ThrowIfNull(program);
            if (vocabularySize < 1) throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "The vocabulary must have at least one symbol.");
            if (ids.Length == 0) throw new ArgumentException("The input must contain at least one token: ids is empty.", nameof(ids));
            for (int i = 0; i < ids.Length; i++)
                if (ids[i] < 0 || ids[i] >= vocabularySize)
                    throw new ArgumentOutOfRangeException(nameof(ids), ids[i],
                        vocabularySize == int.MaxValue ? $"Token id {ids[i]} at position {i} is negative; ids are vocabulary indices."
                            : $"Token id {ids[i]} at position {i} is outside the vocabulary [0, {vocabularySize}).");
            return new Run(ids, causal).Evaluate(program);
        }

        /// <summary>One evaluation: the input, the mask, and the memo of evaluated nodes.</summary>
        private sealed class Run
        {
            private readonly double[] _tokens;
            private readonly double[] _indices;
            private readonly int _n;
            private readonly bool _causal;
            private readonly Dictionary<SOp, double[]> _memo = new Dictionary<SOp, double[]>(ReferenceEqualityComparer.Instance);

            public Run(ReadOnlySpan<int> ids, bool causal)
            {
                _n = ids.Length;
                _causal = causal;
                _tokens = new double[_n];
                _indices = new double[_n];
                for (int i = 0; i < _n; i++)
                {
                    _tokens[i] = ids[i];
                    _indices[i] = i;
                }
            }

            public double[] Evaluate(SOp op)
            {
                if (_memo.TryGetValue(op, out var cached)) return cached;
                var result = op switch
                {
                    TokensOp => _tokens,
                    IndicesOp => _indices,
                    ConstantOp c => Fill(c.Value),
                    MapOp m => EvaluateMap(m),
                    SequenceMapOp s => EvaluateSequenceMap(s),
                    NaryMapOp s => EvaluateNaryMap(s),
                    AggregateOp a => EvaluateAggregate(a),
                    SelectorWidthOp w => EvaluateSelectorWidth(w),
                    _ => throw new NotSupportedException("Unknown sequence operation " + op.GetType().Name + " (" + op + ")."),
                };
                _memo[op] = result;
                return result;
            }

            private double[] Fill(double value)
            {
                var result = new double[_n];
                Array.Fill(result, value);
                return result;
            }

            /// <summary>The value of a map whose input is ⊥: ⊥ for categorical outputs, 0 for numerical ones.</summary>
            private static double BottomFor(ValueKind kind) => kind == ValueKind.Numerical ? 0.0 : Bottom.Value;

            private double[] EvaluateMap(MapOp m)
            {
                var input = Evaluate(m.Input);
                var result = new double[_n];
                for (int i = 0; i < _n; i++)
                    result[i] = Bottom.Is(input[i]) ? BottomFor(m.Kind) : UserFunctionException.Call(m.Function, input[i], m.Label);
                return result;
            }

            private double[] EvaluateSequenceMap(SequenceMapOp s)
            {
                var left = Evaluate(s.Left);
                var right = Evaluate(s.Right);
                var result = new double[_n];
                for (int i = 0; i < _n; i++)
                    result[i] = Bottom.Is(left[i]) || Bottom.Is(right[i]) ? BottomFor(s.Kind) : UserFunctionException.Call(s.Function, left[i], right[i], s.Label);
                return result;
            }

            private double[] EvaluateNaryMap(NaryMapOp s)
            {
                var inputs = new double[s.Inputs.Count][];
                for (int k = 0; k < inputs.Length; k++) inputs[k] = Evaluate(s.Inputs[k]);
                var result = new double[_n];
                for (int i = 0; i < _n; i++)
                {
                    var xs = new double[inputs.Length];
                    bool bottom = false;
                    for (int k = 0; k < xs.Length; k++) { xs[k] = inputs[k][i]; bottom |= Bottom.Is(xs[k]); }
                    result[i] = bottom ? BottomFor(s.Kind) : UserFunctionException.Call(s.Function, xs, s.Label);
                }
                return result;
            }

            private double[] EvaluateSelectorWidth(SelectorWidthOp w)
            {
                var rows = new SelectorRows(this, w.Selector);
                var result = new double[_n];
                for (int i = 0; i < _n; i++)
                {
                    int limit = Limit(i);
                    var row = rows.Row(i, limit);
                    int count = 0;
                    for (int j = 0; j < limit; j++)
                        if (row[j]) count++;
                    result[i] = count;
                }
                return result;
            }

            private double[] EvaluateAggregate(AggregateOp a)
            {
                var values = Evaluate(a.Values);
                var rows = new SelectorRows(this, a.Selector);
                bool numerical = a.Kind == ValueKind.Numerical;
                var result = new double[_n];
                for (int i = 0; i < _n; i++)
                {
                    int limit = Limit(i);
                    var row = rows.Row(i, limit);
                    result[i] = numerical ? Mean(row, limit, values) : Single(row, limit, values, a, i);
                }
                return result;
            }

            private static double Mean(bool[] row, int limit, double[] values)
            {
                double sum = 0;
                int count = 0;
                for (int j = 0; j < limit; j++)
                {
                    if (!row[j]) continue;
                    sum += values[j];
                    count++;
                }
                return count == 0 ? 0.0 : sum / count;
            }

            private static double Single(bool[] row, int limit, double[] values, AggregateOp a, int i)
            {
                int first = -1;
                for (int j = 0; j < limit; j++)
                {
                    if (!row[j]) continue;
                    if (first < 0)
                    {
                        first = j;
                    }
                    else if (!SameValue(values[first], values[j]))
                    {
                        throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                            "categorical aggregate selected several positions with different values at query {0} "
                            + "(position {1} holds {2}, position {3} holds {4}) in '{5}'; use a tie-break (Rightmost/Leftmost) or a numerical aggregate.",
                            i, first, Show(values[first]), j, Show(values[j]), a));
                    }
                }
                return first < 0 ? Bottom.Value : values[first];
            }

            private static bool SameValue(double x, double y) => x == y || (Bottom.Is(x) && Bottom.Is(y));

            private static string Show(double v) => Bottom.Is(v) ? "⊥" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

            /// <summary>The number of key positions query <paramref name="i"/> may see.</summary>
            private int Limit(int i) => _causal ? i + 1 : _n;

            public int Length => _n;
        }

        /// <summary>
        /// A selector evaluated one query row at a time. Each selector node owns a row buffer of length n, filled for
        /// key positions j &lt; limit (limit = i + 1 under the causal mask, else n); positions at or past the limit are
        /// never read, so every level of the selector only sees the visible keys.
        /// </summary>
        private sealed class SelectorRows
        {
            private readonly Dictionary<Selector, Node> _nodes = new Dictionary<Selector, Node>(ReferenceEqualityComparer.Instance);
            private readonly Node _root;

            public SelectorRows(Run run, Selector selector)
            {
                _root = Build(run, selector);
            }

            private Node Build(Run run, Selector selector)
            {
                if (_nodes.TryGetValue(selector, out var existing)) return existing;
                var node = new Node(selector, run.Length);
                _nodes[selector] = node;
                switch (selector)
                {
                    case SelectSelector s:
                        node.Keys = run.Evaluate(s.Keys);
                        node.Queries = run.Evaluate(s.Queries);
                        break;
                    case AndSelector and:
                        node.Left = Build(run, and.Left);
                        node.Right = Build(run, and.Right);
                        break;
                    case OrSelector or:
                        node.Left = Build(run, or.Left);
                        node.Right = Build(run, or.Right);
                        break;
                    case NotSelector not:
                        node.Left = Build(run, not.Inner);
                        break;
                    case TieBreakSelector tie:
                        node.Left = Build(run, tie.Inner);
                        break;
                    default:
                        throw new NotSupportedException("Unknown selector " + selector.GetType().Name + " (" + selector + ").");
                }
                return node;
            }

            /// <summary>The selected keys of query <paramref name="i"/>; only entries below <paramref name="limit"/> are meaningful.</summary>
            public bool[] Row(int i, int limit) => Fill(_root, i, limit);

            private static bool[] Fill(Node node, int i, int limit)
            {
                if (node.FilledFor == i) return node.Buffer;
                var row = node.Buffer;
                switch (node.Selector)
                {
                    case SelectSelector s:
                    {
                        var predicate = s.Predicate;
                        double query = node.Queries![i];
                        var keys = node.Keys!;
                        for (int j = 0; j < limit; j++) row[j] = predicate.Holds(keys[j], query);
                        break;
                    }
                    case AndSelector:
                    {
                        var a = Fill(node.Left!, i, limit);
                        var b = Fill(node.Right!, i, limit);
                        for (int j = 0; j < limit; j++) row[j] = a[j] && b[j];
                        break;
                    }
                    case OrSelector:
                    {
                        var a = Fill(node.Left!, i, limit);
                        var b = Fill(node.Right!, i, limit);
                        for (int j = 0; j < limit; j++) row[j] = a[j] || b[j];
                        break;
                    }
                    case NotSelector:
                    {
                        var a = Fill(node.Left!, i, limit);
                        for (int j = 0; j < limit; j++) row[j] = !a[j];
                        break;
                    }
                    case TieBreakSelector tie:
                    {
                        var a = Fill(node.Left!, i, limit);
                        int pick = -1;
                        if (tie.Mode == TieBreak.Rightmost)
                        {
                            for (int j = limit - 1; j >= 0 && pick < 0; j--) if (a[j]) pick = j;
                        }
                        else if (tie.Mode == TieBreak.Leftmost)
                        {
                            for (int j = 0; j < limit && pick < 0; j++) if (a[j]) pick = j;
                        }
                        if (tie.Mode == TieBreak.None)
                        {
                            Array.Copy(a, row, limit);
                        }
                        else
                        {
                            Array.Clear(row, 0, limit);
                            if (pick >= 0) row[pick] = true;
                        }
                        break;
                    }
                }
                node.FilledFor = i;
                return row;
            }

            private sealed class Node
            {
                public Node(Selector selector, int n)
                {
                    Selector = selector;
                    Buffer = new bool[n];
                }

                public Selector Selector { get; }
                public bool[] Buffer { get; }
                /// <summary>The query row the buffer holds; -1 before the first.</summary>
                public int FilledFor { get; set; } = -1;
                public double[]? Keys { get; set; }
                public double[]? Queries { get; set; }
                public Node? Left { get; set; }
                public Node? Right { get; set; }
            }
        }
    }
}
