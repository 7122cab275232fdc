using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Circuits.Compiler;

namespace Circuits.Fuzz
{
    /// <summary>
    /// Prints a fuzzed program as C# that builds the same IR with <c>Rasp.*</c> calls (and <c>Ir.Map</c> for categorical
    /// maps over doubles). Nodes used more than once become locals (<c>var s1 = ...;</c>), so the DAG is kept.
    /// </summary>
    public static class Printer
    {
        /// <summary>The program as C# statements ending in <c>var program = ...;</c>.</summary>
        public static string Print(FExpr program)
        {
            var uses = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
            Count(program, uses);
            var names = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
            var sb = new StringBuilder();
            string body = new Writer(uses, names, sb).Expr(program, top: true);
            sb.Append("var program = ").Append(body).Append(';');
            return sb.ToString();
        }

        /// <summary>One line describing the settings.</summary>
        public static string Settings(FuzzCase c)
            => $"vocab \"{c.Vocabulary}\", MaxLength {c.MaxLength}, {(c.Causal ? "causal" : "bidirectional")}, compiled for {(c.Precision == NumericType.Float32 ? "float32" : "float64")}";

        /// <summary>The number of distinct nodes (sequences and selectors).</summary>
        public static int Size(FExpr program)
        {
            var uses = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
            Count(program, uses);
            return uses.Count;
        }

        private static void Count(object node, Dictionary<object, int> uses)
        {
            uses[node] = uses.TryGetValue(node, out var n) ? n + 1 : 1;
            if (n > 0) return;
            if (node is FExpr e)
            {
                foreach (var c in e.ChildSels) Count(c, uses);
                foreach (var c in e.ChildExprs) Count(c, uses);
            }
            else if (node is FSel s)
            {
                foreach (var c in s.ChildSels) Count(c, uses);
                foreach (var c in s.ChildExprs) Count(c, uses);
            }
        }

        /// <summary>A C# string literal.</summary>
        public static string Literal(string s)
        {
            var sb = new StringBuilder("\"");
            foreach (char ch in s)
            {
                switch (ch)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    default: sb.Append(ch); break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary>A double literal that C# reads as a double.</summary>
        public static string Double(double v)
        {
            string s = v.ToString("R", CultureInfo.InvariantCulture);
            return s.Contains('.') || s.Contains('E') ? s : s + ".0";
        }

        private sealed class Writer
        {
            private readonly Dictionary<object, int> _uses;
            private readonly Dictionary<object, string> _names;
            private readonly StringBuilder _sb;

            public Writer(Dictionary<object, int> uses, Dictionary<object, string> names, StringBuilder sb) { _uses = uses; _names = names; _sb = sb; }

            private string Shared(object node, string text, bool selector)
            {
                if (_uses[node] < 2 || node is FTokens || node is FIndices) return text;
                string name = (selector ? "sel" : "s") + (_names.Count + 1);
                _names[node] = name;
                _sb.Append("var ").Append(name).Append(" = ").Append(text).Append(";\n");
                return name;
            }

            public string Expr(FExpr e, bool top = false)
            {
                if (_names.TryGetValue(e, out var name)) return name;
                string text = e switch
                {
                    FTokens => "Rasp.Tokens",
                    FIndices => "Rasp.Indices",
                    FLength => "Library.Length()",
                    FConst c => c.Numerical ? $"Rasp.Constant({Double(c.Value)})" : $"Rasp.Constant({((int)c.Value).ToString(CultureInfo.InvariantCulture)})",
                    FMap m => m.Form switch
                    {
                        MapForm.Categorical => $"Rasp.Map({Expr(m.Input)}, {m.F.Source}, {Literal(m.F.Source)})",
                        MapForm.CategoricalDouble => $"Ir.Map({Expr(m.Input)}, {m.F.Source}, ValueKind.Categorical, {Literal(m.F.Source)})",
                        _ => $"Rasp.NumericalMap({Expr(m.Input)}, {m.F.Source}, {Literal(m.F.Source)})",
                    },
                    FSeqMap s => s.Form switch
                    {
                        MapForm.Categorical => $"Rasp.SequenceMap({Expr(s.A)}, {Expr(s.B)}, {s.F.Source}, {Literal(s.F.Source)})",
                        MapForm.CategoricalDouble => $"Ir.SequenceMap({Expr(s.A)}, {Expr(s.B)}, {s.F.Source}, ValueKind.Categorical, {Literal(s.F.Source)})",
                        _ => $"Rasp.NumericalSequenceMap({Expr(s.A)}, {Expr(s.B)}, {s.F.Source}, {Literal(s.F.Source)})",
                    },
                    FNumerical n => $"Rasp.Numerical({Expr(n.Input)})",
                    FAggregate a => $"Rasp.Aggregate({Sel(a.Selector)}, {Expr(a.Values)})",
                    FWidth w => $"Rasp.SelectorWidth({Sel(w.Selector)})",
                    FShift s => s.By == 1 ? $"Library.Shift({Expr(s.Input)})" : $"Library.Shift({Expr(s.Input)}, by: {s.By})",
                    _ => throw new NotSupportedException(e.GetType().Name),
                };
                return top ? text : Shared(e, text, selector: false);
            }

            public string Sel(FSel s)
            {
                if (_names.TryGetValue(s, out var name)) return name;
                string text = s switch
                {
                    FSelect x => x.Predicate.Kind == Comparison.Custom
                        ? $"Rasp.Select({Expr(x.Keys)}, {Expr(x.Queries)}, {x.Predicate.Source}, {Literal(x.Predicate.Source)})"
                        : $"Rasp.Select({Expr(x.Keys)}, {Expr(x.Queries)}, {x.Predicate.Source})",
                    FBinarySel b => $"Rasp.{(b.IsOr ? "Or" : "And")}({Sel(b.Left)}, {Sel(b.Right)})",
                    FNot n => $"Rasp.Not({Sel(n.Inner)})",
                    FTie t => $"{Sel(t.Inner)}.{(t.Rightmost ? "Rightmost" : "Leftmost")}()",
                    _ => throw new NotSupportedException(s.GetType().Name),
                };
                return Shared(s, text, selector: true);
            }
        }
    }
}
