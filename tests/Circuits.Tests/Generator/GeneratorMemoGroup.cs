using Xunit;

namespace Circuits.Tests.Generator
{
    /// <summary>
    /// Tests that count or churn the generator's process-wide compile memo (bounded, 32 entries) run one at a time: the
    /// declaration fuzz test compiles dozens of models, which would evict the entry an incrementality test counts on.
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class GeneratorMemoGroup
    {
        public const string Name = "Generator compile memo";
    }
}
