using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// Builds the IR for a typed map: one IR map per output field, each a function of all input fields (a one-, two- or
    /// n-input map node). The typed function is called on decoded values and its result encoded, so the IR sees numbers
    /// and the user's lambda sees its own types.
    /// </summary>
    internal static class Lift
    {
        /// <summary>The output fields of <paramref name="f"/> applied to the fields of <paramref name="inputs"/>.</summary>
        public static SOp[] Map(SOp[] inputs, Func<double[], double[]> f, int outArity, ValueKind kind, string label)
        {
            if (label is null) throw new ArgumentNullException(nameof(label));
            var outputs = new SOp[outArity];
            for (int k = 0; k < outArity; k++)
            {
                int field = k;
                string l = outArity == 1 ? label : label + "." + field;
                outputs[k] = inputs.Length switch
                {
                    1 => Ir.Map(inputs[0], x => f(new[] { x })[field], kind, l),
                    2 => Ir.SequenceMap(inputs[0], inputs[1], (x, y) => f(new[] { x, y })[field], kind, l),
                    _ => Ir.NaryMap(inputs, xs => f(xs)[field], kind, l),
                };
            }
            return outputs;
        }

        /// <summary>Concatenates the fields of several sequences (the inputs of a multi-sequence map).</summary>
        public static SOp[] Concat(params Sequence[] sequences)
        {
            int n = 0;
            foreach (var s in sequences) n += (s ?? throw new ArgumentNullException(nameof(sequences))).Parts.Length;
            var all = new SOp[n];
            int o = 0;
            foreach (var s in sequences) { s.Parts.CopyTo(all, o); o += s.Parts.Length; }
            return all;
        }

        /// <summary>Copies <paramref name="length"/> numbers from <paramref name="source"/> at <paramref name="offset"/>.</summary>
        public static double[] Slice(double[] source, int offset, int length)
        {
            var r = new double[length];
            Array.Copy(source, offset, r, 0, length);
            return r;
        }
    }
}
