using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Circuits.Generator.Model
{
    /// <summary>
    /// An immutable array with value equality, so pipeline models that hold one compare by content and the
    /// incremental driver can tell "unchanged" from "new" (ImmutableArray compares by reference).
    /// </summary>
    public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        private readonly T[]? _items;

        public EquatableArray(IEnumerable<T> items) => _items = new List<T>(items).ToArray();

        public static EquatableArray<T> Empty => default;

        public int Count => _items?.Length ?? 0;

        public T this[int index] => (_items ?? Array.Empty<T>())[index];

        public bool Equals(EquatableArray<T> other)
        {
            var a = _items ?? Array.Empty<T>();
            var b = other._items ?? Array.Empty<T>();
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (!EqualityComparer<T>.Default.Equals(a[i], b[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int h = 17;
                foreach (var item in _items ?? Array.Empty<T>()) h = h * 31 + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item));
                return h;
            }
        }

        /// <summary>
        /// The items, in order, so a record holding this array prints its content (the default is the type's name). The
        /// compile memo does not key by this text: <see cref="Pipeline.MemoKey"/> writes each field itself.
        /// </summary>
        public override string ToString() => "[" + string.Join(", ", _items ?? Array.Empty<T>()) + "]";

        public ImmutableArray<T> AsImmutableArray() => _items is null ? ImmutableArray<T>.Empty : ImmutableArray.Create(_items);

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
    }

    /// <summary>Builds <see cref="EquatableArray{T}"/>s.</summary>
    public static class EquatableArray
    {
        public static EquatableArray<T> From<T>(IEnumerable<T> items) where T : IEquatable<T> => new EquatableArray<T>(items);
    }
}
