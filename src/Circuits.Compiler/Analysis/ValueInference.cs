using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>Infers every node's value set from the vocabulary and the maximum length.</summary>
    internal static class ValueInference
    {
        public static void Run(Context ctx)
        {
            // Order may grow while planning inserts derived query maps; those get their sets on creation.
            for (int i = 0; i < ctx.Order.Count; i++)
            {
                var s = ctx.Order[i];
                if (ctx.Values.ContainsKey(s)) continue;
                ctx.Values[s] = Infer(ctx, s);
            }
        }

        public static ValueSet Infer(Context ctx, SOp s)
        {
            switch (s)
            {
                case TokensOp _: return new ValueSet(Enumerable.Range(0, ctx.S).Select(x => (double)x), false);
                case IndicesOp _: return new ValueSet(Enumerable.Range(0, ctx.N).Select(x => (double)x), false);
                case ConstantOp c: return new ValueSet(new[] { c.Value }, false);
                case MapOp m:
                {
                    var input = ctx.Values[ctx.C(m.Input)];
                    var outs = new List<double>();
                    bool bottom = false;
                    foreach (var v in input.WithBottom())
                    {
                        double r = MapFusion.Apply(ctx, m, v);
                        if (Bottom.Is(r)) bottom = true; else outs.Add(r);
                    }
                    return Checked(ctx, s, new ValueSet(outs, bottom));
                }
                case SequenceMapOp m:
                {
                    var a = ctx.Values[ctx.C(m.Left)];
                    var b = ctx.Values[ctx.C(m.Right)];
                    long pairs = (long)(a.Count + 1) * (b.Count + 1);
                    if (pairs > (1 << 24))
                        throw new CompileException(CompileError.TooManyCombinations, $"sequence map '{ctx.Label(s)}' has {pairs} input pairs ({a.Count} × {b.Count}); the limit for exact enumeration is {1 << 24}.", ctx.Label(s), s);
                    var outs = new HashSet<double>();
                    bool bottom = false;
                    foreach (var x in a.WithBottom())
                        foreach (var y in b.WithBottom())
                        {
                            double r = MapFusion.Apply(ctx, m, x, y);
                            if (Bottom.Is(r)) bottom = true; else outs.Add(r);
                        }
                    return Checked(ctx, s, new ValueSet(outs, bottom));
                }
                case NaryMapOp m:
                {
                    var sets = m.Arguments.Select(i => ctx.Values[ctx.C(i)]).ToArray();
                    long tuples = 1;
                    foreach (var set in sets) tuples = Math.Min(long.MaxValue / 2, tuples * (set.Count + 1));
                    if (tuples > (1 << 24))
                        throw new CompileException(CompileError.TooManyCombinations, $"map '{ctx.Label(s)}' has {tuples} input combinations ({string.Join(" × ", sets.Select(x => x.Count))}); the limit for exact enumeration is {1 << 24}.", ctx.Label(s), s);
                    var outs = new HashSet<double>();
                    bool bottom = false;
                    var lists = sets.Select(x => x.WithBottom().ToArray()).ToArray();
                    var xs = new double[lists.Length];
                    var index = new int[lists.Length];
                    while (true)
                    {
                        for (int i = 0; i < xs.Length; i++) xs[i] = lists[i][index[i]];
                        double r = MapFusion.Apply(ctx, m, xs);
                        if (Bottom.Is(r)) bottom = true; else outs.Add(r);
                        int d = 0;
                        while (d < index.Length && ++index[d] == lists[d].Length) index[d++] = 0;
                        if (d == index.Length) break;
                    }
                    return Checked(ctx, s, new ValueSet(outs, bottom));
                }
                case AggregateOp a:
                {
                    var values = ctx.Values[ctx.C(a.Values)];
                    var plan = SelectorPlanner.Plan(ctx, a.Selector);
                    if (a.Kind == ValueKind.Categorical)
                    {
                        // A categorical read must see one value: one selected position (tie-break, or an exact match on a
                        // position-unique sequence), or only positions that must hold the same value (an exact match on a key
                        // that determines the value: the aggregated sequence itself, a map of it, or a rank of it).
                        // Otherwise the head would average different codes (the silent Tracr miscompile, tracr issue #25).
                        var read = ctx.C(a.Values);
                        bool sameValue = plan.Groups.Any(g => g.Kind == GroupKind.Equal && Dependence.Determines(ctx, g.Keys, read));
                        if (!plan.AtMostOne && !sameValue)
                            throw new CompileException(CompileError.AmbiguousAggregate, $"categorical aggregate '{ctx.Label(s)}' may select several positions with different values of '{ctx.Label(read)}' (selector '{plan.Label}'); add .Rightmost() or .Leftmost(), select on positions, or make the aggregate numerical (a mean).", ctx.Label(s), s);
                        return new ValueSet(values.Values, true);
                    }
                    if (plan.AtMostOne) return new ValueSet(values.Values.Concat(new[] { 0.0 }), false);
                    return Checked(ctx, s, Means(ctx, s, values, plan.MaxWidth));
                }
                case SelectorWidthOp w:
                {
                    var plan = SelectorPlanner.Plan(ctx, w.Selector);
                    return new ValueSet(Enumerable.Range(0, plan.MaxWidth + 1).Select(x => (double)x), false);
                }
                default:
                    throw new CompileException(CompileError.Internal, "internal: unknown sequence operation " + s.GetType().Name + ".");
            }
        }

        /// <summary>All means of w values (1 ≤ w ≤ maxWidth) drawn from an integer set: {s/w}.</summary>
        private static ValueSet Means(Context ctx, SOp s, ValueSet values, int maxWidth)
        {
            if (!values.IsIntegral || values.Count == 0)
                throw new CompileException(CompileError.NonIntegerMean, $"numerical aggregate '{ctx.Label(s)}' averages non-integer values {values}; exact means are supported for integer values or selectors that pick at most one position.", ctx.Label(s), s);
            double lo = values.Values[0], hi = values.Values[values.Count - 1];
            long estimate = 0;
            for (int w = 1; w <= maxWidth; w++) estimate += (long)((hi - lo) * w) + 1;
            if (estimate > ValueSet.MaxSize)
                throw new CompileException(CompileError.ValueSetTooLarge, $"numerical aggregate '{ctx.Label(s)}' can take about {estimate} distinct means at N = {ctx.N}; the limit for an exact construction is {ValueSet.MaxSize}. Lower MaxLength.", ctx.Label(s), s);
            var outs = new HashSet<double> { 0.0 };
            for (int w = 1; w <= maxWidth; w++)
                for (long sum = (long)(lo * w); sum <= (long)(hi * w); sum++)
                    outs.Add((double)sum / w);
            return new ValueSet(outs, false);
        }

        private static ValueSet Checked(Context ctx, SOp s, ValueSet v)
        {
            if (v.Count > ValueSet.MaxSize)
                throw new CompileException(CompileError.ValueSetTooLarge, $"'{ctx.Label(s)}' can take {v.Count} values; the limit for an exact construction is {ValueSet.MaxSize}.", ctx.Label(s), s);
            foreach (var x in v.Values)
                if (double.IsInfinity(x)) throw new CompileException(CompileError.NonFiniteValue, $"'{ctx.Label(s)}' produces an infinite value.", ctx.Label(s), s);
            return v;
        }
    }
}
