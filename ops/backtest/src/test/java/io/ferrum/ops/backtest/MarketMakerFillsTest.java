package io.ferrum.ops.backtest;

import io.ferrum.engine.telemetry.EngineCounters;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The market maker in a synthetic backtest keeps quoting and trading to the end of the run.
 * It used to stop after its first fills: a replace that reached the venue after the order had
 * filled was dropped without a report, the engine waited on the replacement forever and the
 * strategy never quoted that side again (2 fills in three days); and the first quotes, made before
 * the driver had a mark price, threw in the driver's bookkeeping and never left. Its fills also follow the venue
 * model's queue rule: the synthetic spread is wide, so its quotes improve on the market's best
 * price and each trade at the market's touch fills them by no more than its own size.
 */
class MarketMakerFillsTest
{
    @Test
    void theMarketMakerTradesThroughTheWholeRunWithPartialFillsNoBiggerThanTheTrades() throws Exception
    {
        final BacktestConfig base = TestConfigs.synthetic(4);
        final BacktestConfig config = new BacktestConfig(base.source(), null, null, List.of("BTCUSDT"), base.from(),
            base.to(), 4, base.eventsPerDay(), base.dataLatencyNs(), base.orderLatencyNs(), base.reportLatencyNs(), 0,
            base.fees(), base.initialCash(), base.sampleIntervalNs(),
            new BacktestConfig.StrategyParameters(BacktestConfig.Strategy.MARKET_MAKER, "0.05", 1, 5));
        final long[] engine = new long[4];
        final BacktestResult result = Backtest.run(config, null, e ->
        {
            engine[0] = e.counters().get(EngineCounters.UNKNOWN_ORDER_REPORTS);
            engine[1] = e.orderManager().openOrderCount();
            engine[2] = e.counters().get(EngineCounters.VENUE_REJECTS);
            engine[3] = e.counters().get(EngineCounters.STRATEGY_ERRORS) + e.counters().get(EngineCounters.MALFORMED_INPUTS);
        });
        final var report = result.strategies().get(0).report();
        final TradeLog trades = result.strategies().get(0).trades();
        System.out.printf("market maker, 3 synthetic days: %d orders, %d filled, %d fills, fill rate %.3f, %d round trips%n",
            report.ordersSent(), report.ordersFilled(), report.fills(), report.fillRate(), report.trades());

        assertTrue(report.fills() > 1_000, "fills: " + report.fills());
        assertTrue(trades.size() > 0 && trades.timeNs(trades.size() - 1) > result.lastEventNs() - 3_600_000_000_000L,
            "still closing trades in the run's last hour");
        assertTrue(report.fills() > report.ordersFilled(), "small trades fill a quote in parts");
        assertTrue(report.fillRate() > 0 && report.fillRate() <= 1, "a cancel-replace chain is one order: " + report.fillRate());
        assertEquals(0, engine[0], "every report is for an order the engine knows");
        assertEquals(0, engine[3], "no order lost to an error on its way out (the first quotes came before any mark)");
        assertTrue(engine[1] <= 2, "at most a bid and an ask open at the end: " + engine[1]);
        assertTrue(engine[2] > 0, "replaces that met a filled order were refused, not lost");
    }
}
