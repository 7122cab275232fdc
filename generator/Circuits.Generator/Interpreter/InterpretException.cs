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

        /// <summary>
        /// An exception's message as one diagnostic line. An argument exception's "(Parameter 'by')" suffix and "Actual
        /// value was 0." line (or .NET Framework's "Parameter name: by" line) become ": 'by' is 0", so a build log shows
        /// the whole finding, and its help link, on one line.
        /// </summary>
        public static string Describe(Exception e)
        {
            var lines = e.Message.Split(new[] { "\r\n", "\n", "\r", "\u2028", "\u2029", "\u0085" }, StringSplitOptions.RemoveEmptyEntries);
            if (e is ArgumentException argument && argument.ParamName != null && lines.Length > 0)
            {
                string first = lines[0].Replace(" (Parameter '" + argument.ParamName + "')", "").TrimEnd(' ', '.');
                object? actual = (argument as ArgumentOutOfRangeException)?.ActualValue;
                return first + ": '" + argument.ParamName + "'" + (actual is null ? "" : " is " + Convert.ToString(actual, System.Globalization.CultureInfo.InvariantCulture)) + ".";
            }
            return string.Join(" ", lines);
        }
    }

    /// <summary>Thrown when the source has compile errors: the C# compiler already reports them, so the generator stays quiet.</summary>
    public sealed class SourceHasErrorsException : Exception
    {
        public SourceHasErrorsException() : base("The program's source has compile errors.") { }
    }
}
