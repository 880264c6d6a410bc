package io.ferrum.ops.backtest.stats;

/**
 * Turns an equity curve and trade/execution accumulators into a {@link PerformanceReport}.
 * Runs once at the end of a backtest, so it favours clarity over speed.
 * <p>
 * Periodic returns are taken between consecutive equity samples; the driver samples at a
 * fixed log-time interval, so annualizing uses the mean sample interval and a 365-day year
 * (crypto trades every day). The risk-free rate is zero.
 * <p>
 * A figure is n/a (NaN, null in JSON) where it means nothing: Sharpe and Sortino below
 * {@link #MIN_RETURNS} returns or when the returns' deviation is below {@link #RETURN_RESOLUTION}
 * (equity that barely moved: a ratio of noise at the money's last digit); CAGR and Calmar over less
 * than {@link #MIN_ANNUALIZED_NS} (annualizing minutes multiplies their return by a huge power) or,
 * for Calmar, a drawdown below the resolution. The report carries the return count and the
 * periods per year beside the ratios.
 */
public final class PerformanceCalculator
{
    /** 365 days: the year used for annualizing, since the market never closes. */
    public static final long YEAR_NS = 365L * 24 * 3600 * 1_000_000_000L;
    /** Fewer periodic returns than this give no Sharpe or Sortino: too few to estimate a deviation. */
    public static final int MIN_RETURNS = 30;
    /** Returns whose deviation (or a drawdown) is below this are noise at the equity's resolution. */
    public static final double RETURN_RESOLUTION = 1e-9;
    /** A shorter run has no CAGR or Calmar: annualizing it means nothing. */
    public static final long MIN_ANNUALIZED_NS = 30L * 24 * 3600 * 1_000_000_000L;

    private PerformanceCalculator()
    {
    }

    public static PerformanceReport compute(
        final EquityCurve curve, final TradeStatistics trades, final ExecutionStatistics execution)
    {
        final int n = curve.size();
        final long startTime = n > 0 ? curve.timeNs(0) : 0;
        final long endTime = n > 0 ? curve.timeNs(n - 1) : 0;
        final long startEquity = n > 0 ? curve.equity(0) : 0;
        final long endEquity = n > 0 ? curve.equity(n - 1) : 0;

        final double[] returns = returns(curve);
        final double periodsPerYear = n > 1 && endTime > startTime ?
            (double)YEAR_NS * (n - 1) / (endTime - startTime) : Double.NaN;
        final double totalReturn = startEquity > 0 ? (double)endEquity / startEquity - 1.0 : Double.NaN;
        final double cagr = endTime - startTime >= MIN_ANNUALIZED_NS ?
            cagr(startEquity, endEquity, endTime - startTime) : Double.NaN;

        final Drawdown drawdown = Drawdown.of(curve);
        final double calmar = drawdown.depth() > RETURN_RESOLUTION ? cagr / drawdown.depth() : Double.NaN;

        final double winRate = trades.trades() > 0 ? (double)trades.wins() / trades.trades() : Double.NaN;
        final double profitFactor = trades.grossLoss() > 0 ?
            (double)trades.grossProfit() / trades.grossLoss() : Double.NaN;
        final long expectancy = trades.trades() > 0 ?
            (trades.grossProfit() - trades.grossLoss()) / trades.trades() : 0;

        final double fillRate = execution.ordersSent() > 0 ?
            (double)execution.ordersFilled() / execution.ordersSent() : Double.NaN;
        final double slippageBps = execution.tradedNotional() > 0 ?
            1e4 * execution.slippageCost() / execution.tradedNotional() : Double.NaN;
        final double meanEquity = meanEquity(curve);
        final double turnover = meanEquity > 0 ? execution.tradedNotional() / meanEquity : Double.NaN;

        return new PerformanceReport(
            curve.exponent(),
            startTime,
            endTime,
            n,
            startEquity,
            endEquity,
            endEquity - startEquity,
            totalReturn,
            cagr,
            sharpe(returns, periodsPerYear),
            sortino(returns, periodsPerYear),
            drawdown.depth(),
            drawdown.money(),
            drawdown.durationNs(),
            calmar,
            trades.trades(),
            trades.wins(),
            trades.losses(),
            winRate,
            trades.grossProfit(),
            trades.grossLoss(),
            profitFactor,
            expectancy,
            execution.ordersSent(),
            execution.ordersFilled(),
            fillRate,
            execution.fills(),
            execution.tradedNotional(),
            execution.fees(),
            execution.slippageCost(),
            slippageBps,
            turnover,
            timeInMarket(curve),
            averageLeverage(curve),
            returns.length,
            periodsPerYear);
    }

