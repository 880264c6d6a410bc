package io.ferrum.ops.backtest.stats;

/**
 * Maximum drawdown of an equity curve: the deepest fall from a running peak, as a
 * fraction of that peak (clamped to 1 when equity falls to or below zero) and in money,
 * and the longest time spent below a previous peak (until it is regained, or until the
 * last sample when it never is).
 */
public record Drawdown(double depth, long money, long durationNs)
{
    public static Drawdown of(final EquityCurve curve)
    {
        final int n = curve.size();
        if (n == 0)
        {
            return new Drawdown(0.0, 0, 0);
        }
        long peak = curve.equity(0);
        long peakTime = curve.timeNs(0);
        double depth = 0.0;
        long money = 0;
        long duration = 0;
        boolean underwater = false;
        for (int i = 1; i < n; i++)
        {
            final long equity = curve.equity(i);
            final long time = curve.timeNs(i);
            if (equity >= peak)
            {
                if (underwater)
                {
                    duration = Math.max(duration, time - peakTime);
                    underwater = false;
                }
                peak = equity;
                peakTime = time;
                continue;
            }
            underwater = true;
            final long fall = peak - equity;
            money = Math.max(money, fall);
            if (peak > 0)
            {
                depth = Math.max(depth, Math.min(1.0, (double)fall / peak));
            }
            duration = Math.max(duration, time - peakTime);
        }
        return new Drawdown(depth, money, duration);
    }
}
