using System;
using System.Collections.Generic;
using Circuits;
using Circuits.Compiler;

namespace Circuits.Fuzz
{
    /// <summary>How a map is written in C#: which facade call, and whether its lambda sees ints or doubles.</summary>
    public enum MapForm
    {
        /// <summary><c>Rasp.Map</c> / <c>Rasp.SequenceMap</c>: categorical, lambda over ints.</summary>
        Categorical,
        /// <summary><c>Ir.Map</c> / <c>Ir.SequenceMap</c> with <c>ValueKind.Categorical</c>: lambda over doubles, may return ⊥ (<c>Bottom.Value</c>).</summary>
        CategoricalDouble,
        /// <summary><c>Rasp.NumericalMap</c> / <c>Rasp.NumericalSequenceMap</c>.</summary>
        Numerical,
    }

    /// <summary>A one-argument lambda: its C# source (also its label) and the delegate.</summary>
    public sealed class Fn1
    {
        /// <summary>Creates a lambda over doubles.</summary>
        public Fn1(string source, Func<double, double> f) { Source = source; Double = f; }
        /// <summary>Creates a lambda over ints.</summary>
        public Fn1(string source, Func<int, int> f) { Source = source; Int = f; }
        /// <summary>C# source text, e.g. "x => x + 1".</summary>
        public string Source { get; }
        /// <summary>The lambda over doubles, or null.</summary>
        public Func<double, double>? Double { get; }
        /// <summary>The lambda over ints, or null.</summary>
        public Func<int, int>? Int { get; }
    }

    /// <summary>A two-argument lambda.</summary>
    public sealed class Fn2
    {
        /// <summary>Creates a lambda over doubles.</summary>
        public Fn2(string source, Func<double, double, double> f) { Source = source; Double = f; }
        /// <summary>Creates a lambda over ints.</summary>
        public Fn2(string source, Func<int, int, int> f) { Source = source; Int = f; }
        /// <summary>C# source text.</summary>
        public string Source { get; }
        /// <summary>The lambda over doubles, or null.</summary>
        public Func<double, double, double>? Double { get; }
        /// <summary>The lambda over ints, or null.</summary>
        public Func<int, int, int>? Int { get; }
    }

    /// <summary>A selection predicate: a built-in comparison or a lambda over (key, query).</summary>
    public sealed class FPred
    {
        private FPred(Comparison kind, string source, Func<int, int, bool>? f) { Kind = kind; Source = source; Function = f; }
        /// <summary>The comparison (Custom for a lambda).</summary>
        public Comparison Kind { get; }
        /// <summary>C# source: "Rasp.Equal" or the lambda text.</summary>
        public string Source { get; }
        /// <summary>The lambda, for Custom.</summary>
        public Func<int, int, bool>? Function { get; }

        /// <summary>A built-in predicate.</summary>
        public static FPred Builtin(Comparison kind) => new FPred(kind, "Rasp." + kind, null);
        /// <summary>A lambda predicate.</summary>
        public static FPred Custom(string source, Func<int, int, bool> f) => new FPred(Comparison.Custom, source, f);

        /// <summary>The IR predicate.</summary>
        public Predicate ToIr() => Kind switch
        {
            Comparison.Equal => Predicate.Equal,
            Comparison.NotEqual => Predicate.NotEqual,
            Comparison.Less => Predicate.Less,
            Comparison.LessOrEqual => Predicate.LessOrEqual,
            Comparison.Greater => Predicate.Greater,
            Comparison.GreaterOrEqual => Predicate.GreaterOrEqual,
            Comparison.True => Predicate.True,
            _ => throw new InvalidOperationException("custom predicates are built with IntPredicate"),
        };
    }

    /// <summary>A node of a fuzzed program (a sequence). Immutable; programs are DAGs (a node may be reused).</summary>
    public abstract class FExpr
    {
        /// <summary>The direct sequence children.</summary>
        public virtual IEnumerable<FExpr> ChildExprs => Array.Empty<FExpr>();
        /// <summary>The direct selector children.</summary>
        public virtual IEnumerable<FSel> ChildSels => Array.Empty<FSel>();
        /// <summary>Whether the value is numerical.</summary>
        public abstract bool IsNumerical { get; }
    }

