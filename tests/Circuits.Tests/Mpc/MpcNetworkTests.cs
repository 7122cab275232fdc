using System;
using System.Linq;
using Circuits.Mpc;
using Xunit;

namespace Circuits.Tests.Mpc
{
    /// <summary>The general MPC network against the model's definition (THEORY §5.1): delivery, order, and every limit.</summary>
    public class MpcNetworkTests
    {
        [Fact]
        public void ReceivingOneWordMoreThanSIsReportedWithMachineRoundAndCount()
        {
            var network = new MpcNetwork(machines: 4, localMemory: 2);
            // Round 1 is legal: every machine sends one word to its right neighbour.
            network.Round(step => step.Send((step.Machine + 1) % 4, step.Machine));
            // Round 2: machines 1, 2 and 3 each send one word to machine 0, which may receive s = 2.
            var e = Assert.Throws<MpcLimitException>(() => network.Round(step =>
            {
                if (step.Machine > 0) step.Send(0, step.Machine);
            }));
            Assert.Equal(MpcLimit.Receive, e.Limit);
            Assert.Equal(0, e.Machine);
            Assert.Equal(2, e.Round);
            Assert.Equal(3, e.Count);
            Assert.Equal(2, e.Bound);
            Assert.Contains("machine 0 receives 3 messages in round 2", e.Message);
        }

        [Fact]
        public void SendingHoldingAndAddressingBeyondTheModelAreReported()
        {
            var send = Assert.Throws<MpcLimitException>(() => new MpcNetwork(3, 2).Round(step =>
            {
                if (step.Machine == 1) step.Send(2, new[] { 1.0, 2, 3 }, 0, 3);
            }));
            Assert.Equal((MpcLimit.Send, 1, 1, (int?)3, 2), (send.Limit, send.Machine, send.Round, send.Count, send.Bound));

            var network = new MpcNetwork(3, 2);
            network.Round(_ => { });
            var memory = Assert.Throws<MpcLimitException>(() => network.Round(step =>
            {
                if (step.Machine == 2) step.Memory = new double[3];
            }));
            Assert.Equal((MpcLimit.Memory, 2, 2, (int?)3, 2), (memory.Limit, memory.Machine, memory.Round, memory.Count, memory.Bound));

            var destination = Assert.Throws<MpcLimitException>(() => new MpcNetwork(3, 2).Round(step =>
            {
                if (step.Machine == 0) step.Send(3, 1);
            }));
            Assert.Equal((MpcLimit.Destination, 0, 1, (int?)3, 3), (destination.Limit, destination.Machine, destination.Round, destination.Count, destination.Bound));

            var load = Assert.Throws<ArgumentException>(() => new MpcNetwork(3, 2).Load(1, new double[3]));
            Assert.Contains("machine 1 3 words; the local memory is s = 2", load.Message);
        }

        [Fact]
        public void RotationDeliversEveryWordToItsDestinationOncePerRound()
        {
            const int q = 5;
            var network = new MpcNetwork(q, 1);
            for (int m = 0; m < q; m++) network.Load(m, new double[] { 10 * m });
            for (int r = 1; r <= 7; r++)
            {
                network.Round(step =>
                {
                    // Take what arrived (nothing in round 1), pass it right, keep nothing.
                    var word = step.Inbox.Count == 1 ? step.Inbox[0].Word : step.Memory[0];
                    step.Memory = Array.Empty<double>();
                    step.Send((step.Machine + 1) % q, word);
                });
                for (int m = 0; m < q; m++)
                {
                    var inbox = network.Inbox(m);
                    Assert.Equal(1, inbox.Count);
                    Assert.Equal((m - 1 + q) % q, inbox[0].From);
                    Assert.Equal(10 * (((m - r) % q + q) % q), inbox[0].Word);
                }
            }
            Assert.Equal(7, network.Rounds);
            Assert.Equal(7L * q, network.Messages);
            Assert.Equal((1, 1, 1), (network.PeakMemory, network.PeakSent, network.PeakReceived));
        }

        [Fact]
        public void AnInboxIsOrderedBySenderThenBySendOrder()
        {
            var network = new MpcNetwork(4, 6);
            // Machines 1, 2 and 3 each send two words to machine 0.
            network.Round(step =>
            {
                if (step.Machine == 0) return;
                step.Send(0, 100 * step.Machine + 1);
                step.Send(0, 100 * step.Machine + 2);
            });
            var inbox = network.Inbox(0);
            var got = Enumerable.Range(0, inbox.Count).Select(k => (inbox[k].From, inbox[k].Word)).ToArray();
            Assert.Equal(new[] { (1, 101.0), (1, 102.0), (2, 201.0), (2, 202.0), (3, 301.0), (3, 302.0) }, got);
            Assert.Equal(0, network.Inbox(1).Count);
            Assert.Equal(6, network.PeakReceived);
            Assert.Equal(2, network.PeakSent);
        }
    }
}
