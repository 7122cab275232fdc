using System;
using System.Collections.Generic;
using System.Globalization;

namespace Circuits.Mpc
{
    /// <summary>
    /// Builds the protocol an [MpcProgram] class declares: each [Round] method, repeated as its attribute says, opens a round
    /// of an <see cref="MpcBuilder"/> and threads its state to the next; the output method picks the output register. Used by
    /// the generator at build time (through its interpreter) and by the generated code at run time.
    /// </summary>
    public static class MpcDeclaration
    {
        /// <summary>
        /// How many times a round runs at maximum length <paramref name="maxLength"/>: <paramref name="times"/> (1 when 0) for
        /// <see cref="RoundRepeat.Once"/>, ⌈log2 N⌉ for <see cref="RoundRepeat.Log2N"/>; plus <paramref name="plus"/>, at least 0.
        /// </summary>
        public static int Repetitions(RoundRepeat repeat, int times, int plus, int maxLength)
        {
            if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "N must be at least 1.");
            if (times < 0) throw new ArgumentOutOfRangeException(nameof(times), times, "Times cannot be negative.");
            long count = repeat switch
            {
                RoundRepeat.Once => times == 0 ? 1 : times,
                RoundRepeat.Log2N => MpcLibrary.CeilLog2(maxLength),
                _ => throw new ArgumentOutOfRangeException(nameof(repeat), repeat, "Unknown round repeat."),
            } + (long)plus;
            return (int)Math.Max(0, Math.Min(count, 1 << 16));
        }

        /// <summary>The name of repetition <paramref name="index"/> of a round that runs <paramref name="count"/> times.</summary>
        public static string RoundName(string method, int index, int count)
            => count == 1 ? method : method + " " + (index + 1).ToString(CultureInfo.InvariantCulture);

        /// <summary>Runs the declared rounds against a new builder and returns the protocol.</summary>
        /// <param name="name">The protocol's name (the class name).</param>
        /// <param name="maxLength">N.</param>
        /// <param name="localMemory">s.</param>
        /// <param name="wordRange">W.</param>
        /// <param name="rounds">The [Round] methods in declaration order.</param>
        /// <param name="output">The output register from the last state; null when the last state is the output register itself.</param>
        /// <exception cref="ArgumentException">No round runs, or the last state is not a register and no output method is given.</exception>
        public static MpcProtocol Build(string name, int maxLength, int localMemory, int wordRange, IReadOnlyList<MpcRoundDeclaration> rounds, Func<object?, MpcRegister>? output)
        {
            if (rounds is null) throw new ArgumentNullException(nameof(rounds));
            var builder = new MpcBuilder(name, maxLength, localMemory, wordRange);
            object? state = null;
            int opened = 0;
            foreach (var round in rounds)
                for (int j = 0; j < round.Count; j++)
                {
                    builder.Round(RoundName(round.Name, j, round.Count));
                    opened++;
                    state = round.Body(builder, state, j);
                }
            if (opened == 0) throw new ArgumentException($"'{name}' runs no round at N = {maxLength}.", nameof(rounds));
            var register = output != null ? output(state)
                : state as MpcRegister ?? throw new ArgumentException($"the last round of '{name}' returns {(state is null ? "null" : state.GetType().Name)}, not a register; mark a method [MpcOutput] that picks the output register from it.", nameof(output));
            return builder.Build(register);
        }
    }
}
