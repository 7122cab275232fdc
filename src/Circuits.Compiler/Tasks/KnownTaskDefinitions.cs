using System;
using Circuits.Compiler;

namespace Circuits.Tasks
{
    /// <summary>
    /// What a declared <c>[Computes(KnownTask.X)]</c> means on one input, from <see cref="TaskDefinitions"/>: the oracle the
    /// build-time check compares a compiled model with. Every task is read on the whole sequence, except
    /// <see cref="KnownTask.Length"/>, which under a causal mask is the number of tokens a position sees; so a causal model
    /// declared as <see cref="KnownTask.Reverse"/>, <see cref="KnownTask.Sort"/> or <see cref="KnownTask.Histogram"/> is
    /// (rightly) reported, since no position can see the tokens after it.
    /// </summary>
    public static class KnownTaskDefinitions
    {
        /// <summary>True when the task has a definition on token sequences (the graph tasks have no fixed encoding yet).</summary>
        /// <param name="task">The declared task.</param>
        public static bool Defines(KnownTask task) => task switch
        {
            KnownTask.InductionHead or KnownTask.KHop or KnownTask.Reverse or KnownTask.Sort or KnownTask.Histogram
                or KnownTask.Shift or KnownTask.Length or KnownTask.PrefixSum => true,
            _ => false,
        };

        /// <summary>True when the task's outputs are tokens (printed as symbols), false when they are numbers.</summary>
        /// <param name="task">The declared task.</param>
        public static bool TokenValued(KnownTask task) => task switch
        {
            KnownTask.InductionHead or KnownTask.KHop or KnownTask.Reverse or KnownTask.Sort or KnownTask.Shift => true,
            _ => false,
        };

        /// <summary>The task's output on <paramref name="x"/> (token ids), one value per position, NaN for ⊥.</summary>
        /// <param name="task">The declared task; <see cref="Defines"/> must hold.</param>
        /// <param name="k">The hop count for <see cref="KnownTask.KHop"/> (≥ 0; ignored otherwise).</param>
        /// <param name="x">The tokens, at least one.</param>
        /// <param name="causal">Whether the model is causal (only <see cref="KnownTask.Length"/> depends on it).</param>
        /// <exception cref="ArgumentException">The task has no definition, or <paramref name="x"/> is empty.</exception>
        public static double[] Expected(KnownTask task, int k, int[] x, bool causal)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            if (x.Length == 0) throw new ArgumentException("the input is empty; tasks are defined on at least 1 token", nameof(x));
            return task switch
            {
                KnownTask.InductionHead => TaskDefinitions.InductionHead(x),
                KnownTask.KHop => TaskDefinitions.KHop(x, k),
                KnownTask.Reverse => TaskDefinitions.Reverse(x),
                KnownTask.Sort => TaskDefinitions.Sort(x),
                KnownTask.Histogram => TaskDefinitions.Histogram(x),
                KnownTask.Shift => TaskDefinitions.Shift(x, 1),
                KnownTask.Length => TaskDefinitions.Length(x.Length, causal),
                KnownTask.PrefixSum => TaskDefinitions.PrefixSum(x),
                _ => throw new ArgumentException($"{task} has no definition on token sequences", nameof(task)),
            };
        }
    }
}
