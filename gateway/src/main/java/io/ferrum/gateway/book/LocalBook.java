package io.ferrum.gateway.book;

/** A price-level order book for one instrument, as the gateway keeps it to check what it publishes. */
public final class LocalBook
{
    /** Returned by the best-price accessors when the side is empty. */
    public static final long NO_PRICE = Long.MIN_VALUE;

    private final BookSide bids;
    private final BookSide asks;
    private long lastUpdateId;

    public LocalBook(final int initialLevels)
    {
        bids = new BookSide(true, initialLevels);
        asks = new BookSide(false, initialLevels);
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
        return bids.size() == 0 ? NO_PRICE : bids.price(0);
    }

    public long bestAsk()
    {
        return asks.size() == 0 ? NO_PRICE : asks.price(0);
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
        return bids.size() > 0 && asks.size() > 0 && bids.price(0) >= asks.price(0);
    }
}
