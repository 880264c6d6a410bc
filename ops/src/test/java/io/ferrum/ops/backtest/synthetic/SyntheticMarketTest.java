package io.ferrum.ops.backtest.synthetic;

import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
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
        assertTrue(counts.get(TradeDecoder.TEMPLATE_ID) > events / 5);
        assertTrue(counts.get(BookDeltaDecoder.TEMPLATE_ID) > events / 20);
        assertTrue(spreadTicks / quotes >= 2, "spread at least two ticks on average");
    }
}
