package io.ferrum.gateway;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A single-threaded ring of pre-allocated slots: the gateway publishes into it and the same
 * thread drains it. Stands in for the inbound Disruptor ring in tests and in the feed check.
 */
public final class SlotArrayPublisher implements InboundPublisher
{
    private final UnsafeBuffer[] slots;
    private final int[] lengths;
    private final int mask;
    private long head;
    private long tail;
    private boolean claimed;

    /**
     * @param slotCount     power of two
     * @param slotLength    bytes per slot
     */
    public SlotArrayPublisher(final int slotCount, final int slotLength)
    {
        if (Integer.bitCount(slotCount) != 1)
        {
            throw new IllegalArgumentException("slotCount must be a power of two: " + slotCount);
        }
        slots = new UnsafeBuffer[slotCount];
        for (int i = 0; i < slotCount; i++)
        {
            slots[i] = new UnsafeBuffer(new byte[slotLength]);
        }
        lengths = new int[slotCount];
        mask = slotCount - 1;
    }

    public int maxMessageLength()
    {
        return slots[0].capacity();
    }

    public MutableDirectBuffer claim()
    {
        if (claimed)
        {
            throw new IllegalStateException("previous claim neither committed nor aborted");
        }
        if (tail - head > mask)
        {
            return null;
        }
        claimed = true;
        return slots[(int)tail & mask];
    }

    public void commit(final int length)
    {
        requireClaim();
        lengths[(int)tail & mask] = length;
        tail++;
    }

    public void abort()
    {
        requireClaim();
    }

    /** Hands every published message to the handler, oldest first, and frees the slots. */
    public int drain(final MessageHandler handler)
    {
        int count = 0;
        while (head < tail)
        {
            final int index = (int)head & mask;
            handler.onMessage(slots[index], 0, lengths[index]);
            head++;
            count++;
        }
        return count;
    }

    /** Messages published and not yet drained. */
    public int size()
    {
        return (int)(tail - head);
    }

    private void requireClaim()
    {
        if (!claimed)
        {
            throw new IllegalStateException("no claim");
        }
        claimed = false;
    }
}
