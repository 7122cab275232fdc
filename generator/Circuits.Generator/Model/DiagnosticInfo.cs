using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Circuits.Generator.Model
{
    /// <summary>
    /// A diagnostic as plain, equatable data: what the pipeline carries instead of <see cref="Diagnostic"/> and
    /// <see cref="Location"/>, which hold syntax trees and would defeat caching.
    /// </summary>
    public sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments)
        {
            var args = EquatableArray.From(arguments.Select(a => a?.ToString() ?? ""));
            if (location is null || !location.IsInSource) return new DiagnosticInfo(descriptor.Id, "", default, default, args);
            return new DiagnosticInfo(descriptor.Id, location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span, args);
        }

        /// <summary>Rebuilds the Roslyn diagnostic at report time.</summary>
        public Diagnostic ToDiagnostic()
        {
            var descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
            var location = FilePath.Length == 0 && Span.IsEmpty ? Location.None : Location.Create(FilePath, Span, LineSpan);
            return Diagnostic.Create(descriptor, location, Arguments.Cast<object>().ToArray());
        }
    }
}
