using Circuits.Compiler;
using Xunit;

namespace Circuits.Tests
{
    public class SmokeTests
    {
        [Fact]
        public void LibraryBuildsIr() => Assert.Equal(ValueKind.Categorical, Library.InductionHead().Node.Kind);
    }
}
