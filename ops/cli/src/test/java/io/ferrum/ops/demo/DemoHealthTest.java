package io.ferrum.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as users run it (recorded ten-symbol session, speed 4): while the data flows, the
 * report of every symbol whose book moved within the last second says {@code healthy}, with a
 * {@code data_age_ms} under a second: the simulator serves venue times on its replay clock, as
 * a live venue would, instead of the recording's 2021 ones.
 */
class DemoHealthTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void reportsOfSymbolsWithFreshDataAreHealthy() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        final Map<String, JsonNode> previous = new HashMap<>();
        final TreeSet<String> healthy = new TreeSet<>();
        int checked = 0;
        try (DemoRun run = new DemoRun(session, 4, dir.resolve("journal"), DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT"),
            new SimulatedVenue.Context().latencyNs(TimeUnit.MILLISECONDS.toNanos(1)), null, false))
        {
            // The recording's first ten seconds came in late (venue times up to 2.9 s behind their receipt): skip them.
            final long startNs = System.nanoTime();
            while (run.liveEngine() == null || run.liveEngine().counters().get(EngineCounters.MARKET_DATA_EVENTS) < 1_500)
            {
                assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(60), "no market data in the engine");
                Thread.sleep(50);
            }
            final long untilNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (System.nanoTime() < untilNs)
            {
                for (final String symbol : session.snapshotSymbols())
                {
                    final String text = run.analytics().cache().report(symbol);
                    if (text == null)
                    {
                        continue;
                    }
                    final JsonNode report = JSON.readTree(text).get("payload");
                    final JsonNode before = previous.put(symbol, report);
                    if (before == null || before.get("generated_at").equals(report.get("generated_at")))
                    {
                        continue;
                    }
                    final long sinceMs = millis(report.get("generated_at")) - millis(before.get("generated_at"));
                    if (sinceMs <= 1_000 && !before.get("last_update_id").equals(report.get("last_update_id")))
                    {
                        // the book moved between two reports less than a second apart: data of the last second
                        checked++;
                        final JsonNode health = report.get("health");
                        assertEquals("healthy", health.get("status").asText(), symbol + ": " + health);
                        assertTrue(health.get("data_age_ms").asLong() <= 1_000, symbol + ": " + health);
                        healthy.add(symbol);
                    }
                }
                Thread.sleep(100);
            }
            assertTrue(run.errors().isEmpty(), "errors: " + run.errors());
        }
        assertTrue(checked >= 20 && healthy.size() >= 5, "fresh reports seen: " + checked + " of " + healthy);
        System.out.printf("demo health: %d fresh reports healthy, symbols %s%n", checked, healthy);
    }

    private static long millis(final JsonNode rfc3339)
    {
        return Instant.parse(rfc3339.asText()).toEpochMilli();
    }
}
