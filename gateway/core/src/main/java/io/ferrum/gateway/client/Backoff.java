package io.ferrum.gateway.client;

import java.util.Random;

/**
 * Exponential backoff with full jitter: attempt n waits a uniform random time in
 * [base * 2^n / 2, base * 2^n], capped at max, so that many clients do not reconnect in step.
 */
public final class Backoff
{
    private final long baseNs;
    private final long maxNs;
    private final Random random;
    private int attempts;

    public Backoff(final long baseNs, final long maxNs, final long seed)
    {
        if (baseNs <= 0 || maxNs < baseNs)
        {
            throw new IllegalArgumentException("need 0 < base <= max: " + baseNs + ", " + maxNs);
        }
        this.baseNs = baseNs;
        this.maxNs = maxNs;
        this.random = new Random(seed);
    }

    /** @return the delay before the next attempt, and counts the attempt. */
    public long nextDelayNs()
    {
        final long ceiling = Math.min(maxNs, baseNs << Math.min(attempts, 30));
        attempts++;
        final long half = ceiling / 2;
        return half + (long)(random.nextDouble() * (ceiling - half));
    }

    public int attempts()
    {
        return attempts;
    }

    public void reset()
    {
        attempts = 0;
    }
}
