using Microsoft.CodeAnalysis;

namespace Circuits.Generator.Interpreter
{
    public sealed partial class StagingInterpreter
    {
        /// <summary>
        /// Interprets a static method of the user's source with bound arguments: an [MpcProgram] round called with the real
        /// <c>MpcBuilder</c> and the previous round's state, exactly as the generated code calls it at run time.
        /// </summary>
        public object? RunMethod(IMethodSymbol method, object?[] arguments, SyntaxNode reportAt) => Call(method, arguments, reportAt);
    }
}
