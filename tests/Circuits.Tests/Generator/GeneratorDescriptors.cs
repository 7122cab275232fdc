extern alias gen;

using System.Linq;
using Descriptors = gen::Circuits.Generator.Diagnostics.DiagnosticDescriptors;

namespace Circuits.Tests.Generator
{
    internal static class GeneratorDescriptors
    {
        public static string[] Ids() => Descriptors.All.Select(d => d.Id).ToArray();
    }
}
