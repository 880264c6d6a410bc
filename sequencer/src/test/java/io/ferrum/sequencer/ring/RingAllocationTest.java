package io.ferrum.sequencer.ring;

import io.ferrum.sequencer.Inputs;
import io.ferrum.sequencer.SourceKey;
import io.ferrum.tuning.jit.StringLiterals;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbound ring allocates nothing per message on either side: a producer thread writes Trade
 * inputs into claimed slots as a gateway does, a consumer thread drains them in batches as the
 * sequencer does, and each thread's allocated bytes over a million messages after warm-up are 0.
 */
class RingAllocationTest
{
    private static final long WARM_UP = 200_000;
    private static final long MEASURED = 1_000_000;
    private static final int SOURCE_ID = 7;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void aMillionMessagesThroughTheRingAllocateNothingOnEitherThread() throws Exception
    {
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        // HotSpot's one-off allocations for the string literals of each class it first C2-compiles: see StringLiterals.
        StringLiterals.preIntern("io.ferrum.", "org.agrona.", "com.lmax.");
        final InboundRing ring = new InboundRing(new InboundRing.Context().ringSize(1024).slotLength(256));
        final AtomicLong producerAllocated = new AtomicLong(-1);
        final AtomicLong consumerAllocated = new AtomicLong(-1);
        final Consumer consumer = new Consumer();

        final Thread producer = new Thread(() ->
        {
            final Inputs inputs = new Inputs();
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            long sequence = 1;
            while (sequence <= WARM_UP)
            {
                inputs.publish(ring, idle, SOURCE_ID, sequence++);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            while (sequence <= WARM_UP + MEASURED)
            {
                inputs.publish(ring, idle, SOURCE_ID, sequence++);
            }
            producerAllocated.set(threads.getCurrentThreadAllocatedBytes() - before);
        }, "ring-producer");

        final Thread consuming = new Thread(() ->
        {
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            while (consumer.received < WARM_UP)
            {
                idle.idle(ring.poll(consumer, 64));
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            while (consumer.received < WARM_UP + MEASURED)
            {
                idle.idle(ring.poll(consumer, 64));
            }
            consumerAllocated.set(threads.getCurrentThreadAllocatedBytes() - before);
        }, "ring-consumer");

        consuming.start();
        producer.start();
        producer.join(60_000);
        consuming.join(60_000);
        assertFalse(producer.isAlive() || consuming.isAlive(), "ring threads still running");

        assertEquals(WARM_UP + MEASURED, consumer.received);
        assertEquals(0, consumer.outOfOrder, "every message arrived once, in order");
        assertEquals(0, producerAllocated.get(), "bytes allocated by the producer over " + MEASURED + " messages");
        assertEquals(0, consumerAllocated.get(), "bytes allocated by the consumer over " + MEASURED + " messages");
    }

    /** Checks each Trade's source sequence follows the previous one. */
    private static final class Consumer implements RingHandler
    {
        private long received;
        private long outOfOrder;

        public boolean onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            if (buffer.getLong(offset + SourceKey.SEQUENCE_OFFSET) != ++received)
            {
                outOfOrder++;
            }
            return true;
        }
    }
}
