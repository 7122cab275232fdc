using System;

namespace Circuits.Compiler.Emit
{
    /// <summary>
    /// The compute type of an emitted pass: float when the model is certified exact in float32 (half the memory traffic,
    /// twice the SIMD lanes), double otherwise. Weights are narrowed exactly as the engine narrows them.
    /// </summary>
    internal sealed class Real
    {
        private Real(bool single) { Single = single; }

        /// <summary>The type for a model: float when its card certifies float32, else double.</summary>
        public static Real For(CompiledModel model)
        {
            bool single = Array.IndexOf(model.Card?.Certified ?? Array.Empty<string>(), "float32") >= 0;
            return new Real(single);
        }

        /// <summary>True for float, false for double.</summary>
        public bool Single { get; }

        /// <summary>The C# keyword: "float" or "double".</summary>
        public string Name => Single ? "float" : "double";

        /// <summary>The numeric type the engine should use to compute the same function.</summary>
        public NumericType Numeric => Single ? NumericType.Float32 : NumericType.Float64;

        /// <summary>"global::System.MathF" or "global::System.Math".</summary>
        public string MathClass => Single ? "global::System.MathF" : "global::System.Math";

        /// <summary>"global::System.Numerics.Vector&lt;float&gt;" or the double one.</summary>
        public string Vector => "global::System.Numerics.Vector<" + Name + ">";

        /// <summary>Narrows a weight to the compute type (as the engine does); throws when it is not finite there.</summary>
        public double Narrow(double v, string what)
        {
            double r = Round(v);
            if (double.IsNaN(r) || double.IsInfinity(r)) throw NotFinite(v, what);
            return r;
        }

        /// <summary>The error <see cref="Narrow"/> throws for <paramref name="v"/> (for loops that check without building a name per entry).</summary>
        public ArgumentException NotFinite(double v, string what)
            => new ArgumentException($"{what} is {v}, which is not finite as {(Single ? "Single" : "Double")}", "model");

        /// <summary>The value rounded to the compute type (infinite when it overflows it), as a double.</summary>
        public double Round(double v) => Single ? (float)v : v;

        /// <summary>The literal of an already narrowed value.</summary>
        public string Literal(double narrowed) => Single ? Literals.Float((float)narrowed) : Literals.Double(narrowed);

        /// <summary>The literal 0 of the type.</summary>
        public string Zero => Single ? "0f" : "0d";
    }
}
