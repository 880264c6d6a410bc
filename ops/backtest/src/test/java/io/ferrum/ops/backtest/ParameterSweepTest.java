package io.ferrum.ops.backtest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    @Test
    void syntheticOutOfSampleDaysContinueThePathAndAreNotTheInSampleDaysAgain() throws Exception
    {
        // two days at 0.5: one day in, one day out, of equal length; before the fix both halves were the seed's first day
        final BacktestConfig base = TestConfigs.synthetic(3).withDates(LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 2));
        final ParameterSweep.Result result = ParameterSweep.run(base, List.of(base.strategy()), 0.5,
            ParameterSweep.Rank.NET_PROFIT, 1);
        final ParameterSweep.Row row = result.rows().get(0);
        assertNotEquals(row.inSample(), row.outOfSample());
        final BacktestConfig secondDayOfThePath = new BacktestConfig(base.source(), null, null, base.symbols(),
            LocalDate.of(2023, 3, 2), LocalDate.of(2023, 3, 2), base.seed(), base.eventsPerDay(), base.dataLatencyNs(),
            base.orderLatencyNs(), base.reportLatencyNs(), base.latencyJitterNs(), base.fees(), base.initialCash(),
            base.sampleIntervalNs(), base.strategy(), null, null, null, null, LocalDate.of(2023, 3, 1));
        assertEquals(Backtest.run(secondDayOfThePath, null).portfolio(), row.outOfSample(),
            "out of sample is the path's second day");
    }

    @org.junit.jupiter.api.Test
    void sweepsAnyParameterOfAStrategiesFile()
    {
        final io.ferrum.engine.loader.StrategiesFile file = io.ferrum.engine.loader.StrategiesFile.parse(String.join("\n",
            "strategy.mm.class = io.ferrum.engine.strategy.marketmaker.MarketMaker",
            "strategy.mm.strategyId = 1",
            "strategy.mm.instrumentId = 1",
            "strategy.mm.quoteQuantity = 5000",
            "strategy.mm.halfSpreadTicks = 1",
            "strategy.mm.maxPosition = 25000",
            "strategy.mm.maxSkewTicks = 3",
            "strategy.mm.requoteTicks = 1"), "test strategies");
        final io.ferrum.engine.loader.StrategyJars jars = io.ferrum.engine.loader.StrategyJars.resolve(null, java.util.Map.of());
        final BacktestConfig base = TestConfigs.synthetic(3).withStrategies(ConfiguredStrategies.of(file, jars));
        final java.util.Map<String, java.util.List<String>> sweeps = new java.util.LinkedHashMap<>();
        sweeps.put("strategy.mm.maxSkewTicks", java.util.List.of("0", "5"));
        sweeps.put("strategy.mm.requoteTicks", java.util.List.of("1", "2", "4"));
        final java.util.List<ParameterSweep.Point> grid = ParameterSweep.grid(base, sweeps);
        assertEquals(6, grid.size(), "every combination");
        assertEquals(java.util.Map.of("strategy.mm.maxSkewTicks", "5", "strategy.mm.requoteTicks", "2"), grid.get(4).values());
        assertTrue(grid.get(4).config().strategies().file().text().contains("strategy.mm.maxSkewTicks = 5\n"));
        assertTrue(grid.get(4).config().strategies().file().text().contains("strategy.mm.requoteTicks = 2\n"));

        final ParameterSweep.Result result;
        try
        {
            result = ParameterSweep.runPoints(base, grid, 0.5, ParameterSweep.Rank.NET_PROFIT, 2);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
        assertEquals(6, result.rows().size());
        assertTrue(result.table().startsWith("strategy.mm.maxSkewTicks strategy.mm.requoteTicks | in net_profit"),
            result.table());
        final java.util.Set<java.util.Map<String, String>> seen = new java.util.HashSet<>();
        result.rows().forEach(row -> seen.add(row.values()));
        assertEquals(6, seen.size(), "each combination ran once");

        assertThrows(io.ferrum.codecs.config.ConfigException.class,
            () -> ParameterSweep.grid(base, java.util.Map.of("strategy.nope.x", java.util.List.of("1"))));
        assertThrows(io.ferrum.codecs.config.ConfigException.class,
            () -> ParameterSweep.grid(base, java.util.Map.of("strategy.mm.class", java.util.List.of("x.Y"))));
    }
}
