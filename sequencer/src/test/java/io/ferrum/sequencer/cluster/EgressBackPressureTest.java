package io.ferrum.sequencer.cluster;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.EngineState;
import io.ferrum.sequencer.SourceKey;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops reading egress for a while (an order gateway stalled by a GC pause or a slow
 * venue) back-pressures the leader's egress. The engine's outputs must wait and reach it late, in
 * order, none lost: before, every output refused by back-pressure was gone until the next leader
 * change's reconciliation.
 */
class EgressBackPressureTest
{
    private static final int INPUTS = 400;
    private static final int OUTPUT_LENGTH = 1024; // 400 KiB of egress against a 32 KiB window (64 KiB terms)
    private static final int SOURCE_ID = 5;
    private static final int TICK_SOURCE_ID = 6;

    @TempDir
    Path dir;

    @Test
    void outputsRefusedByAStalledClientReachItLateInOrderAndNoneLost() throws Exception
    {
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + dir + "\ncluster.term.length = 64k\n", "test")
            .withFreePorts(1);
        final List<FerrumClusteredService> services = new CopyOnWriteArrayList<>();
        final AtomicLong applied = new AtomicLong();
        final List<Long> received = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.launch(config, (id) ->
            {
                final FerrumClusteredService service = FerrumClusteredService.create(
                    (output, timers) -> new EchoEngine(output, applied), config);
                services.add(service);
                return service;
            }, ThreadLayout.none(), Throwable::printStackTrace))
        {
            cluster.awaitLeader(30, TimeUnit.SECONDS);
            final EgressListener listener = (sessionId, timestamp, buffer, offset, length, header) ->
            {
                if (OUTPUT_LENGTH == length)
                {
                    received.add(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN));
                }
            };
            try (AeronCluster client = AeronCluster.connect(new AeronCluster.Context()
                .aeronDirectoryName(cluster.clientAeronDirectoryName())
                .ingressChannel("aeron:udp")
                .ingressEndpoints(config.ingressEndpoints())
                .egressChannel("aeron:udp?endpoint=" + config.clientHost() + ":0")
                .egressListener(listener)))
            {
                final UnsafeBuffer input = new UnsafeBuffer(new byte[SourceKey.MIN_LENGTH]);
                final BackoffIdleStrategy idle = new BackoffIdleStrategy();
                for (long sequence = 1; sequence <= INPUTS; sequence++)
                {
                    input.putInt(SourceKey.SOURCE_ID_OFFSET, SOURCE_ID, ByteOrder.LITTLE_ENDIAN);
                    input.putLong(SourceKey.SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
                    while (client.offer(input, 0, input.capacity()) < 0)
                    {
                        idle.idle();
                    }
                }
                // the client reads no egress until the engine has answered every input
                TestCluster.await("every input applied", () -> applied.get() == INPUTS);

                // the client reads again; other inputs keep arriving (market data does), each a log
                // event at which the leader offers again what waits
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long tick = 0;
                while (received.size() < INPUTS && System.nanoTime() < deadline)
                {
                    input.putInt(SourceKey.SOURCE_ID_OFFSET, TICK_SOURCE_ID, ByteOrder.LITTLE_ENDIAN);
                    input.putLong(SourceKey.SEQUENCE_OFFSET, ++tick, ByteOrder.LITTLE_ENDIAN);
                    client.offer(input, 0, input.capacity());
                    if (0 == client.pollEgress())
                    {
                        Thread.sleep(1);
                    }
                }
            }
            assertTrue(services.get(0).egressResent() > 0, "the client's stall back-pressured egress");
        }
        final List<Long> expected = new ArrayList<>();
        for (long sequence = 1; sequence <= INPUTS; sequence++)
        {
            expected.add(sequence);
        }
        assertEquals(expected, received, "every output once, in order");
    }

    /** Answers every input of {@link #SOURCE_ID} with one output of {@link #OUTPUT_LENGTH} bytes that starts with the input's sequence. */
    private static final class EchoEngine implements EngineInput, EngineState
    {
        private final EngineOutput output;
        private final AtomicLong applied;
        private final UnsafeBuffer out = new UnsafeBuffer(new byte[OUTPUT_LENGTH]);

        EchoEngine(final EngineOutput output, final AtomicLong applied)
        {
            this.output = output;
            this.applied = applied;
        }

        public void onInput(final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
        {
            if (SOURCE_ID == SourceKey.sourceId(buffer, offset))
            {
                out.putLong(0, SourceKey.sequence(buffer, offset), ByteOrder.LITTLE_ENDIAN);
                output.offer(out, 0, OUTPUT_LENGTH);
                applied.incrementAndGet();
            }
        }

        public void onTimer(final long timerId, final long timestampNs)
        {
        }

        public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putLong(offset, applied.get());
            return Long.BYTES;
        }

        public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
        {
            applied.set(buffer.getLong(offset));
        }

        public long stateHash()
        {
            return applied.get();
        }
    }
}
