package io.ferrum.gateway.binance;

import io.ferrum.gateway.logging.LogFields;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Counts refused frames per kind and logs the first of each kind (with the stream id and
 * the start of the frame), so that a flood of bad frames cannot flood the log.
 */
public final class BadInputCounters
{
    private static final Logger LOG = LogManager.getLogger(BadInputCounters.class);
    private static final int LOGGED_PREFIX = 160;

    private final long[] counts = new long[BadInput.values().length];
    private final int streamId;

    public BadInputCounters(final int streamId)
    {
        this.streamId = streamId;
    }

    public void record(final BadInput kind, final org.agrona.DirectBuffer frame, final int offset, final int length)
    {
        if (counts[kind.ordinal()]++ == 0)
        {
            LogFields.streamId(streamId);
            LOG.warn("dropped frame, {} ({}); further ones only counted: {}",
                kind, kind.description(), frame.getStringWithoutLengthAscii(offset, Math.min(length, LOGGED_PREFIX)));
            LogFields.clearEvent();
        }
    }

    public long count(final BadInput kind)
    {
        return counts[kind.ordinal()];
    }

    public long total()
    {
        long total = 0;
        for (final long count : counts)
        {
            total += count;
        }
        return total;
    }

    public int streamId()
    {
        return streamId;
    }
}
