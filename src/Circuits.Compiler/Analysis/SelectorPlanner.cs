using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// Normalises selectors into bilinear score terms. Conjuncts add up (all must hold to reach the top score);
    /// order relations between raw positions become masks; relations where each query matches at most one key value
    /// become exact matches against a derived query (THEORY §1.3 G2/G3); anything else is a one-hot table.
    /// </summary>
    internal static class SelectorPlanner
    {
        // Relation bits between key position j and query position i.
        private const int Below = 1, Same = 2, Above = 4;

        public static SelectorPlan Plan(Context ctx, Selector selector)
        {
            selector = ctx.C(selector);
            if (ctx.Plans.TryGetValue(selector, out var cached)) return cached;
            var plan = new SelectorPlan { Selector = selector, Label = ctx.Label(selector) };
            var body = selector;
            if (body is TieBreakSelector tb) { plan.TieBreak = tb.Mode; body = ctx.C(tb.Inner); }

            int relation = ctx.Options.Causal ? Below | Same : Below | Same | Above;
            foreach (var term in Conjuncts(ctx, body))
            {
                if (ContainsTieBreak(term))
                    throw new CompileException(CompileError.TieBreakInsideCombination, $"selector '{plan.Label}': a tie-break (Rightmost/Leftmost) must be applied to the whole selector, not inside And/Or/Not.", plan.Label, plan.Selector);
                var leaves = Canonicalizer.SelectLeaves(term).ToList();
                var keys = ctx.C(leaves[0].Keys);
                var queries = ctx.C(leaves[0].Queries);
                if (leaves.Any(l => !ReferenceEquals(ctx.C(l.Keys), keys) || !ReferenceEquals(ctx.C(l.Queries), queries)))
                    throw new CompileException(CompileError.NotBilinear, $"selector '{plan.Label}': Or/Not over selectors on different sequences is not bilinear in one head. Combine the sequences with SequenceMap first, or count the disjoint parts with separate SelectorWidth heads.", plan.Label, plan.Selector);
                Func<double, double, bool> holds = (k, q) => Eval(term, k, q);
                var single = term as SelectSelector;
                string label = term.Operation;

                if (single != null && single.Predicate.Kind == Comparison.True) continue;
                if (keys.Kind == ValueKind.Numerical || queries.Kind == ValueKind.Numerical)
                    throw new CompileException(CompileError.NumericalSelector, $"selector '{plan.Label}' compares numerical sequences; keys and queries must be categorical (use a categorical Map).", plan.Label, plan.Selector);

                if (keys is IndicesOp && queries is IndicesOp)
                {
                    int rel = PositionRelation(ctx, single, holds);
                    if (rel >= 0) { relation &= rel; continue; }
                }
                if (single != null && single.Predicate.Kind == Comparison.Equal)
                {
                    plan.Groups.Add(new SelectGroup { Kind = GroupKind.Equal, Keys = keys, Queries = queries, Holds = holds, Label = label });
                    continue;
                }
                var derived = Functional(ctx, keys, queries, holds, label);
                if (derived != null)
                {
                    plan.Groups.Add(new SelectGroup { Kind = GroupKind.Equal, Keys = keys, Queries = derived, Holds = holds, Label = label });
                    continue;
                }
                plan.Groups.Add(new SelectGroup { Kind = GroupKind.Table, Keys = keys, Queries = queries, Holds = holds, Label = label });
            }

            switch (relation)
            {
                case Below | Same | Above: plan.Mask = AttentionMask.None; break;
                case Below | Same: plan.Mask = AttentionMask.Causal; break;
                case Below: plan.Mask = AttentionMask.StrictCausal; break;
                case Same | Above: plan.Mask = AttentionMask.AntiCausal; break;
                case Above: plan.Mask = AttentionMask.StrictAntiCausal; break;
                case Same:
                    plan.Mask = AttentionMask.None;
                    plan.Groups.Add(new SelectGroup { Kind = GroupKind.Equal, Keys = ctx.C(Ir.Indices), Queries = ctx.C(Ir.Indices), Holds = (k, q) => k == q, Label = "j == i" });
                    break;
                default:
                    throw new CompileException(CompileError.NoMask, $"selector '{plan.Label}' combines position comparisons into a relation no mask expresses (bits {relation}).", plan.Label, plan.Selector);
            }
            plan.AtMostOne = plan.TieBreak != TieBreak.None || plan.Groups.Any(g => g.Kind == GroupKind.Equal && Dependence.PositionUnique(ctx, g.Keys))
                || Dependence.SenderRankUnique(ctx, plan.Groups);
            plan.MaxWidth = plan.AtMostOne ? 1 : ctx.N;
            ctx.Plans[selector] = plan;
            return plan;
        }

        private static IEnumerable<Selector> Conjuncts(Context ctx, Selector s)
        {
            s = ctx.C(s);
            if (s is AndSelector a) return Conjuncts(ctx, a.Left).Concat(Conjuncts(ctx, a.Right));
            return new[] { s };
        }

        private static bool ContainsTieBreak(Selector s) => s is TieBreakSelector || s.Children.Any(ContainsTieBreak);

        private static bool Eval(Selector s, double k, double q)
        {
            switch (s)
            {
                case SelectSelector x: return x.Predicate.Holds(k, q);
                case AndSelector x: return Eval(x.Left, k, q) && Eval(x.Right, k, q);
                case OrSelector x: return Eval(x.Left, k, q) || Eval(x.Right, k, q);
                case NotSelector x: return !Eval(x.Inner, k, q);
                default: throw new InvalidOperationException("unexpected selector " + s.GetType().Name);
            }
        }

        /// <summary>For a relation between raw positions: the set of (j&lt;i, j=i, j&gt;i) it accepts, or -1 if it is not of that form.</summary>
        private static int PositionRelation(Context ctx, SelectSelector? single, Func<double, double, bool> holds)
        {
            if (single != null)
            {
                switch (single.Predicate.Kind)
                {
                    case Comparison.Less: return Below;
                    case Comparison.LessOrEqual: return Below | Same;
                    case Comparison.Greater: return Above;
                    case Comparison.GreaterOrEqual: return Same | Above;
                    case Comparison.NotEqual: return Below | Above;
                    case Comparison.Equal: return Same;
                }
            }
            int n = ctx.N;
            if ((long)n * n > (1L << 26)) return -1;
            // Each of the three classes (j < i, j = i, j > i) must be selected entirely or not at all; stop at the first class that is mixed.
            var seenTrue = new bool[5];
            var seenFalse = new bool[5];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    int bit = j < i ? Below : j == i ? Same : Above;
                    if (holds(j, i)) seenTrue[bit] = true; else seenFalse[bit] = true;
                    if (seenTrue[bit] && seenFalse[bit]) return -1;
                }
            int r = (seenTrue[Below] ? Below : 0) | (seenTrue[Same] ? Same : 0) | (seenTrue[Above] ? Above : 0);
            return r == (Below | Above) ? -1 : r;
        }

        /// <summary>
        /// If every query value matches at most one key value, returns a derived categorical query q ↦ its matching key (⊥ if none),
        /// so the selector becomes an exact match; otherwise null.
        /// </summary>
        private static SOp? Functional(Context ctx, SOp keys, SOp queries, Func<double, double, bool> holds, string label)
        {
            var kv = ctx.Values[keys];
            var qv = ctx.Values[queries];
            if ((long)kv.Count * qv.Count > (1L << 24)) return null;
            // ⊥ codes are zero vectors and never match: the relation must agree on ⊥ rows and columns.
            if (qv.HasBottom && kv.Values.Any(k => holds(k, Bottom.Value))) return null;
            if (kv.HasBottom && qv.WithBottom().Any(q => holds(Bottom.Value, q))) return null;
            var target = new Dictionary<double, double>();
            bool any = false;
            foreach (var q in qv.Values)
            {
                double match = Bottom.Value;
                foreach (var k in kv.Values)
                {
                    if (!holds(k, q)) continue;
                    if (!Bottom.Is(match)) return null;
                    match = k;
                }
                target[q] = match;
                any |= !Bottom.Is(match);
            }
            if (!any) return null;
            var derived = Ir.Map(queries, q => target.TryGetValue(q, out var k) ? k : Bottom.Value, ValueKind.Categorical, "key-of(" + label + ")")
                .Named((queries.Name ?? ctx.Label(queries)) + "→key");
            ctx.Canon.Key(derived);
            derived = ctx.C(derived);
            int at = ctx.Order.IndexOf(queries);
            ctx.Order.Insert(at + 1, derived);
            ctx.Values[derived] = ValueInference.Infer(ctx, derived);
            return derived;
        }
    }
}
