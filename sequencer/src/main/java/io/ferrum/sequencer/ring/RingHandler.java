package io.ferrum.sequencer.ring;

import org.agrona.DirectBuffer;

/**
 * The ring's single consumer. Returning false leaves the message in the ring, so that it
 * is handed over again on the next poll: this is how back-pressure downstream turns into
 * back-pressure on the producers instead of a drop.
 */
@FunctionalInterface
public interface RingHandler
{
    /**
     * @return true when the message was taken, false to stop the batch and retry it later
     */
    boolean onMessage(DirectBuffer buffer, int offset, int length);
}
