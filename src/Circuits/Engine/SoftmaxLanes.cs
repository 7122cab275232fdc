using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Circuits
{
    /// <summary>
    /// The vector-lane steps of the exact softmax, shared by the generic engine and the generated pass so that both compute the
    /// same function: which keys count, and their weights p_j = e^(s_j − m) with m the row's maximum score.
    /// </summary>
    /// <remarks>
    /// <para><b>Skipping keys below the floor.</b> A key with s_j − m below its head's floor gets weight 0 instead of
    /// e^(s_j − m), and a vector of keys none of which is within reach of the maximum costs no exp at all. The floor is
    /// <see cref="ExpFloor"/> (−100, e^−100 ≈ 3.7·10^−44) for any head, and −Δ/2 clamped to [−100, −4] for a head with a
    /// designed gap Δ in a precision its model is certified in (Circuits.Compiler.SoftmaxFloor says which, and why that
    /// changes no certified result: the top class trails the maximum by at most 2σ ≤ 2, and zeroing a leaking weight only
    /// shrinks the leak term of the certificate's bound). The summation depth only shrinks too (fewer terms, and no
    /// rescaling: m is the exact row maximum from a first pass).</para>
    /// <para><b>Exp.</b> <see cref="Vector.Exp(Vector{float})"/> is the vector algorithm TensorPrimitives.Exp uses (the
    /// certificate's ExpUlps covers it); its argument is always in [−100, 0] (inactive lanes are fed −100), where it stays on
    /// its vector path.</para>
    /// Used by the engine and by generated code; not meant to be called directly.
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SoftmaxLanes<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Keys per softmax block: each block's lanes are summed, then added to the running sums. Equal to the compiler's
        /// Margins.KeyBlock, with which the precision analysis bounds summation depth (a test checks they agree).
        /// </summary>
        public const int KeyBlock = 256;

        /// <summary>The floor of a head without a certified gap (Circuits.Compiler.SoftmaxFloor.Default): weights below it are 0; inactive lanes are fed it.</summary>
        public static readonly T ExpFloor = T.CreateChecked(Circuits.Compiler.SoftmaxFloor.Default);

        private static readonly Vector<T> Floor = new Vector<T>(ExpFloor);
        private static readonly Vector<T> LaneIndex = CreateLaneIndex();

        /// <summary>−∞ in every lane: the score of a lane past the last key.</summary>
        public static readonly Vector<T> MinusInfinity = new Vector<T>(T.NegativeInfinity);

        private static Vector<T> CreateLaneIndex()
        {
            Span<T> lanes = stackalloc T[Vector<T>.Count];
            for (int l = 0; l < lanes.Length; l++) lanes[l] = T.CreateChecked(l);
            return new Vector<T>(lanes);
        }

        /// <summary>A mask of the first <paramref name="n"/> lanes (all lanes when n ≥ the lane count).</summary>
        /// <param name="n">How many lanes hold keys.</param>
        /// <returns>All-ones bits in lanes below <paramref name="n"/>, zero elsewhere.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<T> Before(int n) => Vector.LessThan(LaneIndex, new Vector<T>(T.CreateTruncating(n)));

        /// <summary>The largest lane (NaN when any lane is NaN: Vector.Max propagates it).</summary>
        /// <param name="v">The lanes.</param>
        /// <returns>Their maximum.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T HorizontalMax(Vector<T> v)
        {
            T m = v[0];
            for (int l = 1; l < Vector<T>.Count; l++) m = Max(m, v[l]);
            return m;
        }

        /// <summary>The larger of two maxima, NaN when either is NaN (as Vector.Max, lane by lane).</summary>
        /// <param name="a">One maximum.</param>
        /// <param name="b">Another.</param>
        /// <returns>Their maximum.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Max(T a, T b) => T.IsNaN(a) ? a : T.IsNaN(b) || b > a ? b : a;

        /// <summary>
        /// Whether a key block whose largest score is <paramref name="blockMax"/> has a live lane under row maximum
        /// <paramref name="max"/> and the head's floor (see Circuits.Compiler.SoftmaxFloor): fl(s − m) is monotone in s, so
        /// the block's largest key decides for all of them.
        /// </summary>
        /// <param name="blockMax">The block's largest score.</param>
        /// <param name="max">The row's maximum.</param>
        /// <param name="floor">The head's floor, in [−100, −4].</param>
        /// <returns>False when every key of the block is below the floor.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Reaches(T blockMax, T max, T floor) => blockMax - max >= floor;

        /// <summary>
        /// The lanes that count: within the head's floor of the maximum (<paramref name="shifted"/> = s − m) and among the
        /// first <paramref name="remaining"/> lanes (the rest are past the block's last key).
        /// </summary>
        /// <param name="shifted">s_j − m per lane.</param>
        /// <param name="remaining">Keys left in the block from this vector on.</param>
        /// <param name="floor">The head's floor in every lane, in [−100, −4].</param>
        /// <returns>The mask of live lanes.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<T> Live(Vector<T> shifted, int remaining, Vector<T> floor)
        {
            var live = Vector.GreaterThanOrEqual(shifted, floor);
            return remaining < Vector<T>.Count ? live & Before(remaining) : live;
        }

        /// <summary>True when no lane of <paramref name="mask"/> is set.</summary>
        /// <param name="mask">A lane mask.</param>
        /// <returns>Whether it is empty.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool None(Vector<T> mask) => Vector.As<T, byte>(mask) == Vector<byte>.Zero;

        /// <summary>e^(s − m) in the live lanes, 0 elsewhere.</summary>
        /// <param name="shifted">s_j − m per lane.</param>
        /// <param name="live">The live lanes (see <see cref="Live(Vector{T}, int, Vector{T})"/>).</param>
        /// <returns>The softmax numerators' weights.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<T> Weights(Vector<T> shifted, Vector<T> live)
        {
            var argument = Vector.ConditionalSelect(live, shifted, Floor);
            Vector<T> e;
            if (typeof(T) == typeof(float)) e = Vector.Exp(Vector.As<T, float>(argument)).As<float, T>();
            else e = Vector.Exp(Vector.As<T, double>(argument)).As<double, T>();
            return Vector.ConditionalSelect(live, e, Vector<T>.Zero);
        }
    }
}
