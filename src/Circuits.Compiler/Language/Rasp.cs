using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// The language: RASP's primitives over typed sequences. The runtime calls it directly and the build-time generator's
    /// staging interpreter binds to this same type (it is compiled into the generator with the rest of the core), so a
    /// program builds the same IR in both. Library programs built from these live in <see cref="Library"/>.
    /// </summary>
    public static class Rasp
    {
        /// <summary>The input tokens as vocabulary ids (the i-th symbol of the vocabulary is i).</summary>
        public static Categorical<int> Tokens => new Categorical<int>(Ir.Tokens);
        /// <summary>The positions 0..n-1.</summary>
        public static Categorical<int> Indices => new Categorical<int>(Ir.Indices);

        /// <summary>key == query.</summary>
        public static Predicate Equal => Predicate.Equal;
        /// <summary>key != query.</summary>
        public static Predicate NotEqual => Predicate.NotEqual;
        /// <summary>key &lt; query.</summary>
        public static Predicate Less => Predicate.Less;
        /// <summary>key &lt;= query.</summary>
        public static Predicate LessOrEqual => Predicate.LessOrEqual;
        /// <summary>key &gt; query.</summary>
        public static Predicate Greater => Predicate.Greater;
        /// <summary>key &gt;= query.</summary>
        public static Predicate GreaterOrEqual => Predicate.GreaterOrEqual;
        /// <summary>Always selected.</summary>
        public static Predicate True => Predicate.True;
        /// <summary>Never selected.</summary>
        public static Predicate False => Predicate.False;

        /// <summary>A constant int sequence.</summary>
        public static Categorical<int> Constant(int value) => new Categorical<int>(Ir.Constant(value));
        /// <summary>A constant numerical sequence.</summary>
        public static Numerical Constant(double value) => new Numerical(Ir.Constant(value, ValueKind.Numerical));
        /// <summary>A constant categorical sequence of any symbol type (bool, double, tuples).</summary>
        public static Categorical<T> Constant<T>(T value)
        {
            var fields = ValueCodec<T>.Encode(value);
            var parts = new SOp[fields.Length];
            for (int i = 0; i < parts.Length; i++) parts[i] = Ir.Constant(fields[i]);
            return new Categorical<T>(parts);
        }

        /// <summary>A per-token map of symbols to symbols (a lookup table).</summary>
        public static Categorical<U> Map<T, U>(Categorical<T> sequence, Func<T, U> f, string label = "f")
        {
            NotNull(sequence, nameof(sequence)); NotNull(f, nameof(f));
            return Typed.Categorical(sequence.Parts, xs => f(Categorical<T>.Decode(xs)), label);
        }

        /// <summary>A per-token map of numbers to numbers (exact piecewise-linear forms where they exist).</summary>
        public static Numerical Map(Numerical sequence, Func<double, double> f, string label = "f")
        {
            NotNull(sequence, nameof(sequence)); NotNull(f, nameof(f));
            return new Numerical(Ir.Map(sequence.Node, f, ValueKind.Numerical, label));
        }

        /// <summary>A per-token map of numbers to symbols (an exact threshold ladder on the finite set of values).</summary>
        public static Categorical<U> Map<U>(Numerical sequence, Func<double, U> f, string label = "f")
        {
            NotNull(sequence, nameof(sequence)); NotNull(f, nameof(f));
            return Typed.Categorical(sequence.Parts, xs => f(xs[0]), label);
        }

        /// <summary>A per-token map of symbols to numbers.</summary>
        public static Numerical NumericalMap<T>(Categorical<T> sequence, Func<T, double> f, string label = "f")
        {
            NotNull(sequence, nameof(sequence)); NotNull(f, nameof(f));
            return Typed.Numerical(sequence.Parts, xs => f(Categorical<T>.Decode(xs)), label);
        }

        /// <summary>A per-token map of numbers to numbers (the same as <see cref="Map(Numerical, Func{double, double}, string)"/>).</summary>
        public static Numerical NumericalMap(Numerical sequence, Func<double, double> f, string label = "f") => Map(sequence, f, label);

        /// <summary>A per-token function of two symbol sequences.</summary>
        public static Categorical<U> SequenceMap<A, B, U>(Categorical<A> left, Categorical<B> right, Func<A, B, U> f, string label = "f")
        {
            NotNull(left, nameof(left)); NotNull(right, nameof(right)); NotNull(f, nameof(f));
            int n = left.Parts.Length;
            return Typed.Categorical(Lift.Concat(left, right), xs => f(Categorical<A>.Decode(xs), Categorical<B>.Decode(xs, n)), label);
        }

        /// <summary>A per-token function of two numerical sequences, numerical.</summary>
        public static Numerical SequenceMap(Numerical left, Numerical right, Func<double, double, double> f, string label = "f")
        {
            NotNull(left, nameof(left)); NotNull(right, nameof(right)); NotNull(f, nameof(f));
            return new Numerical(Ir.SequenceMap(left.Node, right.Node, f, ValueKind.Numerical, label));
        }

        /// <summary>A per-token function of two numerical sequences, to symbols.</summary>
        public static Categorical<U> SequenceMap<U>(Numerical left, Numerical right, Func<double, double, U> f, string label = "f")
        {
            NotNull(left, nameof(left)); NotNull(right, nameof(right)); NotNull(f, nameof(f));
            return Typed.Categorical(Lift.Concat(left, right), xs => f(xs[0], xs[1]), label);
        }

        /// <summary>A per-token function of a numerical and a symbol sequence, numerical.</summary>
        public static Numerical SequenceMap<B>(Numerical left, Categorical<B> right, Func<double, B, double> f, string label = "f")
        {
            NotNull(left, nameof(left)); NotNull(right, nameof(right)); NotNull(f, nameof(f));
            return Typed.Numerical(Lift.Concat(left, right), xs => f(xs[0], Categorical<B>.Decode(xs, 1)), label);
        }

        /// <summary>A per-token function of a symbol and a numerical sequence, numerical.</summary>
        public static Numerical SequenceMap<A>(Categorical<A> left, Numerical right, Func<A, double, double> f, string label = "f")
        {
            NotNull(left, nameof(left)); NotNull(right, nameof(right)); NotNull(f, nameof(f));
            int n = left.Parts.Length;
            return Typed.Numerical(Lift.Concat(left, right), xs => f(Categorical<A>.Decode(xs), xs[n]), label);
        }

        /// <summary>A per-token function of two symbol sequences, numerical.</summary>
        public static Numerical NumericalSequenceMap<A, B>(Categorical<A> left, Categorical<B> right, Func<A, B, double> f, string label = "f")
        {
            NotNull(left, nameof(left)); NotNull(right, nameof(right)); NotNull(f, nameof(f));
            int n = left.Parts.Length;
            return Typed.Numerical(Lift.Concat(left, right), xs => f(Categorical<A>.Decode(xs), Categorical<B>.Decode(xs, n)), label);
        }

        /// <summary>The per-token function of two numerical sequences, numerical (the same as the <c>SequenceMap</c> overload).</summary>
        public static Numerical NumericalSequenceMap(Numerical left, Numerical right, Func<double, double, double> f, string label = "f") => SequenceMap(left, right, f, label);

        /// <summary>a·x + b·y, Tracr's <c>LinearSequenceMap</c> (exact in the residual stream, no table).</summary>
        public static Numerical LinearSequenceMap(Numerical x, Numerical y, double a, double b)
            => SequenceMap(x, y, (p, q) => a * p + b * q, Ir.Format(a) + "x+" + Ir.Format(b) + "y");

        /// <summary>Symbols read as numbers: ints and doubles as themselves, bools as 0 and 1.</summary>
        public static Numerical Numerical<T>(Categorical<T> sequence)
        {
            NotNull(sequence, nameof(sequence));
            if (typeof(T) != typeof(int) && typeof(T) != typeof(double) && typeof(T) != typeof(bool))
                throw new NotSupportedException("Only int, double and bool symbols can be read as numbers; this sequence holds " + typeof(T).Name + ".");
            return new Numerical(Ir.Numerical(sequence.Node));
        }

        /// <summary>Numbers read as symbols (the finite set of values the sequence takes becomes its alphabet).</summary>
        public static Categorical<double> Categorical(Numerical sequence)
        {
            NotNull(sequence, nameof(sequence));
            return new Categorical<double>(Ir.Map(sequence.Node, x => x, ValueKind.Categorical, "categorical"));
        }

        /// <summary>Query i reads key j when predicate(keys[j], queries[i]).</summary>
        public static Selector Select<TK, TQ>(Categorical<TK> keys, Categorical<TQ> queries, Predicate predicate)
            => Ir.Select(NotNull(keys, nameof(keys)).Node, NotNull(queries, nameof(queries)).Node, predicate);

        /// <summary>Select with a lambda predicate over (key, query).</summary>
        public static Selector Select<TK, TQ>(Categorical<TK> keys, Categorical<TQ> queries, Func<TK, TQ, bool> predicate, string label = "λ")
        {
            NotNull(predicate, nameof(predicate));
            return Ir.Select(NotNull(keys, nameof(keys)).Node, NotNull(queries, nameof(queries)).Node,
                Predicate.Custom((k, q) => predicate(ValueCodec<TK>.Decode(k), ValueCodec<TQ>.Decode(q)), label));
        }

        /// <summary>Query i reads key j when predicate(keys[j], queries[i]), comparing numbers.</summary>
        public static Selector Select(Numerical keys, Numerical queries, Predicate predicate)
            => Ir.Select(NotNull(keys, nameof(keys)).Node, NotNull(queries, nameof(queries)).Node, predicate);

        /// <summary>Numerical keys against symbol queries.</summary>
        public static Selector Select<TQ>(Numerical keys, Categorical<TQ> queries, Predicate predicate)
            => Ir.Select(NotNull(keys, nameof(keys)).Node, NotNull(queries, nameof(queries)).Node, predicate);

        /// <summary>Symbol keys against numerical queries.</summary>
        public static Selector Select<TK>(Categorical<TK> keys, Numerical queries, Predicate predicate)
            => Ir.Select(NotNull(keys, nameof(keys)).Node, NotNull(queries, nameof(queries)).Node, predicate);

        /// <summary>Both hold.</summary>
        public static Selector And(Selector a, Selector b) => Ir.And(a, b);
        /// <summary>Either holds.</summary>
        public static Selector Or(Selector a, Selector b) => Ir.Or(a, b);
        /// <summary>Negation.</summary>
        public static Selector Not(Selector a) => Ir.Not(a);

        /// <summary>The selected symbol (⊥ where nothing is selected); the selector must pick at most one position with each value.</summary>
        public static Categorical<T> Aggregate<T>(Selector selector, Categorical<T> values)
        {
            NotNull(selector, nameof(selector)); NotNull(values, nameof(values));
            var parts = new SOp[values.Parts.Length];
            for (int i = 0; i < parts.Length; i++) parts[i] = Ir.Aggregate(selector, values.Parts[i]);
            return new Categorical<T>(parts);
        }

        /// <summary>The mean of the selected numbers (0 where nothing is selected).</summary>
        public static Numerical Aggregate(Selector selector, Numerical values)
            => new Numerical(Ir.Aggregate(NotNull(selector, nameof(selector)), NotNull(values, nameof(values)).Node));

        /// <summary>The number of selected positions.</summary>
        public static Categorical<int> SelectorWidth(Selector selector) => new Categorical<int>(Ir.SelectorWidth(NotNull(selector, nameof(selector))));

        // Typed lambdas are wrapped before the IR sees them, so a null must be caught here, not at the first call.
        private static T NotNull<T>(T value, string name) where T : class
            => value ?? throw new ArgumentNullException(name, "The argument must not be null.");
    }
}
