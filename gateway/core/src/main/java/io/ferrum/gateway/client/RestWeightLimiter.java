package io.ferrum.gateway.client;

/**
 * Keeps REST requests within Binance's request weight per minute: counts the weight spent
 * in the current minute (taking the venue's own {@code X-MBX-USED-WEIGHT-1M} when it sends
 * one) and says how long to wait before a request of a given weight fits.
 */
public final class RestWeightLimiter
{
    private static final long MINUTE_NS = 60_000_000_000L;

    private final int weightPerMinute;
    private long windowStartNs;
    private int used;

    public RestWeightLimiter(final int weightPerMinute)
    {
        this.weightPerMinute = weightPerMinute;
    }

    /** Weight of {@code GET /api/v3/depth} for a limit, from Binance's REST documentation. */
    public static int depthWeight(final int limit)
    {
        if (limit <= 100)
        {
            return 5;
        }
        if (limit <= 500)
        {
            return 25;
        }
        return limit <= 1000 ? 50 : 250;
    }

    /** @return 0 after reserving the weight, else nanoseconds to wait before asking again. */
    public long tryAcquire(final int weight, final long nowNs)
    {
        roll(nowNs);
        if (used + weight > weightPerMinute)
        {
            return windowStartNs + MINUTE_NS - nowNs;
        }
        used += weight;
        return 0;
    }

    /** The venue's count of weight used this minute wins over ours. */
    public void usedByVenue(final int venueUsed, final long nowNs)
    {
        roll(nowNs);
        used = Math.max(used, venueUsed);
    }

    private void roll(final long nowNs)
    {
        if (nowNs - windowStartNs >= MINUTE_NS)
        {
            windowStartNs = nowNs;
            used = 0;
        }
    }

    public int used()
    {
        return used;
    }
}
