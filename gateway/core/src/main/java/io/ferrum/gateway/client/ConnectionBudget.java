package io.ferrum.gateway.client;

/**
 * At most {@code attempts} connection attempts in any sliding {@code windowNs}: Binance bans an IP
 * that opens more than 300 connections in 5 minutes, whatever the reason, so a venue (or a proxy)
 * that accepts and then drops every connection must not make the client hammer it. Backoff alone
 * does not hold this: it resets on every successful connect. Not thread-safe: the client's event
 * loop owns it.
 */
public final class ConnectionBudget
{
    private final long windowNs;
    private final long[] attemptTimesNs;
    private int next;
    private int count;

    public ConnectionBudget(final int attempts, final long windowNs)
    {
        if (attempts < 1 || windowNs <= 0)
        {
            throw new IllegalArgumentException("need attempts >= 1 and a positive window: " + attempts + ", " + windowNs);
        }
        this.windowNs = windowNs;
        this.attemptTimesNs = new long[attempts];
    }

    /** How long from {@code nowNs} until an attempt fits in the budget: 0 when one may start now. */
    public long delayNs(final long nowNs)
    {
        if (count < attemptTimesNs.length)
        {
            return 0;
        }
        final long oldest = attemptTimesNs[next];
        return Math.max(0, oldest + windowNs - nowNs);
    }

    /** Counts an attempt started at {@code nowNs}. */
    public void record(final long nowNs)
    {
        attemptTimesNs[next] = nowNs;
        next = (next + 1) % attemptTimesNs.length;
        count = Math.min(count + 1, attemptTimesNs.length);
    }
}
