namespace Circuits.Mpc
{
    /// <summary>
    /// An f-ary tree laid over a list of machines as a heap: member 0 is the root, member t's children are f·t + 1 … f·t + f.
    /// The converse's fan-out (broadcast) and fan-in (sum) trees are all of this shape, so a machine finds its parent,
    /// children and depth from its place in the list alone.
    /// </summary>
    internal static class HeapTree
    {
        public static int Parent(int member, int arity) => (member - 1) / arity;

        /// <summary>The children of <paramref name="member"/> in a tree of <paramref name="size"/> members, as [first, end).</summary>
        public static void Children(int member, int arity, int size, out int first, out int end)
        {
            long f = (long)arity * member + 1;
            first = (int)System.Math.Min(f, size);
            end = (int)System.Math.Min(f + arity, size);
        }

        public static int Depth(int member, int arity)
        {
            int depth = 0;
            for (; member > 0; member = (member - 1) / arity) depth++;
            return depth;
        }
    }
}
