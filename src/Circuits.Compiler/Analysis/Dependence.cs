using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// What the compiler can prove about values across the positions of one input, so that a categorical aggregate that
    /// may select several positions is accepted when those positions must hold the same value:
    /// <list type="bullet">
    /// <item>a sequence is position-unique when no two positions hold the same non-⊥ value (positions, injective maps of
    /// a position-unique sequence, ranks of one) — an exact match on it selects at most one key;</item>
    /// <item>a key determines a value when positions with equal keys hold equal values (the value is a map of the key,
    /// or the key is a rank, which is injective on what it ranks).</item>
    /// </list>
    /// ⊥ never matches, so repeated ⊥ never breaks either property. Ranks are only injective over the whole input,
    /// so they count only in non-causal circuits.
    /// </summary>
    internal static class Dependence
    {
        /// <summary>True when no two positions of one input hold the same non-⊥ value of <paramref name="s"/>.</summary>
        public static bool PositionUnique(Context ctx, SOp s)
        {
            s = ctx.C(s);
            if (s.Kind != ValueKind.Categorical) return false;
            switch (s)
            {
                case IndicesOp _: return true;
                case MapOp m: return PositionUnique(ctx, m.Input) && Injective(ctx, m);
                case SequenceMapOp m: return (PositionUnique(ctx, m.Left) || PositionUnique(ctx, m.Right)) && Injective(ctx, m);
                case SelectorWidthOp w: return Ranks(ctx, w, out var ranked) && PositionUnique(ctx, ranked);
                default: return false;
            }
        }

        /// <summary>True when, within one input, positions with equal non-⊥ <paramref name="key"/> hold equal <paramref name="read"/>.</summary>
        public static bool Determines(Context ctx, SOp key, SOp read)
        {
            key = ctx.C(key); read = ctx.C(read);
            if (ReferenceEquals(key, read) || PositionUnique(ctx, key)) return true;
            var leaves = MapFusion.IsMap(read) ? MapFusion.Leaves(ctx, read) : null;
            if (leaves != null && leaves.Count == 1 && ReferenceEquals(leaves[0], key)) return true;
            return key is SelectorWidthOp w && Ranks(ctx, w, out var ranked) && Determines(ctx, ranked, read);
        }

        /// <summary>
        /// True when a selector's exact-match conjuncts include D == q1 and R == q2 where R counts the earlier positions with
        /// the same D: R = SelectorWidth(D == D and j &lt; i). Then no two positions share a (D, R) pair with D not ⊥ — of two
        /// positions j &lt; k with equal D, k counts j and everything j counts, so R_k ≥ R_j + 1 — and the selector picks at
        /// most one key (THEORY §5.3's gather by (destination, rank)). Only that exact rank qualifies: a count of all equal
        /// D, of a different sequence, or under another position relation does not.
        /// </summary>
        public static bool SenderRankUnique(Context ctx, IReadOnlyList<SelectGroup> groups)
        {
            foreach (var rankGroup in groups)
            {
                if (rankGroup.Kind != GroupKind.Equal || !(ctx.C(rankGroup.Keys) is SelectorWidthOp w)) continue;
                if (!(ctx.C(w.Selector) is AndSelector and)) continue;
                var parts = new[] { ctx.C(and.Left), ctx.C(and.Right) };
                var earlier = parts.OfType<SelectSelector>().FirstOrDefault(x => x.Predicate.Kind == Comparison.Less && ctx.C(x.Keys) is IndicesOp && ctx.C(x.Queries) is IndicesOp);
                var same = parts.OfType<SelectSelector>().FirstOrDefault(x => x.Predicate.Kind == Comparison.Equal && ReferenceEquals(ctx.C(x.Keys), ctx.C(x.Queries)));
                if (earlier is null || same is null || ReferenceEquals(earlier, same)) continue;
                var d = ctx.C(same.Keys);
                if (groups.Any(g => g.Kind == GroupKind.Equal && ReferenceEquals(ctx.C(g.Keys), d))) return true;
            }
            return false;
        }

        /// <summary>
        /// A rank: the count of positions whose X is strictly below (or above) this one's, over the whole input. Equal
        /// ranks mean equal X when X is never ⊥ (a ⊥ position would count 0, like the minimum).
        /// </summary>
        private static bool Ranks(Context ctx, SelectorWidthOp w, out SOp ranked)
        {
            ranked = null!;
            if (ctx.Options.Causal || !(ctx.C(w.Selector) is SelectSelector x)) return false;
            if (x.Predicate.Kind != Comparison.Less && x.Predicate.Kind != Comparison.Greater) return false;
            var keys = ctx.C(x.Keys);
            if (!ReferenceEquals(keys, ctx.C(x.Queries)) || keys.Kind != ValueKind.Categorical) return false;
            if (!ctx.Values.TryGetValue(keys, out var values) || values.HasBottom) return false;
            ranked = keys;
            return true;
        }

        private static bool Injective(Context ctx, MapOp m)
        {
            if (!ctx.Values.TryGetValue(ctx.C(m.Input), out var input)) return false;
            var seen = new HashSet<double>();
            foreach (var v in input.Values)
            {
                double r = MapFusion.Apply(ctx, m, v);
                if (!Bottom.Is(r) && !seen.Add(r)) return false;
            }
            return true;
        }

        private static bool Injective(Context ctx, SequenceMapOp m)
        {
            if (!ctx.Values.TryGetValue(ctx.C(m.Left), out var a) || !ctx.Values.TryGetValue(ctx.C(m.Right), out var b)) return false;
            if ((long)a.Count * b.Count > 1 << 22) return false;
            var seen = new HashSet<double>();
            foreach (var x in a.Values)
                foreach (var y in b.Values)
                {
                    double r = MapFusion.Apply(ctx, m, x, y);
                    if (!Bottom.Is(r) && !seen.Add(r)) return false;
                }
            return true;
        }
    }
}
