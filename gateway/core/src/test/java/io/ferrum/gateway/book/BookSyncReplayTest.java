package io.ferrum.gateway.book;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.TestFeed;
import io.ferrum.gateway.binance.DecodeResult;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.replay.ReplaySession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds each recorded session straight into the decoder and book sync, answering each
 * snapshot request with the REST response the live client got (delivered where it sits in
 * the recording), and checks the final books against the independent oracle.
 */
class BookSyncReplayTest
{
    @Test
    void everyRecordedSessionEndsOnTheExpectedBooks() throws Exception
    {
        final JsonNode expected = Fixtures.expectedBooks();
        int sessions = 0;
        for (final Path file : Fixtures.replaySessions())
        {
            final ReplaySession session = ReplaySession.load(file);
            final TestFeed feed = replay(session);
            final JsonNode books = expected.get(session.name()).get("books");
            assertNotNull(books, session.name());
            assertEquals(books.size(), session.snapshotSymbols().size());
            for (final Iterator<Map.Entry<String, JsonNode>> it = books.fields(); it.hasNext(); )
            {
                final Map.Entry<String, JsonNode> entry = it.next();
                final Instrument instrument = feed.instrument(entry.getKey());
                final BookSync sync = feed.feed.books().get(instrument);
                final LocalBook book = sync.book();
                final String where = session.name() + " " + entry.getKey();
                assertTrue(sync.inSync(), where);
                assertEquals(FeedState.IN_SYNC, sync.state(), where);
                assertEquals(entry.getValue().get("final_update_id").asLong(), book.lastUpdateId(), where);
                assertEquals(entry.getValue().get("final_best_bid").asText(), FixedPoint.format(book.bestBid(), -8), where);
                assertEquals(entry.getValue().get("final_best_ask").asText(), FixedPoint.format(book.bestAsk(), -8), where);
                assertEquals(entry.getValue().get("applied_after_snapshot").asLong(), sync.deltasPublished(), where);
                assertEquals(0, sync.gaps(), where);
                assertEquals(0, sync.resyncs(), where);
                assertEquals(0, sync.crossings(), where);
                assertFalse(book.isCrossed(), where);

                final LocalBook consumerBook = feed.consumer.book(instrument.instrumentId());
                assertEquals(book.lastUpdateId(), consumerBook.lastUpdateId(), where);
                assertEquals(book.bestBid(), consumerBook.bestBid(), where);
                assertEquals(book.bestAsk(), consumerBook.bestAsk(), where);
                assertEquals(book.bidLevels(), consumerBook.bidLevels(), where);
                assertEquals(book.askLevels(), consumerBook.askLevels(), where);
            }
            assertEquals(0, feed.consumer.unchainedDeltas(), session.name());
            assertEquals(0, feed.consumer.crossedBooks(), session.name());
            sessions++;
        }
        assertEquals(2, sessions);
    }

