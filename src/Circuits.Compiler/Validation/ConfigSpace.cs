using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// The configurations of one side of a head (its query or key values): every combination of one value per root, the
    /// last root varying fastest, with an input position appended when positions are explicit and the selector's roots do
    /// not include one; ordered by position (stably) when <c>byPosition</c>. Indexed arithmetically, so a sampled query
    /// costs nothing until it is checked: a head over (tokens, positions) at N = 65,536 has 262,144 query configurations and
    /// the validator checks 56 of them.
    /// </summary>
    internal sealed class ConfigSpace
    {
        private readonly LayoutClaim _c;
        private readonly List<SOp> _roots;
        private readonly List<double[]> _sets;
        private readonly bool _extraPos;
        private readonly int _posSet;     // index of the set that holds the position, or -1
        private readonly bool _byPosition;

        public ConfigSpace(LayoutClaim c, List<SOp> roots, bool explicitPositions)
        {
            _c = c;
            _roots = roots;
            _sets = roots.Select(r => IrSemantics.RootValues(c, r)).ToList();
            int posRoot = roots.FindIndex(r => r is IndicesOp);
            _extraPos = explicitPositions && posRoot < 0;
            if (_extraPos) _sets.Add(Enumerable.Range(0, c.N).Select(x => (double)x).ToArray());
            _posSet = _extraPos ? _sets.Count - 1 : posRoot;
            _byPosition = explicitPositions;
            long count = 1;
            foreach (var s in _sets) count *= s.Length;
            Count = count;
        }

        /// <summary>How many configurations there are (0 when a root has no values).</summary>
        public long Count { get; }

        /// <summary>
        /// The root values (then the position, when appended) of configuration <paramref name="t"/>. By position: the
        /// position's digit is the most significant (its values are 0..N−1 ascending, so digit order is position order) and
        /// the other digits keep their product order, which is exactly a stable sort of the product by position.
        /// </summary>
        public double[] Combo(long t)
        {
            var v = new double[_sets.Count];
            long rest = t;
            if (_byPosition && _posSet >= 0)
            {
                long below = Count / _sets[_posSet].Length;
                v[_posSet] = _sets[_posSet][(int)(t / below)];
                rest = t % below;
            }
            for (int i = _sets.Count - 1; i >= 0; i--)
            {
                if (_byPosition && i == _posSet) continue;
                int len = _sets[i].Length;
                v[i] = _sets[i][(int)(rest % len)];
                rest /= len;
            }
            return v;
        }

        /// <summary>The explicit input position of a configuration, or −1 when it has none.</summary>
        public int Position(double[] combo) => _posSet >= 0 ? (int)combo[_posSet] : -1;

        /// <summary>Binds the roots of <paramref name="combo"/> in <paramref name="env"/>.</summary>
        public void Bind(double[] combo, Dictionary<SOp, double> env)
        {
            for (int i = 0; i < _roots.Count; i++) env[_roots[i]] = combo[i];
        }

        /// <summary>The witness text of a configuration ("prev = 2, index = 17").</summary>
        public string Describe(double[] combo)
        {
            var roots = _roots.Select((r, i) => (r is IndicesOp ? "index" : _c.Label(r)) + " = " + Show(combo[i]));
            return string.Join(", ", roots) + (_extraPos ? (_roots.Count > 0 ? ", " : "") + "index = " + Position(combo) : "");
        }

        public static string Show(double v) => Bottom.Is(v) ? "⊥" : v.ToString("R", CultureInfo.InvariantCulture);
    }
}
