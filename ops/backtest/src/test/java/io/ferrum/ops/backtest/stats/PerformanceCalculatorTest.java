package io.ferrum.ops.backtest.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerformanceCalculatorTest
{
    private static final long DAY = 86_400_000_000_000L;
    private static final double EPS = 1e-9;

    private static EquityCurve curve(final long... equity)
    {
        final EquityCurve curve = new EquityCurve(-2, 4);
        for (int i = 0; i < equity.length; i++)
        {
            curve.add(i * DAY, equity[i], 0);
        }
        return curve;
    }

    @Test
    void alternatingReturnsMatchHandComputedSharpeAndSortino()
    {
        // 100.00, 110.00, 99.00, 108.90: returns +10 %, -10 %, +10 % per day
        final PerformanceReport report = PerformanceCalculator.compute(
            curve(10_000, 11_000, 9_900, 10_890), new TradeStatistics(), new ExecutionStatistics());

        // three returns estimate no deviation: n/a, with the count and annualization said beside
        assertTrue(Double.isNaN(report.sharpe()));
        assertTrue(Double.isNaN(report.sortino()));
        assertEquals(3, report.returnSamples());
        assertEquals(365.0, report.periodsPerYear(), 1e-9);
        // the same returns ten times over: mean 1/30, sample sd sqrt(10 (2 (0.1 - 1/30)^2 + (0.1 + 1/30)^2) / 29)
        final double[] returns = new double[30];
        for (int i = 0; i < 30; i++)
        {
            returns[i] = i % 3 == 1 ? -0.1 : 0.1;
        }
        final double mean = 1.0 / 30;
        final double sd = Math.sqrt(10 * (2 * Math.pow(0.1 - mean, 2) + Math.pow(0.1 + mean, 2)) / 29);
        assertEquals(mean / sd * Math.sqrt(365), PerformanceCalculator.sharpe(returns, 365), 1e-9);
        // downside deviation sqrt(10 * 0.01 / 30)
        assertEquals(mean / Math.sqrt(0.1 / 30) * Math.sqrt(365), PerformanceCalculator.sortino(returns, 365), 1e-9);
        assertTrue(Double.isNaN(PerformanceCalculator.sharpe(java.util.Arrays.copyOf(returns, 29), 365)), "29 returns");
        assertEquals(0.089, report.totalReturn(), EPS);
        assertEquals(890, report.netProfit());
        assertTrue(Double.isNaN(report.cagr()), "three days are not annualized");
        assertEquals(Math.pow(1.089, 365.0 / 3) - 1, PerformanceCalculator.cagr(10_000, 10_890, 3 * DAY),
            1e-6 * PerformanceCalculator.cagr(10_000, 10_890, 3 * DAY));
        assertEquals(0.1, report.maxDrawdown(), EPS);
        assertEquals(1_100, report.maxDrawdownMoney());
        assertEquals(2 * DAY, report.maxDrawdownDurationNs(), "below 110.00 from day 1 to the end");
    }

    @Test
    void constantReturnsHaveNoDeviationSoSharpeIsUndefined()
    {
        final PerformanceReport report = PerformanceCalculator.compute(
            curve(100, 200, 400, 800), new TradeStatistics(), new ExecutionStatistics());

        assertTrue(Double.isNaN(report.sharpe()));
        assertTrue(Double.isNaN(report.sortino()), "no negative return");
        assertEquals(0.0, report.maxDrawdown());
        assertEquals(0, report.maxDrawdownDurationNs());
        assertTrue(Double.isNaN(report.calmar()));
        assertEquals(7.0, report.totalReturn(), EPS);
    }

    @Test
    void knownDrawdownDepthMoneyAndDuration()
    {
        // peak 120 on day 1, trough 90 on day 2, regained on day 4; a smaller dip after
        final PerformanceReport report = PerformanceCalculator.compute(
            curve(100, 120, 90, 110, 130, 125), new TradeStatistics(), new ExecutionStatistics());

        assertEquals(0.25, report.maxDrawdown(), EPS);
        assertEquals(30, report.maxDrawdownMoney());
        assertEquals(3 * DAY, report.maxDrawdownDurationNs());
        assertTrue(Double.isNaN(report.cagr()) && Double.isNaN(report.calmar()), "five days: not annualized");
        // a 40-day run of the same path annualizes: Calmar is CAGR over the depth
        final EquityCurve long40 = new EquityCurve(-2, 8);
        final long[] equity = {100, 120, 90, 110, 130, 125};
        for (int i = 0; i < equity.length; i++)
        {
            long40.add(i * 8 * DAY, equity[i], 0);
        }
        final PerformanceReport annual = PerformanceCalculator.compute(long40, new TradeStatistics(), new ExecutionStatistics());
        final double cagr = Math.pow(1.25, 365.0 / 40) - 1;
        assertEquals(cagr, annual.cagr(), 1e-9 * cagr);
        assertEquals(cagr / 0.25, annual.calmar(), 1e-9 * cagr);
    }

    @Test
    void lossBelowZeroClampsDrawdownToOneAndCagrToMinusOne()
    {
        final PerformanceReport report = PerformanceCalculator.compute(
            curve(100, 50, -20), new TradeStatistics(), new ExecutionStatistics());

        assertEquals(1.0, report.maxDrawdown());
        assertEquals(120, report.maxDrawdownMoney());
        assertEquals(-1.0, PerformanceCalculator.cagr(100, -20, 2 * DAY));
    }

    @Test
    void aTwoMinuteSessionOfNoiseReportsNotApplicableRatios()
    {
        // 120 one-second samples of 100 000.00000000 moving by single units of the last digit (returns ~1e-13)
        final EquityCurve curve = new EquityCurve(-8, 128);
        for (int i = 0; i <= 120; i++)
        {
            curve.add(i * 1_000_000_000L, 10_000_000_000_000L - (i % 3), 0);
        }
        final PerformanceReport report = PerformanceCalculator.compute(curve, new TradeStatistics(), new ExecutionStatistics());
        assertEquals(0, report.returnSamples(), "two minutes hold no whole day");
        assertTrue(Double.isNaN(report.sharpe()), "was -34: a ratio of rounding noise");
        assertTrue(Double.isNaN(report.sortino()));
        assertTrue(Double.isNaN(report.cagr()));
        assertTrue(Double.isNaN(report.calmar()), "was -21 049");
        assertEquals(365.0, report.periodsPerYear(), 1e-9, "daily returns, not x sqrt(3.15e7) per-second ones");
        assertEquals("0 daily returns: Sharpe and Sortino need at least 30", report.ratiosNote());
    }

    @Test
    void sharpeAndSortinoAreTakenOnDailyReturnsWhateverTheSampling()
    {
        // 40 days sampled every hour; within a day equity wanders (+-0.5 %), at each day's end it is the day's close
        final long hour = DAY / 24;
        final long[] closes = new long[41];
        closes[0] = 10_000_000;
        for (int d = 1; d <= 40; d++)
        {
            closes[d] = closes[d - 1] + (d % 4 == 0 ? -150_000 : 100_000);
        }
        final EquityCurve curve = new EquityCurve(-2, 1024);
        for (int d = 0; d < 40; d++)
        {
            curve.add(d * DAY, closes[d], 0);
            for (int h = 1; h < 24; h++)
            {
                curve.add(d * DAY + h * hour, closes[d] + (h % 2 == 0 ? 50_000 : -50_000), 0);
            }
        }
        curve.add(40 * DAY, closes[40], 0);
        final double[] daily = new double[40];
        for (int d = 1; d <= 40; d++)
        {
            daily[d - 1] = (double)closes[d] / closes[d - 1] - 1.0;
        }
        final PerformanceReport report = PerformanceCalculator.compute(curve, new TradeStatistics(), new ExecutionStatistics());
        assertEquals(40, report.returnSamples());
        assertEquals(365.0, report.periodsPerYear(), 1e-9);
        assertEquals(PerformanceCalculator.sharpe(daily, 365), report.sharpe(), 1e-12);
        assertEquals(PerformanceCalculator.sortino(daily, 365), report.sortino(), 1e-12);
        assertTrue(report.sharpe() > 0 && Double.isFinite(report.sortino()));
        assertEquals(null, report.ratiosNote());
        // the intraday wander is not in the ratio: hourly returns annualized by sqrt(8760) would give another figure
        assertTrue(Math.abs(report.sharpe() - PerformanceCalculator.sharpe(
            PerformanceCalculator.periodReturns(curve, hour), 365.0 * 24)) > 1.0);
    }

    @Test
    void periodReturnsTakeTheLastSampleAtOrBeforeEachPeriodsEndAndStopAtABustAccount()
    {
        final EquityCurve curve = new EquityCurve(-2, 8);
        curve.add(0, 100, 0);
        curve.add(DAY / 2, 300, 0);
        curve.add(DAY, 110, 0);          // at the first day's end exactly
        curve.add(2 * DAY + 1, 500, 0);  // after the second day's end: the second day closes at 110
        curve.add(3 * DAY, 0, 0);
        curve.add(4 * DAY, 50, 0);
        final double[] returns = PerformanceCalculator.periodReturns(curve, DAY);
        assertEquals(3, returns.length, java.util.Arrays.toString(returns));
        assertEquals(0.1, returns[0], EPS);
        assertEquals(0.0, returns[1], EPS);
        assertEquals(-1.0, returns[2], EPS);
    }

    @Test
    void allLosingTrades()
    {
        final TradeStatistics trades = new TradeStatistics();
        trades.onTrade(-500);
        trades.onTrade(-300);
        trades.onTrade(-200);
        final PerformanceReport report = PerformanceCalculator.compute(
            curve(10_000, 9_500, 9_200, 9_000), trades, new ExecutionStatistics());

        assertEquals(3, report.trades());
        assertEquals(0.0, report.winRate());
        assertEquals(0.0, report.profitFactor());
        assertEquals(-333, report.expectancy(), "-10.00 / 3 truncated toward zero at 0.01");
        assertEquals(1_000, report.grossLoss());
        assertTrue(Double.isNaN(report.sharpe()), "three returns");
        assertEquals(0.1, report.maxDrawdown(), EPS);
    }

    @Test
    void mixedTradesWinRateProfitFactorExpectancy()
    {
        final TradeStatistics trades = new TradeStatistics();
        trades.onTrade(400);
        trades.onTrade(-100);
        trades.onTrade(0);
        trades.onTrade(200);
        final PerformanceReport report = PerformanceCalculator.compute(curve(), trades, new ExecutionStatistics());

        assertEquals(0.5, report.winRate());
        assertEquals(6.0, report.profitFactor());
        assertEquals(125, report.expectancy());
        assertEquals(1, report.losses());
    }

    @Test
    void executionFillRateSlippageTurnoverAndExposure()
    {
        final EquityCurve curve = new EquityCurve(-2, 4);
        curve.add(0, 10_000, 0);
        curve.add(DAY, 10_000, 5_000);
        curve.add(3 * DAY, 10_000, 0);
        curve.add(4 * DAY, 10_000, 0);
        final ExecutionStatistics execution = new ExecutionStatistics();
        for (int i = 0; i < 4; i++)
        {
            execution.onOrderSent();
        }
        execution.onOrderFilled();
        execution.onOrderFilled();
        execution.onFill(5_000, 5, 2);
        execution.onFill(5_000, 5, 3);

        final PerformanceReport report = PerformanceCalculator.compute(curve, new TradeStatistics(), execution);

        assertEquals(0.5, report.fillRate());
        assertEquals(5.0, report.averageSlippageBps(), EPS, "5 slippage on 10 000 notional");
        assertEquals(1.0, report.turnover(), EPS);
        assertEquals(0.5, report.exposure(), EPS, "2 of 4 days with a position");
        assertEquals(0.25, report.averageLeverage(), EPS);
        assertEquals(10, report.fees());
    }

    @Test
    void emptyAndOnePointCurvesAreUndefinedNotErrors()
    {
        final PerformanceReport empty = PerformanceCalculator.compute(
            curve(), new TradeStatistics(), new ExecutionStatistics());
        assertEquals(0, empty.samples());
        assertTrue(Double.isNaN(empty.sharpe()));
        assertTrue(Double.isNaN(empty.cagr()));
        assertTrue(Double.isNaN(empty.winRate()));
        assertTrue(Double.isNaN(empty.fillRate()));
        assertEquals(0.0, empty.maxDrawdown());

        final PerformanceReport one = PerformanceCalculator.compute(
            curve(10_000), new TradeStatistics(), new ExecutionStatistics());
        assertEquals(1, one.samples());
        assertTrue(Double.isNaN(one.sharpe()));
        assertTrue(Double.isNaN(one.exposure()));
        assertEquals(0, one.netProfit());
    }

    @Test
    void curveRefusesTimeGoingBackwards()
    {
        final EquityCurve curve = curve(1, 2);
        assertThrows(IllegalArgumentException.class, () -> curve.add(0, 3, 0));
    }
}
