using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Tests.Stages
{
    /// <summary>Runs the compiler's passes one at a time on a program, so each stage can be tested on its own.</summary>
    internal static class StageHarness
    {
        public static CompileOptions Options(string vocab, int n, bool causal = false)
            => new CompileOptions { Vocabulary = CompileOptions.CharVocabulary(vocab), MaxLength = n, Causal = causal, Name = "stage" };

        /// <summary>Canonical nodes with inferred value sets.</summary>
        public static Context Infer(SOp program, string vocab, int n, bool causal = false)
        {
            var ctx = new Context(program, Options(vocab, n, causal));
            ValueInference.Run(ctx);
            return ctx;
        }

        /// <summary>Value inference, then layers, heads, MLP jobs and residual slots (±1 codes).</summary>
        public static (Context Ctx, Schedule Schedule) Schedule(SOp program, string vocab, int n, bool causal = false)
        {
            var ctx = Infer(program, vocab, n, causal);
            var schedule = new Schedule(ctx, quadratic: false);
            schedule.Build();
            return (ctx, schedule);
        }

        /// <summary>Every MLP job of the program built on its own: its label and what the builder returns.</summary>
        public static List<(string Label, MlpBuilder.Result Result)> Mlps(SOp program, string vocab, int n, bool causal = false)
        {
            var (ctx, s) = Schedule(program, vocab, n, causal);
            return s.Mlps.Select(job => (job.Label, new MlpBuilder(ctx, new MlpAssembly(s.Bos.Offset), job, s.One, s.Bos, ReferenceEquals(job.Output, s.Output)).Build())).ToList();
        }
    }
}
