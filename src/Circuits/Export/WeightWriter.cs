namespace Circuits.Export
{
    /// <summary>Writes weights as initializers in the compute type, narrowed (and checked finite) the way the engine narrows them.</summary>
    internal sealed class WeightWriter
    {
        private readonly OnnxGraph _graph;
        private readonly bool _single;

        public WeightWriter(OnnxGraph graph, bool single)
        {
            _graph = graph;
            _single = single;
        }

        public string Matrix(string name, double[] data, int rows, int cols) => Tensor(name, data, new long[] { rows, cols });

        public string Tensor(string name, double[] data, long[] dims)
            => _single
                ? _graph.Floats(name, dims, Weights<float>.Convert(data, name))
                : _graph.Doubles(name, dims, Weights<double>.Convert(data, name));
    }
}