    /// <summary>A node of a fuzzed program (a selector).</summary>
    public abstract class FSel
    {
        /// <summary>The direct sequence children.</summary>
        public virtual IEnumerable<FExpr> ChildExprs => Array.Empty<FExpr>();
        /// <summary>The direct selector children.</summary>
        public virtual IEnumerable<FSel> ChildSels => Array.Empty<FSel>();
    }

    /// <summary>Rasp.Tokens.</summary>
    public sealed class FTokens : FExpr
    {
        /// <summary>The node.</summary>
        public static readonly FTokens Instance = new FTokens();
        private FTokens() { }
        /// <inheritdoc />
        public override bool IsNumerical => false;
    }

    /// <summary>Rasp.Indices.</summary>
    public sealed class FIndices : FExpr
    {
        /// <summary>The node.</summary>
        public static readonly FIndices Instance = new FIndices();
        private FIndices() { }
        /// <inheritdoc />
        public override bool IsNumerical => false;
    }

    /// <summary>Rasp.Length.</summary>
    public sealed class FLength : FExpr
    {
        /// <inheritdoc />
        public override bool IsNumerical => false;
    }

    /// <summary>Rasp.Constant.</summary>
    public sealed class FConst : FExpr
    {
        /// <summary>Creates the node.</summary>
        public FConst(double value, bool numerical) { Value = value; Numerical = numerical; }
        /// <summary>The value (an integer when categorical).</summary>
        public double Value { get; }
        /// <summary>Numerical constant.</summary>
        public bool Numerical { get; }
        /// <inheritdoc />
        public override bool IsNumerical => Numerical;
    }

    /// <summary>A one-argument map.</summary>
    public sealed class FMap : FExpr
    {
        /// <summary>Creates the node.</summary>
        public FMap(FExpr input, Fn1 f, MapForm form) { Input = input; F = f; Form = form; }
        /// <summary>The input.</summary>
        public FExpr Input { get; }
        /// <summary>The lambda.</summary>
        public Fn1 F { get; }
        /// <summary>The facade call.</summary>
        public MapForm Form { get; }
        /// <inheritdoc />
        public override IEnumerable<FExpr> ChildExprs => new[] { Input };
        /// <inheritdoc />
        public override bool IsNumerical => Form == MapForm.Numerical;
    }

    /// <summary>A two-argument map.</summary>
    public sealed class FSeqMap : FExpr
    {
        /// <summary>Creates the node.</summary>
        public FSeqMap(FExpr a, FExpr b, Fn2 f, MapForm form) { A = a; B = b; F = f; Form = form; }
        /// <summary>First input.</summary>
        public FExpr A { get; }
        /// <summary>Second input.</summary>
        public FExpr B { get; }
        /// <summary>The lambda.</summary>
        public Fn2 F { get; }
        /// <summary>The facade call.</summary>
        public MapForm Form { get; }
        /// <inheritdoc />
        public override IEnumerable<FExpr> ChildExprs => new[] { A, B };
        /// <inheritdoc />
        public override bool IsNumerical => Form == MapForm.Numerical;
    }

    /// <summary>Rasp.Numerical.</summary>
    public sealed class FNumerical : FExpr
    {
        /// <summary>Creates the node.</summary>
        public FNumerical(FExpr input) { Input = input; }
        /// <summary>The input.</summary>
        public FExpr Input { get; }
        /// <inheritdoc />
        public override IEnumerable<FExpr> ChildExprs => new[] { Input };
        /// <inheritdoc />
        public override bool IsNumerical => true;
    }

    /// <summary>Rasp.Aggregate.</summary>
    public sealed class FAggregate : FExpr
    {
        /// <summary>Creates the node.</summary>
        public FAggregate(FSel selector, FExpr values) { Selector = selector; Values = values; }
        /// <summary>The selector.</summary>
        public FSel Selector { get; }
        /// <summary>The values.</summary>
        public FExpr Values { get; }
        /// <inheritdoc />
        public override IEnumerable<FExpr> ChildExprs => new[] { Values };
        /// <inheritdoc />
        public override IEnumerable<FSel> ChildSels => new[] { Selector };
        /// <inheritdoc />
        public override bool IsNumerical => Values.IsNumerical;
    }

