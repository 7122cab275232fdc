using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Circuits
{
    /// <summary>
    /// The vector operations the code packing uses, over one vector type: <see cref="IndexedAttention{T}"/> writes its packing
    /// once and runs it on <see cref="Vector512{T}"/> where the hardware has 512-bit vectors (<see cref="Vector{T}"/> is only
    /// 256 bits there), else on <see cref="Vector{T}"/>. Masks are all-ones lanes, as in <see cref="Vector"/>.
    /// </summary>
    internal interface ILanes<TV, T> where T : unmanaged
    {
        /// <summary>Lanes per vector.</summary>
        static abstract int Count { get; }
        /// <summary>All lanes 0.</summary>
        static abstract TV Zero { get; }
        /// <summary>All lanes 1.</summary>
        static abstract TV One { get; }
        /// <summary>Every lane <paramref name="value"/>.</summary>
        static abstract TV Splat(T value);
        /// <summary>The lanes at <paramref name="source"/> + <paramref name="offset"/>.</summary>
        static abstract TV Load(ref T source, nuint offset);
        /// <summary>Lane-wise a = b.</summary>
        static abstract TV Equal(TV a, TV b);
        /// <summary>Lane-wise a &gt; b.</summary>
        static abstract TV Greater(TV a, TV b);
        /// <summary>Lane-wise a &amp; b.</summary>
        static abstract TV And(TV a, TV b);
        /// <summary>Lane-wise a | b.</summary>
        static abstract TV Or(TV a, TV b);
        /// <summary>Lane-wise ~a.</summary>
        static abstract TV Not(TV a);
        /// <summary>Lane-wise a + b.</summary>
        static abstract TV Add(TV a, TV b);
        /// <summary>Lane-wise a · b.</summary>
        static abstract TV Multiply(TV a, TV b);
        /// <summary>Lane-wise mask ? a : b.</summary>
        static abstract TV Select(TV mask, TV a, TV b);
        /// <summary>Stores the lanes (integers exact in T) as longs at <paramref name="codes"/>[<paramref name="p"/>..].</summary>
        static abstract void StoreLongs(TV value, long[] codes, int p);
    }

    /// <summary><see cref="ILanes{TV, T}"/> on <see cref="Vector{T}"/>: the width every machine with vectors has.</summary>
    internal readonly struct NativeLanes<T> : ILanes<Vector<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static int Count => Vector<T>.Count;
        public static Vector<T> Zero => Vector<T>.Zero;
        public static Vector<T> One => Vector<T>.One;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Splat(T value) => new(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Load(ref T source, nuint offset) => Vector.LoadUnsafe(ref source, offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Equal(Vector<T> a, Vector<T> b) => Vector.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Greater(Vector<T> a, Vector<T> b) => Vector.GreaterThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> And(Vector<T> a, Vector<T> b) => a & b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Or(Vector<T> a, Vector<T> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Not(Vector<T> a) => ~a;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Add(Vector<T> a, Vector<T> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Multiply(Vector<T> a, Vector<T> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Select(Vector<T> mask, Vector<T> a, Vector<T> b) => Vector.ConditionalSelect(mask, a, b);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreLongs(Vector<T> value, long[] codes, int p)
        {
            if (typeof(T) == typeof(float))
            {
                Vector.Widen(Vector.ConvertToInt32(value.As<T, float>()), out Vector<long> low, out Vector<long> high);
                low.StoreUnsafe(ref codes[p]);
                high.StoreUnsafe(ref codes[p], (nuint)Vector<long>.Count);
            }
            else if (typeof(T) == typeof(double)) Vector.ConvertToInt64(value.As<T, double>()).StoreUnsafe(ref codes[p]);
            else
            {
                for (int l = 0; l < Vector<T>.Count; l++) codes[p + l] = long.CreateTruncating(value[l]);
            }
        }
    }

    /// <summary><see cref="ILanes{TV, T}"/> on <see cref="Vector512{T}"/>: used only where it is hardware accelerated.</summary>
    internal readonly struct WideLanes<T> : ILanes<Vector512<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static int Count => Vector512<T>.Count;
        public static Vector512<T> Zero => Vector512<T>.Zero;
        public static Vector512<T> One => Vector512<T>.One;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Splat(T value) => Vector512.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Load(ref T source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Equal(Vector512<T> a, Vector512<T> b) => Vector512.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Greater(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> And(Vector512<T> a, Vector512<T> b) => a & b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Or(Vector512<T> a, Vector512<T> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Not(Vector512<T> a) => ~a;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Select(Vector512<T> mask, Vector512<T> a, Vector512<T> b) => Vector512.ConditionalSelect(mask, a, b);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreLongs(Vector512<T> value, long[] codes, int p)
        {
            if (typeof(T) == typeof(float))
            {
                var (low, high) = Vector512.Widen(Vector512.ConvertToInt32(value.As<T, float>()));
                low.StoreUnsafe(ref codes[p]);
                high.StoreUnsafe(ref codes[p], (nuint)Vector512<long>.Count);
            }
            else if (typeof(T) == typeof(double)) Vector512.ConvertToInt64(value.As<T, double>()).StoreUnsafe(ref codes[p]);
            else
            {
                for (int l = 0; l < Vector512<T>.Count; l++) codes[p + l] = long.CreateTruncating(value[l]);
            }
        }
    }
}
