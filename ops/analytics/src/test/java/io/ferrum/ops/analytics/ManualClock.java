package io.ferrum.ops.analytics;

import org.agrona.concurrent.EpochNanoClock;

/** A clock the test moves by hand. */
public final class ManualClock implements EpochNanoClock
{
    private volatile long nowNs;

    public void update(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    public void advanceMs(final long ms)
    {
        nowNs += ms * 1_000_000L;
    }

    public long nanoTime()
    {
        return nowNs;
    }
}
