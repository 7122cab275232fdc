using System;
using System.Linq;
using Circuits.Compiler;
using Circuits.Mpc;
using Circuits.Tasks;
using Xunit;

namespace Circuits.Tests.Mpc
{
    /// <summary>Sample sort: compiled forward pass = simulator = the sorted words, and the regular-sampling bucket bound.</summary>
    public class SampleSortTests
    {
        /// <summary>
        /// At several (N, W, g, m): 250 instances each by default (2,000 with CIRCUITS_MPC_FULL=1) aimed at corners (all equal, sorted, reversed, two values, only 0 and W−1,
        /// distinct, nearly sorted; lengths N, 1, 2 first), none of which may overflow a bucket, in the given precision.
        /// </summary>
        [Theory]
        [InlineData(1, 4, 0, 0, "float64")]
        [InlineData(16, 16, 0, 0, "float64")]
        [InlineData(24, 8, 6, 2, "float64")]
        [InlineData(64, 16, 0, 0, "float64")]
        public void SortsExactly(int n, int words, int blockSize, int sampleStride, string precisionName)
        {
            if (n > 24 && !MpcParity.Full) return; // N = 64 (6 s of compile, a second per hundred instances) in the acceptance sweep only
            var precision = precisionName == "float32" ? NumericType.Float32 : NumericType.Float64;
            var model = MpcCompiler.Compile(MpcLibrary.SampleSort(n, words, blockSize, sampleStride), precision);
            Assert.Contains(precisionName, model.Model.Card.Certified);
            Assert.True(model.Protocol.LocalMemory >= MpcLibrary.BucketCapacity(n, blockSize > 0 ? blockSize : MpcLibrary.SampleSortShape(n).BlockSize, sampleStride > 0 ? sampleStride : MpcLibrary.SampleSortShape(n).SampleStride));
            int instances = MpcParity.Full ? 2000 : 250;
            int exact = MpcParity.Check(model, MpcTaskDefinitions.Sorted, (r, len) => MpcInstances.SortInput(r, len, words), instances, seed: n + words, precision);
            Assert.Equal(instances, exact);
        }

        /// <summary>
        /// Float32 is refused with CIRC0201, never silently inexact: the push round's counting heads (earlier senders to the same
        /// machine, messages to me) and the associative reads' tie-break need about 40 bits already at N = 16.
        /// </summary>
        [Fact]
        public void Float32IsRefusedLoudly()
        {
            var e = Assert.Throws<CompileException>(() => MpcCompiler.Compile(MpcLibrary.SampleSort(16, 16), NumericType.Float32));
            Assert.Equal(CompileError.NotCertified, e.Error);
        }

        /// <summary>
        /// The bucket bound ⌈N/g⌉·(m − 1) + 1 holds on inputs built to strain it (the simulator throws on any receive
        /// overflow), and the bucket sizes computed from the definition stay within it.
        /// </summary>
        [Theory]
        [InlineData(64, 8, 8, 4)]
        [InlineData(48, 6, 16, 4)]
        [InlineData(30, 4, 7, 3)]
        public void BucketsNeverOverflow(int n, int words, int blockSize, int sampleStride)
        {
            var protocol = MpcLibrary.SampleSort(n, words, blockSize, sampleStride);
            int c = MpcLibrary.BucketCapacity(n, blockSize, sampleStride);
            var inbox = protocol.Rounds.SelectMany(r => r.Statements).OfType<MpcSend>().Single();
            Assert.Equal(c, inbox.Inbox.Count);
            var rng = new Random(n);
            int largest = 0;
            for (int t = 0; t < 400; t++)
            {
                int len = t < 200 ? n : rng.Next(1, n + 1);
                int[] x = t % 2 == 0 ? MpcInstances.SortInput(rng, len, words) : Strained(rng, len, words, blockSize, sampleStride);
                var simulated = MpcSimulator.Run(protocol, x);
                MpcParity.Same(MpcTaskDefinitions.Sorted(x), simulated, $"simulator [{MpcParity.Show(x)}]");
                largest = Math.Max(largest, BucketSizes(x, blockSize, sampleStride).Max());
            }
            Assert.True(largest <= c, $"a bucket of {largest} > c = {c}");
        }

        /// <summary>The CLI catalog entry builds this protocol, and it sorts (ties, extremes and both ends of the word range).</summary>
        [Fact]
        public void CatalogEntryIsTheProtocol()
        {
            var entry = ProgramCatalog.FindMpc("sample-sort");
            Assert.NotNull(entry);
            var x = new[] { 15, 3, 3, 0, 7, 15, 0, 1, 2, 2, 9, 4, 4, 4, 8, 15 };
            Assert.Equal(MpcTaskDefinitions.Sorted(x), MpcSimulator.Run(entry!.Protocol(16), x));
        }

        /// <summary>
        /// Inputs against the sampler: in each block the words just above the sampled ranks are equal to the next sample's,
        /// so many keys crowd between two samples (sorted blocks with a staircase of duplicates).
        /// </summary>
        private static int[] Strained(Random rng, int n, int words, int g, int m)
        {
            var x = new int[n];
            for (int i = 0; i < n; i++)
            {
                int offset = i % g;
                x[i] = rng.Next(3) switch
                {
                    0 => Math.Min(words - 1, offset / m),
                    1 => Math.Min(words - 1, (offset + m - 1) / m + i / g % 2),
                    _ => rng.Next(words),
                };
            }
            return x;
        }

        /// <summary>The bucket sizes of regular sampling, computed from the definition (not from the protocol).</summary>
        private static int[] BucketSizes(int[] x, int g, int m)
        {
            int n = x.Length;
            // Keys (word, position); the samples are the keys of block rank 0, m, 2m, ...
            var samples = Enumerable.Range(0, (n + g - 1) / g)
                .SelectMany(b => Enumerable.Range(b * g, Math.Min(g, n - b * g)).OrderBy(i => x[i]).ThenBy(i => i).Where((_, r) => r % m == 0))
                .ToList();
            var sizes = new int[samples.Count + 1];
            for (int i = 0; i < n; i++)
                sizes[samples.Count(j => x[j] < x[i] || (x[j] == x[i] && j < i))]++;
            return sizes;
        }
    }
}
