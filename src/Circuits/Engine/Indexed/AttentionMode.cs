namespace Circuits
{
    /// <summary>How a forward pass evaluates attention heads.</summary>
    public enum AttentionMode
    {
        /// <summary>Softmax over every visible key, as the weights say: the certified semantics (<see cref="Engine.Create(Circuits.Compiler.CompiledModel, Circuits.Compiler.NumericType)"/>).</summary>
        Exact,
        /// <summary>
        /// Hard attention: heads the compiler proved hard and recorded as exact matches are looked up (O(N) per head) instead of
        /// scored; every other head runs exact softmax in the same pass (<see cref="Engine.CreateIndexed(Circuits.Compiler.CompiledModel, Circuits.Compiler.NumericType)"/>).
        /// </summary>
        Indexed,
    }
}
