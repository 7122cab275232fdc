using System;
using System.Collections.Generic;
using Circuits.Compiler;

namespace Circuits.Fuzz
{
    /// <summary>
    /// Generates random programs weighted towards the corners library programs do not reach: tie-broken selectors inside
    /// counts, constant and near-constant maps, ⊥ maps, derived queries that may be ⊥, numerical combinations of counts,
    /// huge and tiny values, ⊥-heavy aggregates, deep DAGs with reused nodes, every predicate and every mask.
    /// Deterministic: the same seed gives the same case.
    /// </summary>
    public sealed class Generator
    {
        private readonly Random _r;
        private readonly List<FExpr> _pool = new List<FExpr>();

        /// <summary>Creates a generator.</summary>
        public Generator(int seed) { _r = new Random(seed); }

        // ---------------------------------------------------------------- lambda catalogues (label = C# source)

        private static Fn1 I1(string s, Func<int, int> f) => new Fn1(s, f);
        private static Fn1 D1(string s, Func<double, double> f) => new Fn1(s, f);
        private static Fn2 I2(string s, Func<int, int, int> f) => new Fn2(s, f);
        private static Fn2 D2(string s, Func<double, double, double> f) => new Fn2(s, f);

        /// <summary>Categorical maps over ints (Rasp.Map): constants, near-constants, ordinary, huge.</summary>
        public static readonly Fn1[] CategoricalMaps =
        {
            I1("x => 0", x => 0), I1("x => 1", x => 1), I1("x => 7", x => 7), I1("x => -1", x => -1),
            I1("x => x == 0 ? 1 : 0", x => x == 0 ? 1 : 0), I1("x => x == 1 ? 5 : 0", x => x == 1 ? 5 : 0), I1("x => x == 2 ? 0 : 3", x => x == 2 ? 0 : 3),
            I1("x => x + 1", x => x + 1), I1("x => x - 1", x => x - 1), I1("x => 2 * x", x => 2 * x), I1("x => x % 2", x => x % 2),
            I1("x => x % 3", x => x % 3), I1("x => 3 - x", x => 3 - x), I1("x => Math.Min(x, 2)", x => Math.Min(x, 2)), I1("x => -x", x => -x),
            I1("x => 1000000000 + x", x => 1000000000 + x), I1("x => int.MinValue + x", x => int.MinValue + x), I1("x => 16777216 + x", x => 16777216 + x),
            I1("x => int.MaxValue - x", x => int.MaxValue - x), I1("x => x * 1000", x => x * 1000),
        };

        /// <summary>Categorical maps over doubles (Ir.Map): ⊥ on some or all inputs, huge and non-integer values.</summary>
        public static readonly Fn1[] BottomMaps =
        {
            D1("x => x == 0 ? Bottom.Value : x", x => x == 0 ? Bottom.Value : x), D1("x => x < 2 ? Bottom.Value : x - 2", x => x < 2 ? Bottom.Value : x - 2),
            D1("x => x == 1 ? Bottom.Value : 0", x => x == 1 ? Bottom.Value : 0), D1("x => Bottom.Value", x => Bottom.Value),
            D1("x => x % 2 == 0 ? x / 2 : Bottom.Value", x => x % 2 == 0 ? x / 2 : Bottom.Value), D1("x => x >= 1 ? x - 1 : Bottom.Value", x => x >= 1 ? x - 1 : Bottom.Value),
            D1("x => x > 3 ? Bottom.Value : 3 - x", x => x > 3 ? Bottom.Value : 3 - x), D1("x => x + 10", x => x + 10),
            D1("x => 1e12 + x", x => 1e12 + x), D1("x => x + 0.5", x => x + 0.5), D1("x => x * 1e-10", x => x * 1e-10),
        };

