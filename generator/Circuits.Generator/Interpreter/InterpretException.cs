using System;
using Microsoft.CodeAnalysis;

namespace Circuits.Generator.Interpreter
{
    /// <summary>
    /// Why the staging interpreter stopped, and where: becomes one diagnostic at <see cref="Node"/>. It may travel through
    /// the compiler core (a lambda is evaluated while weights are built), which never catches it.
    /// </summary>
    public sealed class InterpretException : Exception
    {
        public InterpretException(DiagnosticDescriptor descriptor, SyntaxNode? node, params object?[] arguments)
            : base(string.Format(System.Globalization.CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), arguments))
        {
            Descriptor = descriptor;
            Node = node;
            Arguments = arguments;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public SyntaxNode? Node { get; }

        public object?[] Arguments { get; }
    }

    /// <summary>Thrown when the source has compile errors: the C# compiler already reports them, so the generator stays quiet.</summary>
    public sealed class SourceHasErrorsException : Exception
    {
        public SourceHasErrorsException() : base("The program's source has compile errors.") { }
    }
}
