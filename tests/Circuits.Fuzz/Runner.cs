using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Fuzz
{
    /// <summary>What happened to one program.</summary>
    public enum Outcome
    {
        /// <summary>Compile threw a <see cref="CompileException"/> (a CIRC code): the compiler said no.</summary>
        Refused,
        /// <summary>Compiled, and every checked output equals the reference bit for bit in every certified type.</summary>
        Exact,
        /// <summary>An engine (or the generated pass) threw <see cref="InvalidOperationException"/> at run time: wrong, but loudly.</summary>
        Loud,
        /// <summary>Compiled and returned a different value with no error: the bug the fuzzer hunts.</summary>
        Mismatch,
        /// <summary>An exception that is not a coded refusal: from Compile, Engine.Create, the emitter, or the reference on a compiled program.</summary>
        Uncoded,
        /// <summary>
        /// Compile refused with CIRC0220: the translation validator caught weights that do not compute the program. Loud, but
        /// a compiler bug, not a limit of the construction, so it is a failure, counted apart from ordinary refusals.
        /// </summary>
        Invalid,
    }

    /// <summary>One failure: where it was seen, on which input, and the two outputs.</summary>
    public sealed class Failure
    {
        /// <summary>Where: "float32 engine", "generated float64", "compile", "reference", "engine-create", "emit", ...</summary>
        public string Where { get; set; } = "";
        /// <summary>For mismatches: every differing output is within 2 ulps (of a double) of the reference.</summary>
        public bool UlpClose { get; set; }
        /// <summary>The exception's type, when one was thrown.</summary>
        public string? ExceptionType { get; set; }
        /// <summary>The exception's message or a description.</summary>
        public string Message { get; set; } = "";
        /// <summary>The input (token ids), when the failure is on an input.</summary>
        public int[]? Input { get; set; }
        /// <summary>The reference outputs.</summary>
        public double[]? Expected { get; set; }
        /// <summary>The compiled outputs.</summary>
        public double[]? Got { get; set; }

        /// <summary>The class a minimised failure must keep: outcome, place, ulp class and exception type.</summary>
        public string Signature(Outcome outcome)
        {
            string where = Where.StartsWith("generated", StringComparison.Ordinal) ? "generated" : Where.Contains("engine ") ? "engine" : Where;
            return outcome switch
            {
                Outcome.Mismatch => "mismatch/" + where + "/" + (UlpClose ? "ulp" : "wrong"),
                Outcome.Loud => "loud/" + where + "/" + Shape(Message),
                _ => outcome + "/" + Where + "/" + ExceptionType + "/" + Shape(Message),
            };
        }

        /// <summary>A message with its numbers and quoted names blanked, so that one cause gives one shape.</summary>
        public static string Shape(string message)
        {
            var s = System.Text.RegularExpressions.Regex.Replace(message ?? "", "[-+]?[0-9][0-9.,E+-]*", "#");
            s = System.Text.RegularExpressions.Regex.Replace(s, "Key: .*", "Key: …");
            s = System.Text.RegularExpressions.Regex.Replace(s, "'[^']*'", "'…'");
            return s.Length > 80 ? s.Substring(0, 80) : s;
        }
    }

    /// <summary>The result of checking one program.</summary>
    public sealed class CaseResult
    {
        /// <summary>The program and settings.</summary>
        public FuzzCase Case { get; set; } = null!;
        /// <summary>The outcome.</summary>
        public Outcome Outcome { get; set; }
        /// <summary>The CIRC code when refused (or Invalid).</summary>
        public string? Code { get; set; }
        /// <summary>The failure, for Loud, Mismatch, Uncoded and Invalid.</summary>
        public Failure? Failure { get; set; }
        /// <summary>Whether the generated C# pass was compiled and checked.</summary>
        public bool GeneratedChecked { get; set; }
        /// <summary>The number of inputs compared.</summary>
        public int Inputs { get; set; }
        /// <summary>The numeric types checked.</summary>
        public string[] Types { get; set; } = Array.Empty<string>();
        /// <summary>The signature of the failure (empty when none).</summary>
        public string Signature => Failure is null ? "" : Failure.Signature(Outcome);
    }

    /// <summary>Which inputs a program is checked on.</summary>
    public sealed class InputPlan
    {
        /// <summary>All inputs up to this length (capped by N) are checked.</summary>
        public int ExhaustiveLength { get; set; } = 5;
        /// <summary>The exhaustive length is lowered until at most this many inputs remain (at least length 1 stays).</summary>
        public int MaxExhaustiveInputs { get; set; } = 4000;
        /// <summary>Random inputs longer than the exhaustive length (up to N), when N allows.</summary>
        public int RandomInputs { get; set; } = 8;

        /// <summary>
        /// Long-input mode: instead of the exhaustive and random inputs, one input per length in <see cref="BlockEdgeLengths"/>
        /// (capped by N), each a constant run, a repeat, a tie-heavy or a random pattern, so the engines' 256-key blocks, their
        /// bound-based skipping and the rows split among threads meet what a short input never reaches.
        /// </summary>
        public bool BlockEdges { get; set; }

        /// <summary>
        /// The lengths a long-input run checks: 1, both sides of each 256-key block edge (a sequence of length L has L + 1 keys
        /// with BOS, so 255 and 511 fill whole blocks), both sides of the indexed pass's fork threshold (1,007: 63 blocks of 16
        /// positions, one thread; 1,008: 64 blocks, split), and N itself; only those below N.
        /// </summary>
        public static readonly int[] BlockEdgeLengths = { 1, 255, 256, 257, 511, 512, 513, 1007, 1008 };

        /// <summary>The inputs for a vocabulary size and N: exhaustive by length then lexicographically, then random longer ones.</summary>
        public List<int[]> Inputs(int vocab, int maxLength, int seed)
        {
            if (BlockEdges) return BlockEdgeInputs(vocab, maxLength, seed);
            int length = Math.Min(ExhaustiveLength, maxLength);
            while (length > 1 && Total(vocab, length) > MaxExhaustiveInputs) length--;
            var list = new List<int[]>();
            for (int len = 1; len <= length; len++)
            {
                var ids = new int[len];
                while (true)
                {
                    list.Add((int[])ids.Clone());
                    int p = len - 1;
                    while (p >= 0 && ++ids[p] == vocab) { ids[p] = 0; p--; }
                    if (p < 0) break;
                }
            }
            if (maxLength > length)
            {
                var r = new Random(seed);
                for (int t = 0; t < RandomInputs; t++)
                {
                    int len = t == 0 ? maxLength : r.Next(length + 1, maxLength + 1);
                    var ids = new int[len];
                    int pattern = r.Next(4);
                    for (int i = 0; i < len; i++)
                        ids[i] = pattern switch { 0 => 0, 1 => i % vocab, 2 => Math.Min(vocab - 1, i * vocab / len), _ => r.Next(vocab) };
                    if (pattern == 0 && vocab > 1) ids[r.Next(len)] = r.Next(vocab);
                    list.Add(ids);
                }
            }
            return list;
        }

        /// <summary>One input per block-edge length up to N and one of length N, in patterns aimed at ties and block boundaries.</summary>
        public static List<int[]> BlockEdgeInputs(int vocab, int maxLength, int seed)
        {
            var r = new Random(seed);
            var list = new List<int[]>();
            foreach (int len in BlockEdgeLengths.Where(l => l < maxLength).Append(maxLength))
            {
                var ids = new int[len];
                int top = vocab - 1, edge = Math.Min(len - 1, r.Next(2) == 0 ? 255 : 256);
                int period = 1 + r.Next(Math.Max(1, Math.Min(len, 7)));
                int pattern = r.Next(6);
                for (int i = 0; i < len; i++)
                    ids[i] = pattern switch
                    {
                        0 => top,                                  // one constant run: every key ties with every other
                        1 => i % period % vocab,                   // a short repeat: ties at every period
                        2 => i < edge ? 0 : top,                   // a run that changes at a block edge
                        3 => i == len - 1 || i == edge ? top : 0,  // one odd key at the end or on a block edge
                        4 => Math.Min(top, i * vocab / len),       // sorted runs
                        _ => r.Next(vocab),
                    };
                list.Add(ids);
            }
            return list;
        }

        private static long Total(int vocab, int length)
        {
            long total = 0, p = 1;
            for (int l = 1; l <= length; l++) { p *= vocab; total += p; }
            return total;
        }
    }

    /// <summary>Compiles one program, runs it in every certified type (and optionally as generated C#), compares with the reference.</summary>
    public sealed class Runner
    {
        /// <summary>Creates a runner.</summary>
        public Runner(InputPlan plan) { Plan = plan; }

        /// <summary>The inputs checked.</summary>
        public InputPlan Plan { get; }

        /// <summary>
        /// Thread counts to run the engine and the indexed mode with, one pass each per count and numeric type (each must equal
        /// the reference); empty: one pass each per type at the default thread count.
        /// </summary>
        public IReadOnlyList<int> EngineThreads { get; set; } = Array.Empty<int>();

        /// <summary>The translation validator's refusal (a compiler bug; see <see cref="Outcome.Invalid"/>).</summary>
        public const string ValidatorCode = "CIRC0220";

        /// <summary>Checks <paramref name="c"/>; <paramref name="inputs"/> overrides the input plan when given.</summary>
        public CaseResult Check(FuzzCase c, bool generated, int inputSeed, IReadOnlyList<int[]>? inputs = null)
        {
            var result = new CaseResult { Case = c };
            SOp program;
            CompiledModel model;
            try
            {
                program = IrBuilder.Build(c.Program);
            }
            catch (Exception e)
            {
                return Fail(result, Outcome.Uncoded, new Failure { Where = "build", ExceptionType = e.GetType().Name, Message = e.Message });
            }
            try
            {
                model = CircuitCompiler.Compile(program, c.Options);
            }
            catch (CompileException e) when (e.Code == ValidatorCode)
            {
                result.Code = e.Code;
                return Fail(result, Outcome.Invalid, new Failure { Where = "validator", ExceptionType = e.Code, Message = e.Message });
            }
            catch (CompileException e)
            {
                result.Outcome = Outcome.Refused;
                result.Code = e.Code;
                return result;
            }
            catch (Exception e)
            {
                return Fail(result, Outcome.Uncoded, new Failure { Where = "compile", ExceptionType = e.GetType().Name, Message = e.Message });
            }

            var types = new List<NumericType>();
            foreach (var t in model.Card.Certified)
                types.Add(t == "float32" ? NumericType.Float32 : NumericType.Float64);
            if (!types.Contains(c.Precision)) types.Add(c.Precision);
            result.Types = types.Select(Name).ToArray();
            var passes = new List<(string Where, NumericType Type, bool IntBottom, Func<int[], double[]> Forward)>();
            foreach (var t in types)
            {
                try
                {
                    if (EngineThreads.Count == 0)
                    {
                        var pass = Engine.Create(model, t);
                        passes.Add((Name(t) + " engine", t, false, ids => pass.Forward(ids)));
                    }
                    foreach (int threads in EngineThreads)
                    {
                        var pass = Engine.Create(model, t, threads);
                        passes.Add((Name(t) + " engine (" + threads + (threads == 1 ? " thread)" : " threads)"), t, false, ids => pass.Forward(ids)));
                    }
                    // The indexed mode (hard heads looked up, the rest exact) must equal the reference too, on the same inputs.
                    foreach (int threads in EngineThreads.Count == 0 ? new[] { ForkJoin<object>.DefaultThreads } : EngineThreads)
                    {
                        var indexed = Engine.CreateIndexed(model, t, threads);
                        passes.Add((Name(t) + " indexed (" + threads + (threads == 1 ? " thread)" : " threads)"), t, false, ids => indexed.Forward(ids)));
                    }
                }
                catch (Exception e)
                {
                    return Fail(result, Outcome.Uncoded, new Failure { Where = "engine-create", ExceptionType = e.GetType().Name, Message = Name(t) + ": " + e.Message });
                }
            }
            EmittedForward? emitted = null;
            if (generated)
            {
                try
                {
                    emitted = EmittedForward.Compile(model);
                }
                catch (Exception e)
                {
                    return Fail(result, Outcome.Uncoded, new Failure { Where = "emit", ExceptionType = e.GetType().Name, Message = e.Message });
                }
                var emittedType = model.Card.Certified.Contains("float32") ? NumericType.Float32 : NumericType.Float64;
                passes.Add(("generated " + Name(emittedType), emittedType, emitted.IsInt, emitted.Forward));
                result.GeneratedChecked = true;
            }

            try
            {
                var list = inputs ?? Plan.Inputs(c.VocabularySize, c.MaxLength, inputSeed);
                Failure? loud = null;
                foreach (var ids in list)
                {
                    double[] expected;
                    try
                    {
                        expected = ReferenceEvaluator.Evaluate(program, ids, c.Causal);
                    }
                    catch (Exception e)
                    {
                        return Fail(result, Outcome.Uncoded, new Failure { Where = "reference", ExceptionType = e.GetType().Name, Message = e.Message, Input = ids });
                    }
                    result.Inputs++;
                    foreach (var (where, _, intBottom, forward) in passes)
                    {
                        double[] got;
                        try
                        {
                            got = forward(ids);
                        }
                        catch (InvalidOperationException e)
                        {
                            loud ??= new Failure { Where = where, ExceptionType = e.GetType().Name, Message = e.Message, Input = ids, Expected = expected };
                            continue;
                        }
                        catch (Exception e)
                        {
                            return Fail(result, Outcome.Uncoded, new Failure { Where = where + " forward", ExceptionType = e.GetType().Name, Message = e.Message, Input = ids, Expected = expected });
                        }
                        bool same = true, close = true;
                        for (int i = 0; i < ids.Length; i++)
                        {
                            if (Same(got[i], expected[i], intBottom)) continue;
                            // The card states how far numerical outputs may be from the reference (values no type can tell apart).
                            if (Math.Abs(got[i] - expected[i]) <= model.Output.MaxDeviation) continue;
                            same = false;
                            if (!WithinUlps(got[i], expected[i], 2)) close = false;
                        }
                        if (!same)
                            return Fail(result, Outcome.Mismatch, new Failure { Where = where, UlpClose = close, Input = ids, Expected = expected, Got = got });
                    }
                }
                if (loud is not null) return Fail(result, Outcome.Loud, loud);
                result.Outcome = Outcome.Exact;
                return result;
            }
            finally
            {
                emitted?.Dispose();
            }
        }

        private static CaseResult Fail(CaseResult r, Outcome o, Failure f)
        {
            r.Outcome = o;
            r.Failure = f;
            return r;
        }

        /// <summary>"float32" or "float64".</summary>
        public static string Name(NumericType t) => t == NumericType.Float32 ? "float32" : "float64";

        /// <summary>
        /// Exact equality (⊥ = NaN equals only ⊥; +0 equals −0). The generated pass's integer <c>Forward</c> writes ⊥ as −1,
        /// so there a −1 output also matches a −1 reference (the emitted int API cannot tell them apart).
        /// </summary>
        public static bool Same(double got, double expected, bool generatedInt)
        {
            if (double.IsNaN(expected)) return double.IsNaN(got);
            if (double.IsNaN(got)) return generatedInt && expected == -1;
            return got == expected;
        }

        /// <summary>
        /// Whether two values differ by at most <paramref name="ulps"/> units in the last place of a double (outputs are decoded
        /// to doubles in every type; a float32 value that is not representable, such as 16777217, is "really wrong", not close).
        /// </summary>
        public static bool WithinUlps(double a, double b, long ulps)
        {
            if (double.IsNaN(a) || double.IsNaN(b) || double.IsInfinity(a) || double.IsInfinity(b)) return false;
            if (a == b) return true;
            if (Math.Sign(a) != Math.Sign(b)) return false;
            return Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b)) <= ulps;
        }
    }
}
