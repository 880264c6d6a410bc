package io.ferrum.ops.backtest.stats;

/**
 * The statistics of one ledger (a strategy or the portfolio). Money fields are mantissas
 * at {@link #moneyExponent}; ratios are doubles, {@link Double#NaN} when undefined (a zero
 * denominator, too few samples), written as JSON null. Formulas: docs/backtesting.md.
 *
 * @param returnSamples  the returns Sharpe and Sortino are taken on (daily, {@link PerformanceCalculator#periodReturns})
 * @param periodsPerYear their annualization: the ratios are multiplied by its square root
 * @param ratiosNote     why Sharpe and Sortino are n/a, or null when they are figures
 */
public record PerformanceReport(
    int moneyExponent,
    long startTimeNs,
    long endTimeNs,
    int samples,
    long startEquity,
    long endEquity,
    long netProfit,
    double totalReturn,
    double cagr,
    double sharpe,
    double sortino,
    double maxDrawdown,
    long maxDrawdownMoney,
    long maxDrawdownDurationNs,
    double calmar,
    long trades,
    long wins,
    long losses,
    double winRate,
    long grossProfit,
    long grossLoss,
    double profitFactor,
    long expectancy,
    long ordersSent,
    long ordersFilled,
    double fillRate,
    long fills,
    long tradedNotional,
    long fees,
    long slippageCost,
    double averageSlippageBps,
    double turnover,
    double exposure,
    double averageLeverage,
    int returnSamples,
    double periodsPerYear,
    String ratiosNote)
{
}
