package io.ferrum.gateway;

import io.ferrum.sequencer.ring.InboundRing;
import org.agrona.MutableDirectBuffer;

/**
 * The gateway's {@link InboundPublisher} over the sequencer's {@link InboundRing}: a claim is
 * one ring slot, a full ring returns null (the caller holds back, nothing is dropped). An
 * optional tap sees every message just before it is committed, on the publishing thread, for
 * consumers beside the log (the order gateway's view of the books, analytics). One instance
 * per publishing thread: a claim blocks the next one until it is committed or aborted.
 */
public final class RingPublisher implements InboundPublisher
{
    private final InboundRing ring;
    private final MessageHandler tap;
    private long claimed = InboundRing.FULL;

    /**
     * @param tap sees each committed message before the ring does, or null
     */
    public RingPublisher(final InboundRing ring, final MessageHandler tap)
    {
        this.ring = ring;
        this.tap = tap;
    }

    public int maxMessageLength()
    {
        return ring.slotLength();
    }

    public MutableDirectBuffer claim()
    {
        if (claimed != InboundRing.FULL)
        {
            throw new IllegalStateException("previous claim neither committed nor aborted");
        }
        final long sequence = ring.tryClaim();
        if (sequence == InboundRing.FULL)
        {
            return null;
        }
        claimed = sequence;
        return ring.buffer(sequence);
    }

    public void commit(final int length)
    {
        final long sequence = release();
        if (tap != null && length > 0 && length <= ring.slotLength())
        {
            tap.onMessage(ring.buffer(sequence), 0, length);
        }
        ring.commit(sequence, length);
    }

    public void abort()
    {
        ring.abort(release());
    }

    private long release()
    {
        final long sequence = claimed;
        if (sequence == InboundRing.FULL)
        {
            throw new IllegalStateException("no claim");
        }
        claimed = InboundRing.FULL;
        return sequence;
    }
}
