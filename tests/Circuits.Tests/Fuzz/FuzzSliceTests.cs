using System.Linq;
using Circuits.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Fuzz
{
    /// <summary>
    /// The differential fuzzer's CI slice (tests/Circuits.Fuzz): a fixed seed, 3,000 programs aimed at the corners library
    /// programs do not reach, each compared bit for bit with the reference evaluator on every input up to length 5
    /// plus random longer ones, in every certified type, and every 20th also as
    /// generated C#. Zero mismatches, zero uncoded exceptions and zero translation-validation refusals (CIRC0220, a
    /// compiler bug) is the bar; loud run-time failures are reported.
    /// Any seed and count: dotnet run -c Release --project tests/Circuits.Fuzz -- --seed S --count C.
    /// </summary>
    public class FuzzSliceTests
    {
        private readonly ITestOutputHelper _out;
        public FuzzSliceTests(ITestOutputHelper output) { _out = output; }

        [Fact]
        public void FixedSeedSliceHasNoMismatchesNoUncodedExceptionsAndNoValidatorRefusals()
        {
            var options = new FuzzOptions
            {
                Seed = 20260,
                Count = 3000,
                Threads = 2,
                GeneratedEvery = 20,
                Inputs = new InputPlan { ExhaustiveLength = 5, MaxExhaustiveInputs = 4000, RandomInputs = 8 },
                ShrinkBudget = 150,
            };
            var report = Fuzzer.Run(options);
            _out.WriteLine(report.Summary());
            var failures = report.Distinct.Where(g => g.First().Minimised.Outcome is Outcome.Mismatch or Outcome.Uncoded or Outcome.Invalid).ToList();
            foreach (var g in failures.Take(25)) _out.WriteLine("\n" + g.First().Describe() + (g.Count() > 1 ? $"\n(from {g.Count()} programs)" : ""));
            Assert.True(report.Programs >= 3000);
            Assert.True(report.Outcomes[Outcome.Mismatch] == 0 && report.Outcomes[Outcome.Uncoded] == 0 && report.Outcomes[Outcome.Invalid] == 0,
                report.Summary() + "\n\n" + string.Join("\n\n", failures.Take(10).Select(g => g.First().Describe())));
        }
    }
}
