package io.ferrum.ops.demo;

import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.ops.analytics.ReportSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.sequencer.journal.JournalReader;
import org.agrona.DirectBuffer;
import io.ferrum.engine.Engine;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.sim.order.OrderGateway;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.ops.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo at speed 0: the simulator sends the whole recorded session before the REST
 * snapshots come back, so the snapshots already hold (nearly) every diff and the gateway
 * publishes few or no deltas (docs/gateway.md, "Speed 0"). What must still hold: every
 * trade and quote reaches the engine (counted on the log), every message the gateway published
 * reaches the engine exactly once, and the engine's books are in sync on the oracle's final books;
 * analytics, following the member's committed log, reports those same final books.
 */
class FastReplayDemoTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";

    @TempDir
    Path dir;

    @Test
    void asFastAsPossibleNothingPublishedIsLostAndTheEngineBooksEndOnTheOracle() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        final JsonNode expected = new ObjectMapper().readTree(Fixtures.binance("expected-books.json").toFile()).get(session.name());
        final JsonNode counts = expected.get("counts_by_stream_type");
        final long tradesAndQuotes = counts.get("aggTrade").asLong() + counts.get("bookTicker").asLong();
        final DemoEngineConfig config = DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT");
        final long published;
        final Engine engine;
        final List<Throwable> errors;
        final Map<String, String> reports = new HashMap<>();
        final long analyticsMessages;
        final long marketData;
        try (DemoRun run = new DemoRun(session, 0, dir.resolve("journal"), config,
            new SimulatedVenue.Context().latencyNs(TimeUnit.MILLISECONDS.toNanos(1)), null, false))
        {
            final OrderGateway gateway = run.orderGateway();
            // Quiet alone is not the end: before the feed connects (election, JIT on a loaded box) or during a
            // stall the counter also stands still for a second. Wait for the session's last update on the log first.
            EndToEndTest.await("the analytics at the session's last update ids", () ->
                reachedFinalUpdateIds(run, expected));
            EndToEndTest.awaitQuiet(gateway::marketDataMessages);
            EndToEndTest.awaitQuiet(run.analytics()::messages);
            analyticsMessages = run.analytics().messages();
            marketData = gateway.marketDataMessages();
            for (final String symbol : List.of("ZILUSDT", "DENTUSDT"))
            {
                reports.put(symbol, run.analytics().cache().report(symbol));
            }
            engine = run.stop(500);
            published = gateway.marketDataMessages() + gateway.reportsPublished() + gateway.auditsPublished();
            errors = run.errors();
        }
        assertTrue(errors.isEmpty(), "errors: " + errors);
        assertTrue(published >= tradesAndQuotes + session.snapshotSymbols().size(),
            "every trade, quote and snapshot was published: " + published);
        assertEquals(published + 1, engine.counters().get(EngineCounters.EVENTS),
            "every message published into the ring reached the engine once, after the strategies' manifest");
        System.out.printf("speed 0: %d published, %d engine events (%d market data, %d feed status)%n", published,
            engine.counters().get(EngineCounters.EVENTS), engine.counters().get(EngineCounters.MARKET_DATA_EVENTS),
            engine.counters().get(EngineCounters.FEED_STATUS_CHANGES));
        final long[] logged = new long[64];
        JournalReader.open(dir.resolve("journal").resolve("member-0")).replay(new EngineInput()
        {
            public void onInput(
                final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
            {
                logged[buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 63]++;
            }

            public void onTimer(final long timerId, final long timestampNs)
            {
            }
        });
        assertEquals(counts.get("aggTrade").asLong(), logged[AggTradeDecoder.TEMPLATE_ID], "every trade is on the log");
        assertEquals(counts.get("bookTicker").asLong(), logged[BestBidAskDecoder.TEMPLATE_ID], "every quote is on the log");
        assertEquals(session.snapshotSymbols().size(), logged[BookSnapshotDecoder.TEMPLATE_ID], "one snapshot per symbol");
        for (final String symbol : List.of("ZILUSDT", "DENTUSDT"))
        {
            final Instrument instrument = config.instruments().get(symbol);
            final OrderBook book = engine.book(instrument.instrumentId());
            final JsonNode oracle = expected.get("books").get(symbol);
            assertTrue(book.hasSnapshot(), symbol + " never synced in the engine");
            assertEquals(oracle.get("final_update_id").asLong(), book.lastUpdateId(), symbol);
            final int exponent = instrument.priceExponent();
            assertEquals(0, new BigDecimal(oracle.get("final_best_bid").asText()).compareTo(BigDecimal.valueOf(book.bestBidPrice(), -exponent)),
                symbol + " best bid " + FixedPoint.format(book.bestBidPrice(), exponent));
            assertEquals(0, new BigDecimal(oracle.get("final_best_ask").asText()).compareTo(BigDecimal.valueOf(book.bestAskPrice(), -exponent)),
                symbol + " best ask " + FixedPoint.format(book.bestAskPrice(), exponent));
            assertFalse(book.isCrossed(), symbol);

            // Analytics read the same log (not the gateway's tap) to its end.
            final JsonNode report = ReportSchema.assertValid(reports.get(symbol)).get("payload");
            assertEquals(oracle.get("final_update_id").asLong(), report.get("last_update_id").asLong(), symbol);
            assertEquals(oracle.get("final_best_bid").asText(), report.get("l1").get("bid").asText(), symbol);
            assertEquals(oracle.get("final_best_ask").asText(), report.get("l1").get("ask").asText(), symbol);
        }
        assertTrue(analyticsMessages >= marketData && analyticsMessages <= engine.counters().get(EngineCounters.EVENTS),
            "analytics saw every market-data message of the log, and nothing the log does not hold: " + analyticsMessages);
    }

    private static boolean reachedFinalUpdateIds(final DemoRun run, final JsonNode expected)
    {
        for (final String symbol : List.of("ZILUSDT", "DENTUSDT"))
        {
            final String text = run.analytics().cache().report(symbol);
            final long finalUpdateId = expected.get("books").get(symbol).get("final_update_id").asLong();
            try
            {
                if (null == text || new ObjectMapper().readTree(text).get("payload").get("last_update_id").asLong() != finalUpdateId)
                {
                    return false;
                }
            }
            catch (final java.io.IOException ex)
            {
                throw new AssertionError(symbol + ": report is not JSON: " + text, ex);
            }
        }
        return true;
    }
}
