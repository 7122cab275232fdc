using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Fuzz
{
    /// <summary>
    /// Minimises a failing case while it keeps its failure class (<see cref="Failure.Signature"/>): smaller vocabulary and N,
    /// bidirectional and float64 where possible, subtrees replaced by their children, by Tokens / Indices / constants,
    /// And/Or/Not/tie-break wrappers dropped, lambda predicates replaced by built-ins, and a shorter input.
    /// Greedy, to a fixed point or until the budget of checks is spent.
    /// </summary>
    public sealed class Shrinker
    {
        private readonly Runner _runner;
        private readonly int _budget;
        private int _checks;

        /// <summary>Creates a shrinker that runs at most <paramref name="budget"/> checks.</summary>
        public Shrinker(Runner runner, int budget) { _runner = runner; _budget = budget; }

        /// <summary>The number of checks run.</summary>
        public int Checks => _checks;

        /// <summary>The minimised case and its result (with the failure on the smallest input found).</summary>
        public CaseResult Shrink(CaseResult failing)
        {
            string signature = failing.Signature;
            bool generated = failing.Failure!.Where.StartsWith("generated", StringComparison.Ordinal) || failing.Failure.Where == "emit";
            var best = failing;
            bool progress = true;
            while (progress && _checks < _budget)
            {
                progress = false;
                foreach (var candidate in SettingCandidates(best.Case).Concat(ProgramCandidates(best.Case)))
                {
                    if (_checks >= _budget) break;
                    var r = Try(candidate, generated, signature);
                    if (r is null) continue;
                    best = r;
                    progress = true;
                    break;
                }
            }
            return ShrinkInput(best, generated, signature);
        }

        private CaseResult? Try(FuzzCase c, bool generated, string signature)
        {
            _checks++;
            var r = _runner.Check(c, generated, inputSeed: 1);
            return r.Signature == signature ? r : null;
        }

        private IEnumerable<FuzzCase> SettingCandidates(FuzzCase c)
        {
            foreach (int v in new[] { 1, 2, 3 }) if (v < c.VocabularySize) yield return c.With(vocabularySize: v);
            for (int n = 1; n < c.MaxLength; n = n < 8 ? n + 1 : n * 2) yield return c.With(maxLength: n);
            if (c.Causal) yield return c.With(causal: false);
            if (c.Precision == NumericType.Float32) yield return c.With(precision: NumericType.Float64);
        }

        private IEnumerable<FuzzCase> ProgramCandidates(FuzzCase c)
        {
            var root = c.Program;
            int size = Printer.Size(root);
            var nodes = new List<object>();
            Collect(root, nodes, new HashSet<object>(ReferenceEqualityComparer.Instance));
            foreach (var node in nodes)
            {
                foreach (var replacement in Replacements(node))
                {
                    var rebuilt = Substitute(root, node, replacement);
                    if (rebuilt is null) continue;
                    int newSize = Printer.Size(rebuilt);
                    if (newSize < size || (newSize == size && Simpler(node, replacement)))
                        yield return c.With(program: rebuilt);
                }
            }
        }

        /// <summary>Same-size moves that still make progress (so the loop ends): lambda predicate → built-in, built-in → Equal.</summary>
        private static bool Simpler(object node, object replacement)
            => (node is FSelect a && replacement is FSelect b && Rank(b.Predicate) < Rank(a.Predicate))
            || (node is FMap m && replacement is FMap m2 && m2.F.Source.Length < m.F.Source.Length)
            || (node is FSeqMap s && replacement is FSeqMap s2 && s2.F.Source.Length < s.F.Source.Length)
            || LeafRank(replacement) < LeafRank(node);

        /// <summary>Tokens before Indices before constants before anything else, so same-size leaf swaps make progress.</summary>
        private static int LeafRank(object node) => node switch { FTokens => 0, FIndices => 1, FConst => 2, _ => 10 };

        private static int Rank(FPred p) => p.Kind switch { Comparison.Equal => 0, Comparison.True => 1, Comparison.Custom => 3, _ => 2 };

        private static void Collect(object node, List<object> nodes, HashSet<object> seen)
        {
            if (!seen.Add(node)) return;
            nodes.Add(node);
            var (exprs, sels) = Children(node);
            foreach (var s in sels) Collect(s, nodes, seen);
            foreach (var e in exprs) Collect(e, nodes, seen);
        }

        private static (IEnumerable<FExpr>, IEnumerable<FSel>) Children(object node)
            => node is FExpr e ? (e.ChildExprs, e.ChildSels) : node is FSel s ? (s.ChildExprs, s.ChildSels) : (Enumerable.Empty<FExpr>(), Enumerable.Empty<FSel>());

        private static IEnumerable<object> Replacements(object node)
        {
            if (node is FExpr e)
            {
                foreach (var child in e.ChildExprs) yield return child;
                if (e is FAggregate a)
                {
                    foreach (var inner in Inners(a.Selector)) yield return new FAggregate(inner, a.Values);
                }
                if (e is FWidth w)
                {
                    foreach (var inner in Inners(w.Selector)) yield return new FWidth(inner);
                }
                if (e is FMap map)
                {
                    var catalogue = map.Form switch { MapForm.Categorical => Generator.CategoricalMaps, MapForm.CategoricalDouble => Generator.BottomMaps, _ => Generator.NumericalMaps };
                    foreach (var f in catalogue.Where(f => f.Source.Length < map.F.Source.Length).OrderBy(f => f.Source.Length))
                        yield return new FMap(map.Input, f, map.Form);
                }
                if (e is FSeqMap pair)
                {
                    var catalogue = pair.Form switch { MapForm.Categorical => Generator.CategoricalPairs, MapForm.CategoricalDouble => Generator.BottomPairs, _ => Generator.NumericalPairs };
                    foreach (var f in catalogue.Where(f => f.Source.Length < pair.F.Source.Length).OrderBy(f => f.Source.Length))
                        yield return new FSeqMap(pair.A, pair.B, f, pair.Form);
                }
                if (e is FTokens) yield break;
                yield return FTokens.Instance;
                if (e is FIndices) yield break;
                yield return FIndices.Instance;
                if (e is FConst) yield break;
                yield return new FConst(0, false);
                yield return new FConst(1, false);
                if (e.IsNumerical)
                {
                    yield return new FNumerical(FTokens.Instance);
                    yield return new FConst(0, true);
                }
            }
            else if (node is FSel s)
            {
                foreach (var child in s.ChildSels) yield return child;
                if (s is FSelect x)
                {
                    if (x.Predicate.Kind != Comparison.Equal) yield return new FSelect(x.Keys, x.Queries, FPred.Builtin(Comparison.Equal));
                    if (x.Predicate.Kind != Comparison.True && x.Predicate.Kind != Comparison.Equal) yield return new FSelect(x.Keys, x.Queries, FPred.Builtin(Comparison.True));
                    if (x.Predicate.Kind == Comparison.Custom)
                        foreach (var k in Generator.Builtins) if (k != Comparison.Equal && k != Comparison.True) yield return new FSelect(x.Keys, x.Queries, FPred.Builtin(k));
                }
            }
        }

        /// <summary>The selector without one wrapper, for replacing an aggregate's or a width's selector directly.</summary>
        private static IEnumerable<FSel> Inners(FSel s) => s.ChildSels;

        /// <summary>Rebuilds <paramref name="root"/> with every occurrence of <paramref name="target"/> replaced; null if the root is not a sequence.</summary>
        public static FExpr? Substitute(FExpr root, object target, object replacement)
        {
            var memo = new Dictionary<object, object>(ReferenceEqualityComparer.Instance);
            return Rebuild(root, target, replacement, memo) as FExpr;
        }

        private static object Rebuild(object node, object target, object replacement, Dictionary<object, object> memo)
        {
            if (ReferenceEquals(node, target)) return replacement;
            if (memo.TryGetValue(node, out var done)) return done;
            FExpr E(FExpr x) => Rebuild(x, target, replacement, memo) as FExpr ?? x;
            FSel S(FSel x) => Rebuild(x, target, replacement, memo) as FSel ?? x;
            object r = node switch
            {
                FMap m => new FMap(E(m.Input), m.F, m.Form),
                FSeqMap s => new FSeqMap(E(s.A), E(s.B), s.F, s.Form),
                FNumerical n => new FNumerical(E(n.Input)),
                FAggregate a => new FAggregate(S(a.Selector), E(a.Values)),
                FWidth w => new FWidth(S(w.Selector)),
                FShift s => new FShift(E(s.Input), s.By),
                FSelect x => new FSelect(E(x.Keys), E(x.Queries), x.Predicate),
                FBinarySel b => new FBinarySel(S(b.Left), S(b.Right), b.IsOr),
                FNot n => new FNot(S(n.Inner)),
                FTie t => new FTie(S(t.Inner), t.Rightmost),
                _ => node,
            };
            memo[node] = r;
            return r;
        }

        private CaseResult ShrinkInput(CaseResult best, bool generated, string signature)
        {
            var input = best.Failure?.Input;
            if (input is null || input.Length <= 1) return best;
            bool progress = true;
            while (progress && _checks < _budget)
            {
                progress = false;
                var candidates = new List<int[]>();
                for (int i = 0; i < input.Length; i++) candidates.Add(input.Where((_, j) => j != i).ToArray());
                for (int i = 0; i < input.Length; i++)
                    if (input[i] != 0) { var z = (int[])input.Clone(); z[i] = 0; candidates.Add(z); }
                foreach (var cand in candidates)
                {
                    if (_checks >= _budget) break;
                    _checks++;
                    var r = _runner.Check(best.Case, generated, 1, new[] { cand });
                    if (r.Signature != signature) continue;
                    best = r;
                    input = cand;
                    progress = input.Length > 1;
                    break;
                }
            }
            return best;
        }
    }
}
