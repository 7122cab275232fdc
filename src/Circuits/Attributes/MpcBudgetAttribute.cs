using System;

namespace Circuits
{
    /// <summary>
    /// An MPC program's resource budget per machine and round (0 = unconstrained), checked at build time (CIRC0301–0304):
    /// words held, words sent (pull requests and push messages), words received (pulled words and the s-word inbox of a
    /// push round) and rounds. The compiled model's own budget is [Budget], as for circuits.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    public sealed class MpcBudgetAttribute : Attribute
    {
        /// <summary>The most rounds R.</summary>
        public int Rounds { get; set; }

        /// <summary>The most words a machine holds at once.</summary>
        public int Memory { get; set; }

        /// <summary>The most words a machine sends in one round.</summary>
        public int Sends { get; set; }

        /// <summary>The most words a machine receives in one round.</summary>
        public int Receives { get; set; }
    }
}