    /// <summary>Rasp.SelectorWidth.</summary>
    public sealed class FWidth : FExpr
    {
        /// <summary>Creates the node.</summary>
        public FWidth(FSel selector) { Selector = selector; }
        /// <summary>The selector.</summary>
        public FSel Selector { get; }
        /// <inheritdoc />
        public override IEnumerable<FSel> ChildSels => new[] { Selector };
        /// <inheritdoc />
        public override bool IsNumerical => false;
    }

    /// <summary>Rasp.Shift.</summary>
    public sealed class FShift : FExpr
    {
        /// <summary>Creates the node.</summary>
        public FShift(FExpr input, int by) { Input = input; By = by; }
        /// <summary>The input.</summary>
        public FExpr Input { get; }
        /// <summary>The distance.</summary>
        public int By { get; }
        /// <inheritdoc />
        public override IEnumerable<FExpr> ChildExprs => new[] { Input };
        /// <inheritdoc />
        public override bool IsNumerical => Input.IsNumerical;
    }

    /// <summary>Rasp.Select.</summary>
    public sealed class FSelect : FSel
    {
        /// <summary>Creates the node.</summary>
        public FSelect(FExpr keys, FExpr queries, FPred predicate) { Keys = keys; Queries = queries; Predicate = predicate; }
        /// <summary>Keys.</summary>
        public FExpr Keys { get; }
        /// <summary>Queries.</summary>
        public FExpr Queries { get; }
        /// <summary>The predicate.</summary>
        public FPred Predicate { get; }
        /// <inheritdoc />
        public override IEnumerable<FExpr> ChildExprs => new[] { Keys, Queries };
    }

    /// <summary>Rasp.And / Rasp.Or.</summary>
    public sealed class FBinarySel : FSel
    {
        /// <summary>Creates the node.</summary>
        public FBinarySel(FSel left, FSel right, bool isOr) { Left = left; Right = right; IsOr = isOr; }
        /// <summary>First operand.</summary>
        public FSel Left { get; }
        /// <summary>Second operand.</summary>
        public FSel Right { get; }
        /// <summary>Or (else And).</summary>
        public bool IsOr { get; }
        /// <inheritdoc />
        public override IEnumerable<FSel> ChildSels => new[] { Left, Right };
    }

    /// <summary>Rasp.Not.</summary>
    public sealed class FNot : FSel
    {
        /// <summary>Creates the node.</summary>
        public FNot(FSel inner) { Inner = inner; }
        /// <summary>The operand.</summary>
        public FSel Inner { get; }
        /// <inheritdoc />
        public override IEnumerable<FSel> ChildSels => new[] { Inner };
    }

    /// <summary>.Rightmost() / .Leftmost().</summary>
    public sealed class FTie : FSel
    {
        /// <summary>Creates the node.</summary>
        public FTie(FSel inner, bool rightmost) { Inner = inner; Rightmost = rightmost; }
        /// <summary>The operand.</summary>
        public FSel Inner { get; }
        /// <summary>Rightmost (else leftmost).</summary>
        public bool Rightmost { get; }
        /// <inheritdoc />
        public override IEnumerable<FSel> ChildSels => new[] { Inner };
    }

    /// <summary>A fuzzed program with its compile settings.</summary>
    public sealed class FuzzCase
    {
        /// <summary>Creates a case.</summary>
        public FuzzCase(FExpr program, int vocabularySize, int maxLength, bool causal, NumericType precision)
        {
            Program = program; VocabularySize = vocabularySize; MaxLength = maxLength; Causal = causal; Precision = precision;
        }
        /// <summary>The program's output node.</summary>
        public FExpr Program { get; }
        /// <summary>|Σ| (symbols "a", "b", ...).</summary>
        public int VocabularySize { get; }
        /// <summary>N.</summary>
        public int MaxLength { get; }
        /// <summary>Causal mask.</summary>
        public bool Causal { get; }
        /// <summary>The numeric type compiled for.</summary>
        public NumericType Precision { get; }

        /// <summary>The vocabulary as a string ("abc").</summary>
        public string Vocabulary => "abcdefghijklmnopqrstuvwxyz".Substring(0, VocabularySize);

        /// <summary>A copy with other parts.</summary>
        public FuzzCase With(FExpr? program = null, int? vocabularySize = null, int? maxLength = null, bool? causal = null, NumericType? precision = null)
            => new FuzzCase(program ?? Program, vocabularySize ?? VocabularySize, maxLength ?? MaxLength, causal ?? Causal, precision ?? Precision);

