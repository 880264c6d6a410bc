package io.ferrum.ops.backtest;

/** The first {@code capacity} closed trades of a ledger: log time and realized profit, for charts. */
public final class TradeLog
{
    private final long[] timesNs;
    private final long[] profits;
    private int size;
    private long dropped;

    public TradeLog(final int capacity)
    {
        timesNs = new long[capacity];
        profits = new long[capacity];
    }

    void add(final long timeNs, final long profit)
    {
        if (size == timesNs.length)
        {
            dropped++;
            return;
        }
        timesNs[size] = timeNs;
        profits[size] = profit;
        size++;
    }

    public int size()
    {
        return size;
    }

    /** Trades past the capacity: counted in the statistics, not listed. */
    public long dropped()
    {
        return dropped;
    }

    public long timeNs(final int index)
    {
        return timesNs[index];
    }

    public long profit(final int index)
    {
        return profits[index];
    }
}
