namespace Circuits
{
    /// <summary>How an indexed pass runs one attention head: looked up, or exact softmax and why.</summary>
    public sealed class HeadExecution
    {
        internal HeadExecution(int layer, int head, string label, bool indexed, string description)
        {
            Layer = layer;
            Head = head;
            Label = label;
            Indexed = indexed;
            Description = description;
        }

        /// <summary>The layer (0-based).</summary>
        public int Layer { get; }

        /// <summary>The head's index in its layer (0-based).</summary>
        public int Head { get; }

        /// <summary>The head's label from the model.</summary>
        public string Label { get; }

        /// <summary>True when the head is looked up (hard attention); false when it runs exact softmax.</summary>
        public bool Indexed { get; }

        /// <summary>For an indexed head, what it matches and how it scans; otherwise why it runs exactly.</summary>
        public string Description { get; }

        /// <summary>One line: "layer 1 head 0 (read induction): indexed, equality on ...".</summary>
        /// <returns>The line.</returns>
        public override string ToString()
            => $"layer {Layer} head {Head} ({Label}): {(Indexed ? "indexed" : "exact softmax")}, {Description}";
    }
}
