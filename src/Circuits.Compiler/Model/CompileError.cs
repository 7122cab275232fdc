namespace Circuits.Compiler
{
    /// <summary>Why a program cannot be compiled exactly. The value is the diagnostic number: CIRC0201 is <see cref="NotCertified"/>.</summary>
    public enum CompileError
    {
        /// <summary>CIRC0004: an option is invalid (empty vocabulary, MaxLength out of range, ...).</summary>
        InvalidOptions = 4,
        /// <summary>CIRC0201: the model cannot be certified exact at the requested precision.</summary>
        NotCertified = 201,
        /// <summary>CIRC0202: a tie-break inside And/Or/Not.</summary>
        TieBreakInsideCombination = 202,
        /// <summary>CIRC0203: a selector that is not bilinear in one head.</summary>
        NotBilinear = 203,
        /// <summary>CIRC0204: a position relation no attention mask expresses.</summary>
        NoMask = 204,
        /// <summary>CIRC0205: a map with too many input combinations to enumerate.</summary>
        TooManyCombinations = 205,
        /// <summary>CIRC0206: a numerical mean of non-integer values.</summary>
        NonIntegerMean = 206,
        /// <summary>CIRC0207: a value set too large for an exact construction.</summary>
        ValueSetTooLarge = 207,
        /// <summary>CIRC0208: a map returns a non-finite value.</summary>
        NonFiniteValue = 208,
        /// <summary>CIRC0210: a selector compares numerical sequences it cannot read as symbols.</summary>
        NumericalSelector = 210,
        /// <summary>CIRC0211: a map gives a non-default value on ⊥.</summary>
        NonDefaultOnBottom = 211,
        /// <summary>CIRC0212: no exact one-MLP form for a map.</summary>
        NoExactMlp = 212,
        /// <summary>CIRC0213: a map needs too large a table.</summary>
        TableTooLarge = 213,
        /// <summary>CIRC0214: a categorical aggregate may select several positions with different values.</summary>
        AmbiguousAggregate = 214,
        /// <summary>CIRC0215: a user function threw.</summary>
        UserFunctionThrew = 215,
        /// <summary>CIRC0216: the model is too large.</summary>
        ModelTooLarge = 216,
        /// <summary>CIRC0220: the compiled weights failed translation validation (a compiler bug, refused).</summary>
        ValidationFailed = 220,
        /// <summary>CIRC0299: an internal inconsistency.</summary>
        Internal = 299,
    }
}
