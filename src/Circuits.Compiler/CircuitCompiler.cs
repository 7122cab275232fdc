using System;

namespace Circuits.Compiler
{
    /// <summary>Compiles a program into exact transformer weights. Pure and deterministic: same IR and options, identical weights.</summary>
    public static class CircuitCompiler
    {
        /// <summary>
        /// Compiles <paramref name="program"/> for the given vocabulary, maximum length, masking and numeric type.
        /// Throws <see cref="CompileException"/> (with a CIRC code and the node at fault) when no exact model can be built.
        /// </summary>
        public static CompiledModel Compile(SOp program, CompileOptions options) => Compile(program, options, out _);

        /// <summary>Compiles and also returns the layout claim the validator checked (for tests of the validator).</summary>
        internal static CompiledModel Compile(SOp program, CompileOptions options, out LayoutClaim claim)
        {
            if (program is null) throw new ArgumentNullException(nameof(program));
            if (options is null) throw new ArgumentNullException(nameof(options));
            Validate(options);
            return Lower(program, options, out claim);
        }

        private static CompiledModel Lower(SOp program, CompileOptions options, out LayoutClaim claim)
        {
            // Cheapest exact encoding first: quadratic codes for large integer domains (3 coordinates); if that cannot be
            // certified at the requested precision, ±1 codes (log2 |V| coordinates, float32-friendly).
            // Scores of the quadratic code reach ~N², so it cannot certify once 2·log2 N + 8 exceeds the mantissa: skip the attempt.
            int mantissa = options.Precision == NumericType.Float32 ? 24 : 53;
            if (2 * Math.Log(options.MaxLength, 2) + 8 > mantissa)
                return Lower(new Context(program, options), quadratic: false, out claim);
            try
            {
                return Lower(new Context(program, options), quadratic: true, out claim);
            }
            catch (CompileException e) when (e.Error == CompileError.NotCertified)
            {
                return Lower(new Context(program, options), quadratic: false, out claim);
            }
        }

        /// <summary>Lowers in one context; a failure names the program's own node, so front ends can point at its call.</summary>
        private static CompiledModel Lower(Context ctx, bool quadratic, out LayoutClaim claim)
        {
            try
            {
                return Lowering.Lower(ctx, quadratic, out _, out claim);
            }
            catch (CompileException e) when (e.Offender != null)
            {
                e.Offender = ctx.Origin(e.Offender);
                throw;
            }
            catch (UserFunctionException e)
            {
                throw new CompileException(CompileError.UserFunctionThrew, $"'{ctx.Options.Name}': {e.Message}. Compilation evaluates every function on every value its input can take; make it total there.",
                    e.Function, ctx.Origin(e.Offender));
            }
        }

        private static void Validate(CompileOptions o)
        {
            foreach (var problem in SymbolText.Problems(o.Vocabulary))
                throw new CompileException(CompileError.InvalidOptions, SymbolText.Sentence(problem));
            if (o.MaxLength < 1) throw new CompileException(CompileError.InvalidOptions, $"MaxLength is {o.MaxLength}; it must be at least 1.");
            if (!Enum.IsDefined(typeof(NumericType), o.Precision))
                throw new CompileException(CompileError.InvalidOptions, $"Precision is {(int)o.Precision}; it must be NumericType.Float32 or NumericType.Float64.");
            if (!Enum.IsDefined(typeof(KnownTask), o.Task))
                throw new CompileException(CompileError.InvalidOptions, $"Task is {(int)o.Task}, which is not a KnownTask value.");
            if (o.K < 0) throw new CompileException(CompileError.InvalidOptions, $"K is {o.K}; it must be at least 0.");
            if (o.Name is null) throw new CompileException(CompileError.InvalidOptions, "Name is null; give the program a name.");
            if (o.MaxLength > 1 << 16) throw new CompileException(CompileError.InvalidOptions, $"MaxLength is {o.MaxLength}; the compiler supports at most {1 << 16}.");
        }
    }
}
