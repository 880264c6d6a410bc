package io.ferrum.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.TestFeed;
import io.ferrum.gateway.replay.ReplaySession;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpotFrameDecoderTest
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    void decodesTheRecordedTradeSampleWithItsWhitespace() throws Exception
    {
        final TestFeed feed = new TestFeed("ETHUSDT");
        assertEquals(DecodeResult.OK, feed.frame(Files.readString(Fixtures.binance("samples/ws_spot_trade.json"))));

        final TradeDecoder trade = new TradeDecoder().wrapAndApplyHeader(feed.last, 0, header);
        assertEquals(TradeDecoder.TEMPLATE_ID, header.templateId());
        assertEquals(705291099L, trade.tradeId());
        assertEquals(414974000000L, trade.price());
        assertEquals(43870000L, trade.quantity());
        assertEquals(1639351062243L * 1_000_000L, trade.tradeTimeNs());
        assertEquals(1639351062244L * 1_000_000L, trade.source().eventTimeNs());
        assertEquals(Side.SELL, trade.aggressor(), "m=true: the buyer was the maker, so the seller took");
        assertEquals("ETHUSDT", trade.symbol().trim());
        assertEquals(1, trade.instrumentId());
        assertEquals(-8, trade.priceExponent());
        assertEquals(7, trade.source().sourceId());
        assertEquals(1L, trade.source().sequence());
    }

    @Test
    void decodesRealSpotSamplesOfEachKind()
    {
        final TestFeed feed = new TestFeed("BTCUSDT", "ETHUSDT");
        final List<String> frames = Fixtures.sampleFrames("binance_spot_real_samples.jsonl");

        assertEquals(DecodeResult.OK, feed.frame(frames.get(0)));
        final AggTradeDecoder aggTrade = new AggTradeDecoder().wrapAndApplyHeader(feed.last, 0, header);
        assertEquals(640283266L, aggTrade.aggTradeId());
        assertEquals(5894201000000L, aggTrade.price());
        assertEquals(35600L, aggTrade.quantity());
        assertEquals(716849523L, aggTrade.firstTradeId());
        assertEquals(Side.BUY, aggTrade.aggressor());

        assertEquals(DecodeResult.OK, feed.frame(frames.get(1)), "depth diff goes to the book sync");
        assertEquals(List.of("BTCUSDT"), feed.snapshotRequests);

        assertEquals(DecodeResult.DROPPED, feed.frame(frames.get(2)), "depth20 partial book is not subscribed");

        assertEquals(DecodeResult.OK, feed.frame(frames.get(3)));
        final BestBidAskDecoder quote = new BestBidAskDecoder().wrapAndApplyHeader(feed.last, 0, header);
        assertEquals(19575390521L, quote.updateId());
        assertEquals(2901090000000L, quote.bidPrice());
        assertEquals(1394302000L, quote.bidQuantity());
        assertEquals(2901091000000L, quote.askPrice());
        assertEquals(399953000L, quote.askQuantity());

        assertEquals(DecodeResult.OK, feed.frame(frames.get(4)));
        final Ticker24hDecoder ticker = new Ticker24hDecoder().wrapAndApplyHeader(feed.last, 0, header);
        assertEquals(179284000000L, ticker.lastPrice());
        assertEquals(160000000L, ticker.priceChangePercent());
        assertEquals(84018076151358100L, ticker.quoteVolume());
        assertEquals(552479L, ticker.tradeCount());
        assertEquals(841094172L, ticker.firstTradeId());
        assertEquals(1653726250344L * 1_000_000L, ticker.openTimeNs());

        assertEquals(DecodeResult.DROPPED, feed.frame(frames.get(5)), "!ticker@arr");
        assertEquals(DecodeResult.DROPPED, feed.frame(frames.get(6)), "kline");
        assertEquals(2, feed.feed.badInput().count(BadInput.UNKNOWN_EVENT));
        assertEquals(1, feed.feed.badInput().count(BadInput.UNEXPECTED_FIELDS));
    }

    @Test
    void refusesEveryFuturesFrameEvenForConfiguredSymbols()
    {
        final TestFeed feed = new TestFeed("BTCUSDT", "ETHUSDT", "BALUSDT", "IOTXUSDT", "BTCUSD_PERP", "ETHUSDT_210625");
        final List<String> frames = Fixtures.sampleFrames("binance_futures_real_samples.jsonl");
        for (final String frame : frames)
        {
            assertEquals(DecodeResult.DROPPED, feed.frame(frame), frame);
        }
        assertEquals(0, feed.templateIds.size(), "nothing published");
        assertTrue(feed.snapshotRequests.isEmpty(), "no futures diff reached a book");
        assertEquals(frames.size(), feed.feed.badInput().total());
        assertTrue(feed.feed.badInput().count(BadInput.UNEXPECTED_FIELDS) > 0);
    }

    @Test
    void countsAndDropsHostileFramesThenKeepsDecoding()
    {
        final TestFeed feed = new TestFeed("ZILUSDT");
        final String good = "{\"stream\":\"zilusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1617647603484,\"s\":\"ZILUSDT\"," +
            "\"a\":18938405,\"p\":\"0.21448000\",\"q\":\"2062.90000000\",\"f\":23806928,\"l\":23806928,\"T\":1617647603483,\"m\":false,\"M\":true}}";
        final Object[][] cases = {
            {"", BadInput.TRUNCATED},
            {"not json", BadInput.MALFORMED_JSON},
            {good.substring(0, good.length() - 40), BadInput.TRUNCATED},
            {good + "}", BadInput.MALFORMED_JSON},
            {good.replace("\"p\":\"0.21448000\"", "\"p\":\"1e308\""), BadInput.BAD_NUMBER},
            {good.replace("\"p\":\"0.21448000\"", "\"p\":\"99999999999999999999.5\""), BadInput.BAD_NUMBER},
            {good.replace("\"p\":\"0.21448000\"", "\"p\":\"0.000000001\""), BadInput.BAD_NUMBER},
            {good.replace("\"p\":\"0.21448000\"", "\"p\":\"-0.2\""), BadInput.BAD_NUMBER},
            {good.replace("\"p\":\"0.21448000\"", "\"p\":0.21448"), BadInput.UNEXPECTED_FIELDS},
            {good.replace("\"E\":1617647603484", "\"E\":99999999999999999"), BadInput.BAD_NUMBER},
            {good.replace("\"f\":23806928", "\"f\":23806929"), BadInput.BAD_NUMBER},
            {good.replace(",\"M\":true", ""), BadInput.UNEXPECTED_FIELDS},
            {good.replace(",\"M\":true", ",\"M\":true,\"X\":\"MARKET\""), BadInput.UNEXPECTED_FIELDS},
            {good.replace("\"m\":false", "\"m\":false,\"m\":true"), BadInput.MALFORMED_JSON},
            {good.replace("ZILUSDT", "ZILUSDX"), BadInput.UNKNOWN_SYMBOL},
            {good.replace("aggTrade\",\"E", "liquidation\",\"E"), BadInput.UNKNOWN_EVENT},
            {"{\"stream\":\"x\",\"data\":" + "[".repeat(40) + "]".repeat(40) + "}", BadInput.MALFORMED_JSON},
            {"{\"result\":null,\"id\":1}", BadInput.UNEXPECTED_FIELDS},
            {"{\"stream\":\"zilusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"ZILUSDT\",\"U\":5,\"u\":4,\"b\":[],\"a\":[]}}",
                BadInput.BAD_NUMBER},
            {"{\"stream\":\"zilusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"ZILUSDT\",\"U\":4,\"u\":5,\"b\":[[\"1\"]],\"a\":[]}}",
                BadInput.MALFORMED_JSON},
            {"{\"stream\":\"zilusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"ZILUSDT\",\"U\":4,\"u\":5,\"b\":[[\"0\",\"1\"]],\"a\":[]}}",
                BadInput.BAD_NUMBER},
            {"{\"stream\":\"x\",\"data\":{\"e\":\"aggTrade\",\"s\":\"" + "A".repeat(TestFeed.MAX_FRAME) + "\"}}", BadInput.OVERSIZE},
        };
        for (final Object[] hostile : cases)
        {
            final long before = feed.feed.badInput().count((BadInput)hostile[1]);
            assertEquals(DecodeResult.DROPPED, feed.frame((String)hostile[0]), (String)hostile[0]);
            assertEquals(before + 1, feed.feed.badInput().count((BadInput)hostile[1]), (String)hostile[0]);
        }
        assertEquals(cases.length, feed.feed.badInput().total());
        assertEquals(0, feed.templateIds.size());
        assertTrue(feed.snapshotRequests.isEmpty(), "no refused diff reached the book");

        assertEquals(DecodeResult.OK, feed.frame(good));
        assertEquals(AggTradeDecoder.TEMPLATE_ID, feed.templateIds.get(0));
    }

    @Test
    void decodesEveryRecordedFrameAndAgreesWithJackson() throws Exception
    {
        final ObjectMapper mapper = new ObjectMapper();
        final AggTradeDecoder aggTrade = new AggTradeDecoder();
        final BestBidAskDecoder quote = new BestBidAskDecoder();
        for (final var file : Fixtures.replaySessions())
        {
            final ReplaySession session = ReplaySession.load(file);
            final TestFeed feed = new TestFeed(session.snapshotSymbols().toArray(String[]::new));
            int klines = 0;
            for (final ReplaySession.Entry entry : session.entries())
            {
                if (entry.kind() != ReplaySession.Kind.WS)
                {
                    continue;
                }
                final JsonNode data = mapper.readTree(entry.payload()).get("data");
                final int result = feed.frame(entry.payload());
                if ("kline".equals(data.path("e").asText()))
                {
                    klines++;
                    assertEquals(DecodeResult.DROPPED, result);
                    continue;
                }
                assertEquals(DecodeResult.OK, result, entry.payload());
                if ("aggTrade".equals(data.path("e").asText()))
                {
                    aggTrade.wrapAndApplyHeader(feed.last, 0, header);
                    assertEquals(mantissa(data.get("p").asText()), aggTrade.price());
                    assertEquals(mantissa(data.get("q").asText()), aggTrade.quantity());
                    assertEquals(data.get("a").asLong(), aggTrade.aggTradeId());
                    assertEquals(data.get("m").asBoolean() ? Side.SELL : Side.BUY, aggTrade.aggressor());
                }
                else if (!data.has("e"))
                {
                    quote.wrapAndApplyHeader(feed.last, 0, header);
                    assertEquals(mantissa(data.get("b").asText()), quote.bidPrice());
                    assertEquals(mantissa(data.get("A").asText()), quote.askQuantity());
                    assertEquals(data.get("u").asLong(), quote.updateId());
                }
            }
            assertEquals(klines, feed.feed.badInput().total(), session.name());
        }
    }

    private static long mantissa(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(8).longValueExact();
    }
}
