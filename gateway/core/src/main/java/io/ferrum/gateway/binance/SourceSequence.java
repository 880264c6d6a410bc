package io.ferrum.gateway.binance;

/**
 * The gateway's source id and its strictly increasing sequence, stamped on every message it
 * publishes. The engine drops any sequence it has already applied for the source, so a gateway
 * that may be restarted starts above every sequence its previous run used: the market-data
 * client starts at its start time in epoch nanoseconds (a run cannot publish more than one
 * message per nanosecond, so the next run's start is always above the last run's end).
 */
public final class SourceSequence
{
    private final int sourceId;
    private long sequence;

    /** The first {@link #next()} is 1. */
    public SourceSequence(final int sourceId)
    {
        this(sourceId, 1);
    }

    public SourceSequence(final int sourceId, final long firstSequence)
    {
        if (firstSequence < 1)
        {
            throw new IllegalArgumentException("first sequence must be >= 1: " + firstSequence);
        }
        this.sourceId = sourceId;
        this.sequence = firstSequence - 1;
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
