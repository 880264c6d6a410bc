package io.ferrum.sequencer.cluster;

import io.ferrum.codecs.sbe.EngineTelemetryDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.sequencer.CountingEngine;
import io.ferrum.sequencer.Inputs;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.tuning.jit.StringLiterals;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class SequencedClusterTest
{
    private static final int MANY_SOURCES = 2_000;

    @TempDir
    Path dir;

    private static List<Thread> produce(
        final InboundRing ring, final int producers, final int perProducer, final long firstSequence)
    {
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int sourceId = p + 1;
            final Thread thread = new Thread(() ->
            {
                final Inputs inputs = new Inputs();
                final BackoffIdleStrategy idle = new BackoffIdleStrategy();
                for (long sequence = firstSequence; sequence < firstSequence + perProducer; sequence++)
                {
                    inputs.publish(ring, idle, sourceId, sequence);
                }
            }, "producer-" + sourceId);
            threads.add(thread);
            thread.start();
        }
        return threads;
    }

    private static void join(final List<Thread> threads) throws InterruptedException
    {
        for (final Thread thread : threads)
        {
            thread.join(30_000);
            assertFalse(thread.isAlive(), thread.getName() + " still blocked");
        }
    }

    /** Over UDP (a driver of the clients' own, as a gateway process has) and over IPC on the member's driver (the demo). */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "ipc"})
    void inputsThroughTheRingReachTheEngineExactlyOnceInOrderAndOutputsComeBack(final String transport) throws Exception
    {
        final AtomicLong telemetry = new AtomicLong();
        final AtomicLong lastEventsProcessed = new AtomicLong();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final EngineTelemetryDecoder decoder = new EngineTelemetryDecoder();

        try (TestCluster test = new TestCluster(dir, "cluster.client.transport = " + transport);
            Sequencer sequencer = test.cluster.launchSequencer((buffer, offset, length, timestampNs) ->
            {
                header.wrap(buffer, offset);
                if (EngineTelemetryDecoder.TEMPLATE_ID == header.templateId())
                {
                    decoder.wrapAndApplyHeader(buffer, offset, header);
                    lastEventsProcessed.set(decoder.eventsProcessed());
                    telemetry.incrementAndGet();
                }
            }))
        {
            join(produce(sequencer.ring(), 2, 5_000, 1));
            final CountingEngine engine = test.engine();
            TestCluster.await("10000 inputs applied", () -> engine.applied() == 10_000);
            TestCluster.await("100 outputs", () -> telemetry.get() == 100);
            // Timers fire on cluster time after their input: wait for the last ones rather than race them.
            TestCluster.await("200 timers", () -> engine.timersFired() >= 10_000 / CountingEngine.TIMER_EVERY);

            assertEquals(0, engine.gaps(), "every source arrived in order, without holes");
            assertEquals(0, engine.duplicates());
            assertEquals(10_000, lastEventsProcessed.get());
            assertEquals(10_000 / CountingEngine.TIMER_EVERY, engine.timersFired(), "every timer armed fired once");
            assertEquals(10_000, sequencer.counters().sent());
            assertEquals(0, sequencer.counters().resent());
        }
    }

    @Test
    void theSequencerThreadAllocatesNothingPerMessageInSteadyState() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        // HotSpot's one-off allocations for the string literals of each class it first C2-compiles: see StringLiterals.
        StringLiterals.preIntern("io.ferrum.", "org.agrona.", "io.aeron.", "com.lmax.");
        try (TestCluster test = new TestCluster(dir, "");
            Sequencer sequencer = test.cluster.launchSequencer((buffer, offset, length, ts) -> {}))
        {
            final int warmUp = 100_000;
            final int measured = 1_000_000;
            join(produce(sequencer.ring(), 1, warmUp, 1));
            final CountingEngine engine = test.engine();
            TestCluster.await("warm-up applied", () -> engine.applied() == warmUp);

            final Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter((t) -> "ferrum-sequencer".equals(t.getName())).findFirst().orElseThrow();
            final long before = threads.getThreadAllocatedBytes(thread.getId());
            join(produce(sequencer.ring(), 1, measured, warmUp + 1));
            TestCluster.await("measured inputs applied", () -> engine.applied() == warmUp + measured);
            final long allocated = threads.getThreadAllocatedBytes(thread.getId()) - before;

            assertEquals(0, engine.gaps());
            assertEquals(0, allocated, "bytes allocated by the sequencer thread for " + measured + " inputs");
        }
    }

    @Test
    void anEngineThatThrowsOnOneInputDoesNotStopTheLog() throws Exception
    {
        try (TestCluster test = new TestCluster(dir, "");
            Sequencer sequencer = test.cluster.launchSequencer((buffer, offset, length, ts) -> {}))
        {
            final Inputs inputs = new Inputs();
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            inputs.publish(sequencer.ring(), idle, 1, 1);
            inputs.publish(sequencer.ring(), idle, CountingEngine.FAULTY_SOURCE_ID, 1);
            inputs.publish(sequencer.ring(), idle, 1, 2);

            final CountingEngine engine = test.engine();
            TestCluster.await("inputs after the faulty one applied", () -> engine.applied() == 2);
            assertEquals(1, test.services.get(0).engineErrors());
            assertEquals(0, engine.gaps());
        }
    }

    @Test
    void aFullRingAndAFullResendBufferHoldProducersBackWithoutDropping() throws Exception
    {
        final String small = "ring.size = 16\nring.slot.length = 256\nsequencer.pending.capacity = 32k\n";
        try (TestCluster test = new TestCluster(dir, small);
            Sequencer sequencer = test.cluster.launchSequencer((buffer, offset, length, ts) -> {}))
        {
            assertEquals(16, sequencer.ring().ringSize());
            join(produce(sequencer.ring(), 4, 2_000, 1));
            final CountingEngine engine = test.engine();
            TestCluster.await("8000 inputs applied", () -> engine.applied() == 8_000);
            assertEquals(0, engine.gaps());
            assertEquals(0, engine.duplicates());
        }
    }

    @Test
    void restartFromSnapshotPlusLogGivesTheSameStateAndResendsAreNotAppliedTwice() throws Exception
    {
        try (TestCluster test = new TestCluster(dir, "cluster.ack.interval = 64\n");
            Sequencer sequencer = test.cluster.launchSequencer((buffer, offset, length, ts) -> {}))
        {
            final ClusterNode node = test.cluster.awaitLeader(10, java.util.concurrent.TimeUnit.SECONDS);
            join(produce(sequencer.ring(), 2, 1_500, 1));
            final Inputs inputs = new Inputs();
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            for (int source = 100; source < 100 + MANY_SOURCES; source++)
            {
                inputs.publish(sequencer.ring(), idle, source, 1); // ~40 KiB of state: a snapshot of many chunks
            }
            final CountingEngine first = test.engine();
            TestCluster.await("3000 + many sources applied", () -> first.applied() == 3_000 + MANY_SOURCES);

            assertTrue(node.requestSnapshot());
            TestCluster.await("snapshot taken", () -> node.snapshotCount() == 1);

            join(produce(sequencer.ring(), 2, 1_000, 1_501));
            TestCluster.await("5000 applied", () -> first.applied() == 5_000 + MANY_SOURCES);
            TestCluster.await("timers fired", () -> first.timersFired() == (5_000 + MANY_SOURCES) / CountingEngine.TIMER_EVERY);
            final long liveHash = first.hashSeen();
            // One session, acknowledged every 64 inputs: once the last acknowledgement has come
            // back (it travels after the engine applied its input), the tail past it stays pending.
            final long unacknowledged = (5_000 + MANY_SOURCES) % 64;
            assertTrue(unacknowledged > 0, "the test needs inputs in flight: ack interval 64 leaves some");
            TestCluster.await("last acknowledgement back", () -> sequencer.counters().pending() == unacknowledged);

            test.cluster.stopMember(0);
            test.cluster.startMember(0);
            final CountingEngine restarted = test.engine();
            assertNotSame(first, restarted);
            TestCluster.await("restart replayed to 5000", () -> restarted.applied() == 5_000 + MANY_SOURCES);
            TestCluster.await("re-sent after reconnect", () -> sequencer.counters().resent() >= unacknowledged);
            TestCluster.await("re-sends seen as duplicates", () -> restarted.duplicates() >= unacknowledged);

            assertEquals(liveHash, restarted.hashSeen(), "snapshot + log == uninterrupted state");
            assertEquals(5_000 + MANY_SOURCES, restarted.applied(), "nothing applied twice");
            assertEquals(0, restarted.gaps());

            join(produce(sequencer.ring(), 2, 100, 2_501));
            TestCluster.await("new inputs after the restart", () -> restarted.applied() == 5_200 + MANY_SOURCES);
            assertEquals(0, restarted.gaps());
        }
    }

    @Test
    void aScheduledSnapshotIsTakenByLogTimeAndARestartLoadsItAndAgrees() throws Exception
    {
        try (TestCluster test = new TestCluster(dir, "cluster.snapshot.interval = 200ms\ncluster.ack.interval = 64\n");
            Sequencer sequencer = test.cluster.launchSequencer((buffer, offset, length, ts) -> {}))
        {
            final ClusterNode node = test.cluster.awaitLeader(10, java.util.concurrent.TimeUnit.SECONDS);
            final CountingEngine first = test.engine();
            long next = 1;
            // a stream whose log time crosses 200 ms boundaries: nobody asks for this snapshot
            while (node.snapshotCount() == 0)
            {
                join(produce(sequencer.ring(), 1, 50, next));
                next += 50;
                final long applied = next - 1;
                TestCluster.await("inputs applied", () -> first.applied() == applied);
                Thread.sleep(50);
                assertTrue(next < 20_000, "no scheduled snapshot after " + next + " inputs");
            }
            final FerrumClusteredService service = test.services.get(test.services.size() - 1);
            assertTrue(service.scheduledSnapshots() >= 1);
            assertFalse(service.restoredFromSnapshot());

            join(produce(sequencer.ring(), 1, 500, next));
            final long total = next + 499;
            TestCluster.await("everything applied", () -> first.applied() == total);
            TestCluster.await("its timers fired", () -> first.timersFired() == total / CountingEngine.TIMER_EVERY);
            final long liveHash = first.hashSeen();

            test.cluster.stopMember(0);
            test.cluster.startMember(0);
            final CountingEngine restarted = test.engine();
            assertNotSame(first, restarted);
            TestCluster.await("the restart caught up", () -> restarted.applied() == total &&
                restarted.timersFired() == total / CountingEngine.TIMER_EVERY);
            final FerrumClusteredService restartedService = test.services.get(test.services.size() - 1);
            assertTrue(restartedService.restoredFromSnapshot(), "started from the scheduled snapshot, not from the log's start");
            assertEquals(liveHash, restarted.hashSeen(), "snapshot + log == uninterrupted state");
            assertEquals(0, restarted.gaps());
        }
    }
}
