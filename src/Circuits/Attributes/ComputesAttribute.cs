using System;
using Circuits.Compiler;

namespace Circuits
{
    /// <summary>
    /// Declares which known task a circuit computes, so that its budget can be checked against the task's proven
    /// lower bounds (docs/theory.md, THEORY §4.8) and its outputs against the task definition.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    public sealed class ComputesAttribute : Attribute
    {
        /// <summary>Declares the task.</summary>
        /// <param name="task">The task the circuit computes.</param>
        public ComputesAttribute(KnownTask task) => Task = task;

        /// <summary>The task the circuit computes.</summary>
        public KnownTask Task { get; }

        /// <summary>The hop count for <see cref="KnownTask.KHop"/> (ignored otherwise).</summary>
        public int K { get; set; }
    }
}
