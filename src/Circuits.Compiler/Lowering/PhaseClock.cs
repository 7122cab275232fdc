using System;
using System.Diagnostics;

namespace Circuits.Compiler
{
    /// <summary>
    /// Compile-phase timing, for finding where compile time goes. The core reads no environment (it also runs inside the
    /// analyzer), so a host switches it on by setting <see cref="Listener"/> (the CLI does when CIRCUITS_PHASES=1). Never
    /// changes what is compiled.
    /// </summary>
    public static class PhaseClock
    {
        /// <summary>Receives each phase's name and wall time in milliseconds; null (the default) times nothing.</summary>
        public static Action<string, long>? Listener { get; set; }

        /// <summary>Runs <paramref name="phase"/> and, when a listener is set, reports its time under <paramref name="name"/>.</summary>
        internal static T Time<T>(string name, Func<T> phase)
        {
            var listener = Listener;
            if (listener is null) return phase();
            var clock = Stopwatch.StartNew();
            try { return phase(); }
            finally { listener(name, clock.ElapsedMilliseconds); }
        }

        /// <summary>Runs <paramref name="phase"/> and, when a listener is set, reports its time under <paramref name="name"/>.</summary>
        internal static void Time(string name, Action phase) => Time(name, () => { phase(); return 0; });
    }
}
