using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Tests.Validation
{
    /// <summary>Deep copies of compiled models with one seeded fault.</summary>
    internal static class ModelMutation
    {
        public static Matrix Copy(Matrix m) { var c = new Matrix(m.Rows, m.Cols); Array.Copy(m.Data, c.Data, m.Data.Length); return c; }

        public static CompiledModel Clone(CompiledModel m) => new CompiledModel
        {
            Name = m.Name, Vocabulary = m.Vocabulary, MaxLength = m.MaxLength, Causal = m.Causal, Width = m.Width, ResidualLabels = m.ResidualLabels,
            BosEmbedding = (double[])m.BosEmbedding.Clone(), TokenEmbedding = Copy(m.TokenEmbedding), PositionEmbedding = Copy(m.PositionEmbedding),
            Layers = m.Layers.Select(l => new Layer
            {
                Heads = l.Heads.Select(h => new AttentionHead { Label = h.Label, Mask = h.Mask, Query = Copy(h.Query), Key = Copy(h.Key), Value = Copy(h.Value), Output = Copy(h.Output), Gap = h.Gap, MaxScore = h.MaxScore, Hard = h.Hard }).ToArray(),
                Mlp = l.Mlp == null ? null : new Mlp { Label = l.Mlp.Label, Stages = l.Mlp.Stages.Select(s => new DenseLayer { Weights = Copy(s.Weights), Bias = (double[])s.Bias.Clone(), Relu = s.Relu }).ToArray() },
            }).ToArray(),
            Output = m.Output, Card = m.Card, Precision = m.Precision,
        };

        /// <summary>Every weight array of the model with a name.</summary>
        public static IEnumerable<(string Name, double[] Data)> Arrays(CompiledModel m)
        {
            yield return ("BOS embedding", m.BosEmbedding);
            yield return ("token embedding", m.TokenEmbedding.Data);
            yield return ("position embedding", m.PositionEmbedding.Data);
            for (int l = 0; l < m.Layers.Length; l++)
            {
                for (int h = 0; h < m.Layers[l].Heads.Length; h++)
                {
                    var head = m.Layers[l].Heads[h];
                    yield return ($"L{l + 1} H{h} W_Q", head.Query.Data);
                    yield return ($"L{l + 1} H{h} W_K", head.Key.Data);
                    yield return ($"L{l + 1} H{h} W_V", head.Value.Data);
                    yield return ($"L{l + 1} H{h} W_O", head.Output.Data);
                }
                if (m.Layers[l].Mlp is Mlp mlp)
                    for (int s = 0; s < mlp.Stages.Length; s++) yield return ($"L{l + 1} MLP stage {s}", mlp.Stages[s].Weights.Data);
            }
        }

        /// <summary>Applies fault <paramref name="kind"/> (0 flip a weight's sign, 1 perturb a bias, 2 drop an MLP unit); returns what it did.</summary>
        public static string Apply(CompiledModel m, int kind, Random rng)
        {
            var mlps = m.Layers.Select((l, i) => (l.Mlp, Layer: i + 1)).Where(x => x.Mlp != null && x.Mlp.Stages.Length > 1).ToList();
            if (kind == 1 && mlps.Count > 0)
            {
                var (mlp, layer) = mlps[rng.Next(mlps.Count)];
                int s = rng.Next(mlp!.Stages.Length);
                var bias = mlp.Stages[s].Bias;
                if (bias.Length > 0)
                {
                    int i = rng.Next(bias.Length);
                    double delta = (rng.Next(2) == 0 ? -1 : 1) * (0.05 + rng.NextDouble()) * Math.Max(1, Math.Abs(bias[i]));
                    bias[i] += delta;
                    return $"bias L{layer} stage {s} [{i}] += {delta:G4}";
                }
            }
            if (kind == 2 && mlps.Count > 0)
            {
                var (mlp, layer) = mlps[rng.Next(mlps.Count)];
                int s = rng.Next(mlp!.Stages.Length - 1);
                var st = mlp.Stages[s];
                if (st.Weights.Cols > 0)
                {
                    int u = rng.Next(st.Weights.Cols);
                    for (int r = 0; r < st.Weights.Rows; r++) st.Weights[r, u] = 0;
                    st.Bias[u] = 0;
                    var next = mlp.Stages[s + 1].Weights;
                    for (int c = 0; c < next.Cols; c++) next[u, c] = 0;
                    return $"drop L{layer} stage {s} unit {u}";
                }
            }
            var arrays = Arrays(m).ToList();
            var nonzero = arrays.SelectMany(a => Enumerable.Range(0, a.Data.Length).Where(i => a.Data[i] != 0).Select(i => (a.Name, a.Data, i))).ToList();
            var (name, data, at) = nonzero[rng.Next(nonzero.Count)];
            data[at] = -data[at];
            return $"flip {name}[{at}]";
        }
    }
}
