using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Circuits.Tests.Samples;
using Xunit;

namespace Circuits.Tests.Card
{
    /// <summary>
    /// Every "THEORY §x.y" and every paper key cited in the sources (card texts, diagnostic messages, comments), the
    /// diagnostics pages, the samples and the README points at a numbered heading or a reference of docs/theory.md.
    /// </summary>
    public class TheoryCitationTests
    {
        private static readonly Regex Citation = new Regex(@"THEORY(?:\.md)?\s*§(?<first>\d+(?:\.\d+)?)(?<more>(?:\s*(?:,|and)\s*§\d+(?:\.\d+)?)*)(?:\s+(?<gadget>G\d))?");
        private static readonly Regex Section = new Regex(@"§(\d+(?:\.\d+)?)");
        private static readonly Regex Paper = new Regex(@"\b(SHT2[34]b?|SFH\+24)(?![\w+])");

        private static string Root => SampleSources.RepositoryRoot();

        private static string Theory => File.ReadAllText(Path.Combine(Root, "docs", "theory.md"));

        /// <summary>The section numbers of docs/theory.md's numbered headings ("## 4. ..." gives 4, "### 4.8 ..." gives 4.8).</summary>
        private static HashSet<string> Sections()
            => new HashSet<string>(Regex.Matches(Theory, @"(?m)^#{2,3} (\d+(?:\.\d+)?)\.? ").Select(m => m.Groups[1].Value));

        private static IEnumerable<string> CitingFiles()
        {
            foreach (var folder in new[] { "src", "generator", "samples", "docs" })
                foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, folder), "*.*", SearchOption.AllDirectories))
                {
                    string relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
                    if (relative.Contains("/bin/") || relative.Contains("/obj/")) continue;
                    if (file.EndsWith(".cs") || file.EndsWith(".md")) yield return relative;
                }
            yield return "README.md";
        }

        [Fact]
        public void EveryTheoryCitation_NamesASectionOfDocsTheory()
        {
            var sections = Sections();
            string theory = Theory;
            var missing = new List<string>();
            int citations = 0;
            foreach (var file in CitingFiles())
            {
                string text = File.ReadAllText(Path.Combine(Root, file));
                foreach (Match m in Citation.Matches(text))
                {
                    foreach (Match s in Section.Matches(m.Value))
                    {
                        citations++;
                        if (!sections.Contains(s.Groups[1].Value)) missing.Add($"{file}: '{m.Value}' cites §{s.Groups[1].Value}, which docs/theory.md has no heading for");
                    }
                    if (m.Groups["gadget"].Success && !theory.Contains("**" + m.Groups["gadget"].Value + ","))
                        missing.Add($"{file}: '{m.Value}' cites gadget {m.Groups["gadget"].Value}, which docs/theory.md §1.3 does not define");
                }
            }
            Assert.True(missing.Count == 0, string.Join("\n", missing));
            Assert.True(citations > 10, $"only {citations} citations found; the pattern no longer matches how the code cites");
        }

        [Fact]
        public void CrossReferencesInsideDocsTheory_Resolve()
        {
            var sections = Sections();
            var missing = Section.Matches(Theory).Select(m => m.Groups[1].Value).Where(s => !sections.Contains(s)).Distinct().ToList();
            Assert.True(missing.Count == 0, "docs/theory.md refers to missing sections: " + string.Join(", ", missing));
        }

        [Fact]
        public void EveryPaperKey_IsInTheReferenceList()
        {
            string theory = Theory;
            int at = theory.IndexOf("## References", System.StringComparison.Ordinal);
            Assert.True(at >= 0, "docs/theory.md has no '## References' section");
            string references = theory.Substring(at);
            var cited = new SortedSet<string>(System.StringComparer.Ordinal);
            foreach (var file in CitingFiles())
                foreach (Match m in Paper.Matches(File.ReadAllText(Path.Combine(Root, file)))) cited.Add(m.Value);
            Assert.True(cited.Count >= 3, "too few paper keys found: " + string.Join(", ", cited));
            foreach (var key in cited.Concat(new[] { "SHT23", "SHT24", "SHT24b", "SFH+24" }))
                Assert.True(references.Contains("**" + key + "**:"), key + " is cited but not in the reference list of docs/theory.md");
        }
    }
}
