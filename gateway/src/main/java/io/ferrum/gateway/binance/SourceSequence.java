package io.ferrum.gateway.binance;

/** The gateway's source id and its strictly increasing sequence, stamped on every message it publishes. */
public final class SourceSequence
{
    private final int sourceId;
    private long sequence;

    public SourceSequence(final int sourceId)
    {
        this.sourceId = sourceId;
    }

    public int sourceId()
    {
        return sourceId;
    }

    public long next()
    {
        return ++sequence;
    }

    public long last()
    {
        return sequence;
    }
}
