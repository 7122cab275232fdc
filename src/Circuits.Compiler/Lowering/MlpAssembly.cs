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
    }

    /// <summary>The units of one layer's MLP, in one or two ReLU stages, and their lowering to dense matrices.</summary>
    internal sealed class MlpAssembly
    {
        public readonly List<Unit> Stage1 = new List<Unit>();
        public readonly List<Unit> Stage2 = new List<Unit>();
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

        public int HiddenUnits => Stage2.Count == 0 ? Stage1.Count : Stage1.Count + Stage2.Count;

        /// <summary>Entries of the dense matrices <see cref="ToMlp"/> builds (weights and biases), counted before allocating them.</summary>
        public long DenseParameters(int width)
        {
            if (Stage2.Count == 0) return (long)width * Stage1.Count + Stage1.Count + (long)Stage1.Count * width + width;
            long first = Stage1.Count + (_bosUnit < 0 ? 1 : 0);
            long second = Stage2.Count + Enumerable.Count(Stage1, u => u.Out.Count > 0);
            return width * first + first + first * second + second + second * width + width;
        }

        public Mlp ToMlp(int width, string label)
        {
            if (Stage2.Count > 0) BosUnit();
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
            if (Stage2.Count > 0)
            {
                // Stage-1 units that write the residual directly pass through stage 2 (they are ≥ 0, so ReLU is the identity).
                var all = new List<Unit>(Stage2);
                for (int u = 0; u < Stage1.Count; u++)
                    if (Stage1[u].Out.Count > 0)
                        all.Add(new Unit { In = new Dictionary<int, double> { [u] = 1 }, Out = Stage1[u].Out, MaxPre = Stage1[u].MaxPre });
                var second = new DenseLayer { Weights = new Matrix(Stage1.Count, all.Count), Bias = new double[all.Count], Relu = true };
                for (int v = 0; v < all.Count; v++)
                {
                    foreach (var kv in all[v].In) second.Weights[kv.Key, v] += kv.Value;
                    second.Bias[v] = all[v].Bias;
                    if (all[v].Gate != 0) second.Weights[BosUnit(), v] -= all[v].Gate;
                }
                stages.Add(second);
                outputs = all;
            }
            var last = new DenseLayer { Weights = new Matrix(outputs.Count, width), Bias = new double[width], Relu = false };
            for (int u = 0; u < outputs.Count; u++)
                foreach (var kv in outputs[u].Out) last.Weights[u, kv.Key] += kv.Value;
            stages.Add(last);
            return new Mlp { Label = label, Stages = stages.ToArray() };
        }
    }
}
