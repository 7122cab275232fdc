using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>A ReLU unit: pre-activation = Σ w·input + bias − gate·bos; its output feeds residual coordinates or a second stage.</summary>
    internal sealed class Unit
    {
        public Dictionary<int, double> In = new Dictionary<int, double>();
        public double Bias;
        /// <summary>Gain of the BOS gate: the unit is silenced at the sink so the sink's values stay zero.</summary>
        public double Gate;
        public Dictionary<int, double> Out = new Dictionary<int, double>();
        /// <summary>Largest |pre-activation| away from BOS (for rounding analysis).</summary>
        public double MaxPre;
        /// <summary>Ramp units need the pre-activation within their margin; linear units pass errors on.</summary>
        public bool Ramp;
        /// <summary>Non-zero for the ramps of one lookup table: at most one of them is active for any input, the others output exact zeros.</summary>
        public int Exclusive;
        /// <summary>
        /// Outputs exactly 0 or exactly 1 while its margin holds (a discretise-then-table row): on its row every unit it reads is
        /// an exact 0, so its pre-activation is exactly its bias 1; elsewhere it is ≤ −1. Rounding reaches the output only through the output sum.
        /// </summary>
        public bool Exact;
        /// <summary>
        /// A violation unit (read only by exact rows): what matters is that it is an exact 0 on its quiet side and at least 0.5
        /// on the other, not its value, so a large pre-activation far from the threshold does no harm (see the precision analysis).
        /// </summary>
        public bool Violation;
        /// <summary>
        /// Reads only units that output exact integers (rows, or other integral units) with integer weights and bias: its
        /// pre-activation is an exact integer while its magnitude stays within 2^p, which the precision analysis checks.
        /// </summary>
        public bool Integral;
    }

    /// <summary>The units of one layer's MLP, in one or two ReLU stages, and their lowering to dense matrices.</summary>
    internal sealed class MlpAssembly
    {
        public readonly List<Unit> Stage1 = new List<Unit>();
        public readonly List<Unit> Stage2 = new List<Unit>();
        /// <summary>Third and fourth stages: an exact integer sum of second-stage rows, compared with thresholds, then exact rows.</summary>
        public readonly List<Unit> Stage3 = new List<Unit>();
        public readonly List<Unit> Stage4 = new List<Unit>();
        public readonly List<string> Labels = new List<string>();
        private int _bosUnit = -1;
        private readonly int _bosCoord;

        public MlpAssembly(int bosCoord) { _bosCoord = bosCoord; }

        /// <summary>A stage-1 unit carrying bos (for gating stage 2).</summary>
        public int BosUnit()
        {
            if (_bosUnit < 0)
            {
                var u = new Unit { Bias = 0 };
                u.In[_bosCoord] = 1;
                u.MaxPre = 1;
                Stage1.Add(u);
                _bosUnit = Stage1.Count - 1;
            }
            return _bosUnit;
        }

        /// <summary>The hidden stages in order, up to the last one that has units (at least the first).</summary>
        public List<List<Unit>> Hidden
        {
            get
            {
                var all = new List<List<Unit>> { Stage1, Stage2, Stage3, Stage4 };
                int last = all.FindLastIndex(x => x.Count > 0);
                return all.Take(Math.Max(1, last + 1)).ToList();
            }
        }

        public int HiddenUnits => StageSizes().Sum();

        /// <summary>
        /// Units per hidden stage as <see cref="ToMlp"/> builds them: a stage's own units, then a pass-through for each unit of the
        /// stage before that writes the residual (ReLU is the identity on them, they are ≥ 0), then a carrier of bos for the
        /// next stage's gates.
        /// </summary>
        private List<int> StageSizes()
        {
            var hidden = Hidden;
            var sizes = new List<int> { Stage1.Count + (hidden.Count > 1 && _bosUnit < 0 ? 1 : 0) };
            int writers = Stage1.Count(u => u.Out.Count > 0);
            for (int k = 1; k < hidden.Count; k++)
            {
                sizes.Add(hidden[k].Count + writers + (k + 1 < hidden.Count ? 1 : 0));
                writers += hidden[k].Count(u => u.Out.Count > 0);
            }
            return sizes;
        }

        /// <summary>Entries of the dense matrices <see cref="ToMlp"/> builds (weights and biases), counted before allocating them.</summary>
        public long DenseParameters(int width)
        {
            var sizes = StageSizes();
            long total = (long)width * sizes[0] + sizes[0];
            for (int k = 1; k < sizes.Count; k++) total += (long)sizes[k - 1] * sizes[k] + sizes[k];
            return total + (long)sizes[sizes.Count - 1] * width + width;
        }

        public Mlp ToMlp(int width, string label)
        {
            var hidden = Hidden;
            if (hidden.Count > 1) BosUnit();
            var stages = new List<DenseLayer>();
            var first = new DenseLayer { Weights = new Matrix(width, Stage1.Count), Bias = new double[Stage1.Count], Relu = true };
            for (int u = 0; u < Stage1.Count; u++)
            {
                foreach (var kv in Stage1[u].In) first.Weights[kv.Key, u] += kv.Value;
                first.Bias[u] = Stage1[u].Bias;
                if (Stage1[u].Gate != 0) first.Weights[_bosCoord, u] -= Stage1[u].Gate;
            }
            stages.Add(first);
            var outputs = Stage1;
            int carrier = _bosUnit;
            for (int k = 1; k < hidden.Count; k++)
            {
                // Units that write the residual pass through the later stages (they are ≥ 0, so ReLU is the identity).
                var all = new List<Unit>(hidden[k]);
                for (int u = 0; u < outputs.Count; u++)
                    if (outputs[u].Out.Count > 0)
                        all.Add(new Unit { In = new Dictionary<int, double> { [u] = 1 }, Out = outputs[u].Out, MaxPre = outputs[u].MaxPre });
                int next = -1;
                if (k + 1 < hidden.Count)
                {
                    all.Add(new Unit { In = new Dictionary<int, double> { [carrier] = 1 }, MaxPre = 1 });
                    next = all.Count - 1;
                }
                var layer = new DenseLayer { Weights = new Matrix(outputs.Count, all.Count), Bias = new double[all.Count], Relu = true };
                for (int v = 0; v < all.Count; v++)
                {
                    foreach (var kv in all[v].In) layer.Weights[kv.Key, v] += kv.Value;
                    layer.Bias[v] = all[v].Bias;
                    if (all[v].Gate != 0) layer.Weights[carrier, v] -= all[v].Gate;
                }
                stages.Add(layer);
                outputs = all;
                carrier = next;
            }
            var last = new DenseLayer { Weights = new Matrix(outputs.Count, width), Bias = new double[width], Relu = false };
            for (int u = 0; u < outputs.Count; u++)
                foreach (var kv in outputs[u].Out) last.Weights[u, kv.Key] += kv.Value;
            stages.Add(last);
            return new Mlp { Label = label, Stages = stages.ToArray() };
        }
    }
}
