package io.ferrum.ops.backtest.stats;

/**
 * Turns an equity curve and trade/execution accumulators into a {@link PerformanceReport}.
 * Runs once at the end of a backtest, so it favours clarity over speed.
 * <p>
 * Sharpe and Sortino are taken on daily returns ({@link #periodReturns}): the equity at the first
 * sample and every {@link #DAY_NS} after it (the last sample at or before each instant), or the
 * samples themselves when they are further apart than a day; annualized with a 365-day year (crypto
 * trades every day), so {@code sqrt(365)}. Per-sample returns of a 1-second curve annualized with
 * {@code sqrt(3.15e7)} turned two minutes of noise into a Sharpe of -3 696: the sampling of a
 * ratio must be one a quant would annualize. The risk-free rate is zero.
 * <p>
 * A figure is n/a (NaN, null in JSON, with {@link PerformanceReport#ratiosNote()} saying why) where
 * it means nothing: Sharpe and Sortino below {@link #MIN_RETURNS} daily returns (a month of data) or
 * when the returns' deviation is below {@link #RETURN_RESOLUTION} (equity that barely moved: a ratio of
 * noise at the money's last digit); CAGR and Calmar over less than {@link #MIN_ANNUALIZED_NS}
 * (annualizing minutes multiplies their return by a huge power) or, for Calmar, a drawdown below the
 * resolution. The report carries the return count and the periods per year beside the ratios.
 */
public final class PerformanceCalculator
{
    /** 365 days: the year used for annualizing, since the market never closes. */
    public static final long YEAR_NS = 365L * 24 * 3600 * 1_000_000_000L;
    /** The period of the returns Sharpe and Sortino are taken on (unless the samples are further apart). */
    public static final long DAY_NS = 24L * 3600 * 1_000_000_000L;
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

        final long periodNs = n > 1 && endTime > startTime ? Math.max(DAY_NS, (endTime - startTime) / (n - 1)) : DAY_NS;
        final double[] returns = periodReturns(curve, periodNs);
        final double periodsPerYear = (double)YEAR_NS / periodNs;
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
            periodsPerYear,
            ratiosNote(returns, periodNs));
    }

    /**
     * Why Sharpe and Sortino are n/a for these returns, or null when they are figures (Sortino may still be n/a
     * without a losing period: {@link #sortino}).
     */
    static String ratiosNote(final double[] returns, final long periodNs)
    {
        final String period = periodNs == DAY_NS ? "daily" : String.format(java.util.Locale.ROOT, "%.1f-day",
            (double)periodNs / DAY_NS);
        if (returns.length < MIN_RETURNS)
        {
            return returns.length + " " + period + " returns: Sharpe and Sortino need at least " + MIN_RETURNS;
        }
        return Double.isNaN(sharpe(returns, (double)YEAR_NS / periodNs)) ?
            "the " + period + " returns' deviation is below " + RETURN_RESOLUTION + ": equity did not move" : null;
    }

    /**
     * Simple returns over consecutive periods of {@code periodNs} from the first sample: the equity at each period's
     * end is the last sample at or before it; a trailing part of a period is left out. A period that starts at zero or
     * negative equity has no defined return and ends the series (the account is bust).
     */
    public static double[] periodReturns(final EquityCurve curve, final long periodNs)
    {
        final int n = curve.size();
        if (n < 2)
        {
            return new double[0];
        }
        final long start = curve.timeNs(0);
        final int periods = (int)Math.min(Integer.MAX_VALUE - 1, (curve.timeNs(n - 1) - start) / periodNs);
        final double[] returns = new double[periods];
        int count = 0;
        int sample = 0;
        long previous = curve.equity(0);
        for (int p = 1; p <= periods && previous > 0; p++)
        {
            final long end = start + p * periodNs;
            while (sample + 1 < n && curve.timeNs(sample + 1) <= end)
            {
                sample++;
            }
            final long equity = curve.equity(sample);
            returns[count++] = (double)equity / previous - 1.0;
            previous = equity;
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