        /// <summary>Numerical maps.</summary>
        public static readonly Fn1[] NumericalMaps =
        {
            D1("x => 0", x => 0), D1("x => 1", x => 1), D1("x => 2.5", x => 2.5), D1("x => x == 0 ? 1 : 0", x => x == 0 ? 1 : 0), D1("x => x == 1 ? 3 : 0", x => x == 1 ? 3 : 0),
            D1("x => x + 1", x => x + 1), D1("x => 2 * x + 1", x => 2 * x + 1), D1("x => Math.Abs(x - 1)", x => Math.Abs(x - 1)),
            D1("x => Math.Max(0.5, Math.Min(x, 2))", x => Math.Max(0.5, Math.Min(x, 2))), D1("x => -x", x => -x), D1("x => x / 3", x => x / 3),
            D1("x => 1e9 + x", x => 1e9 + x), D1("x => 1e12 + x", x => 1e12 + x), D1("x => x * 1e-10", x => x * 1e-10), D1("x => 16777216 + x", x => 16777216 + x),
            D1("x => int.MinValue + x", x => int.MinValue + x), D1("x => x - 1e9", x => x - 1e9), D1("x => x * 1e6", x => x * 1e6), D1("x => Math.Round(x * 2)", x => Math.Round(x * 2)),
        };

        /// <summary>Categorical two-argument maps over ints.</summary>
        public static readonly Fn2[] CategoricalPairs =
        {
            I2("(a, b) => 0", (a, b) => 0), I2("(a, b) => 1", (a, b) => 1), I2("(a, b) => a + b", (a, b) => a + b), I2("(a, b) => a - b", (a, b) => a - b),
            I2("(a, b) => Math.Max(a, b)", Math.Max), I2("(a, b) => Math.Min(a, b)", Math.Min), I2("(a, b) => a * b", (a, b) => a * b),
            I2("(a, b) => a == b ? 1 : 0", (a, b) => a == b ? 1 : 0), I2("(a, b) => a < b ? 1 : 0", (a, b) => a < b ? 1 : 0),
            I2("(a, b) => 1000000000 + a + b", (a, b) => 1000000000 + a + b), I2("(a, b) => a == 0 ? b : 0", (a, b) => a == 0 ? b : 0),
            I2("(a, b) => a + b + 16777216", (a, b) => a + b + 16777216), I2("(a, b) => int.MinValue + a - b", (a, b) => int.MinValue + a - b), I2("(a, b) => (a + b) % 2", (a, b) => (a + b) % 2),
        };

        /// <summary>Categorical two-argument maps over doubles (may be ⊥).</summary>
        public static readonly Fn2[] BottomPairs =
        {
            D2("(a, b) => a == b ? Bottom.Value : a", (a, b) => a == b ? Bottom.Value : a), D2("(a, b) => a < b ? a : Bottom.Value", (a, b) => a < b ? a : Bottom.Value),
            D2("(a, b) => b - a - 1 >= 0 ? b - a - 1 : Bottom.Value", (a, b) => b - a - 1 >= 0 ? b - a - 1 : Bottom.Value), D2("(a, b) => 1e12 + a + b", (a, b) => 1e12 + a + b),
            D2("(a, b) => a > b ? Bottom.Value : b", (a, b) => a > b ? Bottom.Value : b),
        };

        /// <summary>Numerical two-argument maps.</summary>
        public static readonly Fn2[] NumericalPairs =
        {
            D2("(a, b) => Math.Min(a, b)", Math.Min), D2("(a, b) => Math.Max(a, b)", Math.Max), D2("(a, b) => Math.Abs(a - b)", (a, b) => Math.Abs(a - b)),
            D2("(a, b) => a + b", (a, b) => a + b), D2("(a, b) => a - b", (a, b) => a - b), D2("(a, b) => 0", (a, b) => 0), D2("(a, b) => a * b", (a, b) => a * b),
            D2("(a, b) => 1e9 + a - b", (a, b) => 1e9 + a - b), D2("(a, b) => (a + b) / 2", (a, b) => (a + b) / 2), D2("(a, b) => a * 1e-10 + b", (a, b) => a * 1e-10 + b),
        };

