package io.ferrum.ops.backtest.stats;

/**
 * Accumulates closed trades: every fill that reduces a position realizes a profit or a
 * loss (average-cost method, fees included), and that realized amount is one trade.
 * O(1) per trade, no allocation.
 */
public final class TradeStatistics
{
    private long trades;
    private long wins;
    private long losses;
    private long grossProfit;
    private long grossLoss;

    /**
     * @param pnlMantissa realized profit (positive) or loss (negative), net of fees
     */
    public void onTrade(final long pnlMantissa)
    {
        trades++;
        if (pnlMantissa > 0)
        {
            wins++;
            grossProfit = Math.addExact(grossProfit, pnlMantissa);
        }
        else if (pnlMantissa < 0)
        {
            losses++;
            grossLoss = Math.subtractExact(grossLoss, pnlMantissa);
        }
    }

    public long trades()
    {
        return trades;
    }

    public long wins()
    {
        return wins;
    }

    public long losses()
    {
        return losses;
    }

    /** Sum of winning trades, positive. */
    public long grossProfit()
    {
        return grossProfit;
    }

    /** Sum of losing trades' absolute values, positive. */
    public long grossLoss()
    {
        return grossLoss;
    }

    /** Adds another accumulator's trades, for a portfolio over strategies. */
    public void addAll(final TradeStatistics other)
    {
        trades += other.trades;
        wins += other.wins;
        losses += other.losses;
        grossProfit = Math.addExact(grossProfit, other.grossProfit);
        grossLoss = Math.addExact(grossLoss, other.grossLoss);
    }

    public void reset()
    {
        trades = 0;
        wins = 0;
        losses = 0;
        grossProfit = 0;
        grossLoss = 0;
    }
}
