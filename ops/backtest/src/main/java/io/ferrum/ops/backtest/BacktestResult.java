package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.stats.EquityCurve;
import io.ferrum.ops.backtest.stats.ExecutionStatistics;
import io.ferrum.ops.backtest.stats.PerformanceCalculator;
import io.ferrum.ops.backtest.stats.PerformanceReport;
import io.ferrum.ops.backtest.stats.TradeStatistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run produced: its settings, counts and speed, and per strategy and for the
 * portfolio the statistics, equity curve and trades. The portfolio's equity is the sum of
 * the strategies' at each sample time (a strategy that had not started yet counts its
 * initial cash).
 */
public record BacktestResult(
    Map<String, String> settings,
    long events,
    long logPositions,
    long riskRejects,
    long firstEventNs,
    long lastEventNs,
    long wallNs,
    long cpuNs,
    PerformanceReport portfolio,
    EquityCurve portfolioCurve,
    List<StrategyResult> strategies)
{
    /**
     * @param positions the strategy's positions as the engine keeps them ({@link io.ferrum.engine.order.Position}:
     *                  realized P&amp;L before fees, fees apart), money at {@link StrategyLedger#MONEY_EXPONENT}
     */
    public record StrategyResult(
        int strategyId, PerformanceReport report, EquityCurve curve, TradeLog trades,
        List<io.ferrum.engine.order.Position> positions)
    {
    }

    /** Events per second of wall-clock time. */
    public double eventsPerSecond()
    {
        return wallNs > 0 ? events * 1e9 / wallNs : Double.NaN;
    }

    /** Events per second of the replay thread's CPU time: the figure that other load on the machine does not skew. */
    public double eventsPerCpuSecond()
    {
        return cpuNs > 0 ? events * 1e9 / cpuNs : Double.NaN;
    }

    public static BacktestResult of(
        final Map<String, String> settings, final BacktestDriver driver, final long wallNs, final long cpuNs)
    {
        final List<StrategyResult> strategies = new ArrayList<>();
        final TradeStatistics allTrades = new TradeStatistics();
        final ExecutionStatistics allExecution = new ExecutionStatistics();
        EquityCurve longest = null;
        for (final StrategyLedger ledger : driver.ledgers())
        {
            strategies.add(new StrategyResult(ledger.strategyId(),
                PerformanceCalculator.compute(ledger.curve(), ledger.trades(), ledger.execution()),
                ledger.curve(), ledger.tradeLog(), ledger.positions()));
            allTrades.addAll(ledger.trades());
            allExecution.addAll(ledger.execution());
            if (longest == null || ledger.curve().size() > longest.size())
            {
                longest = ledger.curve();
            }
        }
        final EquityCurve portfolio = new EquityCurve(StrategyLedger.MONEY_EXPONENT, longest == null ? 16 : longest.size());
        if (longest != null)
        {
            for (int i = 0; i < longest.size(); i++)
            {
                long equity = 0;
                long exposure = 0;
                for (final StrategyLedger ledger : driver.ledgers())
                {
                    final EquityCurve curve = ledger.curve();
                    final int at = i - (longest.size() - curve.size()); // curves are suffixes of one sample grid
                    equity += at >= 0 ? curve.equity(at) : driver.initialCash();
                    exposure += at >= 0 ? curve.exposure(at) : 0;
                }
                portfolio.add(longest.timeNs(i), equity, exposure);
            }
        }
        return new BacktestResult(new LinkedHashMap<>(settings), driver.events(), driver.logPosition(),
            driver.riskRejects(), driver.firstEventNs(), driver.lastEventNs(), wallNs, cpuNs,
            PerformanceCalculator.compute(portfolio, allTrades, allExecution), portfolio, strategies);
    }
}
