package io.ferrum.engine.risk;

import io.ferrum.codecs.sbe.RiskRejectReason;

/** The verdict of a {@link PreTradeCheck}: accepted unless {@link #reject} was called. Reused, never allocated per order. */
public final class PreTradeResult
{
    private RiskRejectReason reason;
    private int valueExponent;
    private long observed;
    private long limitValue;

    public void reset()
    {
        reason = null;
        valueExponent = 0;
        observed = 0;
        limitValue = 0;
    }

    /**
     * @param reason        why the order is refused
     * @param valueExponent exponent of {@code observed} and {@code limitValue}
     * @param observed      the value the order would have reached
     * @param limitValue    the limit in force
     */
    public void reject(final RiskRejectReason reason, final int valueExponent, final long observed, final long limitValue)
    {
        this.reason = reason;
        this.valueExponent = valueExponent;
        this.observed = observed;
        this.limitValue = limitValue;
    }

    public boolean isAccepted()
    {
        return reason == null;
    }

    /** Null when accepted. */
    public RiskRejectReason reason()
    {
        return reason;
    }

    public int valueExponent()
    {
        return valueExponent;
    }

    public long observed()
    {
        return observed;
    }

    public long limitValue()
    {
        return limitValue;
    }
}
