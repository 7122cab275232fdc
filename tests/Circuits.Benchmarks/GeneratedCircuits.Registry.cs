using System.Collections.Generic;
using Circuits.Compiler;

namespace Circuits.Benchmarks
{
    /// <summary>
    /// The forward suite's circuits: one [Circuit] class per (program, N, precision), so each is the model compiled for that
    /// N (widths, codes and certified precisions change with N; a larger model run on a shorter input would not be the
    /// same benchmark). N = 16 classes serve the smoke test. Cases without a class say why.
    /// </summary>
    public static class GeneratedCircuits
    {
        /// <summary>The suite's programs, in table order.</summary>
        public static IReadOnlyList<string> Programs { get; } = new[] { "induction-head", "4-hop", "16-hop", "reverse", "sort" };

        private const string NotCertifiedFloat32 =
            "not certified: the compiler refuses float32 at N = 16,384 (CIRC0201: the match head's scores need 25 mantissa bits)";

        private const string RefusedSequenceMap =
            "refused by the compiler: CIRC0205, a sequence map over (N+1)·N input pairs is past the exact-enumeration limit of 16,777,216";

        private const string NotInThisBuild =
            "not in this build: -p:CircuitsBenchLarge=true builds it (N = 16,384, float64 N = 4,096, reverse and sort at N = 1,024: seconds to a minute of compile each)";

