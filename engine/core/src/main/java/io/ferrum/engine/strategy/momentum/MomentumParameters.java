package io.ferrum.engine.strategy.momentum;

import io.ferrum.strategy.StrategyParameters;

/**
 * Parameters of {@link MomentumTaker}; quantities as mantissas at the instrument's size exponent.
 * From code or from {@code key=value} properties ({@link #from}).
 */
public final class MomentumParameters
{
    int strategyId = 2;
    int instrumentId;
    int lookbackTrades = 20;
    long thresholdBps = 10;
    long orderQuantity;
    long maxPosition;
    long holdNs = 5_000_000_000L;
    long cooldownNs = 1_000_000_000L;

    public MomentumParameters strategyId(final int strategyId)
    {
        this.strategyId = strategyId;
        return this;
    }

    public MomentumParameters instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    /** The move is measured from the trade this many trades ago to the latest one. */
    public MomentumParameters lookbackTrades(final int lookbackTrades)
    {
        this.lookbackTrades = lookbackTrades;
        return this;
    }

    /** A move of at least this many basis points triggers a market order in its direction. */
    public MomentumParameters thresholdBps(final long thresholdBps)
    {
        this.thresholdBps = thresholdBps;
        return this;
    }

    public MomentumParameters orderQuantity(final long orderQuantity)
    {
        this.orderQuantity = orderQuantity;
        return this;
    }

    public MomentumParameters maxPosition(final long maxPosition)
    {
        this.maxPosition = maxPosition;
        return this;
    }

    /** After an entry, a timer flattens the position this long later (log time). */
    public MomentumParameters holdNs(final long holdNs)
    {
        this.holdNs = holdNs;
        return this;
    }

    /** No new entry within this time of the last one. */
    public MomentumParameters cooldownNs(final long cooldownNs)
    {
        this.cooldownNs = cooldownNs;
        return this;
    }

    /**
     * Reads {@code <prefix>strategyId, instrumentId, lookbackTrades, thresholdBps, orderQuantity,
     * maxPosition, holdNs, cooldownNs}; missing keys keep their defaults, any other key under the
     * prefix is refused.
     */
    public static MomentumParameters from(final StrategyParameters v)
    {
        final MomentumParameters p = new MomentumParameters();
        p.strategyId = v.integer("strategyId", p.strategyId);
        p.instrumentId = v.integer("instrumentId", 0);
        p.lookbackTrades = v.integer("lookbackTrades", p.lookbackTrades);
        p.thresholdBps = v.longValue("thresholdBps", p.thresholdBps);
        p.orderQuantity = v.longValue("orderQuantity", 0);
        p.maxPosition = v.longValue("maxPosition", 0);
        p.holdNs = v.longValue("holdNs", p.holdNs);
        p.cooldownNs = v.longValue("cooldownNs", p.cooldownNs);
        v.refuseUnknown();
        return p.validate();
    }

    MomentumParameters validate()
    {
        if (strategyId <= 0 || instrumentId <= 0 || lookbackTrades < 2 || lookbackTrades > 100_000 ||
            thresholdBps <= 0 || orderQuantity <= 0 || maxPosition < orderQuantity || holdNs <= 0 || cooldownNs < 0)
        {
            throw new IllegalArgumentException("invalid momentum parameters: strategyId=" + strategyId +
                " instrumentId=" + instrumentId + " lookbackTrades=" + lookbackTrades + " thresholdBps=" +
                thresholdBps + " orderQuantity=" + orderQuantity + " maxPosition=" + maxPosition + " holdNs=" +
                holdNs + " cooldownNs=" + cooldownNs);
        }
        return this;
    }
}
