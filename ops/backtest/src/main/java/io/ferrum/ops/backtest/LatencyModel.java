package io.ferrum.ops.backtest;

import java.util.SplittableRandom;

/**
 * A one-way delay: fixed, or fixed plus a seeded exponential jitter (mean {@code jitterNs}),
 * which gives the long right tail that network latency has.
 */
public final class LatencyModel
{
    private final long baseNs;
    private final long jitterNs;
    private final SplittableRandom random;

    public LatencyModel(final long baseNs, final long jitterNs, final long seed)
    {
        if (baseNs < 0 || jitterNs < 0)
        {
            throw new IllegalArgumentException("latency cannot be negative");
        }
        this.baseNs = baseNs;
        this.jitterNs = jitterNs;
        this.random = new SplittableRandom(seed);
    }

    public static LatencyModel fixed(final long ns)
    {
        return new LatencyModel(ns, 0, 0);
    }

    public long nextNs()
    {
        if (jitterNs == 0)
        {
            return baseNs;
        }
        // inverse CDF of the exponential: the one log per order is off the per-event path
        return baseNs + (long)(-StrictMath.log(1.0 - random.nextDouble()) * jitterNs);
    }

    public long baseNs()
    {
        return baseNs;
    }

    public long jitterNs()
    {
        return jitterNs;
    }
}
