package io.ferrum.sequencer.ring;

import io.ferrum.tuning.layout.ThreadLayout;
import net.openhft.affinity.Affinity;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class InboundRingTest
{
    private static InboundRing ring(final int size, final int slotLength)
    {
        return new InboundRing(new InboundRing.Context().ringSize(size).slotLength(slotLength));
    }

    private static void publish(final InboundRing ring, final long sequence, final int producer, final long value)
    {
        final MutableDirectBuffer buffer = ring.buffer(sequence);
        buffer.putInt(0, producer);
        buffer.putLong(4, value);
        ring.commit(sequence, 12);
    }

    @Test
    void everyMessageFromManyProducersArrivesOnceAndInEachProducersOrder() throws Exception
    {
        final InboundRing ring = ring(64, 64);
        final int producers = 3;
        final int perProducer = 20_000;
        final long[] lastSeen = new long[producers];
        java.util.Arrays.fill(lastSeen, -1);
        final long[] received = { 0 };
        final List<Thread> threads = new ArrayList<>();

        for (int p = 0; p < producers; p++)
        {
            final int producer = p;
            final Thread thread = new Thread(() ->
            {
                final BackoffIdleStrategy idle = new BackoffIdleStrategy();
                for (long i = 0; i < perProducer; i++)
                {
                    publish(ring, ring.claim(idle), producer, i);
                }
            });
            threads.add(thread);
            thread.start();
        }

        final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
        final RingHandler handler = (buffer, offset, length) ->
        {
            final int producer = buffer.getInt(offset);
            final long value = buffer.getLong(offset + 4);
            assertEquals(lastSeen[producer] + 1, value, "producer " + producer + " out of order");
            lastSeen[producer] = value;
            received[0]++;
            return true;
        };
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received[0] < (long)producers * perProducer && System.nanoTime() < deadline)
        {
            idle.idle(ring.poll(handler, 16));
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }

        assertEquals((long)producers * perProducer, received[0]);
        assertEquals(0, ring.poll(handler, 16), "nothing left over, nothing twice");
    }

    @Test
    void fullRingRefusesTryClaimAndHoldsBlockingProducersWithoutDropping() throws Exception
    {
        final InboundRing ring = ring(8, 32);
        for (int i = 0; i < 8; i++)
        {
            final long sequence = ring.tryClaim();
            assertNotEquals(InboundRing.FULL, sequence);
            publish(ring, sequence, 0, i);
        }
        assertEquals(InboundRing.FULL, ring.tryClaim());
        assertEquals(0, ring.remainingCapacity());

        final AtomicLong claimedByBlocked = new AtomicLong(-2);
        final CountDownLatch blockedDone = new CountDownLatch(1);
        final Thread blocked = new Thread(() ->
        {
            final long sequence = ring.claim(new SleepingMillisIdleStrategy(1));
            claimedByBlocked.set(sequence);
            publish(ring, sequence, 0, 8);
            blockedDone.countDown();
        });
        blocked.start();

        assertFalse(blockedDone.await(200, TimeUnit.MILLISECONDS), "a producer got a slot in a full ring");

        final List<Long> values = new ArrayList<>();
        final RingHandler handler = (buffer, offset, length) -> values.add(buffer.getLong(offset + 4));
        assertEquals(1, ring.poll(handler, 1));
        assertTrue(blockedDone.await(10, TimeUnit.SECONDS));
        while (ring.poll(handler, 100) > 0)
        {
            Thread.yield();
        }

        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), values);
    }

    @Test
    void refusedMessageIsOfferedAgainAndStopsTheBatch()
    {
        final InboundRing ring = ring(8, 32);
        for (int i = 0; i < 3; i++)
        {
            publish(ring, ring.tryClaim(), 0, i);
        }

        final AtomicBoolean accept = new AtomicBoolean(false);
        final List<Long> values = new ArrayList<>();
        final RingHandler handler = (buffer, offset, length) ->
        {
            if (!accept.get())
            {
                return false;
            }
            values.add(buffer.getLong(offset + 4));
            return true;
        };

        assertEquals(0, ring.poll(handler, 10));
        assertEquals(5, ring.remainingCapacity(), "refused slots stay claimed: back-pressure on producers");
        accept.set(true);
        assertEquals(3, ring.poll(handler, 10));
        assertEquals(List.of(0L, 1L, 2L), values);
    }

    @Test
    void oversizedCommitIsRejectedButTheRingKeepsMoving()
    {
        final InboundRing ring = ring(4, 32);
        final long bad = ring.tryClaim();
        assertThrows(IllegalArgumentException.class, () -> ring.commit(bad, 33));
        final long aborted = ring.tryClaim();
        ring.abort(aborted);
        publish(ring, ring.tryClaim(), 1, 42);

        final List<Long> values = new ArrayList<>();
        assertEquals(3, ring.poll((buffer, offset, length) -> values.add(buffer.getLong(offset + 4)), 10));
        assertEquals(List.of(42L), values, "abandoned slots are skipped, the next message is delivered");
    }

    @Test
    void slotsAreFixedWindowsThatCannotOverrunTheirNeighbour()
    {
        final InboundRing ring = ring(4, 32);
        final long sequence = ring.tryClaim();
        assertEquals(32, ring.buffer(sequence).capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> ring.buffer(sequence).putLong(28, 1L));
        ring.abort(sequence);
    }

    @Test
    void invalidSizesAreClearErrors()
    {
        assertThrows(IllegalArgumentException.class, () -> ring(1000, 64));
        assertThrows(IllegalArgumentException.class, () -> ring(8, 20));
        assertThrows(IllegalArgumentException.class, () -> ring(8, 33));
        assertThrows(IllegalArgumentException.class, () -> RingWaitStrategy.parse("spin-forever"));
        assertEquals(RingWaitStrategy.BUSY_SPIN, RingWaitStrategy.parse("busy-spin"));
    }

    @Test
    void consumerThreadIsPinnedOnlyWhenTheLayoutAsksForIt(@TempDir final Path dir) throws Exception
    {
        final int lastCpu = Runtime.getRuntime().availableProcessors() - 1;
        final StringBuilder file = new StringBuilder();
        for (final String role : ThreadLayout.ROLES)
        {
            file.append(role).append('=').append(ThreadLayout.RING_CONSUMER.equals(role) ? lastCpu : "none").append('\n');
        }
        final Path layoutFile = dir.resolve("ring-only.properties");
        Files.writeString(layoutFile, file);
        final ThreadLayout layout = ThreadLayout.load(layoutFile, ThreadLayout.onlineCpus(), (line) -> {});
        final BitSet[] seen = new BitSet[2];

        final Thread pinned = new PinnedThreadFactory(layout, ThreadLayout.RING_CONSUMER)
            .newThread(() -> seen[0] = Affinity.getAffinity());
        pinned.start();
        pinned.join();

        final Thread floating = new PinnedThreadFactory(layout, ThreadLayout.ENGINE)
            .newThread(() -> seen[1] = Affinity.getAffinity());
        floating.start();
        floating.join();

        final BitSet only = new BitSet();
        only.set(lastCpu);
        assertEquals("ferrum-ring-consumer", pinned.getName());
        assertEquals(only, seen[0]);
        assertEquals(Affinity.getAffinity(), seen[1], "a role the layout leaves alone keeps the process's CPUs");
        assertThrows(IllegalArgumentException.class, () -> new PinnedThreadFactory(layout, "no-such-role"));
    }
}
