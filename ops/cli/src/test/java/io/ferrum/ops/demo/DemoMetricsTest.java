package io.ferrum.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.engine.Engine;
import io.ferrum.engine.order.Position;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.cli.ExitCodes;
import io.ferrum.ops.cli.Main;
import io.ferrum.ops.cli.StatCommand;
import io.ferrum.ops.metrics.PrometheusText;
import io.ferrum.sequencer.telemetry.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as users run it, read from outside as an operator would: its {@code demo_start} line names
 * the Prometheus endpoint; a real HTTP client's scrape is valid Prometheus text whose orders, fills
 * and positions equal the engine's, with every wired stage's latency; {@code ./ferrum stat --once}
 * prints the same figures; and {@code stat} finds nothing where nothing runs.
 */
class DemoMetricsTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theDemosMetricsEndpointAndStatShowTheEnginesFigures() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        try (DemoRun run = new DemoRun(session, 20, dir.resolve("journal"), DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT"),
            new SimulatedVenue.Context().latencyNs(TimeUnit.MILLISECONDS.toNanos(1)), null, true))
        {
            final JsonNode start = JsonSchemas.assertValid("demo_start", run.startLine(session.name()));
            final String url = start.get("metrics").asText();
            assertTrue(url.matches("http://127\\.0\\.0\\.1:[0-9]+/metrics"), url);

            await("fills", () -> run.liveEngine() != null && run.liveEngine().counters().get(EngineCounters.FILLS) >= 10);
            run.stopFeed(); // then the engine's figures stop moving
            final Engine engine = run.liveEngine();
            final long[] last = { -1 };
            final long[] quietSince = { System.nanoTime() };
            await("a quiet engine", () ->
            {
                final long events = engine.counters().get(EngineCounters.EVENTS);
                if (events != last[0])
                {
                    last[0] = events;
                    quietSince[0] = System.nanoTime();
                }
                return System.nanoTime() - quietSince[0] > TimeUnit.SECONDS.toNanos(1);
            });

            final long orders = engine.counters().get(EngineCounters.ORDERS_SENT);
            final long fills = engine.counters().get(EngineCounters.FILLS);
            final PrometheusText[] scrape = new PrometheusText[1];
            await("the scrape to show the engine's counts", () ->
            {
                scrape[0] = PrometheusText.parse(get(url));
                return scrape[0].value("ferrum_engine_fills_total{member=\"0\"}") == fills;
            });
            final PrometheusText metrics = scrape[0];
            assertEquals(orders, metrics.value("ferrum_engine_orders_sent_total{member=\"0\"}"));
            assertEquals(fills, metrics.value("ferrum_engine_fills_total{member=\"0\"}"));
            assertEquals(engine.counters().get(EngineCounters.EVENTS), metrics.value("ferrum_engine_events_total{member=\"0\"}"));
            for (int i = 0; i < engine.portfolio().size(); i++)
            {
                final Position position = engine.portfolio().position(i);
                final String labels = "{member=\"0\",strategy=\"" + position.strategyId() + "\",symbol=\"" +
                    position.instrument().symbol() + "\"}";
                assertEquals(decimal(position.quantity(), position.instrument().sizeExponent()),
                    metrics.value("ferrum_position_quantity" + labels), 1e-9, labels);
                assertEquals(decimal(position.realizedPnl(), engine.moneyExponent()),
                    metrics.value("ferrum_realized_pnl" + labels), 1e-9, labels);
                assertEquals(position.fillCount(), metrics.value("ferrum_position_fills_total" + labels), labels);
            }
            final double rejectsByReason = metrics.samples.entrySet().stream()
                .filter((e) -> e.getKey().startsWith("ferrum_engine_order_rejects_by_reason_total{"))
                .mapToDouble(Map.Entry::getValue).sum();
            assertEquals(engine.counters().get(EngineCounters.ORDER_REJECTS), rejectsByReason, "every reject under its reason");
            assertEquals(FeedState.IN_SYNC.value(), metrics.value("ferrum_feed_state{member=\"0\",symbol=\"ZILUSDT\"}"),
                "the market maker's stream in sync");
            assertEquals(2, metrics.value("ferrum_member_role{member=\"0\"}"), "the demo's one member leads");
            assertEquals(0, metrics.value("ferrum_replication_lag_bytes{member=\"0\"}"));
            for (final Stage stage : List.of(Stage.GATEWAY_DECODE, Stage.RING_WAIT, Stage.SEQUENCER_TO_COMMIT,
                Stage.ENGINE_STEP, Stage.DECISION_TO_ORDER_OUT))
            {
                assertTrue(metrics.value("ferrum_stage_latency_seconds_count{stage=\"" + stage.label() + "\"}") > 0, stage.label());
            }
            assertEquals(orders, metrics.value("ferrum_stage_latency_seconds_count{stage=\"decision_to_order_out\"}"),
                "one per order the venue got");

            final List<String> args = new ArrayList<>(List.of("--once"));
            for (final File aeronDir : run.aeronDirs())
            {
                args.add("--aeron-dir");
                args.add(aeronDir.getPath());
            }
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final int exit = Main.run(new StatCommand(), args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            final String stat = out.toString(StandardCharsets.UTF_8);
            assertEquals(ExitCodes.OK, exit, err.toString(StandardCharsets.UTF_8));
            assertTrue(stat.lines().anyMatch((line) -> line.matches("ferrum_engine_fills_total\\{member=\"0\"} +" + fills)), stat);
            assertTrue(stat.contains("member 0 LEADER"), stat);
            assertTrue(stat.lines().anyMatch((line) -> line.startsWith("engine_step")), stat);
            assertTrue(run.errors().isEmpty(), "errors: " + run.errors());
        }
    }

    /** What a script running {@code ./ferrum stat --once} on a host without Ferrum must see: 69 and why. */
    @Test
    void statWithoutARunningProcessIsUnavailable() throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = Main.run(new StatCommand(), List.of("--once", "--root", dir.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCodes.UNAVAILABLE, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ferrum stat: no running Ferrum process found in " + dir),
            err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCodes.NO_INPUT, Main.run(new StatCommand(), List.of("--once", "--aeron-dir", dir.resolve("x").toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private static double decimal(final long mantissa, final int exponent)
    {
        return BigDecimal.valueOf(mantissa, -exponent).doubleValue();
    }

    private static String get(final String url)
    {
        try
        {
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return response.body();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
