using System;
using Circuits.Compiler;

namespace Circuits.Export
{
    /// <summary>
    /// How an exported model reports its output: int64 values (vocabulary ids, counts, positions) with −1 for ⊥ when every
    /// admissible value is a non-negative integer, otherwise float64 values with NaN for ⊥. ONNX and the manifest share it.
    /// </summary>
    internal static class OutputContract
    {
        /// <summary>⊥ in int64 outputs (the generated Forward(ids, Span&lt;int&gt;) uses the same id).</summary>
        public const long BottomId = Bottom.Id;

        /// <summary>An output position whose residual did not decode cleanly (where the C# engine throws), in int64 outputs.</summary>
        public const long Undecodable = -2;

        /// <summary>The largest integer a double holds exactly; larger values would not round-trip through int64.</summary>
        private const double ExactIntegers = 9007199254740992.0;

        public static bool IntegerValued(Readout readout)
        {
            if (readout.Kind != ValueKind.Categorical) return false;
            var values = readout.Values ?? Array.Empty<double>();
            if (values.Length == 0) return false;
            foreach (var v in values)
                if (!(v >= 0 && v <= ExactIntegers && Math.Floor(v) == v)) return false;
            return true;
        }
    }
}
