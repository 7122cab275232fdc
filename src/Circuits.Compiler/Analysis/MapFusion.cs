using System;
using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>
    /// Chains of per-token maps collapse into one function of their non-map inputs ("leaves"), so that one MLP
    /// (or the embedding, when the leaves are only tokens or only positions) computes them.
    /// </summary>
    internal static class MapFusion
    {
        public static bool IsMap(SOp s) => s is MapOp || s is SequenceMapOp || s is NaryMapOp;

        /// <summary>One map step with the ⊥ convention: ⊥ in, ⊥ out (0 for numerical outputs).</summary>
        public static double Apply(Context ctx, MapOp m, double x)
        {
            if (Bottom.Is(x)) return m.Kind == ValueKind.Categorical ? Bottom.Value : 0.0;
            try { return Guard(ctx, m, UserFunctionException.Call(m.Function, x, m.Label)); }
            catch (UserFunctionException e) when (e.Offender is null) { e.Offender = m; throw; }
        }

        /// <summary>One two-input map step with the ⊥ convention.</summary>
        public static double Apply(Context ctx, SequenceMapOp m, double x, double y)
        {
            if (Bottom.Is(x) || Bottom.Is(y)) return m.Kind == ValueKind.Categorical ? Bottom.Value : 0.0;
            try { return Guard(ctx, m, UserFunctionException.Call(m.Function, x, y, m.Label)); }
            catch (UserFunctionException e) when (e.Offender is null) { e.Offender = m; throw; }
        }

        /// <summary>One n-input map step with the ⊥ convention (⊥ when any input is ⊥).</summary>
        public static double Apply(Context ctx, NaryMapOp m, double[] xs)
        {
            foreach (var x in xs) if (Bottom.Is(x)) return m.Kind == ValueKind.Categorical ? Bottom.Value : 0.0;
            try { return Guard(ctx, m, UserFunctionException.Call(m.Function, (double[])xs.Clone(), m.Label)); }
            catch (UserFunctionException e) when (e.Offender is null) { e.Offender = m; throw; }
        }

        private static double Guard(Context ctx, SOp m, double r)
        {
            // A categorical map may return ⊥ (NaN); numerical maps must stay finite.
            if (double.IsInfinity(r) || (double.IsNaN(r) && m.Kind == ValueKind.Numerical))
                throw new CompileException(CompileError.NonFiniteValue, $"map '{ctx.Label(m)}' returned {r}; maps must return finite numbers.", ctx.Label(m), m);
            return r;
        }

        /// <summary>The non-map nodes a map chain reads, in first-use order.</summary>
        public static List<SOp> Leaves(Context ctx, SOp s)
        {
            var leaves = new List<SOp>();
            Collect(ctx, ctx.C(s), leaves, new HashSet<SOp>(ReferenceComparer<SOp>.Instance));
            return leaves;
        }

        private static void Collect(Context ctx, SOp s, List<SOp> leaves, HashSet<SOp> seen)
        {
            if (!seen.Add(s) || s is ConstantOp) return;
            if (!IsMap(s)) { leaves.Add(s); return; }
            foreach (var i in s.Inputs) Collect(ctx, ctx.C(i), leaves, seen);
        }

        /// <summary>Evaluates a map chain given its leaves' values.</summary>
        public static double Evaluate(Context ctx, SOp s, IReadOnlyDictionary<SOp, double> leafValues)
        {
            s = ctx.C(s);
            if (leafValues.TryGetValue(s, out var v)) return v;
            switch (s)
            {
                case MapOp m: return Apply(ctx, m, Evaluate(ctx, m.Input, leafValues));
                case SequenceMapOp m: return Apply(ctx, m, Evaluate(ctx, m.Left, leafValues), Evaluate(ctx, m.Right, leafValues));
                case NaryMapOp m:
                {
                    var xs = new double[m.Arguments.Length];
                    for (int i = 0; i < xs.Length; i++) xs[i] = Evaluate(ctx, m.Arguments[i], leafValues);
                    return Apply(ctx, m, xs);
                }
                case ConstantOp c: return c.Value;
                default: throw new InvalidOperationException("Leaf value missing for " + ctx.Label(s));
            }
        }
    }
}
