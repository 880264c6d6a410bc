package io.ferrum.ops.backtest.stats;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerformancePropertiesTest
{
    private static EquityCurve curve(final List<Long> equity)
    {
        final EquityCurve curve = new EquityCurve(-8, 1);
        for (int i = 0; i < equity.size(); i++)
        {
            curve.add(i * 3_600_000_000_000L, equity.get(i), 0);
        }
        return curve;
    }

    @Property
    void maxDrawdownIsAFractionAndMoneyIsBoundedByTheRange(
        @ForAll @Size(max = 200) final List<@LongRange(min = -1_000_000_000L, max = 1_000_000_000_000L) Long> equity)
    {
        final Drawdown drawdown = Drawdown.of(curve(equity));
        assertTrue(drawdown.depth() >= 0.0 && drawdown.depth() <= 1.0);
        final long max = equity.stream().mapToLong(Long::longValue).max().orElse(0);
        final long min = equity.stream().mapToLong(Long::longValue).min().orElse(0);
        assertTrue(drawdown.money() >= 0 && drawdown.money() <= max - min);
    }

    @Property
    void nonDecreasingEquityHasNoDrawdown(
        @ForAll @Size(max = 100) final List<@LongRange(min = 0, max = 1_000_000L) Long> steps)
    {
        final EquityCurve curve = new EquityCurve(-2, 1);
        long equity = 1_000;
        for (int i = 0; i < steps.size(); i++)
        {
            equity += steps.get(i);
            curve.add(i, equity, 0);
        }
        final Drawdown drawdown = Drawdown.of(curve);
        assertEquals(0.0, drawdown.depth());
        assertEquals(0, drawdown.durationNs());
    }

    @Property
    void sharpeIsScaleInvariantAndHasTheSignOfTheMean(
        @ForAll @Size(min = 2, max = 100) final List<@DoubleRange(min = -0.5, max = 0.5) Double> list,
        @ForAll @DoubleRange(min = 0.01, max = 100) final double scale)
    {
        final double[] returns = list.stream().mapToDouble(Double::doubleValue).toArray();
        final double[] scaled = list.stream().mapToDouble(r -> r * scale).toArray();
        final double sharpe = PerformanceCalculator.sharpe(returns, 365);
        final double scaledSharpe = PerformanceCalculator.sharpe(scaled, 365);
        if (Double.isNaN(sharpe))
        {
            return; // all returns equal: undefined at any scale
        }
        assertEquals(sharpe, scaledSharpe, 1e-6 * Math.max(1, Math.abs(sharpe)));
        final double mean = list.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (Math.abs(mean) > 1e-12)
        {
            assertEquals(Math.signum(mean), Math.signum(sharpe));
        }
    }

    @Property
    void sortinoIsAtLeastSharpeWhenTheMeanIsPositive(
        @ForAll @Size(min = 2, max = 100) final List<@DoubleRange(min = -0.5, max = 0.5) Double> list)
    {
        final double[] returns = list.stream().mapToDouble(Double::doubleValue).toArray();
        final double sharpe = PerformanceCalculator.sharpe(returns, 365);
        final double sortino = PerformanceCalculator.sortino(returns, 365);
        if (Double.isNaN(sharpe) || Double.isNaN(sortino) || sharpe <= 0)
        {
            return;
        }
        // downside deviation (population, target 0) never exceeds the sample deviation when the mean > 0
        assertTrue(sortino >= sharpe - 1e-9, sortino + " < " + sharpe);
    }

    @Property
    void addingAWinningTradeNeverLowersWinRateOrExpectancyBelowItsOldValue(
        @ForAll @Size(max = 50) final List<@LongRange(min = -1_000_000, max = 1_000_000) Long> pnl,
        @ForAll @LongRange(min = 1, max = 1_000_000) final long win)
    {
        final TradeStatistics trades = new TradeStatistics();
        pnl.forEach(trades::onTrade);
        final double before = trades.trades() > 0 ? (double)trades.wins() / trades.trades() : 0;
        final long profitBefore = trades.grossProfit() - trades.grossLoss();
        trades.onTrade(win);
        final double after = (double)trades.wins() / trades.trades();
        assertTrue(after >= before);
        assertEquals(profitBefore + win, trades.grossProfit() - trades.grossLoss());
        assertEquals(trades.trades(), trades.wins() + trades.losses() + pnl.stream().filter(p -> p == 0).count());
    }

    @Property
    void cagrOfDoublingInOneYearIsOne(@ForAll @LongRange(min = 1, max = 1_000_000_000_000L) final long start)
    {
        assertEquals(1.0, PerformanceCalculator.cagr(start, 2 * start, PerformanceCalculator.YEAR_NS), 1e-12);
    }
}
