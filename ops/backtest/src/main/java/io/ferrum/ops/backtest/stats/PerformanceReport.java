package io.ferrum.ops.backtest.stats;

/**
 * The statistics of one ledger (a strategy or the portfolio). Money fields are mantissas
 * at {@link #moneyExponent}; ratios are doubles, {@link Double#NaN} when undefined (a zero
 * denominator, too few samples), written as JSON null. Formulas: docs/backtesting.md.
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
    double periodsPerYear)
{
}
