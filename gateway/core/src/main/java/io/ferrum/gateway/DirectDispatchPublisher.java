package io.ferrum.gateway;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A one-slot publisher that hands each committed message straight to a handler on the
 * publishing thread: for tools such as the feed check that consume what the gateway
 * decodes without a ring in between. Never back-pressures.
 */
public final class DirectDispatchPublisher implements InboundPublisher
{
    private final UnsafeBuffer slot;
    private final MessageHandler handler;
    private boolean claimed;

    public DirectDispatchPublisher(final int slotLength, final MessageHandler handler)
    {
        this.slot = new UnsafeBuffer(new byte[slotLength]);
        this.handler = handler;
    }

    public int maxMessageLength()
    {
        return slot.capacity();
    }

    public MutableDirectBuffer claim()
    {
        if (claimed)
        {
            throw new IllegalStateException("previous claim neither committed nor aborted");
        }
        claimed = true;
        return slot;
    }

    public void commit(final int length)
    {
        release();
        handler.onMessage(slot, 0, length);
    }

    public void abort()
    {
        release();
    }

    private void release()
    {
        if (!claimed)
        {
            throw new IllegalStateException("no claim");
        }
        claimed = false;
    }
}
