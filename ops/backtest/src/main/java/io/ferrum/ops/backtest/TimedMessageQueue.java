package io.ferrum.ops.backtest;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A first-in first-out queue of SBE messages, each due at a log time, in one
 * pre-allocated ring: messages on one link keep their order, so a later message is never
 * due before an earlier one (its due time is raised to the previous one's if needed).
 * Models the wire between the engine and the venue in both directions.
 */
public final class TimedMessageQueue
{
    private static final int RECORD_HEADER = 16;

    private final MutableDirectBuffer ring;
    private final int capacity;
    private long head;
    private long tail;
    private long lastDueNs = Long.MIN_VALUE;
    private int count;

    /** @param capacity in bytes, a power of two */
    public TimedMessageQueue(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.ring = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }

    /**
     * @return false when the queue is full: the caller treats it as back-pressure
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length, final long dueNs)
    {
        final int recordLength = (RECORD_HEADER + length + 7) & ~7;
        int at = (int)(tail & (capacity - 1));
        int padding = 0;
        if (at + recordLength > capacity)
        {
            padding = capacity - at; // never split a record: skip to the start of the ring
        }
        if (tail + padding + recordLength - head > capacity)
        {
            return false;
        }
        if (padding > 0)
        {
            ring.putInt(at, -1);
            tail += padding;
            at = 0;
        }
        final long due = Math.max(dueNs, lastDueNs);
        ring.putInt(at, length);
        ring.putLong(at + 8, due);
        ring.putBytes(at + RECORD_HEADER, buffer, offset, length);
        tail += recordLength;
        lastDueNs = due;
        count++;
        return true;
    }

    public boolean isEmpty()
    {
        return count == 0;
    }

    /** Due time of the head message; only when not empty. */
    public long headDueNs()
    {
        skipPadding();
        return ring.getLong((int)(head & (capacity - 1)) + 8);
    }

    public DirectBuffer buffer()
    {
        return ring;
    }

    /** Offset of the head message's bytes; only when not empty. */
    public int headOffset()
    {
        skipPadding();
        return (int)(head & (capacity - 1)) + RECORD_HEADER;
    }

    public int headLength()
    {
        skipPadding();
        return ring.getInt((int)(head & (capacity - 1)));
    }

    public void poll()
    {
        skipPadding();
        final int length = ring.getInt((int)(head & (capacity - 1)));
        head += (RECORD_HEADER + length + 7) & ~7;
        count--;
    }

    private void skipPadding()
    {
        final int at = (int)(head & (capacity - 1));
        if (ring.getInt(at) == -1)
        {
            head += capacity - at;
        }
    }
}
