package io.ferrum.ops.demo;

import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.engine.Engine;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.exchange.LocalExchange;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.sequencer.cluster.ThreadingProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The balance rule on Binance's protocol: the demo's engine, with {@code risk.balance.check = venue} as
 * {@code ./ferrum demo --venue binance} runs it, trades against a local exchange whose account holds 0.01 USDT
 * and nothing else. The strategies' orders (ZILUSDT and DENTUSDT buys of about 2.1 and 0.21 USDT, sells of
 * assets the account does not hold) are refused by the engine with INSUFFICIENT_BALANCE, from the account the
 * exchange reported: none reaches the exchange, which refuses none for its balance.
 */
class BinanceBalanceSystemTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";

    @TempDir
    Path dir;

    @Test
    void anOrderTheAccountCannotCoverNeverReachesTheExchange() throws Exception
    {
        final DemoEngineConfig defaults = DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT");
        final DemoEngineConfig config = DemoEngineConfig.of(defaults.spec().withVenueBalances());
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        final Engine live;
        final LocalExchange exchange;
        try (BinanceDemoVenue binance = BinanceDemoVenue.start(null, config.instruments(), Map.of("USDT", "0.01"));
            DemoRun run = new DemoRun(session, 4, dir.resolve("demo"), config, config::newEngine,
                ThreadingProfile.DEFAULT, new SimulatedVenue.Context(), binance, null, false))
        {
            exchange = binance.exchange();
            await("the session ready", () -> binance.venue() != null && binance.venue().isReady());
            await("the account on the log", () -> run.liveEngine().orderManager().account().isKnown());
            await("orders refused for their balance", () -> run.liveEngine().rejectLog()
                .orderRejects(RiskRejectReason.INSUFFICIENT_BALANCE.value()) >= 10);
            live = run.stop(300);
            assertTrue(run.errors().isEmpty(), "errors: " + run.errors());
        }
        final var account = live.orderManager().account();
        assertEquals(1_000_000L, account.free(account.slotOf("USDT")), "0.01 USDT as the exchange reported it");
        assertEquals(0, exchange.ordersAccepted(), "no order reached the exchange's book");
        assertEquals(0, exchange.insufficientBalances(), "none the exchange had to refuse for its balance");
        assertEquals(0, live.ordersSent());
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
