using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>Compiles a catalog entry: the one place that turns (program, k, vocabulary, N, precision) into a model.</summary>
    public static class Compilation
    {
        /// <summary>Compiles <paramref name="entry"/>; k-hop models are named after their k ("16-hop") so cards tell them apart.</summary>
        /// <exception cref="CompileException">No exact model can be built.</exception>
        public static CompiledModel Compile(ProgramEntry entry, int k, string vocab, int maxLength, NumericType precision)
        {
            var options = ProgramCatalog.Options(entry.Name, vocab, maxLength, precision);
            if (UsesK(entry)) { options.Name = k + "-hop"; options.K = k; }
            return CircuitCompiler.Compile(entry.Build(k), options);
        }

        /// <summary>Whether the entry's program depends on k (only k-hop does).</summary>
        public static bool UsesK(ProgramEntry entry) => entry.Name == "k-hop";
    }
}