        /// <summary>Lambda predicates over (key, query), including ones that hold on corners.</summary>
        public static readonly FPred[] CustomPredicates =
        {
            FPred.Custom("(k, q) => k == q + 1", (k, q) => k == q + 1), FPred.Custom("(k, q) => (k + q) % 2 == 0", (k, q) => (k + q) % 2 == 0),
            FPred.Custom("(k, q) => true", (k, q) => true), FPred.Custom("(k, q) => false", (k, q) => false), FPred.Custom("(k, q) => q == 0", (k, q) => q == 0),
            FPred.Custom("(k, q) => k == 0", (k, q) => k == 0), FPred.Custom("(k, q) => k * q == 0", (k, q) => k * q == 0), FPred.Custom("(k, q) => k - q == 2", (k, q) => k - q == 2),
            FPred.Custom("(k, q) => k <= q && k != 0", (k, q) => k <= q && k != 0), FPred.Custom("(k, q) => k != q + 1", (k, q) => k != q + 1),
            FPred.Custom("(k, q) => k == -1 || q == -1", (k, q) => k == -1 || q == -1), FPred.Custom("(k, q) => (k > q) == (q > 0)", (k, q) => (k > q) == (q > 0)),
        };

        /// <summary>The built-in comparisons.</summary>
        public static readonly Comparison[] Builtins =
        {
            Comparison.Equal, Comparison.NotEqual, Comparison.Less, Comparison.LessOrEqual, Comparison.Greater, Comparison.GreaterOrEqual, Comparison.True,
        };

        // ---------------------------------------------------------------- cases

        /// <summary>
        /// Every program a deep DAG with shared subexpressions (depth 6 to 10, categorical or numerical) instead of the mix;
        /// false keeps every seed's programs as they were.
        /// </summary>
        public bool Deep { get; set; }

        /// <summary>
        /// Long inputs: N in [<see cref="LongMinLength"/>, <see cref="LongMaxLength"/>], past the engines' 256-key blocks, instead
        /// of N mostly ≤ 8; the programs are drawn as without it (and <see cref="Deep"/> still applies).
        /// </summary>
        public bool Long { get; set; }

        /// <summary>The least N of a <see cref="Long"/> case: more than one key block (256 keys, BOS included).</summary>
        public const int LongMinLength = 300;

        /// <summary>The largest N of a <see cref="Long"/> case: up to four key blocks, while a compile stays a few seconds.</summary>
        public const int LongMaxLength = 800;

        /// <summary>
        /// Fork-length inputs: N in [<see cref="ForkMinLength"/>, <see cref="ForkMaxLength"/>], where the indexed pass splits its
        /// positions among threads (from 64 blocks of 16, so N ≥ 1,008); overrides <see cref="Long"/>.
        /// </summary>
        public bool Fork { get; set; }

        /// <summary>The least N of a <see cref="Fork"/> case: past the indexed pass's fork threshold (N + 1 ≥ 64 · 16 positions).</summary>
        public const int ForkMinLength = 1030;

        /// <summary>The largest N of a <see cref="Fork"/> case: a few blocks more, while a compile stays seconds.</summary>
        public const int ForkMaxLength = 1300;

        /// <summary>A new random case.</summary>
        public FuzzCase Next()
        {
            _pool.Clear();
            int vocab = Pick(new[] { 1, 2, 3, 5 }, new[] { 15, 35, 30, 20 });
            int n = _r.Next(100) < 85 ? _r.Next(1, 9) : _r.Next(16, 33);
            if (Long) n = _r.Next(LongMinLength, LongMaxLength + 1);
            if (Fork) n = _r.Next(ForkMinLength, ForkMaxLength + 1);
            bool causal = _r.Next(2) == 0;
            var precision = _r.Next(100) < 35 ? NumericType.Float32 : NumericType.Float64;
            return new FuzzCase(Program(), vocab, n, causal, precision);
        }

