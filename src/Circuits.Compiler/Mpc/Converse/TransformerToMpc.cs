using System;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    /// <summary>
    /// The converse of the MPC-to-transformer compiler (THEORY §5.1; SHT24): a <see cref="CompiledModel"/> run as an MPC
    /// protocol on an <see cref="MpcNetwork"/>, for inputs of one length n. Machines 0 … n are token machines (0 is the BOS
    /// sink): each holds one residual (m words), embeds its token, computes every head's q, k and v, and, when a layer's
    /// attention outputs come back, applies W_O, the residual add and the MLP; after the last layer it decodes the readout with
    /// the engine's <see cref="ReadoutDecoder"/>. The other machines are pair machines (i, j), one per head and per key j that
    /// query i may read (the sink included): fan-out trees bring them q_i, k_j and v_j, they compute the score q_i·k_j, and
    /// fan-in trees over each row merge the softmax sums — a running max, Σ e^(s − max) and Σ e^(s − max)·v, rescaled at
    /// every merge like the engine's streaming softmax, so no exponential overflows — up to the row's root, which sends
    /// a_i = numerators / denominator to token machine i. A layer costs 2 + (fan-out depth) + (fan-in depth) rounds, i.e.
    /// O(log_s n); the protocol is oblivious (every round, machine and message count is fixed by the model and n, not the tokens).
    /// </summary>
    public sealed class TransformerToMpc
    {
        private readonly CompiledModel _model;
        private readonly ReadoutDecoder _decoder;
        private readonly ConverseLayer[] _layers;
        private readonly int _positions, _width;

        /// <summary>Lays out the protocol of <paramref name="model"/> for inputs of <paramref name="length"/> tokens.</summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="length">The input length n, 1 ≤ n ≤ the model's maximum length.</param>
        /// <param name="localMemory">s in words; null takes <see cref="MinimumLocalMemory"/>.</param>
        /// <exception cref="ArgumentException">The model's shapes disagree, the length is out of range, or s is below the minimum.</exception>
        public TransformerToMpc(CompiledModel model, int length, int? localMemory = null)
        {
            _model = model ?? throw new ArgumentNullException(nameof(model));
            ReferenceExecutor.CheckShapes(model);
            if (length < 1 || length > model.MaxLength)
                throw new ArgumentException($"length {length} is outside 1..{model.MaxLength}, the model's maximum length", nameof(length));
            _decoder = new ReadoutDecoder(model.Output, model.Width);
            Length = length;
            _positions = length + 1;
            _width = model.Width;
            MinimumLocalMemory = Minimum(model);
            LocalMemory = localMemory ?? MinimumLocalMemory;
            if (LocalMemory < MinimumLocalMemory)
                throw new ArgumentException(
                    $"local memory s = {LocalMemory} words is below the {MinimumLocalMemory} that '{model.Name}' needs (a residual of m = {model.Width} words, " +
                    "every head's q, k and v sent from one token machine, and fan-in and fan-out of at least 2)", nameof(localMemory));
            _layers = model.Layers.Select(l => new ConverseLayer(l, _width, _positions, LocalMemory)).ToArray();
            PairMachines = _layers.Length == 0 ? 0 : _layers.Max(l => l.Pairs);
            Machines = _positions + PairMachines;
            Rounds = 1 + _layers.Where(l => l.Heads.Length > 0).Sum(l => l.PairRounds + 1);
        }

        /// <summary>n: the input length the protocol is laid out for.</summary>
        public int Length { get; }

        /// <summary>s: words per machine (held, sent per round, received per round).</summary>
        public int LocalMemory { get; }

        /// <summary>
        /// The smallest s the protocol runs in: the largest of the residual width m, the words a token machine sends in one layer
        /// (Σ over heads of 2·dq + dv) or receives (Σ dv), and twice a relay's or a sum node's words per child (2·(2·dq + dv),
        /// 2·(dv + 2)) so every tree has fan-out and fan-in at least 2.
        /// </summary>
        public int MinimumLocalMemory { get; }

        /// <summary>q: token machines plus the most pair machines any layer uses.</summary>
        public int Machines { get; }

        /// <summary>The pair machines of the widest layer.</summary>
        public int PairMachines { get; }

        /// <summary>R: rounds of one run: 1 (embed, first q, k, v) + per attention layer its pair rounds + 1 (W_O, residual, MLP, next q, k, v).</summary>
        public int Rounds { get; }

        /// <summary>Runs the protocol on <paramref name="ids"/> and returns the decoded outputs (NaN = ⊥) with the accounting.</summary>
        /// <exception cref="ArgumentException">The input's length is not <see cref="Length"/> or it holds an id outside the vocabulary.</exception>
        /// <exception cref="InvalidOperationException">An output does not decode cleanly (as in the forward pass).</exception>
        /// <exception cref="MpcLimitException">A machine broke a limit (a bug of the layout: the minimum s is designed to hold).</exception>
        public ConverseResult Run(int[] ids)
        {
            if (ids is null) throw new ArgumentNullException(nameof(ids));
            ReferenceExecutor.CheckInput(_model, ids);
            if (ids.Length != Length)
                throw new ArgumentException($"input has {ids.Length} tokens but this protocol is laid out for n = {Length}", nameof(ids));

            var network = new MpcNetwork(Machines, LocalMemory);
            // The input: one word per token machine; the sink holds none.
            for (int t = 0; t < ids.Length; t++) network.Load(t + 1, new double[] { ids[t] });
            int next = NextAttention(0);
            network.Round(step => TokenStep(step, -1, next));
            while (next < _layers.Length)
            {
                var layer = _layers[next];
                for (int r = 1; r <= layer.PairRounds; r++)
                {
                    int round = r;
                    network.Round(step => PairStep(step, layer, round));
                }
                int done = next;
                next = NextAttention(done + 1);
                network.Round(step => TokenStep(step, done, next));
            }
            if (network.Rounds != Rounds) throw new InvalidOperationException($"the converse ran {network.Rounds} rounds but laid out {Rounds}");

            var outputs = new double[ids.Length];
            for (int t = 0; t < ids.Length; t++) outputs[t] = network.Memory(t + 1)[0];
            return new ConverseResult(outputs, new ConverseAccounting(_model, this, network, _layers));
        }

        private int NextAttention(int from)
        {
            int l = from;
            while (l < _layers.Length && _layers[l].Heads.Length == 0) l++;
            return l;
        }

        /// <summary>
        /// A token machine's round: take the attention outputs of layer <paramref name="done"/> (or embed, when it is −1), apply
        /// its MLP and those of the attention-free layers before <paramref name="next"/>, then send layer next's q, k and v to
        /// the roots of the machine's row and column trees, or, after the last layer, decode the readout.
        /// </summary>
        private void TokenStep(MpcMachineStep step, int done, int next)
        {
            int i = step.Machine;
            if (i >= _positions) return;
            double[] x;
            if (done < 0)
            {
                x = Embed(i, step.Memory);
            }
            else
            {
                x = step.Memory;
                var delta = new double[_width];
                var inbox = step.Inbox;
                int k = 0;
                // All heads read the same residual: their outputs are summed, head by head, before the residual add.
                foreach (var head in _layers[done].Heads)
                {
                    int root = head.Machine(i, 0);
                    for (int c = 0; c < head.ValueDims; c++, k++)
                    {
                        if (k >= inbox.Count || inbox[k].From != root)
                            throw new InvalidOperationException($"converse: token machine {i} expected attention outputs from machine {root} in round {step.Round}");
                        double a = inbox[k].Word;
                        if (a != 0) head.Output.AddRow(c, a, delta, 0);
                    }
                }
                for (int r = 0; r < _width; r++) x[r] += delta[r];
                _layers[done].Mlp?.Apply(x, 0, _width);
            }
            for (int l = done + 1; l < next; l++) _layers[l].Mlp?.Apply(x, 0, _width);

            if (next < _layers.Length)
            {
                foreach (var head in _layers[next].Heads)
                {
                    // q_i goes down row i; k_i and v_i go down column i (empty when no query may read key i).
                    step.Send(head.Machine(i, 0), Project(x, head.Query), 0, head.QueryDims);
                    var column = head.Columns[i];
                    if (column.Length == 0) continue;
                    step.Send(column[0], Project(x, head.Key), 0, head.QueryDims);
                    step.Send(column[0], Project(x, head.Value), 0, head.ValueDims);
                }
                step.Memory = x;
            }
            else if (i > 0)
            {
                var coordinates = new double[_decoder.Dims];
                Array.Copy(x, _decoder.Offset, coordinates, 0, coordinates.Length);
                step.Memory = new[] { _decoder.Decode(coordinates, i - 1) };
            }
            else
            {
                step.Memory = x;
            }
        }

        /// <summary>h⁰: the BOS embedding at the sink, token embedding plus position embedding elsewhere.</summary>
        private double[] Embed(int i, double[] input)
        {
            if (i == 0) return (double[])_model.BosEmbedding.Clone();
            int id = (int)input[0];
            var x = new double[_width];
            for (int r = 0; r < _width; r++) x[r] = _model.TokenEmbedding[id, r] + _model.PositionEmbedding[i - 1, r];
            return x;
        }

        private static double[] Project(double[] x, SparseRows w)
        {
            var y = new double[w.Cols];
            w.MultiplyAdd(x, 0, y, 0);
            return y;
        }

        /// <summary>
        /// A pair machine's round <paramref name="r"/> of a layer: rounds 1 … B + 1 (B the layer's fan-out depth) receive and
        /// forward q (row tree) and k, v (column tree); round B + 1 computes the score and the one-key partial sum; a member at
        /// depth d of its row's fan-in tree merges its children's partials and sends at round B + 1 + D − d (D the fan-in
        /// depth), the root to the token machine as a_i.
        /// </summary>
        private void PairStep(MpcMachineStep step, ConverseLayer layer, int r)
        {
            int pair = step.Machine - _positions;
            if (pair < 0 || pair >= layer.Pairs) return;
            layer.Role(pair, out var head, out int i, out int member, out int columnMember);
            int dq = head.QueryDims, dv = head.ValueDims, j = head.KeyPosition(i, member);
            int scoreRound = layer.BroadcastDepth + 1;
            var inbox = step.Inbox;

            if (r <= scoreRound && inbox.Count > 0)
            {
                var held = step.Memory.Length == head.BroadcastWords ? step.Memory : new double[head.BroadcastWords];
                int rowParent = member == 0 ? i : head.Machine(i, HeapTree.Parent(member, head.FanOut));
                var column = head.Columns[j];
                int columnParent = columnMember == 0 ? j : column[HeapTree.Parent(columnMember, head.FanOut)];
                int k = 0;
                while (k < inbox.Count)
                {
                    int from = inbox[k].From;
                    bool known = false;
                    if (from == rowParent)
                    {
                        // q: held[0, dq); forwarded down the row.
                        k = Take(inbox, k, held, 0, dq);
                        HeapTree.Children(member, head.FanOut, head.RowLength[i], out int first, out int end);
                        for (int c = first; c < end; c++) step.Send(head.Machine(i, c), held, 0, dq);
                        known = true;
                    }
                    if (from == columnParent && k < inbox.Count && inbox[k].From == from)
                    {
                        // k, v: held[dq, 2dq + dv); forwarded down the column.
                        k = Take(inbox, k, held, dq, dq + dv);
                        HeapTree.Children(columnMember, head.FanOut, column.Length, out int first, out int end);
                        for (int c = first; c < end; c++) step.Send(column[c], held, dq, dq + dv);
                        known = true;
                    }
                    if (!known) throw new InvalidOperationException($"converse: pair machine {step.Machine} got an unexpected word from machine {from} in round {step.Round}");
                }
                step.Memory = held;
            }

            if (r == scoreRound)
            {
                var held = step.Memory;
                if (held.Length != head.BroadcastWords)
                    throw new InvalidOperationException($"converse: pair machine {step.Machine} lacks q, k or v in round {step.Round}");
                double score = 0;
                for (int c = 0; c < dq; c++) score += held[c] * held[dq + c];
                var partial = new double[head.PartialWords];
                partial[0] = score;
                partial[1] = 1; // e^(score − max) with max = score
                Array.Copy(held, 2 * dq, partial, 2, dv);
                step.Memory = partial;
            }
            else if (r > scoreRound)
            {
                if (inbox.Count % head.PartialWords != 0)
                    throw new InvalidOperationException($"converse: pair machine {step.Machine} got {inbox.Count} words in round {step.Round}, not whole partial sums");
                for (int k = 0; k < inbox.Count; k += head.PartialWords) Merge(step.Memory, inbox, k, dv);
            }

            int depth = HeapTree.Depth(member, head.FanIn);
            if (r != scoreRound + layer.SumDepth - depth) return;
            var sum = step.Memory;
            if (member == 0)
            {
                var a = new double[dv];
                for (int c = 0; c < dv; c++) a[c] = sum[2 + c] / sum[1];
                step.Send(i, a, 0, dv);
            }
            else
            {
                step.Send(head.Machine(i, HeapTree.Parent(member, head.FanIn)), sum, 0, sum.Length);
            }
            step.Memory = Array.Empty<double>();
        }

        private static int Take(NetworkInbox inbox, int k, double[] into, int offset, int count)
        {
            if (k + count > inbox.Count) throw new InvalidOperationException($"converse: a message of {count} words was cut short");
            for (int c = 0; c < count; c++) into[offset + c] = inbox[k + c].Word;
            return k + count;
        }

        /// <summary>Merges the partial sum at inbox[k …] into <paramref name="into"/>: both rescaled to the larger max.</summary>
        private static void Merge(double[] into, NetworkInbox inbox, int k, int dv)
        {
            double other = inbox[k].Word, max = Math.Max(into[0], other);
            double a = Scale(into[0] - max), b = Scale(other - max);
            into[0] = max;
            into[1] = into[1] * a + inbox[k + 1].Word * b;
            for (int c = 0; c < dv; c++) into[2 + c] = into[2 + c] * a + inbox[k + 2 + c].Word * b;
        }

        /// <summary>e^d, with keys more than 100 below the max dropped as the reference executor drops them (they weigh under e^−100).</summary>
        private static double Scale(double d) => d < -100 ? 0 : Math.Exp(d);

        private static int Minimum(CompiledModel model)
        {
            int s = Math.Max(1, model.Width);
            foreach (var layer in model.Layers)
            {
                int sent = 0, received = 0;
                foreach (var head in layer.Heads)
                {
                    int dq = head.Query.Cols, dv = head.Value.Cols;
                    if (dv == 0) continue;
                    sent += 2 * dq + dv;
                    received += dv;
                    s = Math.Max(s, Math.Max(2 * (2 * dq + dv), 2 * (dv + 2)));
                }
                s = Math.Max(s, Math.Max(sent, received));
            }
            return s;
        }
    }
}
