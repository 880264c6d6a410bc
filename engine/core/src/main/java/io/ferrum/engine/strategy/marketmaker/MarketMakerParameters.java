package io.ferrum.engine.strategy.marketmaker;

/**
 * Parameters of {@link MarketMaker}; prices in ticks, quantities as mantissas at the
 * instrument's size exponent. Loaded from code or from {@code key=value} properties
 * (see {@link #fromProperties(java.util.Properties, String)}).
 */
public final class MarketMakerParameters
{
    int strategyId = 1;
    int instrumentId;
    long quoteQuantity;
    int halfSpreadTicks = 2;
    long maxPosition;
    int maxSkewTicks = 4;
    int requoteTicks = 1;
    int sizeJitterLots;
    long seed = 1;

    public MarketMakerParameters strategyId(final int strategyId)
    {
        this.strategyId = strategyId;
        return this;
    }

    public MarketMakerParameters instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    /** Size of each quote. */
    public MarketMakerParameters quoteQuantity(final long quoteQuantity)
    {
        this.quoteQuantity = quoteQuantity;
        return this;
    }

    /** Distance of each quote from the (skewed) mid. */
    public MarketMakerParameters halfSpreadTicks(final int halfSpreadTicks)
    {
        this.halfSpreadTicks = halfSpreadTicks;
        return this;
    }

    /** No quote that would take |position| beyond this. */
    public MarketMakerParameters maxPosition(final long maxPosition)
    {
        this.maxPosition = maxPosition;
        return this;
    }

    /** Skew of both quotes at full inventory (position == maxPosition), against the position. */
    public MarketMakerParameters maxSkewTicks(final int maxSkewTicks)
    {
        this.maxSkewTicks = maxSkewTicks;
        return this;
    }

    /** A quote is replaced only when its target moved by at least this many ticks. */
    public MarketMakerParameters requoteTicks(final int requoteTicks)
    {
        this.requoteTicks = requoteTicks;
        return this;
    }

    /** Random extra lots (0..n) added to each new quote, from a seeded generator kept in the state. */
    public MarketMakerParameters sizeJitterLots(final int sizeJitterLots)
    {
        this.sizeJitterLots = sizeJitterLots;
        return this;
    }

    public MarketMakerParameters seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /**
     * Reads {@code <prefix>strategyId, instrumentId, quoteQuantity, halfSpreadTicks, maxPosition,
     * maxSkewTicks, requoteTicks, sizeJitterLots, seed}; missing keys keep their defaults.
     */
    public static MarketMakerParameters fromProperties(final java.util.Properties properties, final String prefix)
    {
        final MarketMakerParameters p = new MarketMakerParameters();
        p.strategyId = Integer.parseInt(properties.getProperty(prefix + "strategyId", String.valueOf(p.strategyId)));
        p.instrumentId = Integer.parseInt(properties.getProperty(prefix + "instrumentId", "0"));
        p.quoteQuantity = Long.parseLong(properties.getProperty(prefix + "quoteQuantity", "0"));
        p.halfSpreadTicks = Integer.parseInt(
            properties.getProperty(prefix + "halfSpreadTicks", String.valueOf(p.halfSpreadTicks)));
        p.maxPosition = Long.parseLong(properties.getProperty(prefix + "maxPosition", "0"));
        p.maxSkewTicks = Integer.parseInt(
            properties.getProperty(prefix + "maxSkewTicks", String.valueOf(p.maxSkewTicks)));
        p.requoteTicks = Integer.parseInt(
            properties.getProperty(prefix + "requoteTicks", String.valueOf(p.requoteTicks)));
        p.sizeJitterLots = Integer.parseInt(properties.getProperty(prefix + "sizeJitterLots", "0"));
        p.seed = Long.parseLong(properties.getProperty(prefix + "seed", String.valueOf(p.seed)));
        return p.validate();
    }

    MarketMakerParameters validate()
    {
        if (strategyId <= 0 || instrumentId <= 0 || quoteQuantity <= 0 || maxPosition < quoteQuantity ||
            halfSpreadTicks < 1 || maxSkewTicks < 0 || requoteTicks < 1 || sizeJitterLots < 0)
        {
            throw new IllegalArgumentException("invalid market maker parameters: strategyId=" + strategyId +
                " instrumentId=" + instrumentId + " quoteQuantity=" + quoteQuantity + " maxPosition=" + maxPosition +
                " halfSpreadTicks=" + halfSpreadTicks + " maxSkewTicks=" + maxSkewTicks + " requoteTicks=" +
                requoteTicks + " sizeJitterLots=" + sizeJitterLots);
        }
        return this;
    }
}
