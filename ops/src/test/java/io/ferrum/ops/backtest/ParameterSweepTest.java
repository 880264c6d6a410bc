package io.ferrum.ops.backtest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterSweepTest
{
    @Test
    void gridSkipsFastNotBelowSlow()
    {
        final List<BacktestConfig.StrategyParameters> grid =
            ParameterSweep.grid(List.of(4, 8), List.of(6, 8), List.of(0L, 100L), 1);
        assertEquals(4, grid.size(), "4<6, 4<8 and two bands; 8 is not below 6 or 8");
        assertTrue(grid.stream().allMatch(p -> p.fastShift() < p.slowShift()));
    }

    @Test
    void ranksByInSampleAndMatchesSingleRunsOnBothHalves() throws Exception
    {
        final BacktestConfig base = TestConfigs.synthetic(21);
        final List<BacktestConfig.StrategyParameters> grid =
            ParameterSweep.grid(List.of(4, 6), List.of(8, 10), List.of(500L), base.strategy().notional());
        final ParameterSweep.Result result = ParameterSweep.run(base, grid, 0.5, ParameterSweep.Rank.NET_PROFIT, 2);

        assertEquals(LocalDate.of(2023, 3, 1), result.inSampleTo(), "3 days at 0.5: the first day in sample");
        assertEquals(grid.size(), result.rows().size());
        for (int i = 1; i < result.rows().size(); i++)
        {
            assertTrue(result.rows().get(i - 1).inSample().netProfit() >= result.rows().get(i).inSample().netProfit());
        }
        final ParameterSweep.Row best = result.rows().get(0);
        final BacktestConfig alone = new BacktestConfig(base.source(), null, null, base.symbols(), base.from(),
            LocalDate.of(2023, 3, 1), base.seed(), base.eventsPerDay(), base.dataLatencyNs(), base.orderLatencyNs(),
            base.reportLatencyNs(), base.latencyJitterNs(), base.fees(), base.impactCentiBps(),
            base.halfSpreadCentiBps(), base.initialCash(), base.sampleIntervalNs(), best.parameters());
        assertEquals(Backtest.run(alone, null).portfolio(), best.inSample(), "a parallel run equals a run alone");
        assertTrue(result.table().contains("warning: ranked on the in-sample days up to 2023-03-01"));
        assertThrows(IllegalArgumentException.class,
            () -> ParameterSweep.run(base, grid, 1.0, ParameterSweep.Rank.SHARPE, 1));
    }
}
