using System;

namespace Circuits
{
    /// <summary>
    /// Marks the method of an [MpcProgram] class that picks the output register from the last round's state:
    /// <c>static MpcRegister Output(S state)</c>. Not needed when the last round returns the output register itself.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
    public sealed class MpcOutputAttribute : Attribute
    {
    }
}
