package io.ferrum.gateway.book;

import io.ferrum.engine.book.PriceLadder;

/** A price-level order book for one instrument, as the gateway keeps it to check what it publishes. */
public final class LocalBook
{
    /** Returned by the best-price accessors when the side is empty. */
    public static final long NO_PRICE = Long.MIN_VALUE;

    private final PriceLadder bids;
    private final PriceLadder asks;
    private long lastUpdateId;

    public LocalBook(final int initialLevels)
    {
        bids = PriceLadder.growing(true, initialLevels);
        asks = PriceLadder.growing(false, initialLevels);
    }

    public void clear()
    {
        bids.clear();
        asks.clear();
        lastUpdateId = 0;
    }

    public void setBid(final long price, final long quantity)
    {
        bids.set(price, quantity);
    }

    public void setAsk(final long price, final long quantity)
    {
        asks.set(price, quantity);
    }

    public void lastUpdateId(final long lastUpdateId)
    {
        this.lastUpdateId = lastUpdateId;
    }

    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    public long bestBid()
    {
        return bids.isEmpty() ? NO_PRICE : bids.price(0);
    }

    public long bestAsk()
    {
        return asks.isEmpty() ? NO_PRICE : asks.price(0);
    }

    public long bidQuantity(final int level)
    {
        return bids.quantity(level);
    }

    public long askQuantity(final int level)
    {
        return asks.quantity(level);
    }

    public long bidPrice(final int level)
    {
        return bids.price(level);
    }

    public long askPrice(final int level)
    {
        return asks.price(level);
    }

    public int bidLevels()
    {
        return bids.size();
    }

    public int askLevels()
    {
        return asks.size();
    }

    /** Best bid at or above best ask: impossible on a venue, so the book is wrong. */
    public boolean isCrossed()
    {
        return PriceLadder.isCrossed(bids, asks);
    }
}
