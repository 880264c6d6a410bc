package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.VenueSimulator;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.JsonSchemas;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedCommandTest
{
    private static final String SESSION = "spot-2021-10-12-nknusdt/spot_2021-10-12_nknusdt_etc.replay.tsv";

    @Test
    void checksTheSimulatorsReplayAndPrintsEventsAndBookSummaries() throws Exception
    {
        final ObjectMapper mapper = new ObjectMapper();
        final JsonNode expected = mapper.readTree(Fixtures.binance("expected-books.json").toFile())
            .get("spot_2021-10-12_nknusdt_etc").get("books");
        try (VenueSimulator simulator = VenueSimulator.launch(
            new VenueSimulator.Context().session(ReplaySession.load(Fixtures.binance(SESSION))).speed(10)))
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final int status = Main.run(new FeedCommand(), List.of(
                "--ws", simulator.wsUrl(), "--rest", simulator.restUrl(),
                "--symbols", "nknusdt,BLZETH,LRCBTC,RUNEEUR", "--until-idle", "4s", "--events"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);
            assertEquals(0, status);

            final Set<String> types = new HashSet<>();
            int summaries = 0;
            for (final String line : bytes.toString(StandardCharsets.UTF_8).split("\n"))
            {
                final JsonNode event = JsonSchemas.assertValid(line.startsWith("{\"type\":\"book_summary\"") ? "book_summary" : "event", line);
                final String type = event.get("type").asText();
                types.add(type);
                if (type.equals("book_summary"))
                {
                    summaries++;
                    final JsonNode book = expected.get(event.get("symbol").asText());
                    assertEquals(book.get("final_update_id").asLong(), event.get("last_update_id").asLong(), line);
                    assertEquals(book.get("final_best_bid").asText(), event.get("best_bid").asText(), line);
                    assertEquals(book.get("final_best_ask").asText(), event.get("best_ask").asText(), line);
                    assertFalse(event.get("crossed").asBoolean());
                    assertEquals(0, event.get("gaps").asLong());
                    assertTrue(event.get("bid_levels").asInt() > 0);
                    continue;
                }
                for (final String field : new String[]{"venue", "symbol", "ts_event", "payload"})
                {
                    assertTrue(event.has(field), field + " missing in " + line);
                }
                assertTrue(event.get("ts_event").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), line);
            }
            assertEquals(4, summaries);
            assertTrue(types.containsAll(Set.of("order_book_depth", "order_book_deltas", "trade_tick", "quote_tick", "feed_status")),
                types.toString());
        }
    }

    @Test
    void refusesBadCommandLines()
    {
                final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, Main.run(new FeedCommand(), List.of("--ws", "ws://127.0.0.1:1"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new FeedCommand(), List.of("--ws", "ws://x", "--rest", "http://x", "--symbols", "A",
            "--duration", "3s", "--until-idle", "1s"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new FeedCommand(), List.of("--ws", "ws://x", "--rest", "http://x", "--symbols", "A",
            "--duration", "-3s"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new FeedCommand(), List.of("--ws", "ftp://x", "--rest", "http://x", "--symbols", "A",
            "--duration", "1s"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new FeedCommand(), List.of("--bogus"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new FeedCommand(), List.of("--ws"), sink, sink));
    }
}
