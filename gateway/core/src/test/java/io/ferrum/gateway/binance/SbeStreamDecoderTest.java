package io.ferrum.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.binance.sbe.BestBidAskStreamEventEncoder;
import io.ferrum.codecs.binance.sbe.BoolEnum;
import io.ferrum.codecs.binance.sbe.DepthDiffStreamEventEncoder;
import io.ferrum.codecs.binance.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.binance.sbe.TradesStreamEventEncoder;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.TestFeed;
import io.ferrum.gateway.book.BookSync;
import io.ferrum.gateway.replay.ReplaySession;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binance SBE stream frames, encoded with the codecs generated from stream_1_0.xml from real recorded events. */
class SbeStreamDecoderTest
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[256 * 1024]);

    @Test
    void decodesATradeRescalingMantissasAndMicroseconds()
    {
        final TestFeed feed = new TestFeed("ETHUSDT");
        final SbeStreamDecoder decoder = decoder(feed);
        final int length = trade("ETHUSDT", 705291099L, 414974, -2, 43870, -5, true);
        assertEquals(DecodeResult.OK, decoder.onFrame(frame, 0, length, 5L));
        feed.drain();
        final TradeDecoder trade = new TradeDecoder().wrapAndApplyHeader(feed.last, 0, new MessageHeaderDecoder());
        assertEquals(705291099L, trade.tradeId());
        assertEquals(414974000000L, trade.price(), "4149.74 at exponent -8");
        assertEquals(43870000L, trade.quantity(), "0.43870 at exponent -8");
        assertEquals(Side.SELL, trade.aggressor());
        assertEquals(1639351062243000L * 1000L, trade.tradeTimeNs(), "microseconds to nanoseconds");
        assertEquals(5L, trade.source().receiveTimeNs());
    }

    @Test
    void refusesTruncatedHostileAndImpreciseFramesWithoutThrowing()
    {
        final TestFeed feed = new TestFeed("ETHUSDT");
        final SbeStreamDecoder decoder = decoder(feed);
        final int length = trade("ETHUSDT", 1, 414974, -2, 43870, -5, false);
        for (int cut = 0; cut < length; cut++)
        {
            assertEquals(DecodeResult.DROPPED, decoder.onFrame(frame, 0, cut, 1L), "cut at " + cut);
        }
        assertEquals(length, feed.feed.badInput().count(BadInput.TRUNCATED));

        frame.putInt(8 + TradesStreamEventEncoder.BLOCK_LENGTH + 2, Integer.MAX_VALUE); // absurd trade count
        assertEquals(DecodeResult.DROPPED, decoder.onFrame(frame, 0, length, 1L));

        trade("ETHUSDT", 1, 414974, -10, 43870, -5, false); // 0.0000414974: more decimals than -8 keeps
        assertEquals(DecodeResult.DROPPED, decoder.onFrame(frame, 0, length, 1L));
        trade("ETHUSDT", 1, -414974, -2, 43870, -5, false);
        assertEquals(DecodeResult.DROPPED, decoder.onFrame(frame, 0, length, 1L));
        trade("ETHUSDT", 1, Long.MAX_VALUE / 10, 0, 43870, -5, false);
        assertEquals(DecodeResult.DROPPED, decoder.onFrame(frame, 0, length, 1L));
        assertEquals(3, feed.feed.badInput().count(BadInput.BAD_NUMBER));

        trade("XRPUSDT", 1, 414974, -2, 43870, -5, false);
        assertEquals(DecodeResult.DROPPED, decoder.onFrame(frame, 0, length, 1L));
        assertEquals(1, feed.feed.badInput().count(BadInput.UNKNOWN_SYMBOL));

        trade("ETHUSDT", 1, 414974, -2, 43870, -5, false);
        frame.putShort(4, (short)99); // another schema
        assertEquals(DecodeResult.DROPPED, decoder.onFrame(frame, 0, length, 1L));
        assertEquals(1, feed.feed.badInput().count(BadInput.UNKNOWN_EVENT));
        feed.drain();
        assertEquals(0, feed.templateIds.size(), "nothing published");
    }

    @Test
    void theRecordedSessionAsSbeFramesEndsOnTheExpectedBooks() throws Exception
    {
        final ObjectMapper mapper = new ObjectMapper();
        final ReplaySession session = ReplaySession.load(Fixtures.replaySessions().get(0));
        final JsonNode expected = Fixtures.expectedBooks().get(session.name()).get("books");
        final TestFeed feed = new TestFeed(session.snapshotSymbols().toArray(String[]::new));
        final SbeStreamDecoder decoder = decoder(feed);
        final Map<String, String> recorded = new HashMap<>();
        int quotes = 0;
        for (final ReplaySession.Entry entry : session.entries())
        {
            if (entry.kind() == ReplaySession.Kind.REST)
            {
                recorded.put(ReplaySession.queryParameter(entry.url(), "symbol"), entry.payload());
            }
            else if (entry.kind() == ReplaySession.Kind.WS)
            {
                final JsonNode data = mapper.readTree(entry.payload()).get("data");
                final int length = data.has("e") && data.get("e").asText().equals("depthUpdate") ? depth(data) :
                    !data.has("e") ? bestBidAsk(data) : -1;
                if (length > 0)
                {
                    assertEquals(DecodeResult.OK, decoder.onFrame(frame, 0, length, entry.receiveTimeNanos()));
                    feed.drain();
                    if (!data.has("e"))
                    {
                        quotes++;
                        final BestBidAskDecoder quote = new BestBidAskDecoder().wrapAndApplyHeader(feed.last, 0, new MessageHeaderDecoder());
                        assertEquals(data.get("b").asText(), FixedPoint.format(quote.bidPrice(), -8));
                        assertEquals(data.get("A").asText(), FixedPoint.format(quote.askQuantity(), -8));
                    }
                }
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
        assertEquals(5408, quotes);
        for (final Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> book = it.next();
            final BookSync sync = feed.feed.books().get(feed.instrument(book.getKey()));
            assertEquals(book.getValue().get("final_update_id").asLong(), sync.book().lastUpdateId(), book.getKey());
            assertEquals(book.getValue().get("final_best_bid").asText(), FixedPoint.format(sync.book().bestBid(), -8));
            assertEquals(book.getValue().get("final_best_ask").asText(), FixedPoint.format(sync.book().bestAsk(), -8));
        }
        assertEquals(0, feed.consumer.unchainedDeltas());
        assertEquals(0, feed.consumer.crossedBooks());
        assertTrue(feed.feed.badInput().total() == 0);
    }

    private static SbeStreamDecoder decoder(final TestFeed feed)
    {
        return new SbeStreamDecoder(feed.instruments, feed.ring, feed.feed.books(), feed.feed.sequence(),
            feed.feed.badInput(), Venue.BINANCE_SPOT, TestFeed.MAX_FRAME);
    }

    private int trade(final String symbol, final long id, final long price, final int priceExponent, final long qty,
        final int qtyExponent, final boolean buyerMaker)
    {
        final TradesStreamEventEncoder encoder = new TradesStreamEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .eventTime(1639351062244000L).transactTime(1639351062243000L)
            .priceExponent((byte)priceExponent).qtyExponent((byte)qtyExponent);
        encoder.tradesCount(1).next().id(id).price(price).qty(qty).isBuyerMaker(buyerMaker ? BoolEnum.True : BoolEnum.False);
        encoder.symbol(symbol);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int bestBidAsk(final JsonNode data)
    {
        final BestBidAskStreamEventEncoder encoder = new BestBidAskStreamEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .eventTime(1617647603000000L).bookUpdateId(data.get("u").asLong()).priceExponent((byte)-8).qtyExponent((byte)-8)
            .bidPrice(mantissa(data.get("b"))).bidQty(mantissa(data.get("B")))
            .askPrice(mantissa(data.get("a"))).askQty(mantissa(data.get("A")));
        encoder.symbol(data.get("s").asText());
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /** Depth diffs at exponent -10 (Binance picks the exponent per frame): the decoder rescales them to -8. */
    private int depth(final JsonNode data)
    {
        final DepthDiffStreamEventEncoder encoder = new DepthDiffStreamEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .eventTime(data.get("E").asLong() * 1000).firstBookUpdateId(data.get("U").asLong())
            .lastBookUpdateId(data.get("u").asLong()).priceExponent((byte)-10).qtyExponent((byte)-8);
        final DepthDiffStreamEventEncoder.BidsEncoder bids = encoder.bidsCount(data.get("b").size());
        for (final JsonNode level : data.get("b"))
        {
            bids.next().price(mantissa(level.get(0)) * 100).qty(mantissa(level.get(1)));
        }
        final DepthDiffStreamEventEncoder.AsksEncoder asks = encoder.asksCount(data.get("a").size());
        for (final JsonNode level : data.get("a"))
        {
            asks.next().price(mantissa(level.get(0)) * 100).qty(mantissa(level.get(1)));
        }
        encoder.symbol(data.get("s").asText());
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private static long mantissa(final JsonNode decimal)
    {
        return new BigDecimal(decimal.asText()).movePointRight(8).longValueExact();
    }
}
