package io.ferrum.gateway;

import org.agrona.MutableDirectBuffer;

/**
 * Where the gateway writes decoded SBE messages: a claim/commit protocol over one slot
 * of the inbound ring. The slot is written from offset 0; a claim that is neither
 * committed nor aborted blocks the next claim.
 */
public interface InboundPublisher
{
    /** Largest message a slot can hold, in bytes. */
    int maxMessageLength();

    /**
     * @return the claimed slot, or {@code null} when the ring is full: back-pressure, the
     * caller stops reading the socket and retries, it never drops the message.
     */
    MutableDirectBuffer claim();

    /** Publishes the claimed slot holding {@code length} bytes. */
    void commit(int length);

    /** Releases the claimed slot without publishing it. */
    void abort();
}
