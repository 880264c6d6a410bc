package io.ferrum.ops.backtest.synthetic;

import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.ops.backtest.data.EventSource;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticMarketTest
{
    private static final LocalDate FROM = LocalDate.of(2023, 1, 1);
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");

    private static String digest(final long seed, final LocalDate to) throws NoSuchAlgorithmException
    {
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        final byte[] bytes = new byte[512];
        try (EventSource source = SyntheticMarket.open(SYMBOLS, FROM, to, seed, 20_000))
        {
            while (source.next())
            {
                source.buffer().getBytes(source.offset(), bytes, 0, source.length());
                sha.update(bytes, 0, source.length());
                for (int i = 0; i < 8; i++)
                {
                    sha.update((byte)(source.timestampNs() >>> (8 * i)));
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws NoSuchAlgorithmException
    {
        final String first = digest(42, FROM.plusDays(1));
        assertEquals(first, digest(42, FROM.plusDays(1)));
        assertNotEquals(first, digest(43, FROM.plusDays(1)));
    }

    /** Trades after {@code afterNs} as "time price quantity side"; the first event's template id first. */
    private static List<String> trades(final LocalDate pathFrom, final LocalDate from, final LocalDate to, final long afterNs)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final TradeDecoder trade = new TradeDecoder();
        final List<String> trades = new java.util.ArrayList<>();
        try (EventSource source = SyntheticMarket.open(List.of("BTCUSDT"), pathFrom, from, to, 5, 20_000))
        {
            while (source.next())
            {
                header.wrap(source.buffer(), source.offset());
                if (trades.isEmpty())
                {
                    trades.add("first " + header.templateId() + " at " + source.timestampNs());
                }
                if (header.templateId() == TradeDecoder.TEMPLATE_ID && source.timestampNs() > afterNs)
                {
                    trade.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                    trades.add(source.timestampNs() + " " + trade.price() + " " + trade.quantity() + " " + trade.aggressor());
                }
            }
        }
        return trades;
    }

    @Test
    void aLaterWindowContinuesThePathInsteadOfRestartingIt()
    {
        final LocalDate second = FROM.plusDays(1);
        final LocalDate last = FROM.plusDays(2);
        final List<String> window = trades(FROM, second, last, 0);
        final String first = window.get(0);
        assertTrue(first.startsWith("first " + BookSnapshotDecoder.TEMPLATE_ID + " at "), "a window opens with a book: " + first);
        final long openedNs = Long.parseLong(first.substring(first.lastIndexOf(' ') + 1));
        final long secondDayNs = second.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        assertTrue(openedNs >= secondDayNs && openedNs < secondDayNs + 60_000_000_000L, "opened at " + openedNs);

        final List<String> whole = trades(FROM, FROM, last, openedNs);
        final List<String> windowAfterOpen = trades(FROM, second, last, openedNs);
        assertTrue(whole.size() > 1000, "a day of trades: " + whole.size());
        assertEquals(whole.subList(1, whole.size()), windowAfterOpen.subList(1, windowAfterOpen.size()),
            "the window's trades are the whole path's trades of the same days");
        // the defect this replaces: the second day as a path of its own was the first day again, shifted
        final List<String> restarted = trades(second, second, last, 0);
        final List<String> firstDay = trades(FROM, FROM, FROM, 0);
        assertNotEquals(restarted.subList(1, 50), window.subList(1, 50));
        assertEquals(firstDay.get(1).substring(firstDay.get(1).indexOf(' ')),
            restarted.get(1).substring(restarted.get(1).indexOf(' ')), "a path of its own starts as the seed's first day");
    }

    @Test
    void marketIsOrderedQuotedUncrossedAndAtTheRequestedRate()
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BestBidAskDecoder quote = new BestBidAskDecoder();
        final TradeDecoder trade = new TradeDecoder();
        final BookDeltaDecoder delta = new BookDeltaDecoder();
        final Map<Integer, Long> counts = new HashMap<>();
        final Map<Integer, Long> lastUpdate = new HashMap<>();
        long previous = Long.MIN_VALUE;
        long events = 0;
        long spreadTicks = 0;
        long quotes = 0;
        final LocalDate to = FROM.plusDays(6);
        try (EventSource source = SyntheticMarket.open(SYMBOLS, FROM, to, 7, 20_000))
        {
            while (source.next())
            {
                events++;
                assertTrue(source.timestampNs() >= previous);
                previous = source.timestampNs();
                header.wrap(source.buffer(), source.offset());
                counts.merge(header.templateId(), 1L, Long::sum);
                switch (header.templateId())
                {
                    case BestBidAskDecoder.TEMPLATE_ID ->
                    {
                        quote.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                        assertTrue(quote.bidPrice() > 0 && quote.bidPrice() < quote.askPrice());
                        assertTrue(quote.bidQuantity() > 0 && quote.askQuantity() > 0);
                        spreadTicks += quote.askPrice() - quote.bidPrice();
                        quotes++;
                    }
                    case TradeDecoder.TEMPLATE_ID ->
                    {
                        trade.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                        assertTrue(trade.price() > 0 && trade.quantity() > 0);
                        assertEquals(source.timestampNs(), trade.tradeTimeNs());
                    }
                    case BookDeltaDecoder.TEMPLATE_ID ->
                    {
                        delta.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                        final Long last = lastUpdate.put(delta.instrumentId(), delta.lastUpdateId());
                        assertTrue(last == null || delta.firstUpdateId() > last, "update ids increase");
                    }
                    case BookSnapshotDecoder.TEMPLATE_ID -> lastUpdate.put(-1, 0L);
                    default -> throw new AssertionError("unexpected template " + header.templateId());
                }
            }
        }
        final long expected = 2 * 7 * 20_000;
        assertTrue(events > expected / 2 && events < expected * 3, "events " + events + " near " + expected);
        assertEquals(2, counts.get(BookSnapshotDecoder.TEMPLATE_ID));
        // each path step is a trade (35%), a quote (55%) or a depth change (10%); a step that moves the touch
        // is preceded by its BookDelta
        final long steps = events - counts.get(BookDeltaDecoder.TEMPLATE_ID) + counts.get(BookDeltaDecoder.TEMPLATE_ID) / 10;
        assertTrue(counts.get(TradeDecoder.TEMPLATE_ID) > steps * 3 / 10, counts + " of " + steps + " steps");
        assertTrue(counts.get(BookDeltaDecoder.TEMPLATE_ID) > events / 20);
        assertTrue(spreadTicks / quotes >= 2, "spread at least two ticks on average");
    }

    @Test
    void quotesAndTradesAlwaysAgreeWithTheL2BookOverALongRun()
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BestBidAskDecoder quote = new BestBidAskDecoder();
        final TradeDecoder trade = new TradeDecoder();
        final BookDeltaDecoder delta = new BookDeltaDecoder();
        final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
        final Map<Integer, OrderBook> books = new HashMap<>();
        final Map<Integer, long[]> range = new HashMap<>();
        long quotes = 0;
        long trades = 0;
        long deltas = 0;
        // ten days of both symbols in every regime: about two million messages
        try (EventSource source = SyntheticMarket.open(SYMBOLS, FROM, FROM.plusDays(9), 11, 50_000))
        {
            while (source.next())
            {
                header.wrap(source.buffer(), source.offset());
                switch (header.templateId())
                {
                    case BookSnapshotDecoder.TEMPLATE_ID ->
                    {
                        snapshot.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                        final OrderBook book = new OrderBook(new Instrument(snapshot.instrumentId(), snapshot.symbol(),
                            Venue.SIMULATED, snapshot.priceExponent(), snapshot.sizeExponent(), 1, 1), 64);
                        assertEquals(null, books.put(snapshot.instrumentId(), book), "one snapshot per symbol");
                        assertEquals(OrderBook.APPLIED, book.apply(snapshot, source.timestampNs()));
                        range.put(snapshot.instrumentId(), new long[] {book.bestBidPrice(), book.bestBidPrice()});
                    }
                    case BookDeltaDecoder.TEMPLATE_ID ->
                    {
                        delta.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                        final OrderBook book = books.get(delta.instrumentId());
                        assertEquals(book.lastUpdateId() + 1, delta.firstUpdateId(), "deltas chain");
                        assertEquals(OrderBook.APPLIED, book.apply(delta, source.timestampNs()));
                        assertFalse(book.isCrossed(), "never crossed");
                        assertTrue(book.bids().size() > 0 && book.asks().size() == 5, "five levels a side");
                        final long[] r = range.get(delta.instrumentId());
                        r[0] = Math.min(r[0], book.bestBidPrice());
                        r[1] = Math.max(r[1], book.bestBidPrice());
                        deltas++;
                    }
                    case BestBidAskDecoder.TEMPLATE_ID ->
                    {
                        quote.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                        final OrderBook book = books.get(quote.instrumentId());
                        assertEquals(book.bestBidPrice(), quote.bidPrice());
                        assertEquals(book.bestBidQuantity(), quote.bidQuantity());
                        assertEquals(book.bestAskPrice(), quote.askPrice());
                        assertEquals(book.bestAskQuantity(), quote.askQuantity());
                        assertEquals(book.lastUpdateId(), quote.updateId());
                        quotes++;
                    }
                    case TradeDecoder.TEMPLATE_ID ->
                    {
                        trade.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                        final OrderBook book = books.get(trade.instrumentId());
                        assertEquals(trade.aggressor() == Side.BUY ? book.bestAskPrice() : book.bestBidPrice(), trade.price(),
                            "trades print at the touch of their side");
                        trades++;
                    }
                    default -> throw new AssertionError("unexpected template " + header.templateId());
                }
            }
        }
        assertEquals(2, books.size());
        assertTrue(quotes > 100_000 && trades > 100_000 && deltas > 100_000, quotes + " " + trades + " " + deltas);
        for (final OrderBook book : books.values())
        {
            assertEquals(0, book.gapCount());
            assertEquals(0, book.crossedCount());
            assertEquals(0, book.invalidLevels());
            final long[] r = range.get(book.instrumentId());
            assertTrue(r[1] - r[0] > r[0] / 100, "the book follows the price path (range above 1%)");
        }
    }
}
