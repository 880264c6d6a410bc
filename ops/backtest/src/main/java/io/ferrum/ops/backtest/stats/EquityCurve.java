package io.ferrum.ops.backtest.stats;

import java.util.Arrays;

/**
 * Equity samples in log time: (timeNs, equity mantissa, gross position notional mantissa),
 * all money at one exponent. Appended at a sampling interval, not per event, so growing
 * the arrays now and then costs nothing on the replay loop.
 */
public final class EquityCurve
{
    private final int exponent;
    private long[] timesNs;
    private long[] equity;
    private long[] exposure;
    private int size;

    /**
     * @param exponent of every money value in this curve
     * @param capacity initial number of samples
     */
    public EquityCurve(final int exponent, final int capacity)
    {
        this.exponent = exponent;
        final int initial = Math.max(capacity, 16);
        timesNs = new long[initial];
        equity = new long[initial];
        exposure = new long[initial];
    }

    /**
     * @param timeNs           log time of the sample; must not go backwards
     * @param equityMantissa   account value (cash + positions at mark) at this time
     * @param exposureMantissa gross notional of open positions at mark (0 when flat)
     */
    public void add(final long timeNs, final long equityMantissa, final long exposureMantissa)
    {
        if (size > 0 && timeNs < timesNs[size - 1])
        {
            throw new IllegalArgumentException("equity sample goes back in time: " + timeNs + " < " + timesNs[size - 1]);
        }
        if (size == timesNs.length)
        {
            final int capacity = size << 1;
            timesNs = Arrays.copyOf(timesNs, capacity);
            equity = Arrays.copyOf(equity, capacity);
            exposure = Arrays.copyOf(exposure, capacity);
        }
        timesNs[size] = timeNs;
        equity[size] = equityMantissa;
        exposure[size] = exposureMantissa;
        size++;
    }

    public int exponent()
    {
        return exponent;
    }

    public int size()
    {
        return size;
    }

    public long timeNs(final int index)
    {
        return timesNs[index];
    }

    public long equity(final int index)
    {
        return equity[index];
    }

    public long exposure(final int index)
    {
        return exposure[index];
    }

    public void clear()
    {
        size = 0;
    }
}
