package io.ferrum.sequencer.ring;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.ferrum.sequencer.telemetry.Stage;
import io.ferrum.sequencer.telemetry.StageLatency;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inbound ring: a multi-producer LMAX Disruptor ring of pre-allocated slots, each a
 * fixed-size window over one block of off-heap memory, holding one Ferrum SBE message.
 * <p>
 * Producers (gateway decoders, the order gateway, admin) write in place:
 * <pre>
 * final long sequence = ring.tryClaim();          // or claim(idle) to wait for space
 * if (sequence != InboundRing.FULL)
 * {
 *     encoder.wrapAndApplyHeader(ring.buffer(sequence), 0, header)...;
 *     ring.commit(sequence, length);
 * }
 * </pre>
 * A full ring makes {@link #tryClaim()} return {@link #FULL} and {@link #claim(IdleStrategy)}
 * wait: back-pressure, never a drop. A single consumer drains it with {@link #poll}; nothing
 * is allocated per message on either side.
 */
public final class InboundRing
{
    /** Returned by {@link #tryClaim()} when every slot is taken. */
    public static final long FULL = -1;

    private final RingBuffer<RingSlot> ringBuffer;
    private final Sequence consumed = new Sequence(RingBuffer.INITIAL_CURSOR_VALUE);
    private final int slotLength;
    private final Context context;
    private final AtomicLong full = new AtomicLong();
    private StageLatency latency = new StageLatency();

    public InboundRing(final Context context)
    {
        context.conclude();
        this.context = context;
        this.slotLength = context.slotLength();

        final int ringSize = context.ringSize();
        final ByteBuffer memory = BufferUtil.allocateDirectAligned(ringSize * slotLength, BitUtil.CACHE_LINE_LENGTH);
        final int[] nextSlot = { 0 };
        // The Disruptor's own wait strategy only matters to consumers that block in a barrier;
        // ours polls from a duty cycle, so pick one whose publish path never signals a lock.
        ringBuffer = RingBuffer.createMultiProducer(
            () -> new RingSlot(new UnsafeBuffer(memory, slotLength * nextSlot[0]++, slotLength)),
            ringSize,
            new YieldingWaitStrategy());
        ringBuffer.addGatingSequences(consumed);
    }

    public Context context()
    {
        return context;
    }

    /** Bytes available to a producer in each slot. */
    public int slotLength()
    {
        return slotLength;
    }

    public int ringSize()
    {
        return ringBuffer.getBufferSize();
    }

    /**
     * Claims the next slot without waiting. A claimed slot must be completed with
     * {@link #commit} or {@link #abort}, or the consumer stops at it.
     *
     * @return the slot's sequence, or {@link #FULL}
     */
    public long tryClaim()
    {
        try
        {
            return ringBuffer.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            full.incrementAndGet(); // the slow path already: the producer now holds back
            return FULL;
        }
    }

    /** Claims refused because every slot was taken (back-pressure on the producers), since start; any thread. */
    public long fullCount()
    {
        return full.get();
    }

    /** Where the consumer records {@link Stage#RING_WAIT}: the process's recorders. Set before polling starts. */
    public InboundRing latency(final StageLatency latency)
    {
        this.latency = latency;
        return this;
    }

    /**
     * Claims the next slot, idling while the ring is full: the producer is held back, nothing is dropped.
     */
    public long claim(final IdleStrategy idleStrategy)
    {
        idleStrategy.reset();
        long sequence;
        while (FULL == (sequence = tryClaim()))
        {
            if (Thread.currentThread().isInterrupted())
            {
                throw new IllegalStateException("interrupted while waiting for a ring slot");
            }
            idleStrategy.idle();
        }
        return sequence;
    }

    /**
     * @return the claimed slot's memory, {@link #slotLength()} bytes from offset 0
     */
    public MutableDirectBuffer buffer(final long sequence)
    {
        return ringBuffer.get(sequence).buffer;
    }

    /**
     * Publishes a claimed slot holding {@code length} bytes from offset 0.
     *
     * @throws IllegalArgumentException if the length does not fit the slot; the slot is then
     *                                  published as abandoned so that the ring keeps moving
     */
    public void commit(final long sequence, final int length)
    {
        final RingSlot slot = ringBuffer.get(sequence);
        if (length <= 0 || length > slotLength)
        {
            slot.length = 0;
            ringBuffer.publish(sequence);
            throw new IllegalArgumentException("message length " + length + " outside 1.." + slotLength);
        }
        slot.length = length;
        slot.committedNs = System.nanoTime();
        ringBuffer.publish(sequence);
    }

    /**
     * Gives a claimed slot back unused (the producer failed to encode); the consumer skips it.
     */
    public void abort(final long sequence)
    {
        ringBuffer.get(sequence).length = 0;
        ringBuffer.publish(sequence);
    }

    /**
     * Hands published messages to the handler in sequence order, up to {@code limit}, stopping
     * early when the handler refuses one (it is offered again on the next poll). Single
     * consumer only.
     *
     * @return the number of slots consumed
     */
    public int poll(final RingHandler handler, final int limit)
    {
        final long lastConsumed = consumed.get();
        final long cursor = ringBuffer.getCursor();
        long next = lastConsumed + 1;
        int count = 0;
        // one clock read per batch: a slot's wait ends when the batch that holds it is taken
        final long takenNs = next <= cursor ? System.nanoTime() : 0;

        while (count < limit && next <= cursor && ringBuffer.isAvailable(next))
        {
            final RingSlot slot = ringBuffer.get(next);
            if (slot.length > 0)
            {
                if (!handler.onMessage(slot.buffer, 0, slot.length))
                {
                    break;
                }
                latency.record(Stage.RING_WAIT, takenNs - slot.committedNs);
            }
            next++;
            count++;
        }

        if (count > 0)
        {
            consumed.set(next - 1);
        }
        return count;
    }

    /** Slots currently free for producers. */
    public long remainingCapacity()
    {
        return ringBuffer.remainingCapacity();
    }

    /**
     * Configuration of a ring: sizes, the consumer's wait strategy and thread layout.
     */
    public static final class Context
    {
        public static final int DEFAULT_SLOT_LENGTH = 1024;
        public static final int DEFAULT_RING_SIZE = 8192;

        private int slotLength = DEFAULT_SLOT_LENGTH;
        private int ringSize = DEFAULT_RING_SIZE;
        private RingWaitStrategy waitStrategy = RingWaitStrategy.BACKOFF;
        private ThreadLayout threadLayout = ThreadLayout.none();

        public Context conclude()
        {
            if (!BitUtil.isPowerOfTwo(ringSize) || ringSize < 2)
            {
                throw new IllegalArgumentException("ring size must be a power of two >= 2: " + ringSize);
            }
            if (slotLength < 32 || (slotLength & 7) != 0)
            {
                throw new IllegalArgumentException("slot length must be a multiple of 8 and >= 32: " + slotLength);
            }
            if ((long)slotLength * ringSize > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException("ring memory over 2 GiB: " + ringSize + " x " + slotLength);
            }
            return this;
        }

        public int slotLength()
        {
            return slotLength;
        }

        public Context slotLength(final int slotLength)
        {
            this.slotLength = slotLength;
            return this;
        }

        public int ringSize()
        {
            return ringSize;
        }

        public Context ringSize(final int ringSize)
        {
            this.ringSize = ringSize;
            return this;
        }

        public RingWaitStrategy waitStrategy()
        {
            return waitStrategy;
        }

        public Context waitStrategy(final RingWaitStrategy waitStrategy)
        {
            this.waitStrategy = waitStrategy;
            return this;
        }

        public ThreadLayout threadLayout()
        {
            return threadLayout;
        }

        public Context threadLayout(final ThreadLayout threadLayout)
        {
            this.threadLayout = threadLayout;
            return this;
        }
    }
}
