using System;

namespace Circuits
{
    /// <summary>
    /// Marks the one static, parameterless method of a <see cref="CircuitAttribute"/> class that returns the program (an
    /// <c>SOp</c>). The generator interprets its body at build time; the generated members call it at run time.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
    public sealed class ProgramAttribute : Attribute
    {
    }
}
