package io.ferrum.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.engine.Engine;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.cli.AdminCommand;
import io.ferrum.ops.cli.BacktestCommand;
import io.ferrum.ops.cli.Main;
import io.ferrum.ops.history.EmbeddedHistoryDatabase;
import io.ferrum.ops.history.HistoryDb;
import io.ferrum.sequencer.journal.JournalTail;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo writing its trading history to PostgreSQL (an embedded one the test keeps up after the
 * demo): once the demo has stopped, the tables hold every event of its journal, type by type, as
 * {@code ./ferrum tail} shows them, with the same values (quantities summed exactly), and the
 * positions rebuilt from the fills end on the engine's own realized P&L; and a backtest from the
 * database gives the very result of a backtest from the journal.
 */
class HistoryDemoTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theTablesHoldEveryEventOfTheDemosJournalWithTheSameValues() throws Exception
    {
        final Path journal = dir.resolve("demo");
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        try (EmbeddedHistoryDatabase database = EmbeddedHistoryDatabase.start(dir.resolve("pg"), 0))
        {
            final String url = database.url();
            final Engine live;
            try (DemoRun run = new DemoRun(session, 10, journal, DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT"),
                new SimulatedVenue.Context().latencyNs(TimeUnit.MILLISECONDS.toNanos(1)), null, false))
            {
                final long startNs = System.nanoTime();
                run.startHistory(url);
                System.out.printf("history: startHistory took %.1f ms on the demo's start path%n",
                    (System.nanoTime() - startNs) / 1e6);
                final JsonNode start = JsonSchemas.assertValid("demo_start", run.startLine(session.name()));
                assertEquals(url, start.get("history").asText());
                EndToEndTest.await("a few fills", () -> run.liveEngine() != null &&
                    run.liveEngine().counters().get(EngineCounters.FILLS) >= 4);
                final List<String> args = new ArrayList<>(Arrays.asList(start.get("admin_command").asText().split(" ")));
                args.subList(0, 2).clear(); // "./ferrum admin"
                final ByteArrayOutputStream err = new ByteArrayOutputStream();
                assertEquals(0, Main.run(new AdminCommand(), args, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString());
                EndToEndTest.awaitQuiet(run.orderGateway()::marketDataMessages);
                // an operator sees the writer from outside: its figures are counters in the run's CnC files
                final io.ferrum.ops.metrics.MetricsReader reader = io.ferrum.ops.metrics.MetricsReader.of(run.aeronDirs());
                EndToEndTest.await("the history's rows in the metrics",
                    () -> reader.read().sum("ferrum_history_rows_total") > 0);
                final io.ferrum.ops.metrics.MetricsSnapshot metrics = reader.read();
                assertEquals(1.0, metrics.sum("ferrum_history_database_up"));
                assertEquals(run.history().counters().batchesCommitted(), metrics.sum("ferrum_history_batches_total"), 1.0);
                live = run.stop(500);
                assertTrue(run.errors().isEmpty(), "errors: " + run.errors());
            }

            final Map<String, Long> tailed = new TreeMap<>();
            final Map<String, BigDecimal> quantityBySymbol = new TreeMap<>();
            BigDecimal fees = BigDecimal.ZERO;
            final List<JsonNode> events = new ArrayList<>();
            new JournalTail(journal.resolve("member-0"), null, 0, 0, (e) -> true, (line) ->
            {
                try
                {
                    events.add(JSON.readTree(line));
                }
                catch (final java.io.IOException ex)
                {
                    throw new AssertionError(line, ex);
                }
            }).poll();
            for (final JsonNode event : events)
            {
                final String type = event.get("type").asText();
                tailed.merge(type, 1L, Long::sum);
                if ("trade_tick".equals(type))
                {
                    quantityBySymbol.merge(event.get("symbol").asText(),
                        new BigDecimal(event.get("payload").get("quantity").asText()), BigDecimal::add);
                }
                if ("execution_report".equals(type))
                {
                    fees = fees.add(new BigDecimal(event.get("payload").get("fee").asText()));
                }
            }
            final String log = "(SELECT log_id FROM history.logs WHERE name = '" + journal.toAbsolutePath().normalize() + "')";
            final Map<String, String> tables = Map.of("trade_tick", "trades", "quote_tick", "best_bid_offer",
                "ticker_24h", "tickers", "feed_status", "feed_status", "execution_report", "order_events",
                "risk_decision", "risk_decisions");
            for (final Map.Entry<String, String> e : tables.entrySet())
            {
                assertEquals(tailed.getOrDefault(e.getKey(), 0L), HistoryDb.count(url,
                    "SELECT count(*) FROM history." + e.getValue() + " WHERE log_id = " + log), e.getKey());
            }
            assertEquals(tailed.getOrDefault("order_book_depth", 0L), HistoryDb.count(url,
                "SELECT count(*) FROM history.book_snapshots WHERE kind = 'venue' AND log_id = " + log));
            assertEquals(tailed.getOrDefault("order_book_deltas", 0L), HistoryDb.count(url,
                "SELECT count(*) FROM history.inputs WHERE template_id = 4 AND log_id = " + log));
            assertEquals(tailed.getOrDefault("kill_switch", 0L), HistoryDb.count(url,
                "SELECT count(*) FROM history.admin_commands WHERE command = 'kill_switch' AND log_id = " + log));
            assertEquals(1L, tailed.get("kill_switch"), "the kill switch sent is on the log");
            assertEquals(live.counters().get(EngineCounters.FILLS), HistoryDb.count(url,
                "SELECT count(*) FROM history.executions WHERE log_id = " + log), "every fill the engine took");
            for (final Map.Entry<String, BigDecimal> e : quantityBySymbol.entrySet())
            {
                assertEquals(0, e.getValue().compareTo(new BigDecimal(HistoryDb.first(url, "SELECT sum(quantity) FROM " +
                    "history.trades WHERE symbol = '" + e.getKey() + "' AND log_id = " + log))), e.getKey());
            }
            assertEquals(0, fees.compareTo(new BigDecimal(HistoryDb.first(url,
                "SELECT sum(fee) FROM history.order_events WHERE log_id = " + log))), "fees");
            assertEquals(FixedPoint.format(live.netRealizedPnl(), live.moneyExponent()), HistoryDb.first(url,
                "SELECT sum(realized_pnl - fees) FROM (SELECT DISTINCT ON (strategy_id, symbol) realized_pnl, fees " +
                "FROM history.positions WHERE log_id = " + log + " ORDER BY strategy_id, symbol, log_position DESC) p"),
                "the positions rebuilt from the fills end on the engine's net realized P&L");

            final JsonNode fromJournal = backtest("--journal", journal.toString(), "--out", dir.resolve("bt-journal").toString());
            final JsonNode fromDatabase = backtest("--pg", url, "--out", dir.resolve("bt-pg").toString());
            assertEquals("history", fromDatabase.get("settings").get("source").asText());
            for (final String part : List.of("run", "portfolio", "strategies"))
            {
                assertEquals(fromJournal.get(part), fromDatabase.get(part), part);
            }
            assertTrue(fromJournal.get("run").get("events").asLong() > 1000, fromJournal.get("run").toString());
        }
    }

    /** {@code ./ferrum backtest ARGS}: its result.json. */
    private static JsonNode backtest(final String... args) throws Exception
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new BacktestCommand(), List.of(args), new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString());
        final Path out = Path.of(args[args.length - 1]);
        return JSON.readTree(out.resolve("result.json").toFile());
    }
}
