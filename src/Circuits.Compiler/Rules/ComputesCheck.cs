using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Circuits.Tasks;

namespace Circuits.Compiler
{
    /// <summary>One input on which a compiled model and its declared task differ.</summary>
    public sealed class ComputesMismatch
    {
        /// <summary>Creates a mismatch.</summary>
        public ComputesMismatch(int[] input, int position, double expected, double actual, string? failure)
        {
            Input = input ?? throw new ArgumentNullException(nameof(input));
            Position = position; Expected = expected; Actual = actual; Failure = failure;
        }
        /// <summary>The input, as token ids.</summary>
        public int[] Input { get; }
        /// <summary>The first position (0-based) where the outputs differ.</summary>
        public int Position { get; }
        /// <summary>The task's output there (NaN = ⊥).</summary>
        public double Expected { get; }
        /// <summary>The model's output there (NaN = ⊥, or when <see cref="Failure"/> is set).</summary>
        public double Actual { get; }
        /// <summary>Why the model's output could not be decoded at all, or null.</summary>
        public string? Failure { get; }
    }

    /// <summary>What the [Computes] check ran and found.</summary>
    public sealed class ComputesReport
    {
        /// <summary>Creates a report.</summary>
        public ComputesReport(bool defined, int inputs, int longest, long work, double milliseconds, ComputesMismatch? mismatch)
        {
            Defined = defined; Inputs = inputs; Longest = longest; Work = work; Milliseconds = milliseconds; Mismatch = mismatch;
        }
        /// <summary>False when the task has no definition to compare with (nothing was run).</summary>
        public bool Defined { get; }
        /// <summary>How many inputs were run.</summary>
        public int Inputs { get; }
        /// <summary>The longest input run.</summary>
        public int Longest { get; }
        /// <summary>The work spent, in <see cref="ReferenceExecutor.Cost(int)"/> units.</summary>
        public long Work { get; }
        /// <summary>Wall-clock time (not part of any message: builds stay reproducible).</summary>
        public double Milliseconds { get; }
        /// <summary>The first (shortest) input found on which the model and the task differ, or null.</summary>
        public ComputesMismatch? Mismatch { get; }
    }

    /// <summary>
    /// Checks a compiled model against its declared task (<see cref="KnownTaskDefinitions"/>): the model runs on the core's
    /// <see cref="ReferenceExecutor"/> (its actual weights, in double) over <see cref="ComputesSample"/>'s deterministic
    /// edge-case and random inputs, within a fixed work bound, so build time stays bounded and reproducible whatever N is.
    /// A difference is reported with CIRC0404 (a warning at [Computes]), naming the input, the position and both outputs.
    /// </summary>
    public static class ComputesCheck
    {
        /// <summary>The diagnostic code of a mismatch.</summary>
        public const string Code = "CIRC0404";

        /// <summary>
        /// The default work bound in <see cref="ReferenceExecutor.Cost(int)"/> units (≈ multiply-adds): about 10–30 ms of scalar double
        /// arithmetic, so the check with its sampling stays under 100 ms per circuit.
        /// </summary>
        public const long DefaultWork = 12_000_000;

        /// <summary>The share of the bound one long input may take (1/5: the short inputs use at most 2/5, so at least three long ones fit).</summary>
        internal const int LongShare = 5;

        /// <summary>Runs the check.</summary>
        /// <param name="model">The compiled model.</param>
        /// <param name="task">The declared task.</param>
        /// <param name="k">k for k-hop.</param>
        /// <param name="work">The work bound (units of <see cref="ReferenceExecutor.Cost(int)"/>).</param>
        public static ComputesReport Run(CompiledModel model, KnownTask task, int k, long work = DefaultWork)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (!KnownTaskDefinitions.Defines(task)) return new ComputesReport(false, 0, 0, 0, 0, null);
            int s = model.Vocabulary.Length;
            return Run(model, longest => ComputesSample.Budgeted(s, model.MaxLength, longest, task, k),
                x => KnownTaskDefinitions.Expected(task, k, x, model.Causal), actual => actual, work);
        }