        private FExpr Program()
        {
            if (Deep)
            {
                int depth = _r.Next(6, 11);
                return _r.Next(4) == 0 ? Num(depth) : Cat(depth);
            }
            switch (Pick(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, new[] { 14, 12, 12, 12, 10, 10, 18, 12 }))
            {
                case 0: // tie-broken selectors inside counts, and numerical of those
                {
                    FExpr w = new FWidth(Tie(Sel(_r.Next(0, 3))));
                    return _r.Next(3) switch { 0 => w, 1 => new FNumerical(w), _ => new FSeqMap(w, Cat(1), Pick(CategoricalPairs), MapForm.Categorical) };
                }
                case 1: // constant and near-constant maps, ⊥ maps
                {
                    var inner = _r.Next(3) == 0 ? Leaf() : Cat(_r.Next(1, 3));
                    return _r.Next(5) switch
                    {
                        0 => new FMap(inner, Pick(CategoricalMaps, 8), MapForm.Categorical),
                        1 => new FMap(inner, Pick(BottomMaps, 7), MapForm.CategoricalDouble),
                        2 => new FSeqMap(inner, Cat(1), Pick(CategoricalPairs), MapForm.Categorical),
                        3 => new FMap(_r.Next(2) == 0 ? new FNumerical(inner) : Num(1), Pick(NumericalMaps, 5), MapForm.Numerical),
                        _ => new FWidth(new FSelect(Keys(1), new FMap(inner, Pick(BottomMaps, 7), MapForm.CategoricalDouble), Predicate())),
                    };
                }
                case 2: // derived queries that may be ⊥ or match no key
                {
                    var q = DerivedQuery();
                    FSel s = new FSelect(Keys(1), q, Predicate());
                    if (_r.Next(3) == 0) s = Wrap(s, 1);
                    return _r.Next(3) switch { 0 => new FWidth(s), 1 => new FAggregate(Tie(s), Cat(1)), _ => new FNumerical(new FWidth(s)) };
                }
                case 3: // numerical combinations of counts, means of counts
                {
                    FExpr a = Count(), b = _r.Next(4) == 0 ? a : Count();
                    return _r.Next(4) switch
                    {
                        0 => new FSeqMap(a, b, Pick(NumericalPairs, 5), MapForm.Numerical),
                        1 => new FAggregate(Sel(1), a),
                        2 => new FMap(new FSeqMap(a, b, Pick(NumericalPairs, 5), MapForm.Numerical), Pick(NumericalMaps), MapForm.Numerical),
                        _ => new FSeqMap(a, new FAggregate(Sel(1), b), Pick(NumericalPairs, 5), MapForm.Numerical),
                    };
                }
                case 4: // huge and tiny values
                {
                    var inner = _r.Next(2) == 0 ? Leaf() : Cat(_r.Next(0, 3));
                    var huge = new[] { 15, 16, 17, 18, 19 };
                    return _r.Next(5) switch
                    {
                        0 => new FMap(inner, CategoricalMaps[huge[_r.Next(huge.Length)]], MapForm.Categorical),
                        1 => new FMap(new FNumerical(inner), NumericalMaps[_r.Next(11, NumericalMaps.Length)], MapForm.Numerical),
                        2 => new FSeqMap(inner, Leaf(), CategoricalPairs[new[] { 9, 11, 12 }[_r.Next(3)]], MapForm.Categorical),
                        3 => new FMap(inner, BottomMaps[_r.Next(8, BottomMaps.Length)], MapForm.CategoricalDouble),
                        _ => new FAggregate(_r.Next(2) == 0 ? Tie(Sel(1)) : Sel(1), new FMap(new FNumerical(inner), NumericalMaps[_r.Next(11, NumericalMaps.Length)], MapForm.Numerical)),
                    };
                }
                case 5: // ⊥-heavy value sets
                    return BottomHeavy(_r.Next(1, 4));
                case 6: // deep compositions with shared subexpressions
                {
                    int depth = _r.Next(4, 7);
                    return _r.Next(4) == 0 ? Num(depth) : Cat(depth);
                }
                default: // every predicate and every mask
                {
                    FSel s = new FSelect(Keys(1), Keys(1), Predicate());
                    s = Wrap(s, 1);
                    if (_r.Next(2) == 0) s = Wrap(s, 1);
                    return _r.Next(3) switch
                    {
                        0 => new FWidth(s),
                        1 => new FAggregate(Tie(s), Cat(1)),
                        _ => new FAggregate(s, new FNumerical(Cat(1))),
                    };
                }
            }
        }

