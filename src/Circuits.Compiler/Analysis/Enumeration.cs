using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>Exhaustive enumeration over finite value sets, shared by the constructions and the validator.</summary>
    internal static class Enumeration
    {
        /// <summary>Every combination of one value per set (the last set varies fastest); none when a set is empty.</summary>
        public static IEnumerable<double[]> Product(List<double[]> sets)
        {
            var idx = new int[sets.Count];
            if (sets.Any(s => s.Length == 0)) yield break;
            while (true)
            {
                var v = new double[sets.Count];
                for (int i = 0; i < sets.Count; i++) v[i] = sets[i][idx[i]];
                yield return v;
                int k = sets.Count - 1;
                while (k >= 0 && ++idx[k] == sets[k].Length) { idx[k] = 0; k--; }
                if (k < 0) yield break;
            }
        }
    }
}
