using System;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// Rewrites, once value sets are known, the maps that ignore inputs: a map whose value set is one value (⊥ impossible)
    /// becomes that constant, and a two-input map whose value never depends on one input becomes a map of the other.
    /// Why: an MLP writes no weight for an input its function ignores, and the translation validator can confirm that only
    /// by enumerating every value of the unread inputs, a bounded search that a count or a mean at large N exceeds (the
    /// fuzzer's CIRC0220 of seed 60318). As a constant, the node needs neither the MLP nor the heads behind it.
    /// </summary>
    internal static class Folding
    {
        /// <summary>Rewrites the program of <paramref name="ctx"/> (value sets inferred) and starts it over; false when nothing folds.</summary>
        public static bool Run(Context ctx)
        {
            bool folded = false;
            SOp? Fold(SOp s, Func<SOp, SOp> rewrite)
            {
                var r = Rewrite(ctx, s, rewrite);
                folded |= r != null;
                return r;
            }
            var program = Normalizer.Normalize(ctx.Output, ctx.Origins, Fold);
            if (!folded) return false;
            ctx.Replace(program);
            return true;
        }

        private static SOp? Rewrite(Context ctx, SOp s, Func<SOp, SOp> rewrite)
        {
            if (!MapFusion.IsMap(s) || !ctx.Values.TryGetValue(ctx.C(s), out var values)) return null;
            if (values.Count == 1 && !values.HasBottom) return Ir.Constant(values.Values[0], s.Kind);
            if (s is not SequenceMapOp m) return null;
            var left = ctx.Values[ctx.C(m.Left)].WithBottom().ToArray();
            var right = ctx.Values[ctx.C(m.Right)].WithBottom().ToArray();
            // The kept input's ⊥ still gives the default, as before; a pinned value of the ignored input must not be ⊥.
            if (Ignores(ctx, m, left, right, rightFirst: false) && right.Any(y => !Bottom.Is(y)))
            {
                double y0 = right.First(y => !Bottom.Is(y));
                return new MapOp(rewrite(m.Left), x => m.Function(x, y0), m.Kind, m.Label);
            }
            if (Ignores(ctx, m, right, left, rightFirst: true) && left.Any(x => !Bottom.Is(x)))
            {
                double x0 = left.First(x => !Bottom.Is(x));
                return new MapOp(rewrite(m.Right), y => m.Function(x0, y), m.Kind, m.Label);
            }
            return null;
        }

        /// <summary>
        /// Whether the map's value, for every value of the kept input (<paramref name="kept"/>), is the same for every value of
        /// the other (<paramref name="other"/>), ⊥ included; the map's arguments are swapped when <paramref name="rightFirst"/>.
        /// Stops at the first difference, so a map that reads both inputs costs about one row.
        /// </summary>
        private static bool Ignores(Context ctx, SequenceMapOp m, double[] kept, double[] other, bool rightFirst)
        {
            if (other.Length < 2) return false;
            foreach (var k in kept)
            {
                double first = rightFirst ? MapFusion.Apply(ctx, m, other[0], k) : MapFusion.Apply(ctx, m, k, other[0]);
                for (int i = 1; i < other.Length; i++)
                {
                    double v = rightFirst ? MapFusion.Apply(ctx, m, other[i], k) : MapFusion.Apply(ctx, m, k, other[i]);
                    if (!(Bottom.Is(first) ? Bottom.Is(v) : v == first)) return false;
                }
            }
            return true;
        }
    }
}
