using System;

namespace Circuits.Compiler
{
    /// <summary>
    /// How far below a row's maximum score a key may fall and still get a softmax weight, per head. Engines give every key
    /// with s − m below the floor weight 0 and skip whole key blocks below it (the runtime's SoftmaxLanes).
    /// </summary>
    /// <remarks>
    /// <para>Why a floor is exact: the precision analysis splits a head's keys into the top class (the keys the head must
    /// select, or the BOS sink when none is), whose computed scores are within 2σ of the row maximum, with σ ≤ 1 the score
    /// rounding slack it certifies, and leaking keys, whose error term grows with every leaking weight (the output is a weighted
    /// mean of the top class plus the leak). A floor below −2σ never cuts a top-class key, and zeroing a leaking weight only
    /// shrinks the leak, so every bound of the certificate still holds and the decoded outputs are the certified ones.</para>
    /// <para><see cref="Default"/> (−100, e^−100 ≈ 3.7·10^−44) holds for any head. A head the compiler built carries its
    /// designed gap Δ (<see cref="AttentionHead.Gap"/>): every leaking key is at least Δ − 2σ below the maximum, so in a
    /// precision the model is certified in the floor is −Δ/2, at least 4 below the maximum (twice the largest 2σ) and at most
    /// 100: only the top class is weighed, so a hard head costs one exponential per query instead of one per key.</para>
    /// </remarks>
    public static class SoftmaxFloor
    {
        /// <summary>The floor of a head without a certified gap.</summary>
        public const double Default = -100;

        /// <summary>The highest floor used: 4 below the maximum, twice the 2σ ≤ 2 by which a top-class key may trail it.</summary>
        public const double Highest = -4;

        /// <summary>The floor of <paramref name="head"/> when <paramref name="certified"/> says the running precision is one the model's certificate covers.</summary>
        /// <param name="head">The head.</param>
        /// <param name="certified">Whether the pass computes in a numeric type the model is certified exact in.</param>
        /// <returns>A number in [−100, −4].</returns>
        public static double For(AttentionHead head, bool certified)
        {
            if (head is null) throw new ArgumentNullException(nameof(head));
            if (!certified || !(head.Gap > 0) || double.IsInfinity(head.Gap)) return Default;
            return Math.Max(Default, Math.Min(Highest, -head.Gap / 2));
        }

        /// <summary>
        /// Whether <paramref name="model"/>'s card certifies it exact in <paramref name="precision"/>, for these weights: the card
        /// lists the type ("float32", "float64") and its <see cref="ModelCard.WeightsDigest"/> is the weights' digest (a model
        /// changed after compilation, or built by hand, keeps the floor of −100 on every head).
        /// </summary>
        /// <param name="model">The model.</param>
        /// <param name="precision">The numeric type a pass computes in.</param>
        /// <returns>True when the certificate covers this pass.</returns>
        public static bool Certifies(CompiledModel model, NumericType precision)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            var card = model.Card;
            string name = precision == NumericType.Float32 ? "float32" : "float64";
            if (card is null || Array.IndexOf(card.Certified ?? Array.Empty<string>(), name) < 0) return false;
            return !string.IsNullOrEmpty(card.WeightsDigest) && card.WeightsDigest == ModelDigest.Of(model);
        }
    }
}
