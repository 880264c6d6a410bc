package io.ferrum.ops.backtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real engine behind the driver: its orders reach the engine's fill model and its
 * reports reach the ledgers, deterministically.
 */
class EngineBacktestTest
{
    private static BacktestConfig momentum(final long seed)
    {
        final BacktestConfig base = TestConfigs.synthetic(seed);
        return new BacktestConfig(base.source(), null, null, List.of("BTCUSDT"), base.from(), base.to(), seed,
            base.eventsPerDay(), base.dataLatencyNs(), base.orderLatencyNs(), base.reportLatencyNs(), 0, base.fees(),
            base.initialCash(), base.sampleIntervalNs(),
            new BacktestConfig.StrategyParameters(BacktestConfig.Strategy.MOMENTUM, "0.05", 1, 5));
    }

    @Test
    void engineStrategyOrdersAreFilledAndAccountedDeterministically() throws Exception
    {
        final BacktestResult first = Backtest.run(momentum(4), null);
        final BacktestResult second = Backtest.run(momentum(4), null);
        assertEquals(first.portfolio(), second.portfolio());
        assertEquals(2, first.strategies().get(0).strategyId());
        assertTrue(first.portfolio().ordersSent() > 0, "the engine's momentum strategy sent orders");
        assertTrue(first.portfolio().fills() > 0, "the engine's fill model filled some");
        assertTrue(first.portfolio().fees() > 0, "fees charged on the engine's fills");
    }
}
