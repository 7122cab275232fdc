namespace Circuits.Compiler
{
    /// <summary>How a sequence's values are read: as symbols (categorical) or as numbers (numerical).</summary>
    public enum ValueKind
    {
        /// <summary>Integer-valued symbols; the default ⊥ means "nothing selected".</summary>
        Categorical,
        /// <summary>Real numbers; the default when nothing is selected is 0.</summary>
        Numerical,
    }

    /// <summary>The ⊥ ("no value") convention shared by the evaluator and the compiler.</summary>
    public static class Bottom
    {
        /// <summary>⊥ as a double inside the IR: NaN, so that it never equals a real value.</summary>
        public const double Value = double.NaN;

        /// <summary>True when <paramref name="v"/> is ⊥.</summary>
        public static bool Is(double v) => double.IsNaN(v);

        /// <summary>⊥ as an integer token id in forward-pass outputs.</summary>
        public const int Id = -1;
    }
}
