package io.ferrum.sequencer.cluster;

import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineState;
import io.ferrum.sequencer.CountingEngine;
import io.ferrum.sequencer.Inputs;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.replica.ReplicaHashMonitor;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Three members in this JVM publish their state hash every few inputs in their own CnC; the
 * monitor reads the counters as another process would. Equal engines agree at equal
 * positions; an engine that goes wrong on one member is caught.
 */
class ReplicaHashTest
{
    private static final int INPUTS = 2_000;
    private static final int HASH_INTERVAL = 50;

    @TempDir
    Path dir;

    @Test
    void equalMembersPublishEqualHashesAtEqualPositions() throws Exception
    {
        final Run run = run(-1);
        assertEquals(0, run.monitor.mismatches(), () -> run.monitor.lastMismatch());
        assertTrue(run.monitor.comparisons() > 0, "the monitor compared members at equal positions");
        assertTrue(run.monitor.healthy());
        final long position = run.services.get(0).lastHashPosition();
        assertTrue(position > 0);
        for (final FerrumClusteredService service : run.services)
        {
            assertEquals(position, service.lastHashPosition(), "every member hashed at the same last position");
            assertEquals(run.services.get(0).lastHash(), service.lastHash());
        }
        assertEquals(position, run.monitor.lastAgreedPosition());
    }

    @Test
    void anEngineThatDivergesOnOneMemberIsDetected() throws Exception
    {
        final Run run = run(1);
        assertFalse(run.monitor.healthy());
        assertTrue(run.monitor.mismatches() > 0);
        assertTrue(run.monitor.lastMismatch().contains("member 1"), run.monitor.lastMismatch());
        assertTrue(run.alarms.stream().allMatch(alarm -> alarm.contains("1")), run.alarms::toString);
    }

    private record Run(
        List<FerrumClusteredService> services, ReplicaHashMonitor monitor, List<String> alarms)
    {
    }

    /** Runs INPUTS through 3 members; member {@code faultyMember} (or none for -1) goes wrong half way. */
    private Run run(final int faultyMember) throws Exception
    {
        final ClusterConfig config = ClusterConfig.parse(
            "cluster.dir = " + dir + "\ncluster.hash.interval = " + HASH_INTERVAL + "\n", "test").withFreePorts(3);
        final FerrumClusteredService[] services = new FerrumClusteredService[3];
        final CountingEngine[] engines = new CountingEngine[3];
        final List<String> alarms = new CopyOnWriteArrayList<>();
        try (LocalCluster cluster = LocalCluster.launch(
                config,
                (memberId) ->
                {
                    services[memberId] = FerrumClusteredService.create(
                        (output, timers) ->
                        {
                            engines[memberId] = new CountingEngine(output, timers);
                            return memberId == faultyMember ?
                                new DivergingEngine(engines[memberId], INPUTS / 2) : engines[memberId];
                        },
                        config.ackInterval(),
                        config.hashInterval());
                    return services[memberId];
                },
                ThreadLayout.none(),
                Throwable::printStackTrace);
            Sequencer sequencer = cluster.launchSequencer((buffer, offset, length, ts) -> {}))
        {
            cluster.awaitLeader(20, TimeUnit.SECONDS);
            final Map<Integer, File> aeronDirs = new HashMap<>();
            for (int id = 0; id < 3; id++)
            {
                aeronDirs.put(id, new File(cluster.node(id).aeronDirectoryName()));
            }
            final ReplicaHashMonitor monitor = new ReplicaHashMonitor(aeronDirs, 64,
                (position, a, hashA, b, hashB) -> alarms.add(position + ":" + a + "/" + b));

            final Inputs inputs = new Inputs();
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            for (long sequence = 1; sequence <= INPUTS; sequence++)
            {
                inputs.publish(sequencer.ring(), idle, 1, sequence);
                if (0 == sequence % 100)
                {
                    monitor.poll();
                }
            }
            TestCluster.await("every member applied everything", () ->
                engines[0].applied() == INPUTS && engines[1].applied() == INPUTS && engines[2].applied() == INPUTS);
            TestCluster.await("the last hashes compared", () ->
            {
                monitor.poll();
                return monitor.lastAgreedPosition() == services[0].lastHashPosition() || !monitor.healthy();
            });
            return new Run(List.of(services), monitor, alarms);
        }
    }

    /** A member's engine gone wrong: from its {@code after}th input its hash is off. */
    private static final class DivergingEngine implements EngineInput, EngineState
    {
        private final CountingEngine engine;
        private final long after;

        DivergingEngine(final CountingEngine engine, final long after)
        {
            this.engine = engine;
            this.after = after;
        }

        public void onInput(
            final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
        {
            engine.onInput(buffer, offset, length, logPosition, timestampNs);
        }

        public void onTimer(final long timerId, final long timestampNs)
        {
            engine.onTimer(timerId, timestampNs);
        }

        public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
        {
            return engine.snapshotTo(buffer, offset);
        }

        public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
        {
            engine.restoreFrom(buffer, offset, length);
        }

        public long stateHash()
        {
            return engine.applied() >= after ? ~engine.stateHash() : engine.stateHash();
        }
    }
}
