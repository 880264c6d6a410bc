package io.ferrum.engine.strategy.marketmaker;

import io.ferrum.strategy.StrategyParameters;

/**
 * Parameters of {@link MarketMaker}; prices in ticks, quantities as mantissas at the
 * instrument's size exponent. Loaded from code or from {@code key=value} properties
 * (see {@link #from(Map, String)}).
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
     * maxSkewTicks, requoteTicks, sizeJitterLots, seed}; missing keys keep their defaults, any
     * other key under the prefix is refused.
     */
    public static MarketMakerParameters from(final StrategyParameters v)
    {
        final MarketMakerParameters p = new MarketMakerParameters();
        p.strategyId = v.integer("strategyId", p.strategyId);
        p.instrumentId = v.integer("instrumentId", 0);
        p.quoteQuantity = v.longValue("quoteQuantity", 0);
        p.halfSpreadTicks = v.integer("halfSpreadTicks", p.halfSpreadTicks);
        p.maxPosition = v.longValue("maxPosition", 0);
        p.maxSkewTicks = v.integer("maxSkewTicks", p.maxSkewTicks);
        p.requoteTicks = v.integer("requoteTicks", p.requoteTicks);
        p.sizeJitterLots = v.integer("sizeJitterLots", 0);
        p.seed = v.longValue("seed", p.seed);
        v.refuseUnknown();
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
