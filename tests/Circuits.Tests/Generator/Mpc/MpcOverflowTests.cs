using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Circuits.Mpc;
using Circuits.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Circuits.Tests.Generator.Mpc
{
    /// <summary>
    /// A declared push round (every machine sends id + 1 to the machine its word names; output: the first message received):
    /// the generated Run equals Simulate and the definition while no machine gets more than s messages, and both report a
    /// receive overflow with the same machine and round when one gets s + 1.
    /// </summary>
    public class MpcOverflowTests
    {
        private const string Route = @"
        [Round]
        static MpcRegister Deliver(MpcBuilder m)
        {
            var payload = m.Local(""id+1"", MpcKind.Numerical, i => i + 1, m.Machine, ""+1"");
            var inbox = m.Send(""inbox"", to: m.Word, payload: payload);
            return inbox.Slots[0];
        }";

        private static Type Demo()
        {
            var (run, assembly) = MpcHarness.Load(MpcHarness.Program(Route, "MaxLength = 8, LocalMemory = 2"));
            Assert.Empty(run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            return assembly.GetType("User.Demo")!;
        }

        private static double[] Call(Type type, string name, int[] words)
        {
            try
            {
                return (double[])type.GetMethod(name, new[] { typeof(IReadOnlyList<int>) })!.Invoke(null, new object[] { words })!;
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }

        [Fact]
        public void WithinLimitsForwardEqualsSimulatorEqualsDefinition()
        {
            var type = Demo();
            var random = new Random(5);
            int checkedCount = 0;
            for (int k = 0; k < 400 && checkedCount < 150; k++)
            {
                int n = 1 + random.Next(8);
                var words = MpcInstances.Words(random, n, n);
                if (MpcTaskDefinitions.MaxInDegree(words) > 2) continue;
                var expected = MpcTaskDefinitions.FirstSender(words);
                Assert.Equal(expected, Call(type, "Run", words));
                Assert.Equal(expected, Call(type, "Simulate", words));
                checkedCount++;
            }
            Assert.True(checkedCount >= 100, "too few admissible instances: " + checkedCount);
        }

        [Fact]
        public void ReceiveOverflowIsReportedByBothWithMachineAndRound()
        {
            var type = Demo();
            int[] words = { 3, 3, 0, 3, 1 };   // machine 3 receives 3 messages; s = 2
            var forward = Assert.Throws<MpcLimitException>(() => Call(type, "Run", words));
            var simulated = Assert.Throws<MpcLimitException>(() => Call(type, "Simulate", words));
            foreach (var e in new[] { forward, simulated })
            {
                Assert.Equal(MpcLimit.Receive, e.Limit);
                Assert.Equal(3, e.Machine);
                Assert.Equal(1, e.Round);
                Assert.Equal(2, e.Bound);
            }
        }
    }
}
