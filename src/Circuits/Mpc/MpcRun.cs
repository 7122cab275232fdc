using System;
using System.Collections.Generic;
using System.Linq;
using Circuits.Compiler;

namespace Circuits.Mpc
{
    /// <summary>Runs a compiled protocol on the engine and turns fault codes in its outputs into <see cref="MpcLimitException"/>.</summary>
    public static class MpcRun
    {
        /// <summary>
        /// The compiled model's outputs on <paramref name="input"/> (one word per machine), NaN for ⊥, exactly as the
        /// simulator would give them.
        /// </summary>
        /// <exception cref="ArgumentException">The input is empty, longer than N, or holds a word outside 0..W−1.</exception>
        /// <exception cref="MpcLimitException">A machine received more than s messages in a round, or sent to a machine that does not exist.</exception>
        public static double[] Forward(MpcModel model, IForwardPass pass, IReadOnlyList<int> input)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(pass);
            MpcSimulator.CheckInput(model.Protocol, input);
            return model.Check(pass.Forward(input.ToArray()));
        }

        /// <summary>Compiles nothing: a forward pass over the model in <paramref name="precision"/>, then <see cref="Forward(MpcModel, IForwardPass, IReadOnlyList{int})"/>.</summary>
        public static double[] Forward(MpcModel model, IReadOnlyList<int> input, NumericType precision = NumericType.Float64)
        {
            ArgumentNullException.ThrowIfNull(model);
            return Forward(model, Engine.Create(model.Model, precision), input);
        }
    }
}
