using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Benchmarks
{
    /// <summary>The generated, specialised forward pass of one [Circuit] class.</summary>
    /// <param name="ids">Token ids.</param>
    /// <param name="output">Decoded outputs as ints, ⊥ = <see cref="Bottom.Id"/>.</param>
    public delegate void GeneratedForward(ReadOnlySpan<int> ids, Span<int> output);

    /// <summary>
    /// One (program, N, precision) of the forward suite. <see cref="Model"/> is the generated class's own
    /// <c>Model</c> (the same <see cref="CompiledModel"/> the build emitted <see cref="Forward"/> from), so the generated
    /// pass, the engine and ONNX Runtime all run one set of weights. A case the compiler refuses has no class: its
    /// <see cref="NotMeasured"/> says why, and the suite lists it instead of dropping it.
    /// </summary>
    /// <param name="Program">The library program (induction-head, 4-hop, 16-hop, reverse, sort).</param>
    /// <param name="N">MaxLength, and the benchmarked input length.</param>
    /// <param name="Precision">The numeric type the class is compiled and certified in.</param>
    /// <param name="Causal">Whether the circuit is causal (reverse and sort are not).</param>
    /// <param name="Model">The class's compiled model (compiled on first use).</param>
    /// <param name="Card">The class's build-time model card.</param>
    /// <param name="Forward">The class's generated Forward.</param>
    /// <param name="NotMeasured">Why there is no class for this case, or null.</param>
    public sealed record ForwardCase(string Program, int N, NumericType Precision, bool Causal,
        Func<CompiledModel>? Model, Func<ModelCard>? Card, GeneratedForward? Forward, string? NotMeasured = null)
    {
        /// <summary>The benchmark parameter: "16-hop N=4096 f32".</summary>
        public string Name => Describe(Program, N, Precision);

        /// <summary>The parameter text of a case.</summary>
        public static string Describe(string program, int n, NumericType precision)
            => program + " N=" + n.ToString(CultureInfo.InvariantCulture) + (precision == NumericType.Float32 ? " f32" : " f64");

        /// <summary>
        /// Exponentials one forward pass needs with exact softmax: per head, every (query, visible key) pair over the N
        /// tokens plus the BOS sink, (N+1)(N+2)/2 causal or (N+1)² bidirectional.
        /// </summary>
        public long Exponentials()
        {
            if (Card is null) return 0;
            long p = N + 1;
            long perHead = Causal ? p * (p + 1) / 2 : p * p;
            return perHead * Card().HeadsPerLayer.Sum();
        }

        /// <summary>The N the suite runs: all four, or N = 256 and 4,096 in quick mode.</summary>
        public static IReadOnlyList<int> Sizes(bool quick) => quick ? new[] { 256, 4096 } : new[] { 256, 1024, 4096, 16384 };

        /// <summary>
        /// The suite's cases in order: every program and size, float32 then float64 (float32 at N = 256 and 4,096 only in quick
        /// mode, unless <c>--case</c> names others).
        /// </summary>
        public static IEnumerable<string> Names(bool quick)
            => from p in GeneratedCircuits.Programs
               from n in Sizes(quick && !SuiteMode.HasCases)
               from precision in quick && !SuiteMode.HasCases ? new[] { NumericType.Float32 } : new[] { NumericType.Float32, NumericType.Float64 }
               let name = Describe(p, n, precision)
               where SuiteMode.Selects(name)
               select name;

        /// <summary>The case named <paramref name="name"/>; throws for a name the suite does not know.</summary>
        public static ForwardCase Find(string name)
            => GeneratedCircuits.All.FirstOrDefault(c => c.Name == name)
               ?? throw new ArgumentException($"no forward case '{name}'; known: {string.Join(", ", GeneratedCircuits.All.Select(c => c.Name))}", nameof(name));
    }
}
