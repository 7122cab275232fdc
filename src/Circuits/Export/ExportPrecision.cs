using System;
using Circuits.Compiler;

namespace Circuits.Export
{
    /// <summary>Which numeric type an export writes: one the model's certificate proves exact, float32 when it is one of them.</summary>
    internal static class ExportPrecision
    {
        public static NumericType Resolve(CompiledModel model, NumericType? requested)
        {
            var certified = model.Card?.Certified ?? Array.Empty<string>();
            bool f32 = Array.IndexOf(certified, Name(NumericType.Float32)) >= 0;
            bool f64 = Array.IndexOf(certified, Name(NumericType.Float64)) >= 0;
            if (requested is null)
            {
                if (f32) return NumericType.Float32;
                if (f64) return NumericType.Float64;
                throw new ArgumentException(
                    $"model '{model.Name}' is certified exact in no numeric type (its card lists none), so no export can promise its outputs", nameof(model));
            }
            if (requested is not (NumericType.Float32 or NumericType.Float64))
                throw new ArgumentOutOfRangeException(nameof(requested), requested, $"unknown numeric type {requested}");
            if (!(requested == NumericType.Float32 ? f32 : f64))
                throw new ArgumentException(
                    $"model '{model.Name}' is certified exact in {(certified.Length == 0 ? "no numeric type" : string.Join(" and ", certified))}, not {Name(requested.Value)}; export it in a certified type",
                    nameof(requested));
            return requested.Value;
        }

        public static string Name(NumericType t) => t == NumericType.Float32 ? "float32" : "float64";
    }
}
