package io.ferrum.engine.book;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.FixtureSession;
import io.ferrum.engine.Fixtures;
import io.ferrum.engine.MiniJson;
import io.ferrum.engine.TestMessages;
import io.ferrum.engine.instrument.Instrument;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBookTest
{
    private final Instrument instrument = new Instrument(1, "TESTUSDT", Venue.SIMULATED, -2, -3, 1, 1);
    private final TestMessages messages = new TestMessages();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();

    @Test
    void laddersStaySortedBestFirst()
    {
        final PriceLadder bids = new PriceLadder(true, 8);
        bids.set(100, 1);
        bids.set(102, 2);
        bids.set(101, 3);
        bids.set(99, 4);
        assertEquals(102, bids.price(0));
        assertEquals(101, bids.price(1));
        assertEquals(100, bids.price(2));
        assertEquals(99, bids.price(3));
        bids.set(101, 0);
        assertEquals(3, bids.size());
        assertEquals(0, bids.quantityAt(101));
        bids.set(100, 7);
        assertEquals(7, bids.quantityAt(100));
        bids.set(55, 0); // removing an absent level is a no-op
        assertEquals(3, bids.size());

        final PriceLadder asks = new PriceLadder(false, 3);
        asks.set(105, 1);
        asks.set(103, 1);
        asks.set(104, 1);
        asks.set(110, 1); // worse than all while full: not kept
        asks.set(102, 1); // better: the worst level gives way
        assertEquals(3, asks.size());
        assertEquals(102, asks.price(0));
        assertEquals(104, asks.price(2));
        assertEquals(2, asks.levelsDropped());
    }

    @Test
    void aGrowingLadderKeepsEveryLevel()
    {
        final PriceLadder asks = PriceLadder.growing(false, 2);
        for (int price = 200; price > 100; price -= 2)
        {
            asks.set(price, price);
        }
        asks.set(301, 1); // worse than all: kept, unlike a full fixed ladder
        assertEquals(51, asks.size());
        assertEquals(0, asks.levelsDropped());
        assertFalse(asks.isBids());
        for (int i = 1; i < asks.size(); i++)
        {
            assertTrue(asks.price(i - 1) < asks.price(i), "best first at " + i);
        }
        assertEquals(102, asks.price(0));
        assertEquals(301, asks.price(50));
        assertEquals(150, asks.quantityAt(150));

        final PriceLadder bids = PriceLadder.growing(true, 1);
        assertFalse(PriceLadder.isCrossed(bids, asks), "an empty side is never crossed");
        bids.set(101, 1);
        assertFalse(PriceLadder.isCrossed(bids, asks));
        bids.set(102, 1);
        assertTrue(PriceLadder.isCrossed(bids, asks), "a locked book (bid == ask) counts as crossed");
    }

    @Test
    void snapshotThenDeltasAndStaleDeltasChangeNothing()
    {
        final OrderBook book = new OrderBook(instrument, 64);
        assertEquals(OrderBook.NO_SNAPSHOT, applyDelta(book, 1, 1, new long[][]{{100, 1}}, new long[0][]));
        assertEquals(OrderBook.APPLIED,
            applySnapshot(book, 10, new long[][]{{100, 5}, {99, 6}}, new long[][]{{101, 7}, {102, 8}}));
        assertEquals(100, book.bestBidPrice());
        assertEquals(101, book.bestAskPrice());
        assertEquals(100, book.midPrice());
        assertEquals(1, book.spread());

        assertEquals(OrderBook.STALE, applyDelta(book, 5, 10, new long[][]{{100, 0}}, new long[0][]));
        assertEquals(5, book.bids().quantityAt(100));

        assertEquals(OrderBook.APPLIED, applyDelta(book, 11, 12, new long[][]{{100, 0}}, new long[][]{{101, 9}}));
        assertEquals(99, book.bestBidPrice());
        assertEquals(9, book.bestAskQuantity());
        assertEquals(0, book.gapCount());

        assertEquals(OrderBook.APPLIED, applyDelta(book, 20, 21, new long[][]{{-5, 1}}, new long[0][]));
        assertEquals(1, book.gapCount());
        assertEquals(1, book.invalidLevels());
    }

    @Test
    void crossedBookIsDetected()
    {
        final OrderBook book = new OrderBook(instrument, 64);
        applySnapshot(book, 1, new long[][]{{100, 5}}, new long[][]{{101, 7}});
        assertFalse(book.isCrossed());
        applyDelta(book, 2, 2, new long[][]{{102, 1}}, new long[0][]);
        assertTrue(book.isCrossed());
        assertFalse(book.isTwoSided());
        assertEquals(0, book.midPrice());
        assertEquals(1, book.crossedCount());
        applyDelta(book, 3, 3, new long[][]{{102, 0}}, new long[0][]);
        assertFalse(book.isCrossed());
    }

    @Test
    void snapshotAndRestoreOfTheBookRoundTrip()
    {
        final OrderBook book = new OrderBook(instrument, 64);
        applySnapshot(book, 1, new long[][]{{100, 5}, {98, 1}}, new long[][]{{101, 7}});
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(256);
        final int length = book.snapshotTo(out, 0);
        final OrderBook copy = new OrderBook(instrument, 64);
        assertEquals(length, copy.restoreFrom(out, 0));
        assertEquals(2, copy.bids().size());
        assertEquals(98, copy.bids().price(1));
        assertEquals(1, copy.lastUpdateId());
        final ExpandableArrayBuffer again = new ExpandableArrayBuffer(256);
        assertEquals(length, copy.snapshotTo(again, 0));
        assertEquals(0, compare(out, again, length), "restored book writes the same bytes");
    }

    @Test
    void recordedSessionEndsOnTheIndependentlyComputedBooks() throws Exception
    {
        final FixtureSession session = FixtureSession.load("spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv");
        final Map<Integer, OrderBook> books = new HashMap<>();
        for (final Instrument i : session.instruments.instruments())
        {
            books.put(i.instrumentId(), new OrderBook(i, 5000));
        }
        final Map<Integer, Integer> applied = new HashMap<>();
        for (final int[] message : session.messages)
        {
            header.wrap(session.buffer, message[0]);
            if (header.templateId() == BookSnapshotDecoder.TEMPLATE_ID)
            {
                snapshot.wrapAndApplyHeader(session.buffer, message[0], header);
                books.get(snapshot.instrumentId()).apply(snapshot, 0);
            }
            else if (header.templateId() == BookDeltaDecoder.TEMPLATE_ID)
            {
                delta.wrapAndApplyHeader(session.buffer, message[0], header);
                final OrderBook book = books.get(delta.instrumentId());
                if (book.apply(delta, 0) == OrderBook.APPLIED)
                {
                    applied.merge(delta.instrumentId(), 1, Integer::sum);
                }
                assertFalse(book.isCrossed(), book.instrument().symbol());
            }
        }

        final Map<String, Object> expected = MiniJson.object(
            Files.readString(Fixtures.binance("expected-books.json")));
        @SuppressWarnings("unchecked")
        final Map<String, Map<String, Object>> oracle = (Map<String, Map<String, Object>>)
            ((Map<String, Object>)expected.get("spot_2021-04-05_10symbols")).get("books");
        assertEquals(10, oracle.size());
        for (final Map.Entry<String, Map<String, Object>> entry : oracle.entrySet())
        {
            final Instrument i = session.instruments.get(entry.getKey());
            final OrderBook book = books.get(i.instrumentId());
            final Map<String, Object> want = entry.getValue();
            assertEquals(Long.parseLong((String)want.get("final_update_id")), book.lastUpdateId(), entry.getKey());
            assertEquals(DecimalParser.parse((String)want.get("final_best_bid"), -8), book.bestBidPrice(), entry.getKey());
            assertEquals(DecimalParser.parse((String)want.get("final_best_ask"), -8), book.bestAskPrice(), entry.getKey());
            assertEquals(Integer.parseInt((String)want.get("applied_after_snapshot")),
                applied.get(i.instrumentId()).intValue(), entry.getKey());
            assertEquals(0, book.crossedCount());
        }
    }

    private static int compare(final ExpandableArrayBuffer a, final ExpandableArrayBuffer b, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (a.getByte(i) != b.getByte(i))
            {
                return i + 1;
            }
        }
        return 0;
    }

    private int applySnapshot(final OrderBook book, final long updateId, final long[][] bids, final long[][] asks)
    {
        messages.bookSnapshot(buffer, 0, 1, 1, 0, instrument, updateId, bids, asks);
        snapshot.wrapAndApplyHeader(buffer, 0, header.wrap(buffer, 0));
        return book.apply(snapshot, 0);
    }

    private int applyDelta(
        final OrderBook book, final long first, final long last, final long[][] bids, final long[][] asks)
    {
        messages.bookDelta(buffer, 0, 1, 1, 0, instrument, first, last, bids, asks);
        delta.wrapAndApplyHeader(new UnsafeBuffer(buffer.byteArray()), 0, header.wrap(buffer, 0));
        return book.apply(delta, 0);
    }
}
