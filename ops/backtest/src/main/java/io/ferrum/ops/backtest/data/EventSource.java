package io.ferrum.ops.backtest.data;

import org.agrona.DirectBuffer;

/**
 * A time-ordered stream of Ferrum SBE messages (message header first). {@link #next()}
 * moves to the next event; the accessors then describe it until the following call.
 * Implementations must not allocate per event.
 */
public interface EventSource extends AutoCloseable
{
    /** @return false at the end of the stream */
    boolean next();

    /** Time the event is delivered to the engine, epoch nanoseconds UTC. */
    long timestampNs();

    DirectBuffer buffer();

    int offset();

    int length();

    @Override
    void close();
}
