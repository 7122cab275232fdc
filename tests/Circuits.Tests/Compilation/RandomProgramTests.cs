using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Compilation
{
    /// <summary>
    /// Exact or loud: random programs over every primitive either fail to compile with a CompileException,
    /// or their compiled forward pass equals the reference evaluator on random inputs.
    /// </summary>
    public class RandomProgramTests
    {
        private readonly ITestOutputHelper _out;
        public RandomProgramTests(ITestOutputHelper output) { _out = output; }

        private static readonly (Func<int, int> F, string Name)[] Maps =
        {
            (x => x + 1, "+1"), (x => 2 * x, "*2"), (x => x % 3, "%3"), (x => x == 0 ? 1 : 0, "==0"), (x => Math.Min(x, 2), "min2"), (x => 3 - x, "3-"),
        };
        private static readonly (Func<int, int, int> F, string Name)[] Pairs =
        {
            ((a, b) => a + b, "+"), ((a, b) => a - b, "-"), (Math.Max, "max"), ((a, b) => a * b, "*"), ((a, b) => a == b ? 1 : 0, "=="),
        };
        private static readonly Predicate[] Predicates =
        {
            Predicate.Equal, Predicate.NotEqual, Predicate.Less, Predicate.LessOrEqual, Predicate.Greater, Predicate.GreaterOrEqual, Predicate.True,
            Predicate.Custom((k, q) => k == q + 1, "k==q+1"), Predicate.Custom((k, q) => (k + q) % 2 == 0, "even-sum"),
        };

        /// <summary>The random-program generator, shared with the validator's seeded-fault test.</summary>
        internal sealed class Gen
        {
            private readonly Random _r;
            public Gen(Random r) { _r = r; }

            public SOp Categorical(int depth)
            {
                int choice = depth <= 0 ? _r.Next(3) : _r.Next(8);
                switch (choice)
                {
                    case 0: return Ir.Tokens;
                    case 1: return Ir.Indices;
                    case 2: return Ir.Constant(_r.Next(3));
                    case 3: { var m = Maps[_r.Next(Maps.Length)]; return Ir.Map(Categorical(depth - 1), v => m.F((int)v), ValueKind.Categorical, m.Name); }
                    case 4: { var p = Pairs[_r.Next(Pairs.Length)]; return Ir.SequenceMap(Categorical(depth - 1), Categorical(depth - 1), (x, y) => p.F((int)x, (int)y), ValueKind.Categorical, p.Name); }
                    case 5: return Ir.SelectorWidth(Selector(depth - 1));
                    default:
                    {
                        var sel = Selector(depth - 1);
                        sel = _r.Next(2) == 0 ? sel.Rightmost() : sel.Leftmost();
                        return Ir.Aggregate(sel, Categorical(depth - 1));
                    }
                }
            }

            public SOp Numerical(int depth)
            {
                switch (_r.Next(6))
                {
                    case 3: return Ir.Map(Numerical(depth - 1), x => Math.Abs(x - 1), ValueKind.Numerical, "|x-1|");
                    case 4: return Ir.Map(Numerical(depth - 1), x => Math.Max(0.5, Math.Min(x, 2)), ValueKind.Numerical, "clamp");
                    case 5:
                    {
                        var f = new Func<double, double, double>[] { Math.Min, Math.Max, (a, b) => Math.Abs(a - b) }[_r.Next(3)];
                        return Ir.SequenceMap(Numerical(depth - 1), Numerical(depth - 1), f, ValueKind.Numerical, "min/max/|a-b|");
                    }
                    case 0: return Ir.Numerical(Categorical(depth - 1));
                    case 1: return Ir.Aggregate(Selector(depth - 1), Ir.Numerical(Ir.Map(Categorical(depth - 1), x => (int)x % 2, ValueKind.Categorical, "%2")));
                    default: return Ir.Map(Ir.Aggregate(Selector(depth - 1), Ir.Numerical(Ir.Tokens)), x => 2 * x + 1, ValueKind.Numerical, "2x+1");
                }
            }

            public Selector Selector(int depth)
            {
                var keys = Categorical(Math.Min(depth, 1));
                var queries = Categorical(Math.Min(depth, 1));
                var s = Ir.Select(keys, queries, Predicates[_r.Next(Predicates.Length)]);
                switch (_r.Next(5))
                {
                    case 0: return Ir.And(s, Ir.Select(Ir.Indices, Ir.Indices, _r.Next(2) == 0 ? Predicate.Less : Predicate.GreaterOrEqual));
                    case 1: return Ir.Or(s, Ir.Select(keys, queries, Predicate.Equal));
                    case 2: return Ir.Not(s);
                    default: return s;
                }
            }
        }

        internal static string Describe(SOp s) => s switch
        {
            MapOp m => $"map[{m.Label}]({Describe(m.Input)})",
            SequenceMapOp m => $"seqmap[{m.Label}]({Describe(m.Left)}, {Describe(m.Right)})",
            AggregateOp a => $"aggregate({Describe(a.Selector)}, {Describe(a.Values)})",
            SelectorWidthOp w => $"width({Describe(w.Selector)})",
            _ => s.Operation,
        };

        private static string Describe(Selector s) => s switch
        {
            SelectSelector x => $"select({Describe(x.Keys)}, {Describe(x.Queries)}, {x.Predicate.Name})",
            AndSelector x => $"and({Describe(x.Left)}, {Describe(x.Right)})",
            OrSelector x => $"or({Describe(x.Left)}, {Describe(x.Right)})",
            NotSelector x => $"not({Describe(x.Inner)})",
            TieBreakSelector x => $"{x.Mode}({Describe(x.Inner)})",
            _ => s.Operation,
        };

        [Theory]
        [InlineData("abc", 8, 400, 200)]      // small domains: one-hot and ±1 codes
        [InlineData("abcde", 24, 120, 60)]    // positions exceed 8 values: quadratic codes are tried first
        public void CompiledProgramsMatchTheReferenceOrAreRefused(string vocab, int n, int trials, int minimumCompiled)
        {
            var rng = new Random(2026 + n);
            var gen = new Gen(rng);
            int compiled = 0, refused = 0;
            var refusals = new Dictionary<string, int>();
            for (int trial = 0; trial < trials; trial++)
            {
                var program = rng.Next(4) == 0 ? gen.Numerical(2) : gen.Categorical(3);
                bool causal = rng.Next(2) == 0;
                CompiledModel model;
                try
                {
                    model = Parity.Compile(program, vocab, n, causal);
                }
                catch (CompileException e)
                {
                    refused++;
                    refusals[e.Code] = refusals.TryGetValue(e.Code, out var c) ? c + 1 : 1;
                    continue;
                }
                compiled++;
                var pass = global::Circuits.Engine.Create(model);
                for (int t = 0; t < 25; t++)
                {
                    var ids = Parity.Uniform(rng, rng.Next(1, n + 1), vocab.Length);
                    double[] expected;
                    try { expected = ReferenceEvaluator.Evaluate(program, ids, causal); }
                    catch (InvalidOperationException e) { throw new Xunit.Sdk.XunitException($"trial {trial}: compiled a program the reference cannot evaluate ({e.Message})"); }
                    var got = pass.Forward(ids);
                    for (int i = 0; i < ids.Length; i++)
                        Assert.True(Parity.Same(got[i], expected[i]), $"trial {trial} ({(causal ? "causal" : "bidirectional")}): position {i} of [{string.Join(",", ids)}]: compiled {got[i]}, reference {expected[i]} for {Describe(program)}");
                }
            }
            _out.WriteLine($"compiled {compiled}, refused {refused}: " + string.Join(", ", refusals.OrderBy(k => k.Key).Select(k => k.Key + "×" + k.Value)));
            Assert.True(compiled >= minimumCompiled, $"only {compiled} of {trials} random programs compiled");
        }
    }
}
