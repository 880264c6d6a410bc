package io.ferrum.ops.backtest.data;

import org.agrona.DirectBuffer;

/**
 * Merges time-ordered sources into one time-ordered stream. Equal timestamps go in source
 * order, so the merge is deterministic. With a handful of symbols a linear scan of the
 * heads beats a heap, and it allocates nothing.
 */
public final class MergedEventSource implements EventSource
{
    private final EventSource[] sources;
    private final long[] heads;
    private final boolean[] live;
    private EventSource current;
    private int currentIndex = -1;
    private boolean started;

    public MergedEventSource(final EventSource... sources)
    {
        this.sources = sources.clone();
        this.heads = new long[sources.length];
        this.live = new boolean[sources.length];
    }

    public boolean next()
    {
        if (!started)
        {
            started = true;
            for (int i = 0; i < sources.length; i++)
            {
                advance(i);
            }
        }
        else if (currentIndex >= 0)
        {
            advance(currentIndex);
        }
        int best = -1;
        long bestTime = Long.MAX_VALUE;
        for (int i = 0; i < sources.length; i++)
        {
            if (live[i] && (best < 0 || heads[i] < bestTime))
            {
                best = i;
                bestTime = heads[i];
            }
        }
        currentIndex = best;
        current = best >= 0 ? sources[best] : null;
        return best >= 0;
    }

    private void advance(final int i)
    {
        live[i] = sources[i].next();
        if (live[i])
        {
            heads[i] = sources[i].timestampNs();
        }
    }

    public long timestampNs()
    {
        return current.timestampNs();
    }

    public DirectBuffer buffer()
    {
        return current.buffer();
    }

    public int offset()
    {
        return current.offset();
    }

    public int length()
    {
        return current.length();
    }

    public void close()
    {
        for (final EventSource source : sources)
        {
            source.close();
        }
    }
}
