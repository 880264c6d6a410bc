package io.ferrum.gateway.binance;

import io.ferrum.gateway.logging.LogFields;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts refused frames per kind and logs the first of each kind (with the stream id and
 * the start of the frame), so that a flood of bad frames cannot flood the log.
 */
public final class BadInputCounters
{
    private static final Logger LOG = LogManager.getLogger(BadInputCounters.class);
    private static final int LOGGED_PREFIX = 160;

    // written by the decoding thread only, on the drop path; read by the metrics agent's thread
    private final AtomicLongArray counts = new AtomicLongArray(BadInput.values().length);
    private final int streamId;

    public BadInputCounters(final int streamId)
    {
        this.streamId = streamId;
    }

    public void record(final BadInput kind, final org.agrona.DirectBuffer frame, final int offset, final int length)
    {
        final long count = counts.get(kind.ordinal());
        counts.lazySet(kind.ordinal(), count + 1);
        if (0 == count)
        {
            LogFields.streamId(streamId);
            LOG.warn("dropped frame, {} ({}); further ones only counted: {}",
                kind, kind.description(), frame.getStringWithoutLengthAscii(offset, Math.min(length, LOGGED_PREFIX)));
            LogFields.clearEvent();
        }
    }

    /** Frames of that kind dropped since start; any thread. */
    public long count(final BadInput kind)
    {
        return counts.get(kind.ordinal());
    }

    public long total()
    {
        long total = 0;
        for (int i = 0; i < counts.length(); i++)
        {
            total += counts.get(i);
        }
        return total;
    }

    public int streamId()
    {
        return streamId;
    }
}
