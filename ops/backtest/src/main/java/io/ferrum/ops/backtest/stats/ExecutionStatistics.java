package io.ferrum.ops.backtest.stats;

/**
 * Accumulates order flow: orders sent and filled, traded notional, fees and slippage
 * against the reference price the strategy saw when it decided (the mid, or the last
 * trade when there is no book). Money at the quote exponent of the ledger that owns it.
 */
public final class ExecutionStatistics
{
    private long ordersSent;
    private long ordersFilled;
    private long fills;
    private long tradedNotional;
    private long fees;
    private long slippageCost;

    public void onOrderSent()
    {
        ordersSent++;
    }

    /** An order got its first fill (a partial fill counts once). */
    public void onOrderFilled()
    {
        ordersFilled++;
    }

    /**
     * @param notionalMantissa |price * quantity| of the fill
     * @param feeMantissa      fee paid (negative for a rebate)
     * @param slippageMantissa cost against the reference price: positive when the fill was
     *                         worse than the reference (bought above, sold below)
     */
    public void onFill(final long notionalMantissa, final long feeMantissa, final long slippageMantissa)
    {
        fills++;
        tradedNotional = Math.addExact(tradedNotional, notionalMantissa);
        fees = Math.addExact(fees, feeMantissa);
        slippageCost = Math.addExact(slippageCost, slippageMantissa);
    }

    public long ordersSent()
    {
        return ordersSent;
    }

    public long ordersFilled()
    {
        return ordersFilled;
    }

    public long fills()
    {
        return fills;
    }

    public long tradedNotional()
    {
        return tradedNotional;
    }

    public long fees()
    {
        return fees;
    }

    public long slippageCost()
    {
        return slippageCost;
    }

    public void addAll(final ExecutionStatistics other)
    {
        ordersSent += other.ordersSent;
        ordersFilled += other.ordersFilled;
        fills += other.fills;
        tradedNotional = Math.addExact(tradedNotional, other.tradedNotional);
        fees = Math.addExact(fees, other.fees);
        slippageCost = Math.addExact(slippageCost, other.slippageCost);
    }
}