        // ---------------------------------------------------------------- sequences

        /// <summary>A categorical sequence of roughly the given depth.</summary>
        public FExpr Cat(int depth)
        {
            if (depth <= 0) return Leaf();
            if (_pool.Count > 0 && _r.Next(10) == 0) return _pool[_r.Next(_pool.Count)];
            FExpr e;
            switch (Pick(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, new[] { 8, 16, 6, 12, 18, 16, 8, 8 }))
            {
                case 0: return Leaf();
                case 1: e = new FMap(Cat(depth - 1), Pick(CategoricalMaps), MapForm.Categorical); break;
                case 2: e = new FMap(Cat(depth - 1), Pick(BottomMaps), MapForm.CategoricalDouble); break;
                case 3:
                    e = _r.Next(5) == 0
                        ? new FSeqMap(Cat(depth - 1), Cat(depth - 1), Pick(BottomPairs), MapForm.CategoricalDouble)
                        : new FSeqMap(Cat(depth - 1), Cat(depth - 1), Pick(CategoricalPairs), MapForm.Categorical);
                    break;
                case 4: e = new FWidth(_r.Next(10) < 3 ? Tie(Sel(depth - 1)) : Sel(depth - 1)); break;
                case 5: e = new FAggregate(Tie(Sel(depth - 1)), Cat(depth - 1)); break;
                case 6: e = BottomHeavy(depth); break;
                default: e = new FShift(Cat(depth - 1), _r.Next(4) == 0 ? 2 : 1); break;
            }
            _pool.Add(e);
            return e;
        }

        /// <summary>A numerical sequence of roughly the given depth.</summary>
        public FExpr Num(int depth)
        {
            if (depth <= 0) return _r.Next(5) == 0 ? new FConst(Pick(new[] { 0.0, 1.0, 0.5, 1e9 }), true) : new FNumerical(Leaf());
            FExpr e;
            switch (Pick(new[] { 0, 1, 2, 3, 4, 5, 6 }, new[] { 18, 15, 14, 10, 16, 22, 5 }))
            {
                case 0: e = new FNumerical(Cat(depth - 1)); break;
                case 1: e = Count(depth - 1); break;
                case 2: e = new FSeqMap(Num(depth - 1), Num(depth - 1), Pick(NumericalPairs), MapForm.Numerical); break;
                case 3: e = new FSeqMap(Count(depth - 1), Count(depth - 1), Pick(NumericalPairs, 5), MapForm.Numerical); break;
                case 4: e = new FAggregate(_r.Next(5) == 0 ? Tie(Sel(depth - 1)) : Sel(depth - 1), _r.Next(3) == 0 ? Count(depth - 1) : new FNumerical(Cat(depth - 1))); break;
                case 5: e = new FMap(Num(depth - 1), Pick(NumericalMaps), MapForm.Numerical); break;
                default: e = new FConst(Pick(new[] { 0.0, 1.0, 0.5, 1e9 + 1, -3.0 }), true); break;
            }
            _pool.Add(e);
            return e;
        }

        private FExpr Count(int depth = 1)
        {
            FSel s = _r.Next(3) == 0 ? Tie(Sel(depth)) : Sel(depth);
            return new FNumerical(new FWidth(s));
        }

        private FExpr Leaf()
        {
            switch (Pick(new[] { 0, 1, 2, 3 }, new[] { 40, 35, 15, 10 }))
            {
                case 0: return FTokens.Instance;
                case 1: return FIndices.Instance;
                case 2: return new FConst(Pick(new[] { 0, 1, 2, -1 }), false);
                default: return new FLength();
            }
        }

        /// <summary>A query derived by a map that may be ⊥ or take values no key has.</summary>
        private FExpr DerivedQuery()
        {
            var src = _r.Next(2) == 0 ? (FExpr)FTokens.Instance : FIndices.Instance;
            switch (_r.Next(5))
            {
                case 0: return new FMap(src, Pick(BottomMaps, 7), MapForm.CategoricalDouble);
                case 1: return new FSeqMap(FIndices.Instance, FTokens.Instance, Pick(CategoricalPairs), MapForm.Categorical);
                case 2: return new FSeqMap(src, Leaf(), Pick(BottomPairs), MapForm.CategoricalDouble);
                case 3: return new FMap(src, Pick(CategoricalMaps), MapForm.Categorical);
                default: return new FAggregate(Tie(Sel(0)), src);
            }
        }