    @Test
    void aGapInTheDiffsResyncsFromAFreshSnapshot() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.replaySessions().get(1));
        final TestFeed feed = replay(session);
        final Instrument nkn = feed.instrument("NKNUSDT");
        final BookSync sync = feed.feed.books().get(nkn);
        final long id = sync.book().lastUpdateId();
        feed.snapshotRequests.clear();
        feed.health.clear();

        final String gapped = "{\"stream\":\"nknusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1633998600000," +
            "\"s\":\"NKNUSDT\",\"U\":" + (id + 5) + ",\"u\":" + (id + 9) + ",\"b\":[[\"0.35000000\",\"1.00000000\"]],\"a\":[]}}";
        final int published = feed.templateIds.size();
        assertEquals(DecodeResult.OK, feed.frame(gapped));
        assertEquals(published + 2, feed.templateIds.size(), "two FeedStatus messages (GAP, SYNCING), no delta");
        assertEquals(java.util.List.of("NKNUSDT:GAP", "NKNUSDT:SYNCING"), feed.health);
        assertEquals(java.util.List.of("NKNUSDT"), feed.snapshotRequests);
        assertEquals(1, sync.gaps());
        assertFalse(sync.inSync());

        // the venue's next snapshot: the book as it was, advanced past the gapped diff
        final String snapshot = "{\"lastUpdateId\":" + (id + 7) + ",\"bids\":[[\"0.35200000\",\"10.00000000\"]]," +
            "\"asks\":[[\"0.35300000\",\"20.00000000\"]]}";
        feed.snapshot("NKNUSDT", snapshot);
        assertTrue(sync.inSync());
        assertEquals(id + 9, sync.book().lastUpdateId(), "buffered diff applied on top of the new snapshot");
        assertEquals(35200000L, sync.book().bestBid());
        assertEquals(2, sync.book().bidLevels(), "snapshot level plus the buffered diff's level");
        assertEquals(2, feed.consumer.book(nkn.instrumentId()).bidLevels());
        assertEquals(0, feed.consumer.unchainedDeltas());
    }

    @Test
    void aDiffThatWouldCrossTheBookIsNeverPublished() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.replaySessions().get(1));
        final TestFeed feed = replay(session);
        final BookSync sync = feed.feed.books().get(feed.instrument("RUNEEUR"));
        final long id = sync.book().lastUpdateId();
        final int published = feed.templateIds.size();
        final String crossing = "{\"stream\":\"runeeur@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1633998600000," +
            "\"s\":\"RUNEEUR\",\"U\":" + (id + 1) + ",\"u\":" + (id + 1) + ",\"b\":[[\"9.00000000\",\"1.00000000\"]],\"a\":[]}}";
        assertEquals(DecodeResult.OK, feed.frame(crossing));
        assertEquals(1, sync.crossings());
        assertFalse(sync.inSync());
        assertEquals(published + 2, feed.templateIds.size(), "GAP and SYNCING status only");
        assertFalse(feed.consumer.book(feed.instrument("RUNEEUR").instrumentId()).isCrossed());
    }

    @Test
    void aSnapshotOlderThanTheFirstBufferedDiffIsFetchedAgain()
    {
        final TestFeed feed = new TestFeed("BTCUSDT");
        feed.frame("{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":100,\"u\":105,\"b\":[],\"a\":[[\"2.00000000\",\"1.00000000\"]]}");
        feed.snapshot("BTCUSDT", "{\"lastUpdateId\":98,\"bids\":[[\"1.00000000\",\"1.00000000\"]],\"asks\":[]}");
        assertEquals(java.util.List.of("BTCUSDT", "BTCUSDT"), feed.snapshotRequests);
        feed.snapshot("BTCUSDT", "{\"lastUpdateId\":\"x\",\"bids\":[],\"asks\":[]}");
        assertEquals(3, feed.snapshotRequests.size(), "a malformed snapshot is refused and fetched again");
        feed.snapshot("BTCUSDT", "{\"lastUpdateId\":101,\"bids\":[[\"1.00000000\",\"1.00000000\"]],\"asks\":[]}");
        final BookSync sync = feed.feed.books().get(feed.instrument("BTCUSDT"));
        assertTrue(sync.inSync());
        assertEquals(105, sync.book().lastUpdateId());
        assertEquals(200000000L, sync.book().bestAsk());
    }

    /** Replays the WS frames in order, delivering each REST snapshot at its recorded place once requested. */
    static TestFeed replay(final ReplaySession session)
    {
        final TestFeed feed = new TestFeed(session.snapshotSymbols().toArray(String[]::new));
        final Map<String, String> recorded = new HashMap<>();
        for (final ReplaySession.Entry entry : session.entries())
        {
            switch (entry.kind())
            {
                case WS -> feed.frame(entry.payload()); // kline frames are dropped; the decoder test checks results
                case REST -> recorded.put(ReplaySession.queryParameter(entry.url(), "symbol"), entry.payload());
                default -> { }
            }
            for (final Iterator<String> it = feed.snapshotRequests.iterator(); it.hasNext(); )
            {
                final String symbol = it.next();
                final String body = recorded.remove(symbol);
                if (body != null)
                {
                    it.remove();
                    feed.snapshot(symbol, body);
                }
            }
        }
        return feed;
    }
}
