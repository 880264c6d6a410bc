package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.venue.FeeSchedule;

import java.time.LocalDate;
import java.util.List;

/** A small synthetic backtest (three days, two symbols) of both engine strategies, for tests. */
public final class TestConfigs
{
    private TestConfigs()
    {
    }

    public static BacktestConfig synthetic(final long seed)
    {
        return new BacktestConfig(BacktestConfig.Source.SYNTHETIC, null, null, List.of("BTCUSDT", "ETHUSDT"),
            LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 3), seed, 30_000, 500_000, 1_000_000, 1_000_000,
            200_000, FeeSchedule.BINANCE_SPOT_BASE, 10_000_000_000_000L, 600_000_000_000L,
            new BacktestConfig.StrategyParameters(BacktestConfig.Strategy.BOTH, "0.05", 1, 5));
    }
}
