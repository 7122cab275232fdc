using System;
using System.Globalization;

namespace Circuits.Compiler
{
    /// <summary>
    /// A compile-time failure: the model cannot be built exactly. Carries the typed code, the numbers that say why (in the
    /// message), and the program node at fault — the node the user built, so a front end can point at the call that made it.
    /// </summary>
    public sealed class CompileException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="error">What went wrong.</param>
        /// <param name="message">Why, with the numbers.</param>
        /// <param name="node">The label of the node at fault, if any.</param>
        /// <param name="offender">The node at fault (an <see cref="SOp"/> or a <see cref="Selector"/>), if any.</param>
        public CompileException(CompileError error, string message, string? node = null, object? offender = null) : base(message)
        {
            Error = error; Node = node; Offender = offender;
        }

        /// <summary>What went wrong.</summary>
        public CompileError Error { get; }

        /// <summary>The stable diagnostic ID: CIRC and the error's four digits.</summary>
        public string Code => "CIRC" + ((int)Error).ToString("D4", CultureInfo.InvariantCulture);

        /// <summary>The label of the node at fault, when there is one.</summary>
        public string? Node { get; }

        /// <summary>
        /// The node at fault as the program built it (an <see cref="SOp"/> or a <see cref="Selector"/>), when the compiler can
        /// trace it back; null for whole-model failures and for nodes the compiler derived itself.
        /// </summary>
        public object? Offender { get; internal set; }
    }
}
