package io.ferrum.ops.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.engine.Engine;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.backtest.venue.FeeSchedule;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backtests each recorded session (its *.replay.tsv imported through the gateway's decoder
 * and book sync) with the real engine, and checks the engine's own L2 books at the end
 * against the fixtures' independent oracle (expected-books.json): final update id, best bid
 * and best ask of every symbol, no gap, never crossed.
 */
class RecordedSessionBooksTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"spot-2021-04-05-10symbols/spot_2021-04-05_10symbols",
        "spot-2021-10-12-nknusdt/spot_2021-10-12_nknusdt_etc"})
    void engineBooksEndOnTheOracle(final String session) throws IOException
    {
        final JsonNode oracle = new ObjectMapper().readTree(Fixtures.binance("expected-books.json").toFile());
        final String folder = session.substring(0, session.indexOf('/'));
        final String name = session.substring(session.indexOf('/') + 1);
        final JsonNode books = oracle.path(name).path("books");
        assertFalse(books.isEmpty(), "oracle has books for " + name);
        final List<String> symbols = new ArrayList<>();
        books.fieldNames().forEachRemaining(symbols::add);

        final BacktestConfig config = new BacktestConfig(BacktestConfig.Source.SESSION, Fixtures.binance(folder),
            dir, symbols, LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31), 1, 0, 500_000, 1_000_000, 1_000_000, 0,
            FeeSchedule.BINANCE_SPOT_BASE, 10_000_000_000_000L, 1_000_000_000L,
            new BacktestConfig.StrategyParameters(BacktestConfig.Strategy.BOTH, "1", 1, 5));
        final Engine[] engine = new Engine[1];
        final BacktestResult result = Backtest.run(config, null, e -> engine[0] = e);
        assertNotNull(engine[0]);
        assertTrue(result.events() > 0);
        // minutes of a real session sampled every second: no daily return, so no Sharpe (it was thousands, from
        // per-second returns annualized by sqrt(3.15e7)), and the report says why
        // over 30 per-second returns: the old rule computed a ratio from them
        assertTrue(result.portfolio().samples() > 31, "sampled every second: " + result.portfolio().samples());
        assertEquals(0, result.portfolio().returnSamples());
        assertEquals(365.0, result.portfolio().periodsPerYear());
        assertTrue(Double.isNaN(result.portfolio().sharpe()) && Double.isNaN(result.portfolio().sortino()));
        assertEquals("0 daily returns: Sharpe and Sortino need at least 30", result.portfolio().ratiosNote());

        for (final Iterator<Map.Entry<String, JsonNode>> it = books.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> entry = it.next();
            final Instrument instrument = EngineSetup.sessionInstruments(config).get(entry.getKey());
            final OrderBook book = engine[0].book(instrument.instrumentId());
            final String where = name + " " + entry.getKey();
            assertTrue(book.hasSnapshot(), where);
            assertEquals(entry.getValue().get("final_update_id").asLong(), book.lastUpdateId(), where);
            assertEquals(entry.getValue().get("final_best_bid").asText(), FixedPoint.format(book.bestBidPrice(), -8), where);
            assertEquals(entry.getValue().get("final_best_ask").asText(), FixedPoint.format(book.bestAskPrice(), -8), where);
            assertEquals(0, book.gapCount(), where);
            assertEquals(0, book.crossedCount(), where);
            assertFalse(book.isCrossed(), where);
        }
    }
}
