package io.ferrum.ops.demo;

import io.ferrum.codecs.sbe.CancelAllResultDecoder;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.engine.Engine;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.binance.api.BinanceApiVenue;
import io.ferrum.gateway.binance.api.ClientOrderIds;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.exchange.LocalExchange;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.cli.AdminCommand;
import io.ferrum.ops.cli.Main;
import io.ferrum.sequencer.cluster.ThreadingProfile;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo on Binance's protocol end to end: the recorded session replayed into the feed and into a local
 * exchange, the engine's orders over the WebSocket API, the connection dropped every two seconds. At the end
 * the fills on the log (every report the order gateway put on it) equal the exchange's, order by order; no
 * client order id was accepted twice; no rate limit was exceeded (no 429, the highest use the venue reported
 * at most 1); then the kill switch, pulled as an operator does with {@code ./ferrum admin kill-switch}, leaves
 * no order open at the exchange. The engine runs the balance rule on the exchange's account, as the demo does on
 * this venue. Prints the engine decision to exchange acknowledgement latency.
 */
class BinanceDemoSystemTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";

    @TempDir
    Path dir;

    @Test
    void theDemoTradesOnTheLocalExchangeThroughDropsAndTheKillSwitchLeavesNothingOpen() throws Exception
    {
        final Path journal = dir.resolve("demo");
        // as ./ferrum demo --venue binance runs it: the balance rule on, from the exchange's account
        final DemoEngineConfig config =
            DemoEngineConfig.of(DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT").spec().withVenueBalances());
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        final Map<Long, Long> loggedFilled = new TreeMap<>();
        final Map<Long, Integer> sizeExponents = new TreeMap<>();
        final AtomicInteger cancelAllResults = new AtomicInteger();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final ExecutionReportDecoder report = new ExecutionReportDecoder();
        final Engine live;
        final LocalExchange exchange;
        final Map<String, String> atExchange;
        final BinanceApiVenue venue;
        try (BinanceDemoVenue binance = BinanceDemoVenue.start(null, config.instruments());
            DemoRun run = new DemoRun(session, 4, journal, config, config::newEngine, ThreadingProfile.DEFAULT,
                new SimulatedVenue.Context(), binance, (buffer, offset, length) ->
                {
                    // every report the order gateway puts on the log, on its thread
                    header.wrap(buffer, offset);
                    if (header.templateId() == CancelAllResultDecoder.TEMPLATE_ID)
                    {
                        cancelAllResults.incrementAndGet();
                    }
                    if (header.templateId() == ExecutionReportDecoder.TEMPLATE_ID)
                    {
                        report.wrapAndApplyHeader(buffer, offset, header);
                        loggedFilled.merge(report.clientOrderId(), report.lastQuantity(), Long::sum);
                        sizeExponents.put(report.clientOrderId(), (int)report.sizeExponent());
                    }
                    return true;
                }, false))
        {
            exchange = binance.exchange();
            await("the session ready", () -> binance.venue() != null && binance.venue().isReady());
            venue = binance.venue();
            final long startNs = System.nanoTime();
            long lastDropNs = startNs;
            while (System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(16))
            {
                Thread.sleep(100);
                if (System.nanoTime() - lastDropNs > TimeUnit.SECONDS.toNanos(2))
                {
                    exchange.dropConnections();
                    lastDropNs = System.nanoTime();
                }
            }
            await("reconnected after the last drop", venue::isReady);
            assertTrue(venue.disconnects() >= 5, "dropped every two seconds: " + venue.disconnects());
            assertTrue(exchange.ordersAccepted() >= 10, "the strategies traded: " + exchange.ordersAccepted());

            final String command = run.startLine(session.name()).replaceAll(".*\"admin_command\":\"([^\"]+)\".*", "$1");
            final List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
            args.subList(0, 2).clear(); // "./ferrum admin": the launcher's part
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, Main.run(new AdminCommand(), args, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
            await("no order open at the exchange", () -> exchange.openOrders() == 0);
            final int instruments = config.instruments().instruments().size();
            await("each openOrders.cancelAll's answer on the log", () -> cancelAllResults.get() == instruments);
            assertEquals(instruments, venue.cancelAllsSent(), "the kill switch at the venue: one per instrument");
            await("the engine heard every cancel", () -> run.liveEngine().orderManager().openOrderCount() == 0);
            await("the venue session holds nothing", () -> venue.openOrders() == 0);
            live = run.stop(300);
            assertTrue(run.errors().isEmpty(), "errors: " + run.errors());
            atExchange = exchange.orderStates();
        }

        // the log's fills equal the exchange's, order by order
        int compared = 0;
        for (final Map.Entry<String, String> order : atExchange.entrySet())
        {
            final long id = ClientOrderIds.parse(new UnsafeBuffer(order.getKey().getBytes(StandardCharsets.US_ASCII)), 0,
                order.getKey().length());
            assertTrue(id > 0, "every order at the exchange is Ferrum's: " + order);
            final BigDecimal executed = new BigDecimal(order.getValue().split(" ")[1]);
            final long logged = loggedFilled.getOrDefault(id, 0L);
            final BigDecimal onLog = BigDecimal.valueOf(logged, -sizeExponents.getOrDefault(id, -8));
            assertEquals(0, executed.compareTo(onLog), "order " + order.getKey() + ": exchange " + order.getValue() +
                ", log " + onLog);
            compared++;
        }
        assertEquals(exchange.ordersAccepted(), compared);
        assertTrue(live.counters().get(EngineCounters.FILLS) > 0, "fills reached the engine");
        assertEquals(0, exchange.idsAcceptedTwice(), "no client order id accepted twice");
        assertTrue(live.orderManager().account().isKnown(), "the exchange's balances reached the engine");
        assertEquals(0, exchange.tooManyRequests(), "no rate limit exceeded");
        assertEquals(0, exchange.limitBreaches());
        assertTrue(venue.rateLimits().highestUse() <= 1.0);
        final Histogram ack = venue.decisionToAck();
        System.out.printf("binance demo: %d orders, %d fills at the exchange, %d reconnects, %d corrections," +
                " %d refused as throttled;" +
                " decision to ack p50 %.1f us p99 %.1f us (%d orders); send to ack p50 %.1f us p99 %.1f us%n",
            exchange.ordersAccepted(), exchange.fills(), venue.connects() - 1, venue.corrections(), venue.throttledRejects(),
            ack.getValueAtPercentile(50) / 1000.0, ack.getValueAtPercentile(99) / 1000.0, ack.getTotalCount(),
            venue.sendToAck().getValueAtPercentile(50) / 1000.0, venue.sendToAck().getValueAtPercentile(99) / 1000.0);
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