        /// <summary>The compile options.</summary>
        public CompileOptions Options => new CompileOptions
        {
            Vocabulary = CompileOptions.CharVocabulary(Vocabulary), MaxLength = MaxLength, Causal = Causal, Precision = Precision, Name = "fuzz",
        };
    }

    /// <summary>Builds the IR of a fuzzed program (the same calls the printer prints), sharing reused nodes.</summary>
    public sealed class IrBuilder
    {
        private readonly Dictionary<object, object> _memo = new Dictionary<object, object>(ReferenceEqualityComparer.Instance);

        /// <summary>Builds the IR of <paramref name="e"/>.</summary>
        public static SOp Build(FExpr e) => new IrBuilder().Expr(e);

        private SOp Expr(FExpr e)
        {
            if (_memo.TryGetValue(e, out var done)) return (SOp)done;
            SOp r = e switch
            {
                FTokens => Ir.Tokens,
                FIndices => Ir.Indices,
                FLength => Library.Length().Node,
                FConst c => c.Numerical ? Ir.Constant(c.Value, ValueKind.Numerical) : Ir.Constant((int)c.Value),
                FMap m => m.Form switch
                {
                    MapForm.Categorical => IntMap(Expr(m.Input), m.F.Int!, m.F.Source),
                    MapForm.CategoricalDouble => Ir.Map(Expr(m.Input), m.F.Double!, ValueKind.Categorical, m.F.Source),
                    _ => Ir.Map(Expr(m.Input), m.F.Double!, ValueKind.Numerical, m.F.Source),
                },
                FSeqMap s => s.Form switch
                {
                    MapForm.Categorical => IntSequenceMap(Expr(s.A), Expr(s.B), s.F.Int!, s.F.Source),
                    MapForm.CategoricalDouble => Ir.SequenceMap(Expr(s.A), Expr(s.B), s.F.Double!, ValueKind.Categorical, s.F.Source),
                    _ => Ir.SequenceMap(Expr(s.A), Expr(s.B), s.F.Double!, ValueKind.Numerical, s.F.Source),
                },
                FNumerical n => Ir.Numerical(Expr(n.Input)),
                FAggregate a => Ir.Aggregate(Sel(a.Selector), Expr(a.Values)),
                FWidth w => Ir.SelectorWidth(Sel(w.Selector)),
                FShift s => Shift(Expr(s.Input), s.By),
                _ => throw new NotSupportedException(e.GetType().Name),
            };
            _memo[e] = r;
            return r;
        }

        // The fuzzer reaches below the typed language on purpose: int lambdas over any sequence (values cast, as C#
        // would), categorical maps that return ⊥, numerical sequences in selectors.
        private static SOp IntMap(SOp x, Func<int, int> f, string label) => Ir.Map(x, v => f((int)v), ValueKind.Categorical, label);

        private static SOp IntSequenceMap(SOp a, SOp b, Func<int, int, int> f, string label)
            => Ir.SequenceMap(a, b, (x, y) => f((int)x, (int)y), ValueKind.Categorical, label);

        private static Predicate IntPredicate(Func<int, int, bool> f, string label) => Predicate.Custom((k, q) => f((int)k, (int)q), label);

        private static SOp Shift(SOp x, int by)
            => x.Kind == ValueKind.Categorical ? Library.Shift(new Categorical<double>(x), by).Node : Library.Shift(new Numerical(x), by).Node;

        private Selector Sel(FSel s)
        {
            if (_memo.TryGetValue(s, out var done)) return (Selector)done;
            Selector r = s switch
            {
                FSelect x => x.Predicate.Kind == Comparison.Custom
                    ? Ir.Select(Expr(x.Keys), Expr(x.Queries), IntPredicate(x.Predicate.Function!, x.Predicate.Source))
                    : Ir.Select(Expr(x.Keys), Expr(x.Queries), x.Predicate.ToIr()),
                FBinarySel b => b.IsOr ? Ir.Or(Sel(b.Left), Sel(b.Right)) : Ir.And(Sel(b.Left), Sel(b.Right)),
                FNot n => Ir.Not(Sel(n.Inner)),
                FTie t => t.Rightmost ? Sel(t.Inner).Rightmost() : Sel(t.Inner).Leftmost(),
                _ => throw new NotSupportedException(s.GetType().Name),
            };
            _memo[s] = r;
            return r;
        }
    }
}
