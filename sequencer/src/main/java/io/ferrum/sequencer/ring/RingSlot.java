package io.ferrum.sequencer.ring;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated ring entry: a fixed-size window over the ring's memory plus the
 * length the producer committed and when. A length of 0 marks a claimed slot that was abandoned.
 */
final class RingSlot
{
    final UnsafeBuffer buffer;
    int length;
    /** System.nanoTime() at commit, for the ring-wait stage. */
    long committedNs;

    RingSlot(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
    }
}
