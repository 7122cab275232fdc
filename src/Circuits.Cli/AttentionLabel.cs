using System.IO;
using System.Linq;

namespace Circuits.Cli
{
    /// <summary>
    /// The label an indexed pass prints before its results, so hard attention is never mistaken for the model's softmax:
    /// the mode, what it promises, and how each head runs. Exact passes print nothing (their output is unchanged).
    /// </summary>
    internal static class AttentionLabel
    {
        public static void Write(IForwardPass pass, TextWriter writer)
        {
            if (pass is not IIndexedForwardPass indexed) return;
            writer.WriteLine($"attention: indexed (hard attention, not softmax; equal to exact mode where the certificate proves heads hard): "
                + $"{indexed.Heads.Count(h => h.Indexed)} of {indexed.Heads.Count} heads looked up, the rest exact softmax");
            foreach (var head in indexed.Heads) writer.WriteLine("  " + head);
        }
    }
}