        /// <summary>Every case, built or not.</summary>
        public static IReadOnlyList<ForwardCase> All { get; } = new[]
        {
            Built("induction-head", 16, NumericType.Float32, true, () => InductionHead16F32.Model, () => InductionHead16F32.Card, InductionHead16F32.Forward),
            Built("induction-head", 256, NumericType.Float32, true, () => InductionHead256F32.Model, () => InductionHead256F32.Card, InductionHead256F32.Forward),
            Built("induction-head", 256, NumericType.Float64, true, () => InductionHead256F64.Model, () => InductionHead256F64.Card, InductionHead256F64.Forward),
            Built("induction-head", 1024, NumericType.Float32, true, () => InductionHead1024F32.Model, () => InductionHead1024F32.Card, InductionHead1024F32.Forward),
            Built("induction-head", 1024, NumericType.Float64, true, () => InductionHead1024F64.Model, () => InductionHead1024F64.Card, InductionHead1024F64.Forward),
            Built("induction-head", 4096, NumericType.Float32, true, () => InductionHead4096F32.Model, () => InductionHead4096F32.Card, InductionHead4096F32.Forward),
#if CIRCUITS_BENCH_LARGE
            Built("induction-head", 4096, NumericType.Float64, true, () => InductionHead4096F64.Model, () => InductionHead4096F64.Card, InductionHead4096F64.Forward),
#else
            NotBuilt("induction-head", 4096, NumericType.Float64, true, NotInThisBuild),
#endif
            NotBuilt("induction-head", 16384, NumericType.Float32, true, NotCertifiedFloat32),
#if CIRCUITS_BENCH_LARGE
            Built("induction-head", 16384, NumericType.Float64, true, () => InductionHead16384F64.Model, () => InductionHead16384F64.Card, InductionHead16384F64.Forward),
#else
            NotBuilt("induction-head", 16384, NumericType.Float64, true, NotInThisBuild),
#endif
            Built("4-hop", 16, NumericType.Float32, true, () => FourHop16F32.Model, () => FourHop16F32.Card, FourHop16F32.Forward),
            Built("4-hop", 256, NumericType.Float32, true, () => FourHop256F32.Model, () => FourHop256F32.Card, FourHop256F32.Forward),
            Built("4-hop", 256, NumericType.Float64, true, () => FourHop256F64.Model, () => FourHop256F64.Card, FourHop256F64.Forward),
            Built("4-hop", 1024, NumericType.Float32, true, () => FourHop1024F32.Model, () => FourHop1024F32.Card, FourHop1024F32.Forward),
            Built("4-hop", 1024, NumericType.Float64, true, () => FourHop1024F64.Model, () => FourHop1024F64.Card, FourHop1024F64.Forward),
            Built("4-hop", 4096, NumericType.Float32, true, () => FourHop4096F32.Model, () => FourHop4096F32.Card, FourHop4096F32.Forward),
#if CIRCUITS_BENCH_LARGE
            Built("4-hop", 4096, NumericType.Float64, true, () => FourHop4096F64.Model, () => FourHop4096F64.Card, FourHop4096F64.Forward),
#else
            NotBuilt("4-hop", 4096, NumericType.Float64, true, NotInThisBuild),
#endif
#if CIRCUITS_BENCH_LARGE
            Built("4-hop", 16384, NumericType.Float32, true, () => FourHop16384F32.Model, () => FourHop16384F32.Card, FourHop16384F32.Forward),
#else
            NotBuilt("4-hop", 16384, NumericType.Float32, true, NotInThisBuild),
#endif
#if CIRCUITS_BENCH_LARGE
            Built("4-hop", 16384, NumericType.Float64, true, () => FourHop16384F64.Model, () => FourHop16384F64.Card, FourHop16384F64.Forward),
#else
            NotBuilt("4-hop", 16384, NumericType.Float64, true, NotInThisBuild),
#endif
            Built("16-hop", 16, NumericType.Float32, true, () => SixteenHop16F32.Model, () => SixteenHop16F32.Card, SixteenHop16F32.Forward),
            Built("16-hop", 256, NumericType.Float32, true, () => SixteenHop256F32.Model, () => SixteenHop256F32.Card, SixteenHop256F32.Forward),
            Built("16-hop", 256, NumericType.Float64, true, () => SixteenHop256F64.Model, () => SixteenHop256F64.Card, SixteenHop256F64.Forward),
            Built("16-hop", 1024, NumericType.Float32, true, () => SixteenHop1024F32.Model, () => SixteenHop1024F32.Card, SixteenHop1024F32.Forward),
            Built("16-hop", 1024, NumericType.Float64, true, () => SixteenHop1024F64.Model, () => SixteenHop1024F64.Card, SixteenHop1024F64.Forward),
            Built("16-hop", 4096, NumericType.Float32, true, () => SixteenHop4096F32.Model, () => SixteenHop4096F32.Card, SixteenHop4096F32.Forward),
#if CIRCUITS_BENCH_LARGE
            Built("16-hop", 4096, NumericType.Float64, true, () => SixteenHop4096F64.Model, () => SixteenHop4096F64.Card, SixteenHop4096F64.Forward),
#else
            NotBuilt("16-hop", 4096, NumericType.Float64, true, NotInThisBuild),
#endif
#if CIRCUITS_BENCH_LARGE
            Built("16-hop", 16384, NumericType.Float32, true, () => SixteenHop16384F32.Model, () => SixteenHop16384F32.Card, SixteenHop16384F32.Forward),
#else
            NotBuilt("16-hop", 16384, NumericType.Float32, true, NotInThisBuild),
#endif
#if CIRCUITS_BENCH_LARGE
            Built("16-hop", 16384, NumericType.Float64, true, () => SixteenHop16384F64.Model, () => SixteenHop16384F64.Card, SixteenHop16384F64.Forward),
#else
            NotBuilt("16-hop", 16384, NumericType.Float64, true, NotInThisBuild),
#endif
            Built("reverse", 16, NumericType.Float32, false, () => Reverse16F32.Model, () => Reverse16F32.Card, Reverse16F32.Forward),
            Built("reverse", 256, NumericType.Float32, false, () => Reverse256F32.Model, () => Reverse256F32.Card, Reverse256F32.Forward),
            Built("reverse", 256, NumericType.Float64, false, () => Reverse256F64.Model, () => Reverse256F64.Card, Reverse256F64.Forward),
#if CIRCUITS_BENCH_LARGE
            Built("reverse", 1024, NumericType.Float32, false, () => Reverse1024F32.Model, () => Reverse1024F32.Card, Reverse1024F32.Forward),
#else
            NotBuilt("reverse", 1024, NumericType.Float32, false, NotInThisBuild),
#endif
#if CIRCUITS_BENCH_LARGE
            Built("reverse", 1024, NumericType.Float64, false, () => Reverse1024F64.Model, () => Reverse1024F64.Card, Reverse1024F64.Forward),
#else
            NotBuilt("reverse", 1024, NumericType.Float64, false, NotInThisBuild),
#endif
            NotBuilt("reverse", 4096, NumericType.Float32, false, RefusedSequenceMap),
            NotBuilt("reverse", 4096, NumericType.Float64, false, RefusedSequenceMap),
            NotBuilt("reverse", 16384, NumericType.Float32, false, RefusedSequenceMap),
            NotBuilt("reverse", 16384, NumericType.Float64, false, RefusedSequenceMap),
            Built("sort", 16, NumericType.Float32, false, () => Sort16F32.Model, () => Sort16F32.Card, Sort16F32.Forward),
            Built("sort", 256, NumericType.Float32, false, () => Sort256F32.Model, () => Sort256F32.Card, Sort256F32.Forward),
            Built("sort", 256, NumericType.Float64, false, () => Sort256F64.Model, () => Sort256F64.Card, Sort256F64.Forward),
#if CIRCUITS_BENCH_LARGE
            Built("sort", 1024, NumericType.Float32, false, () => Sort1024F32.Model, () => Sort1024F32.Card, Sort1024F32.Forward),
#else
            NotBuilt("sort", 1024, NumericType.Float32, false, NotInThisBuild),
#endif
#if CIRCUITS_BENCH_LARGE
            Built("sort", 1024, NumericType.Float64, false, () => Sort1024F64.Model, () => Sort1024F64.Card, Sort1024F64.Forward),
#else
            NotBuilt("sort", 1024, NumericType.Float64, false, NotInThisBuild),
#endif
            NotBuilt("sort", 4096, NumericType.Float32, false, RefusedSequenceMap),
            NotBuilt("sort", 4096, NumericType.Float64, false, RefusedSequenceMap),
            NotBuilt("sort", 16384, NumericType.Float32, false, RefusedSequenceMap),
            NotBuilt("sort", 16384, NumericType.Float64, false, RefusedSequenceMap),
        };

        private static ForwardCase Built(string program, int n, NumericType precision, bool causal,
            System.Func<CompiledModel> model, System.Func<ModelCard> card, GeneratedForward forward)
            => new ForwardCase(program, n, precision, causal, model, card, forward);

        private static ForwardCase NotBuilt(string program, int n, NumericType precision, bool causal, string why)
            => new ForwardCase(program, n, precision, causal, null, null, null, why);
    }
}