        /// <summary>Aggregates with no tie-break whose selection is single-valued by construction, shifts, ⊥ maps.</summary>
        private FExpr BottomHeavy(int depth)
        {
            var v = _r.Next(3) == 0 ? new FMap(Cat(Math.Max(0, depth - 2)), Pick(BottomMaps), MapForm.CategoricalDouble) : Cat(depth - 1);
            switch (_r.Next(5))
            {
                case 0: return new FAggregate(new FSelect(v, v, FPred.Builtin(Comparison.Equal)), v);
                case 1:
                    return new FAggregate(new FBinarySel(new FSelect(v, v, FPred.Builtin(Comparison.Equal)),
                        new FSelect(FIndices.Instance, FIndices.Instance, FPred.Builtin(Pick(Builtins))), false), v);
                case 2: return new FShift(v, _r.Next(1, 3));
                case 3: return new FAggregate(new FSelect(FIndices.Instance, new FMap(FIndices.Instance, Pick(BottomMaps, 7), MapForm.CategoricalDouble), FPred.Builtin(Comparison.Equal)), v);
                default: return new FAggregate(new FSelect(v, FTokens.Instance, FPred.Builtin(Comparison.Equal)), v);
            }
        }

        // ---------------------------------------------------------------- selectors

        private FExpr Keys(int depth)
        {
            switch (_r.Next(8))
            {
                case 0: case 1: return FTokens.Instance;
                case 2: case 3: return FIndices.Instance;
                case 4: return DerivedQuery();
                case 5: return new FWidth(Sel(0));
                default: return Cat(depth);
            }
        }

        private FPred Predicate()
            => _r.Next(10) < 6 ? FPred.Builtin(Pick(Builtins)) : Pick(CustomPredicates);

        /// <summary>A selector of roughly the given depth (keys and queries at most depth 1 deeper than leaves).</summary>
        public FSel Sel(int depth)
        {
            var keys = Keys(Math.Min(depth, 2));
            var queries = _r.Next(3) == 0 ? keys : Keys(Math.Min(depth, 2));
            FSel s = new FSelect(keys, queries, Predicate());
            return _r.Next(10) < 6 ? Wrap(s, depth) : s;
        }

        private FSel Wrap(FSel s, int depth)
        {
            switch (_r.Next(7))
            {
                case 0: case 1: return new FBinarySel(s, new FSelect(FIndices.Instance, FIndices.Instance, FPred.Builtin(Pick(Builtins))), false);
                case 2: return new FBinarySel(s, Sel(Math.Max(0, depth - 1)), false);
                case 3:
                    return s is FSelect x
                        ? new FBinarySel(s, new FSelect(x.Keys, x.Queries, Predicate()), _r.Next(3) > 0)
                        : new FBinarySel(s, Sel(0), true);
                case 4: return new FNot(s);
                case 5: return new FBinarySel(s, Sel(0), true);
                default: return Tie(s);
            }
        }

        private FSel Tie(FSel s) => new FTie(s, _r.Next(2) == 0);

        // ---------------------------------------------------------------- helpers

        private T Pick<T>(T[] items) => items[_r.Next(items.Length)];

        /// <summary>Picks among the first <paramref name="corners"/> items half of the time (the corners come first).</summary>
        private T Pick<T>(T[] items, int corners) => _r.Next(2) == 0 ? items[_r.Next(Math.Min(corners, items.Length))] : items[_r.Next(items.Length)];

        private T Pick<T>(T[] items, int[] weights)
        {
            int total = 0;
            foreach (var w in weights) total += w;
            int x = _r.Next(total);
            for (int i = 0; i < items.Length; i++)
            {
                if (x < weights[i]) return items[i];
                x -= weights[i];
            }
            return items[items.Length - 1];
        }
    }
}
