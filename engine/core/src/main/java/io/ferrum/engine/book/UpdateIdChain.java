package io.ferrum.engine.book;

/**
 * Binance's rule for a depth diff ({@code U} its first update id, {@code u} its last) against a
 * book that has applied everything up to {@code lastUpdateId} ("How to manage a local order book
 * correctly"): a diff ending at or before the book's id is already in it; one starting after
 * {@code lastUpdateId + 1} leaves a gap; any other chains on. The one place this rule lives: the
 * engine's {@link OrderBook}, the gateway's book sync and analytics' book each decide what a gap
 * means for them, not what a gap is.
 */
public final class UpdateIdChain
{
    /** The diff continues the book: apply it. */
    public static final int CHAINS = 0;
    /** Every update of the diff is already in the book. */
    public static final int STALE = 1;
    /** Updates between the book and the diff are missing. */
    public static final int GAP = 2;

    private UpdateIdChain()
    {
    }

    /** @return {@link #CHAINS}, {@link #STALE} or {@link #GAP} */
    public static int classify(final long bookLastUpdateId, final long firstUpdateId, final long lastUpdateId)
    {
        if (lastUpdateId <= bookLastUpdateId)
        {
            return STALE;
        }
        return firstUpdateId > bookLastUpdateId + 1 ? GAP : CHAINS;
    }
}
