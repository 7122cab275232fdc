using System;

namespace Circuits.Compiler
{
    /// <summary>
    /// Emits C# source for a forward pass specialised to one compiled model (issue 3): dimensions as constants,
    /// weights as static data, structurally zero blocks skipped. Pure: same model in, same text out.
    /// </summary>
    public static class ForwardPassEmitter
    {
        /// <summary>
        /// The body of a <c>static partial class</c> named <paramref name="className"/> in <paramref name="namespaceName"/>
        /// (null or empty for the global namespace), as a complete C# file. Not implemented yet.
        /// </summary>
        public static string Emit(CompiledModel model, string? namespaceName, string className)
            => throw new NotImplementedException("The specialised forward-pass emitter is being written (issue 3).");
    }
}