    /**
     * Simple returns between consecutive samples; a period that starts at zero or negative
     * equity has no defined return and ends the series (the account is bust).
     */
    public static double[] returns(final EquityCurve curve)
    {
        final int n = curve.size();
        if (n < 2)
        {
            return new double[0];
        }
        final double[] returns = new double[n - 1];
        int count = 0;
        for (int i = 1; i < n; i++)
        {
            final long previous = curve.equity(i - 1);
            if (previous <= 0)
            {
                break;
            }
            returns[count++] = (double)curve.equity(i) / previous - 1.0;
        }
        return count == returns.length ? returns : java.util.Arrays.copyOf(returns, count);
    }

    /**
     * mean / sample standard deviation * sqrt(periods per year); NaN below {@link #MIN_RETURNS} returns or at a
     * deviation below {@link #RETURN_RESOLUTION}.
     */
    public static double sharpe(final double[] returns, final double periodsPerYear)
    {
        final int n = returns.length;
        if (n < MIN_RETURNS || Double.isNaN(periodsPerYear))
        {
            return Double.NaN;
        }
        final double mean = mean(returns);
        double squares = 0;
        for (final double r : returns)
        {
            squares += (r - mean) * (r - mean);
        }
        final double deviation = Math.sqrt(squares / (n - 1));
        return deviation > RETURN_RESOLUTION ? mean / deviation * Math.sqrt(periodsPerYear) : Double.NaN;
    }

    /**
     * mean / downside deviation * sqrt(periods per year), the downside deviation being
     * sqrt(sum(min(r, 0)^2) / n) (target return 0); NaN when no return is negative.
     */
    public static double sortino(final double[] returns, final double periodsPerYear)
    {
        final int n = returns.length;
        if (n < MIN_RETURNS || Double.isNaN(periodsPerYear))
        {
            return Double.NaN;
        }
        double downside = 0;
        for (final double r : returns)
        {
            if (r < 0)
            {
                downside += r * r;
            }
        }
        final double deviation = Math.sqrt(downside / n);
        return deviation > RETURN_RESOLUTION ? mean(returns) / deviation * Math.sqrt(periodsPerYear) : Double.NaN;
    }

    /** (end / start)^(year / elapsed) - 1; -1 when the account ended at or below zero. */
    public static double cagr(final long startEquity, final long endEquity, final long elapsedNs)
    {
        if (startEquity <= 0 || elapsedNs <= 0)
        {
            return Double.NaN;
        }
        if (endEquity <= 0)
        {
            return -1.0;
        }
        return Math.pow((double)endEquity / startEquity, (double)YEAR_NS / elapsedNs) - 1.0;
    }

    private static double mean(final double[] values)
    {
        double sum = 0;
        for (final double v : values)
        {
            sum += v;
        }
        return sum / values.length;
    }

    private static double meanEquity(final EquityCurve curve)
    {
        final int n = curve.size();
        if (n == 0)
        {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += curve.equity(i);
        }
        return sum / n;
    }

    /** Share of time with a non-zero position; sample i holds until sample i + 1. */
    private static double timeInMarket(final EquityCurve curve)
    {
        final int n = curve.size();
        final long span = n > 1 ? curve.timeNs(n - 1) - curve.timeNs(0) : 0;
        if (span <= 0)
        {
            return Double.NaN;
        }
        long exposed = 0;
        for (int i = 0; i < n - 1; i++)
        {
            if (curve.exposure(i) != 0)
            {
                exposed += curve.timeNs(i + 1) - curve.timeNs(i);
            }
        }
        return (double)exposed / span;
    }

    /** Time-weighted mean of gross position notional / equity over periods with positive equity. */
    private static double averageLeverage(final EquityCurve curve)
    {
        final int n = curve.size();
        double weighted = 0;
        long weight = 0;
        for (int i = 0; i < n - 1; i++)
        {
            final long equity = curve.equity(i);
            if (equity > 0)
            {
                final long dt = curve.timeNs(i + 1) - curve.timeNs(i);
                weighted += (double)Math.abs(curve.exposure(i)) / equity * dt;
                weight += dt;
            }
        }
        return weight > 0 ? weighted / weight : Double.NaN;
    }
}
