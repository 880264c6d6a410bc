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
    void gridIsEveryCombinationOnTheBaseStrategy()
    {
        final BacktestConfig.StrategyParameters base = TestConfigs.synthetic(1).strategy();
        final List<BacktestConfig.StrategyParameters> grid = ParameterSweep.grid(base, List.of(1, 3), List.of(5, 10, 20));
        assertEquals(6, grid.size());
        assertEquals(base.with(3, 10), grid.get(4));
        assertTrue(grid.stream().allMatch(p -> p.strategy() == base.strategy() && p.orderQuantity().equals(base.orderQuantity())));
    }

    @Test
    void ranksByInSampleAndMatchesSingleRunsOnBothHalves() throws Exception
    {
        final BacktestConfig base = TestConfigs.synthetic(21);
        final List<BacktestConfig.StrategyParameters> grid =
            ParameterSweep.grid(base.strategy(), List.of(1, 4), List.of(5, 20));
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
            base.reportLatencyNs(), base.latencyJitterNs(), base.fees(), base.initialCash(), base.sampleIntervalNs(), best.parameters());
        assertEquals(Backtest.run(alone, null).portfolio(), best.inSample(), "a parallel run equals a run alone");
        assertTrue(result.table().contains("warning: ranked on the in-sample days up to 2023-03-01"));
        assertThrows(IllegalArgumentException.class,
            () -> ParameterSweep.run(base, grid, 1.0, ParameterSweep.Rank.SHARPE, 1));
    }
}
