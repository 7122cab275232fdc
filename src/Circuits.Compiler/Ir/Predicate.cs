using System;

namespace Circuits.Compiler
{
    /// <summary>The comparison a selector applies between a key value and a query value.</summary>
    public enum Comparison
    {
        /// <summary>key == query.</summary>
        Equal,
        /// <summary>key != query.</summary>
        NotEqual,
        /// <summary>key &lt; query.</summary>
        Less,
        /// <summary>key &lt;= query.</summary>
        LessOrEqual,
        /// <summary>key &gt; query.</summary>
        Greater,
        /// <summary>key &gt;= query.</summary>
        GreaterOrEqual,
        /// <summary>Always selected.</summary>
        True,
        /// <summary>Never selected.</summary>
        False,
        /// <summary>A user function of (key, query).</summary>
        Custom,
    }

    /// <summary>A selection predicate P(key, query). ⊥ on either side never matches (except <see cref="Comparison.True"/>).</summary>
    public sealed class Predicate
    {
        private readonly Func<double, double, bool>? _custom;

        private Predicate(Comparison kind, Func<double, double, bool>? custom, string name)
        {
            Kind = kind;
            _custom = custom;
            Name = name;
        }

        /// <summary>The comparison kind.</summary>
        public Comparison Kind { get; }

        /// <summary>A short display name ("==", "&lt;", or the lambda's label).</summary>
        public string Name { get; }

        /// <summary>The user function for <see cref="Comparison.Custom"/>; null otherwise.</summary>
        public Func<double, double, bool>? Function => _custom;

        /// <summary>key == query.</summary>
        public static readonly Predicate Equal = new Predicate(Comparison.Equal, null, "==");
        /// <summary>key != query.</summary>
        public static readonly Predicate NotEqual = new Predicate(Comparison.NotEqual, null, "!=");
        /// <summary>key &lt; query.</summary>
        public static readonly Predicate Less = new Predicate(Comparison.Less, null, "<");
        /// <summary>key &lt;= query.</summary>
        public static readonly Predicate LessOrEqual = new Predicate(Comparison.LessOrEqual, null, "<=");
        /// <summary>key &gt; query.</summary>
        public static readonly Predicate Greater = new Predicate(Comparison.Greater, null, ">");
        /// <summary>key &gt;= query.</summary>
        public static readonly Predicate GreaterOrEqual = new Predicate(Comparison.GreaterOrEqual, null, ">=");
        /// <summary>Always true.</summary>
        public static readonly Predicate True = new Predicate(Comparison.True, null, "true");
        /// <summary>Always false.</summary>
        public static readonly Predicate False = new Predicate(Comparison.False, null, "false");

        /// <summary>A predicate from a user function of (key, query).</summary>
        public static Predicate Custom(Func<double, double, bool> f, string name = "λ")
            => new Predicate(Comparison.Custom, f ?? throw new ArgumentNullException(nameof(f)), name);

        /// <summary>Evaluates P(key, query) with the ⊥ convention.</summary>
        public bool Holds(double key, double query)
        {
            if (Kind == Comparison.True) return true;
            if (Bottom.Is(key) || Bottom.Is(query)) return false;
            switch (Kind)
            {
                case Comparison.Equal: return key == query;
                case Comparison.NotEqual: return key != query;
                case Comparison.Less: return key < query;
                case Comparison.LessOrEqual: return key <= query;
                case Comparison.Greater: return key > query;
                case Comparison.GreaterOrEqual: return key >= query;
                case Comparison.False: return false;
                default: return UserFunctionException.Call(_custom!, key, query, Name);
            }
        }
    }
}
