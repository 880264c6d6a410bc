package io.ferrum.codecs;

import io.ferrum.codecs.binance.sbe.BestBidAskStreamEventDecoder;
import io.ferrum.codecs.binance.sbe.BestBidAskStreamEventEncoder;
import io.ferrum.codecs.binance.sbe.BoolEnum;
import io.ferrum.codecs.binance.sbe.DepthDiffStreamEventDecoder;
import io.ferrum.codecs.binance.sbe.DepthDiffStreamEventEncoder;
import io.ferrum.codecs.binance.sbe.DepthSnapshotStreamEventDecoder;
import io.ferrum.codecs.binance.sbe.DepthSnapshotStreamEventEncoder;
import io.ferrum.codecs.binance.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.binance.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.binance.sbe.TradesStreamEventDecoder;
import io.ferrum.codecs.binance.sbe.TradesStreamEventEncoder;
import io.ferrum.codecs.decimal.DecimalParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Binance's SBE market-data stream codecs (schema id 1, version 0), one round trip per
 * message. Trade and quote values are real BTCUSDT rows from the shared fixtures, at
 * exponents that hold every one of those rows exactly (price -2, quantity -8).
 */
class BinanceStreamRoundTripTest
{
    private static final byte PRICE_EXPONENT = -2;
    private static final byte QTY_EXPONENT = -8;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void tradesStreamEventWithRealTrades() throws Exception
    {
        // timestamp,trade_id,price,quantity,buyer_maker
        final List<String> rows = Files.readAllLines(Fixtures.fixture("binance/historical/binance-btcusdt-trades.csv"));
        final List<String[]> trades = rows.subList(1, 6).stream().map((row) -> row.split(",")).toList();

        final TradesStreamEventEncoder encoder = new TradesStreamEventEncoder()
            .wrapAndApplyHeader(buffer, 0, headerEncoder)
            .eventTime(1_610_064_000_279_001L)
            .transactTime(1_610_064_000_278_002L)
            .priceExponent(PRICE_EXPONENT)
            .qtyExponent(QTY_EXPONENT);
        final TradesStreamEventEncoder.TradesEncoder group = encoder.tradesCount(trades.size());
        for (final String[] trade : trades)
        {
            group.next()
                .id(Long.parseLong(trade[1]))
                .price(DecimalParser.parse(trade[2], PRICE_EXPONENT))
                .qty(DecimalParser.parse(trade[3], QTY_EXPONENT))
                .isBuyerMaker("True".equals(trade[4]) ? BoolEnum.True : BoolEnum.False);
        }
        encoder.symbol("BTCUSDT");

        assertHeader(TradesStreamEventEncoder.TEMPLATE_ID, TradesStreamEventEncoder.BLOCK_LENGTH);
        final TradesStreamEventDecoder decoder = new TradesStreamEventDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1_610_064_000_279_001L, decoder.eventTime());
        assertEquals(1_610_064_000_278_002L, decoder.transactTime());
        assertEquals(PRICE_EXPONENT, decoder.priceExponent());
        assertEquals(QTY_EXPONENT, decoder.qtyExponent());
        final TradesStreamEventDecoder.TradesDecoder decoded = decoder.trades();
        assertEquals(trades.size(), decoded.count());
        boolean sawBuyerMaker = false;
        boolean sawBuyerTaker = false;
        for (final String[] trade : trades)
        {
            decoded.next();
            assertEquals(Long.parseLong(trade[1]), decoded.id());
            assertEquals(DecimalParser.parse(trade[2], PRICE_EXPONENT), decoded.price());
            assertEquals(DecimalParser.parse(trade[3], QTY_EXPONENT), decoded.qty());
            assertEquals("True".equals(trade[4]) ? BoolEnum.True : BoolEnum.False, decoded.isBuyerMaker());
            assertEquals(BoolEnum.True, decoded.isBestMatch(), "a constant of the schema, never on the wire");
            sawBuyerMaker |= decoded.isBuyerMaker() == BoolEnum.True;
            sawBuyerTaker |= decoded.isBuyerMaker() == BoolEnum.False;
        }
        assertTrue(sawBuyerMaker && sawBuyerTaker, "the rows cover both aggressor sides");
        assertEquals("BTCUSDT", decoder.symbol());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void bestBidAskStreamEventWithARealQuote() throws Exception
    {
        // timestamp,symbol,ask_size,ask,bid_size,bid
        final String[] quote = Files.readAllLines(Fixtures.fixture("binance/historical/binance-btcusdt-quotes.csv"))
            .get(1).split(",");
        final long askQty = DecimalParser.parse(quote[2], QTY_EXPONENT);
        final long askPrice = DecimalParser.parse(quote[3], PRICE_EXPONENT);
        final long bidQty = DecimalParser.parse(quote[4], QTY_EXPONENT);
        final long bidPrice = DecimalParser.parse(quote[5], PRICE_EXPONENT);

        final BestBidAskStreamEventEncoder encoder = new BestBidAskStreamEventEncoder()
            .wrapAndApplyHeader(buffer, 0, headerEncoder)
            .eventTime(1_610_064_001_076_000L)
            .bookUpdateId(8_831_114_601L)
            .priceExponent(PRICE_EXPONENT)
            .qtyExponent(QTY_EXPONENT)
            .bidPrice(bidPrice)
            .bidQty(bidQty)
            .askPrice(askPrice)
            .askQty(askQty)
            .symbol("BTCUSDT");

        assertHeader(BestBidAskStreamEventEncoder.TEMPLATE_ID, BestBidAskStreamEventEncoder.BLOCK_LENGTH);
        final BestBidAskStreamEventDecoder decoder =
            new BestBidAskStreamEventDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1_610_064_001_076_000L, decoder.eventTime());
        assertEquals(8_831_114_601L, decoder.bookUpdateId());
        assertEquals(PRICE_EXPONENT, decoder.priceExponent());
        assertEquals(QTY_EXPONENT, decoder.qtyExponent());
        assertEquals(3_943_299L, decoder.bidPrice(), "39432.99 at exponent -2");
        assertEquals(310_000L, decoder.bidQty(), "0.0031 at exponent -8");
        assertEquals(3_943_362L, decoder.askPrice(), "39433.62 at exponent -2");
        assertEquals(6_685_100L, decoder.askQty(), "0.066851 at exponent -8");
        assertEquals("BTCUSDT", decoder.symbol());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void depthSnapshotStreamEvent()
    {
        final DepthSnapshotStreamEventEncoder encoder = new DepthSnapshotStreamEventEncoder()
            .wrapAndApplyHeader(buffer, 0, headerEncoder)
            .eventTime(1_610_064_002_000_001L)
            .bookUpdateId(8_831_114_700L)
            .priceExponent(PRICE_EXPONENT)
            .qtyExponent(QTY_EXPONENT);
        final DepthSnapshotStreamEventEncoder.BidsEncoder bids = encoder.bidsCount(3);
        bids.next().price(3_943_299L).qty(310_000L);
        bids.next().price(3_943_233L).qty(200_000_000L);
        bids.next().price(3_943_100L).qty(1L);
        final DepthSnapshotStreamEventEncoder.AsksEncoder asks = encoder.asksCount(2);
        asks.next().price(3_943_362L).qty(6_685_100L);
        asks.next().price(3_943_360L).qty(1_802_700L);
        encoder.symbol("BTCUSDT");

        assertHeader(DepthSnapshotStreamEventEncoder.TEMPLATE_ID, DepthSnapshotStreamEventEncoder.BLOCK_LENGTH);
        final DepthSnapshotStreamEventDecoder decoder =
            new DepthSnapshotStreamEventDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1_610_064_002_000_001L, decoder.eventTime());
        assertEquals(8_831_114_700L, decoder.bookUpdateId());
        assertEquals(PRICE_EXPONENT, decoder.priceExponent());
        assertEquals(QTY_EXPONENT, decoder.qtyExponent());
        final DepthSnapshotStreamEventDecoder.BidsDecoder bidsDecoder = decoder.bids();
        assertEquals(3, bidsDecoder.count());
        assertLevel(3_943_299L, 310_000L, bidsDecoder.next().price(), bidsDecoder.qty());
        assertLevel(3_943_233L, 200_000_000L, bidsDecoder.next().price(), bidsDecoder.qty());
        assertLevel(3_943_100L, 1L, bidsDecoder.next().price(), bidsDecoder.qty());
        final DepthSnapshotStreamEventDecoder.AsksDecoder asksDecoder = decoder.asks();
        assertEquals(2, asksDecoder.count());
        assertLevel(3_943_362L, 6_685_100L, asksDecoder.next().price(), asksDecoder.qty());
        assertLevel(3_943_360L, 1_802_700L, asksDecoder.next().price(), asksDecoder.qty());
        assertEquals("BTCUSDT", decoder.symbol());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void depthDiffStreamEvent()
    {
        final DepthDiffStreamEventEncoder encoder = new DepthDiffStreamEventEncoder()
            .wrapAndApplyHeader(buffer, 0, headerEncoder)
            .eventTime(1_610_064_002_100_001L)
            .firstBookUpdateId(8_831_114_701L)
            .lastBookUpdateId(8_831_114_709L)
            .priceExponent((byte)-8)
            .qtyExponent((byte)-3);
        final DepthDiffStreamEventEncoder.BidsEncoder bids = encoder.bidsCount(2);
        bids.next().price(5_081_000L).qty(0L);
        bids.next().price(5_080_000L).qty(17_000L);
        final DepthDiffStreamEventEncoder.AsksEncoder asks = encoder.asksCount(3);
        asks.next().price(5_082_000L).qty(4_000L);
        asks.next().price(5_083_000L).qty(0L);
        asks.next().price(5_084_000L).qty(250_000L);
        encoder.symbol("MANAUSDT");

        assertHeader(DepthDiffStreamEventEncoder.TEMPLATE_ID, DepthDiffStreamEventEncoder.BLOCK_LENGTH);
        final DepthDiffStreamEventDecoder decoder =
            new DepthDiffStreamEventDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1_610_064_002_100_001L, decoder.eventTime());
        assertEquals(8_831_114_701L, decoder.firstBookUpdateId());
        assertEquals(8_831_114_709L, decoder.lastBookUpdateId());
        assertEquals(-8, decoder.priceExponent());
        assertEquals(-3, decoder.qtyExponent());
        final DepthDiffStreamEventDecoder.BidsDecoder bidsDecoder = decoder.bids();
        assertEquals(2, bidsDecoder.count());
        assertLevel(5_081_000L, 0L, bidsDecoder.next().price(), bidsDecoder.qty());
        assertLevel(5_080_000L, 17_000L, bidsDecoder.next().price(), bidsDecoder.qty());
        final DepthDiffStreamEventDecoder.AsksDecoder asksDecoder = decoder.asks();
        assertEquals(3, asksDecoder.count());
        assertLevel(5_082_000L, 4_000L, asksDecoder.next().price(), asksDecoder.qty());
        assertLevel(5_083_000L, 0L, asksDecoder.next().price(), asksDecoder.qty());
        assertLevel(5_084_000L, 250_000L, asksDecoder.next().price(), asksDecoder.qty());
        assertEquals("MANAUSDT", decoder.symbol());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    private void assertHeader(final int templateId, final int blockLength)
    {
        headerDecoder.wrap(buffer, 0);
        assertEquals(templateId, headerDecoder.templateId());
        assertEquals(blockLength, headerDecoder.blockLength());
        assertEquals(1, headerDecoder.schemaId(), "Binance stream schema id");
        assertEquals(0, headerDecoder.version(), "Binance stream schema version");
    }

    private static void assertLevel(final long expectedPrice, final long expectedQty, final long price, final long qty)
    {
        assertEquals(expectedPrice, price, "price");
        assertEquals(expectedQty, qty, "qty");
    }
}
