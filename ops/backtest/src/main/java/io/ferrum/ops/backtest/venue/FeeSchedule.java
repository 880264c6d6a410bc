package io.ferrum.ops.backtest.venue;

/**
 * Maker and taker fees in hundredths of a basis point of the fill's notional (Binance's
 * spot base tier, 0.1 %, is 1000); a negative maker fee is a rebate.
 */
public record FeeSchedule(long makerCentiBps, long takerCentiBps)
{
    public static final FeeSchedule BINANCE_SPOT_BASE = new FeeSchedule(1000, 1000);

    /** Fee on a notional, at the notional's exponent, truncated toward zero. */
    public long fee(final long notional, final boolean maker)
    {
        return Math.multiplyExact(notional, maker ? makerCentiBps : takerCentiBps) / 1_000_000;
    }
}
