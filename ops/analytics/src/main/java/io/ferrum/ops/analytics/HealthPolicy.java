package io.ferrum.ops.analytics;

import io.ferrum.codecs.sbe.FeedState;

/**
 * A symbol's health from the age of its data, its book and its feed: healthy only when
 * data_age_ms <= healthyMaxAgeMs (1000) and the book is in sync with a feed that reports
 * no fault; down when there is no data, the data is older than downAfterMs, or the feed
 * is disconnected, shut down by the venue or banned; degraded in between.
 */
public final class HealthPolicy
{
    /** Rendered lower case in the report. */
    public enum Status
    {
        HEALTHY, DEGRADED, DOWN;

        public String json()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final long healthyMaxAgeMs;
    private final long downAfterMs;

    public HealthPolicy(final long healthyMaxAgeMs, final long downAfterMs)
    {
        if (healthyMaxAgeMs < 0 || downAfterMs <= healthyMaxAgeMs)
        {
            throw new IllegalArgumentException(
                "need 0 <= healthyMaxAgeMs < downAfterMs, got " + healthyMaxAgeMs + ", " + downAfterMs);
        }
        this.healthyMaxAgeMs = healthyMaxAgeMs;
        this.downAfterMs = downAfterMs;
    }

    public long healthyMaxAgeMs()
    {
        return healthyMaxAgeMs;
    }

    public long downAfterMs()
    {
        return downAfterMs;
    }

    /** @param dataAgeMs negative when no venue event was ever seen */
    public Status status(final long dataAgeMs, final boolean bookInSync, final FeedState feedState)
    {
        if (dataAgeMs < 0 || dataAgeMs > downAfterMs || isDown(feedState))
        {
            return Status.DOWN;
        }
        if (dataAgeMs <= healthyMaxAgeMs && bookInSync && (null == feedState || !SymbolAnalytics.isFault(feedState)))
        {
            return Status.HEALTHY;
        }
        return Status.DEGRADED;
    }

    private static boolean isDown(final FeedState state)
    {
        return FeedState.DISCONNECTED == state || FeedState.SERVER_SHUTDOWN == state || FeedState.BANNED == state;
    }
}