        /// <summary>
        /// The check with its parts supplied: <paramref name="sample"/> gives the candidates (with the cumulative share of the
        /// bound, in fifths, their group may use) for a longest affordable length; <paramref name="expected"/> is the task's
        /// definition; <paramref name="decode"/> turns the model's raw outputs into the task's values (and throws
        /// <see cref="InvalidOperationException"/> for outputs that are not an answer, e.g. an MPC fault code).
        /// </summary>
        internal static ComputesReport Run(CompiledModel model, Func<int, IEnumerable<(int[] Input, int Fifths)>> sample,
            Func<int[], double[]> expected, Func<double[], double[]> decode, long work)
        {
            var clock = Stopwatch.StartNew();
            var executor = new ReferenceExecutor(model);
            // The four long inputs may take a fifth of the bound each: MaxLength when it fits, else the longest length that does.
            int longest = Longest(executor, model.MaxLength, work / LongShare);
            long spent = 0;
            var chosen = new List<int[]>();
            foreach (var (x, fifths) in sample(longest))
            {
                // Each group may fill the bound up to its cumulative share, so the short inputs never crowd out the long ones.
                long cost = executor.Cost(x.Length);
                if (spent + cost > work / ComputesSample.AllFifths * fifths) continue;
                spent += cost;
                chosen.Add(x);
            }
            // Shortest first: the first difference found is the easiest to read.
            ComputesMismatch? mismatch = null;
            foreach (var x in chosen.OrderBy(x => x.Length))
            {
                mismatch = Compare(model, executor, expected(x), decode, x);
                if (mismatch != null) break;
            }
            return new ComputesReport(true, chosen.Count, chosen.Count == 0 ? 0 : chosen.Max(x => x.Length), spent, clock.Elapsed.TotalMilliseconds, mismatch);
        }

        /// <summary>The finding for a report, or null when the model matched on every input run.</summary>
        /// <param name="model">The compiled model the report is about.</param>
        /// <param name="task">The declared task.</param>
        /// <param name="k">k for k-hop.</param>
        /// <param name="report">The check's report.</param>
        public static RuleFinding? Finding(CompiledModel model, KnownTask task, int k, ComputesReport report)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (report is null) throw new ArgumentNullException(nameof(report));
            var m = report.Mismatch;
            if (m is null) return null;
            var c = CultureInfo.InvariantCulture;
            bool tokens = KnownTaskDefinitions.TokenValued(task);
            string actual = m.Failure != null ? "an output it cannot decode (" + m.Failure + ")" : Value(model, m.Actual, tokens && model.Output.TokenValued);
            return new RuleFinding(Code, FindingSeverity.Warning, string.Format(c,
                "'{0}' does not compute {1}: on input {2} ({3} token{4}) position {5} should be {6} by the task's definition, but the compiled model gives {7} (first difference in {8} sampled inputs up to length {9}, run on the model's weights).",
                model.Name, TaskName(task, k), Symbols(model, m.Input), m.Input.Length, m.Input.Length == 1 ? "" : "s", m.Position,
                Value(model, m.Expected, tokens), actual, report.Inputs, report.Longest));
        }

        /// <summary>The task as the attribute names it.</summary>
        private static string TaskName(KnownTask task, int k) => task == KnownTask.KHop ? "KHop (K = " + k.ToString(CultureInfo.InvariantCulture) + ")" : task.ToString();

        /// <summary>The first difference on one input, or null.</summary>
        private static ComputesMismatch? Compare(CompiledModel model, ReferenceExecutor executor, double[] expected, Func<double[], double[]> decode, int[] x)
        {
            double[] actual;
            try
            {
                actual = decode(executor.Run(x));
            }
            catch (InvalidOperationException e)
            {
                return new ComputesMismatch(x, 0, expected[0], Bottom.Value, e.Message);
            }
            double tolerance = model.Output.MaxDeviation;
            for (int i = 0; i < x.Length; i++)
            {
                double e = expected[i], a = actual[i];
                bool same = Bottom.Is(e) ? Bottom.Is(a) : !Bottom.Is(a) && Math.Abs(e - a) <= tolerance;
                if (!same) return new ComputesMismatch(x, i, e, a, null);
            }
            return null;
        }

        /// <summary>The largest length ≤ MaxLength whose cost is at most <paramref name="work"/> (at least 1).</summary>
        private static int Longest(ReferenceExecutor executor, int maxLength, long work)
        {
            int lo = 1, hi = maxLength;
            if (executor.Cost(hi) <= work) return hi;
            while (lo < hi)
            {
                int mid = lo + (hi - lo + 1) / 2;
                if (executor.Cost(mid) <= work) lo = mid; else hi = mid - 1;
            }
            return lo;
        }

        /// <summary>The input as the user would type it: characters run together, longer symbols separated by spaces.</summary>
        private static string Symbols(CompiledModel model, int[] x)
        {
            bool chars = model.Vocabulary.All(v => v.Length == 1);
            var sb = new StringBuilder("\"");
            for (int i = 0; i < x.Length; i++)
            {
                if (!chars && i > 0) sb.Append(' ');
                sb.Append(model.Vocabulary[x[i]]);
            }
            return sb.Append('"').ToString();
        }

        private static string Value(CompiledModel model, double v, bool token)
        {
            if (Bottom.Is(v)) return "⊥";
            int id = (int)v;
            if (token && id == v && id >= 0 && id < model.Vocabulary.Length) return "'" + model.Vocabulary[id] + "'";
            return v.ToString("R", CultureInfo.InvariantCulture);
        }
    }
}
