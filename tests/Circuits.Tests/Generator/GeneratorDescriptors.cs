extern alias gen;

using System.Linq;
using Descriptors = gen::Circuits.Generator.Diagnostics.DiagnosticDescriptors;

namespace Circuits.Tests.Generator
{
    internal static class GeneratorDescriptors
    {
        public static string[] Ids() => Descriptors.All.Select(d => d.Id).ToArray();

        /// <summary>The help link every descriptor must carry: its page under the build's CircuitsHelpUrlBase (empty: none).</summary>
        public static string HelpLink(string id) => Descriptors.HelpLink(Descriptors.HelpUrlBase, id);

        public static string HelpUrlBase => Descriptors.HelpUrlBase;

        public static string HelpLink(string baseUrl, string id) => Descriptors.HelpLink(baseUrl, id);

        public static string DeclaredHelpLink(string id) => Descriptors.All.Single(d => d.Id == id).HelpLinkUri;
    }
}
