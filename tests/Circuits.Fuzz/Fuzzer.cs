using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Circuits.Fuzz
{
    /// <summary>Settings of one fuzzing run.</summary>
    public sealed class FuzzOptions
    {
        /// <summary>The run's seed: program i is generated from (seed, i), so results do not depend on threads.</summary>
        public int Seed { get; set; } = 1;
        /// <summary>How many programs.</summary>
        public int Count { get; set; } = 1000;
        /// <summary>Worker threads.</summary>
        public int Threads { get; set; } = Environment.ProcessorCount;
        /// <summary>Programs whose index is a multiple of this are also checked as generated C# (0: never).</summary>
        public int GeneratedEvery { get; set; } = 20;
        /// <summary>Which inputs each program is checked on.</summary>
        public InputPlan Inputs { get; set; } = new InputPlan();
        /// <summary>Minimise failures.</summary>
        public bool Shrink { get; set; } = true;
        /// <summary>At most this many checks per minimisation (a tenth of it for failures of the generated pass).</summary>
        public int ShrinkBudget { get; set; } = 400;
        /// <summary>Only this program index (the rest of the run is skipped), or null for all.</summary>
        public int? Only { get; set; }
        /// <summary>Deep compositions: every program is a deep DAG (the generator's deep case with more depth).</summary>
        public bool Deep { get; set; }
        /// <summary>
        /// Long inputs: every program at N in [300, 800] (<see cref="Generator.Long"/>), checked on a few inputs at the 256-key
        /// block edges (<see cref="InputPlan.BlockEdges"/>, set by <see cref="Fuzzer.Run"/>) through the engine on 1 and on 2 threads.
        /// </summary>
        public bool Long { get; set; }
        /// <summary>
        /// As <see cref="Long"/> at N in [1,030, 1,300] (<see cref="Generator.Fork"/>), so the indexed pass on 2 threads really
        /// splits the positions; the lengths checked include 1,007 and 1,008, either side of its fork threshold.
        /// </summary>
        public bool Fork { get; set; }
        /// <summary>Progress lines, or null.</summary>
        public Action<string>? Log { get; set; }
    }

    /// <summary>One minimised failure.</summary>
    public sealed class Finding
    {
        /// <summary>The program index in the run.</summary>
        public int Index { get; set; }
        /// <summary>The original result.</summary>
        public CaseResult Original { get; set; } = null!;
        /// <summary>The minimised result.</summary>
        public CaseResult Minimised { get; set; } = null!;
        /// <summary>Checks the shrinker ran.</summary>
        public int ShrinkChecks { get; set; }

        /// <summary>The signature and program text that identify the failure across runs.</summary>
        public string Key => Minimised.Signature + "\n" + Printer.Settings(Minimised.Case) + "\n" + Printer.Print(Minimised.Case.Program);

        /// <summary>A readable report: class, settings, C#, input, expected vs got.</summary>
        public string Describe()
        {
            var m = Minimised;
            var f = m.Failure!;
            var sb = new StringBuilder();
            sb.Append('[').Append(m.Signature).Append("] ").Append(f.Where).Append('\n');
            sb.Append("// ").Append(Printer.Settings(m.Case)).Append("; checked in ").Append(string.Join(", ", m.Types)).Append('\n');
            sb.Append(Printer.Print(m.Case.Program)).Append('\n');
            if (f.Input is not null)
            {
                string vocab = m.Case.Vocabulary;
                sb.Append("input \"").Append(string.Concat(f.Input.Select(i => vocab[i]))).Append('"');
                if (f.Expected is not null) sb.Append(": expected ").Append(Show(f.Expected));
                if (f.Got is not null) sb.Append(", got ").Append(Show(f.Got));
                sb.Append('\n');
            }
            if (f.ExceptionType is not null) sb.Append(f.ExceptionType).Append(": ").Append(f.Message).Append('\n');
            sb.Append(string.Format(CultureInfo.InvariantCulture, "(program #{0}: {1} nodes → {2}, {3} shrink checks)",
                Index, Printer.Size(Original.Case.Program), Printer.Size(m.Case.Program), ShrinkChecks));
            return sb.ToString();
        }

        /// <summary>Outputs as "[1, ⊥, 2.5]" (round-trip numbers).</summary>
        public static string Show(double[] values)
            => "[" + string.Join(", ", values.Select(v => double.IsNaN(v) ? "⊥" : v.ToString("R", CultureInfo.InvariantCulture))) + "]";
    }

    /// <summary>The counts of one run and its minimised failures.</summary>
    public sealed class FuzzReport
    {
        /// <summary>Programs run.</summary>
        public int Programs { get; set; }
        /// <summary>Per outcome.</summary>
        public Dictionary<Outcome, int> Outcomes { get; } = Enum.GetValues<Outcome>().ToDictionary(o => o, _ => 0);
        /// <summary>Refusals per CIRC code.</summary>
        public SortedDictionary<string, int> RefusedByCode { get; } = new SortedDictionary<string, int>(StringComparer.Ordinal);
        /// <summary>Mismatches within 2 ulps (the decoder-snap class).</summary>
        public int MismatchesUlpClose { get; set; }
        /// <summary>Programs also checked as generated C#.</summary>
        public int GeneratedChecked { get; set; }
        /// <summary>Inputs compared in all.</summary>
        public long Inputs { get; set; }
        /// <summary>Wall time.</summary>
        public TimeSpan Elapsed { get; set; }
        /// <summary>Every failure, minimised, in program order.</summary>
        public List<Finding> Findings { get; } = new List<Finding>();

        /// <summary>The indices of refused programs per CIRC code (to print or re-run one).</summary>
        public SortedDictionary<string, List<int>> RefusedIndices { get; } = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);

        /// <summary>Compiled programs (exact, loud or mismatching).</summary>
        public int Compiled => Outcomes[Outcome.Exact] + Outcomes[Outcome.Loud] + Outcomes[Outcome.Mismatch];

        /// <summary>The failures with distinct minimised programs (first of each).</summary>
        public IEnumerable<IGrouping<string, Finding>> Distinct => Findings.GroupBy(f => f.Key);

        /// <summary>The per-class counts as text.</summary>
        public string Summary()
        {
            var sb = new StringBuilder();
            sb.AppendFormat(CultureInfo.InvariantCulture, "programs {0} in {1:F1} s ({2:F1} programs/s), inputs compared {3}\n",
                Programs, Elapsed.TotalSeconds, Programs / Math.Max(1e-9, Elapsed.TotalSeconds), Inputs);
            sb.AppendFormat(CultureInfo.InvariantCulture, "compiled {0}, refused {1} ({2}); failed translation validation ({3}, a compiler bug) {4}\n",
                Compiled, Outcomes[Outcome.Refused], string.Join(", ", RefusedByCode.Select(k => k.Key + "×" + k.Value)), Runner.ValidatorCode, Outcomes[Outcome.Invalid]);
            sb.AppendFormat(CultureInfo.InvariantCulture, "exact {0}, mismatches {1} (≤ 2 ulp: {2}, really wrong: {3}), loud {4}, uncoded {5}; generated code checked for {6}\n",
                Outcomes[Outcome.Exact], Outcomes[Outcome.Mismatch], MismatchesUlpClose, Outcomes[Outcome.Mismatch] - MismatchesUlpClose,
                Outcomes[Outcome.Loud], Outcomes[Outcome.Uncoded], GeneratedChecked);
            sb.AppendFormat(CultureInfo.InvariantCulture, "distinct minimised failures: {0}", Distinct.Count());
            return sb.ToString();
        }
    }

    /// <summary>Runs the generator, the runner and the shrinker over many programs, in parallel.</summary>
    public static class Fuzzer
    {
        /// <summary>The seed of program <paramref name="index"/> of run <paramref name="seed"/> (SplitMix64 of both).</summary>
        public static int CaseSeed(int seed, int index)
        {
            ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)index + 0x632BE59BD9B4E019UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            return (int)(z ^ (z >> 31));
        }

        /// <summary>The case program <paramref name="index"/> of run <paramref name="seed"/> checks.</summary>
        public static FuzzCase Case(int seed, int index, bool deep = false, bool @long = false, bool fork = false) => new Generator(CaseSeed(seed, index)) { Deep = deep, Long = @long, Fork = fork }.Next();

        /// <summary>The engine's thread counts a long-input run compares: one thread, and rows split between two.</summary>
        public static readonly int[] LongEngineThreads = { 1, 2 };

        /// <summary>Runs <see cref="FuzzOptions.Count"/> programs.</summary>
        public static FuzzReport Run(FuzzOptions options)
        {
            var results = new CaseResult[options.Count];
            var findings = new ConcurrentBag<Finding>();
            var watch = Stopwatch.StartNew();
            int done = 0;
            bool longInputs = options.Long || options.Fork;
            if (longInputs) options.Inputs.BlockEdges = true;
            var runner = new Runner(options.Inputs) { EngineThreads = longInputs ? LongEngineThreads : Array.Empty<int>() };
            Parallel.For(0, options.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) }, i =>
            {
                if (options.Only is int only && i != only) return;
                var c = Case(options.Seed, i, options.Deep, options.Long, options.Fork);
                bool generated = options.GeneratedEvery > 0 && i % options.GeneratedEvery == 0;
                var r = runner.Check(c, generated, CaseSeed(options.Seed ^ 0x5bd1e995, i));
                results[i] = r;
                if (r.Failure is not null && r.Outcome != Outcome.Refused)
                {
                    var finding = new Finding { Index = i, Original = r, Minimised = r };
                    if (options.Shrink)
                    {
                        bool gen = r.Failure.Where.StartsWith("generated", StringComparison.Ordinal) || r.Failure.Where == "emit";
                        var shrinker = new Shrinker(runner, gen ? Math.Max(10, options.ShrinkBudget / 10) : options.ShrinkBudget);
                        finding.Minimised = shrinker.Shrink(r);
                        finding.ShrinkChecks = shrinker.Checks;
                    }
                    findings.Add(finding);
                }
                int d = Interlocked.Increment(ref done);
                if (options.Log is not null && d % 500 == 0)
                    options.Log(string.Format(CultureInfo.InvariantCulture, "  {0}/{1} programs, {2:F0} s", d, options.Count, watch.Elapsed.TotalSeconds));
            });
            var report = new FuzzReport { Programs = options.Only is null ? options.Count : 1, Elapsed = watch.Elapsed };
            for (int i = 0; i < results.Length; i++)
            {
                var r = results[i];
                if (r is null) continue;
                report.Outcomes[r.Outcome]++;
                if (r.Outcome == Outcome.Refused)
                {
                    report.RefusedByCode[r.Code!] = report.RefusedByCode.TryGetValue(r.Code!, out var n) ? n + 1 : 1;
                    if (!report.RefusedIndices.TryGetValue(r.Code!, out var list)) report.RefusedIndices[r.Code!] = list = new List<int>();
                    list.Add(i);
                }
                if (r.Outcome == Outcome.Mismatch && r.Failure!.UlpClose) report.MismatchesUlpClose++;
                if (r.GeneratedChecked) report.GeneratedChecked++;
                report.Inputs += r.Inputs;
            }
            report.Findings.AddRange(findings.OrderBy(f => f.Index));
            return report;
        }
    }
}
