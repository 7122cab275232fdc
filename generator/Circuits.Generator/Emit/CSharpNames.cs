using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Circuits.Generator.Emit
{
    /// <summary>
    /// Names as generated code must write them, and as hint names may carry them: a symbol's name is its value ("class",
    /// "checked"), which C# reads back only with '@', and hint names take a narrower alphabet than identifiers.
    /// </summary>
    internal static class CSharpNames
    {
        /// <summary>The identifier as C# source: '@' before any keyword, contextual ones included (always legal there).</summary>
        public static string Identifier(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>The namespace as C# source (each part escaped); null for the global namespace.</summary>
        public static string? Namespace(INamespaceSymbol? ns)
        {
            if (ns is null || ns.IsGlobalNamespace) return null;
            var parent = Namespace(ns.ContainingNamespace);
            return parent is null ? Identifier(ns.Name) : parent + "." + Identifier(ns.Name);
        }

        /// <summary>
        /// A hint-name stem for <paramref name="qualifiedName"/> (the namespace and class as C# writes them): kept when it
        /// is plain ASCII letters, digits, '_' and '.', else those characters with a hash of the whole name, so that names
        /// differing only in characters a hint name cannot hold (or, with <paramref name="caseTwin"/>, only in case, which
        /// hint names ignore) still get different files.
        /// </summary>
        public static string HintStem(string qualifiedName, bool caseTwin)
        {
            var text = new StringBuilder(qualifiedName.Length);
            bool changed = caseTwin;
            foreach (char c in qualifiedName)
            {
                bool plain = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '.';
                text.Append(plain ? c : '_');
                changed |= !plain;
            }
            if (changed) text.Append('.').Append(Fnv1a(qualifiedName).ToString("x8", CultureInfo.InvariantCulture));
            return text.ToString();
        }

        /// <summary>FNV-1a over UTF-16 code units: stable across processes and frameworks (string.GetHashCode is not).</summary>
        private static uint Fnv1a(string text)
        {
            uint hash = 2166136261;
            foreach (char c in text)
            {
                hash ^= c;
                hash *= 16777619;
            }
            return hash;
        }
    }
}
