using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Circuits.Cli;
using Circuits.Compiler;
using Xunit;
using Xunit.Abstractions;

namespace Circuits.Tests.Card
{
    /// <summary>A card's precision lines print failed comparisons ("error X > tolerance Y") whose two sides visibly differ.</summary>
    public class PrecisionTextTests
    {
        private static readonly Regex Comparison = new Regex(
            @"(?:error|rounding) (?<left>-?[0-9.]+(?:E[+-]?[0-9]+)?)(?: \([^)]*\))? (?:> (?:readout )?tolerance|exceeds the) (?<right>-?[0-9.]+(?:E[+-]?[0-9]+)?)",
            RegexOptions.CultureInvariant);

        private readonly ITestOutputHelper _output;

        public PrecisionTextTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void EveryPrintedComparison_ShowsTwoDifferentNumbers_InTheRightOrder()
        {
            int comparisons = 0, closeAtThreeDigits = 0;
            foreach (var entry in ProgramCatalog.All)
                foreach (int n in new[] { 8, 64 })
                {
                    CompiledModel model;
                    try { model = global::Circuits.Cli.Compilation.Compile(entry, 2, "abcd", n, NumericType.Float64); }
                    catch (CompileException) { continue; }
                    foreach (var requirement in model.Card.Precision)
                        foreach (Match m in Comparison.Matches(requirement.Reason))
                        {
                            comparisons++;
                            string left = m.Groups["left"].Value, right = m.Groups["right"].Value;
                            double l = double.Parse(left, CultureInfo.InvariantCulture), r = double.Parse(right, CultureInfo.InvariantCulture);
                            Assert.True(l > r, $"{entry.Name} N = {n}: '{requirement.Reason}' does not show left > right");
                            Assert.NotEqual(left, right);
                            if (l.ToString("G3", CultureInfo.InvariantCulture) == r.ToString("G3", CultureInfo.InvariantCulture)) closeAtThreeDigits++;
                        }
                }
            _output.WriteLine($"{comparisons} comparisons, {closeAtThreeDigits} of them equal at 3 significant digits");
            Assert.True(comparisons > 0, "no card printed a comparison; the pattern no longer matches the precision lines");
        }
    }
}
