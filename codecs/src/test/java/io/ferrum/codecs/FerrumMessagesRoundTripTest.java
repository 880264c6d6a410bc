package io.ferrum.codecs;

import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.AggTradeEncoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BestBidAskEncoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.CancelOrderEncoder;
import io.ferrum.codecs.sbe.EngineTelemetryDecoder;
import io.ferrum.codecs.sbe.EngineTelemetryEncoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.ExecutionReportEncoder;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.FeedStatusEncoder;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.KillSwitchEncoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OpenOrderStateDecoder;
import io.ferrum.codecs.sbe.OpenOrderStateEncoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.AccountBalancesDecoder;
import io.ferrum.codecs.sbe.AccountBalancesEncoder;
import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.codecs.sbe.CancelAllOrdersDecoder;
import io.ferrum.codecs.sbe.CancelAllOrdersEncoder;
import io.ferrum.codecs.sbe.CancelAllResultDecoder;
import io.ferrum.codecs.sbe.CancelAllResultEncoder;
import io.ferrum.codecs.sbe.OrdersReconcilingDecoder;
import io.ferrum.codecs.sbe.OrdersReconcilingEncoder;
import io.ferrum.codecs.sbe.ReconcileOrdersDecoder;
import io.ferrum.codecs.sbe.ReconcileOrdersEncoder;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.ReplaceOrderEncoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.RiskDecisionEncoder;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.RiskRejectDecoder;
import io.ferrum.codecs.sbe.RiskRejectEncoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.StrategyManifestDecoder;
import io.ferrum.codecs.sbe.StrategyManifestEncoder;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetRiskLimitEncoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.codecs.sbe.SetTradingStateEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.SourceDecoder;
import io.ferrum.codecs.sbe.SourceEncoder;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.codecs.sbe.Ticker24hEncoder;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.codecs.sbe.TimerFiredDecoder;
import io.ferrum.codecs.sbe.TimerFiredEncoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.codecs.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message of ferrum-messages.xml encoded with every field set to a distinct,
 * non-default value, decoded through its header, and compared field by field. Distinct
 * values catch fields that share or overlap an offset; enums avoid their first value so a
 * zeroed byte cannot pass for a set one.
 */
class FerrumMessagesRoundTripTest
{
    /** 16 characters: fills the Symbol type to its last byte, so no terminator is written. */
    private static final String FULL_SYMBOL = "1000SATSUSDTFDUS";
    private static final String SHORT_SYMBOL = "BTCUSDT";

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void everyMessageOfTheSchemaHasARoundTripTest() throws Exception
    {
        final List<SchemaFile.Message> messages = SchemaFile.messages();
        assertTrue(messages.size() >= 17, "schema parsed: " + messages);
        for (final SchemaFile.Message message : messages)
        {
            final Method method = getClass().getDeclaredMethod("roundTrip" + message.name());
            assertNotNull(method.getAnnotation(Test.class), "roundTrip" + message.name() + " must be a @Test");
        }
    }

    @Test
    void roundTripTrade()
    {
        final TradeEncoder encoder = new TradeEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 11);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(12)
            .symbol(FULL_SYMBOL)
            .priceExponent((byte)-2)
            .sizeExponent((byte)-6)
            .tradeId(553_287_559L)
            .price(3_943_248L)
            .quantity(263L)
            .tradeTimeNs(1_610_064_000_278_000_001L)
            .aggressor(Side.SELL);

        final TradeDecoder decoder = new TradeDecoder();
        assertHeader(encoder.encodedLength(), TradeEncoder.TEMPLATE_ID, TradeEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 11);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(12, decoder.instrumentId());
        assertEquals(FULL_SYMBOL, decoder.symbol());
        assertEquals(-2, decoder.priceExponent());
        assertEquals(-6, decoder.sizeExponent());
        assertEquals(553_287_559L, decoder.tradeId());
        assertEquals(3_943_248L, decoder.price());
        assertEquals(263L, decoder.quantity());
        assertEquals(1_610_064_000_278_000_001L, decoder.tradeTimeNs());
        assertEquals(Side.SELL, decoder.aggressor());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripAggTrade()
    {
        final AggTradeEncoder encoder = new AggTradeEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 21);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(22)
            .symbol(SHORT_SYMBOL)
            .priceExponent((byte)-3)
            .sizeExponent((byte)-7)
            .aggTradeId(26_129L)
            .price(-1L)
            .quantity(Long.MAX_VALUE)
            .firstTradeId(27_781L)
            .lastTradeId(27_782L)
            .tradeTimeNs(1_498_793_709_153_000_000L)
            .aggressor(Side.SELL);

        final AggTradeDecoder decoder = new AggTradeDecoder();
        assertHeader(encoder.encodedLength(), AggTradeEncoder.TEMPLATE_ID, AggTradeEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 21);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(22, decoder.instrumentId());
        assertEquals(SHORT_SYMBOL, decoder.symbol());
        assertEquals(-3, decoder.priceExponent());
        assertEquals(-7, decoder.sizeExponent());
        assertEquals(26_129L, decoder.aggTradeId());
        assertEquals(-1L, decoder.price());
        assertEquals(Long.MAX_VALUE, decoder.quantity());
        assertEquals(27_781L, decoder.firstTradeId());
        assertEquals(27_782L, decoder.lastTradeId());
        assertEquals(1_498_793_709_153_000_000L, decoder.tradeTimeNs());
        assertEquals(Side.SELL, decoder.aggressor());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripBookSnapshot()
    {
        final BookSnapshotEncoder encoder = new BookSnapshotEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 31);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(32)
            .symbol(FULL_SYMBOL)
            .priceExponent((byte)-8)
            .sizeExponent((byte)-1)
            .lastUpdateId(1_027_024L);
        final BookSnapshotEncoder.BidsEncoder bids = encoder.bidsCount(3);
        bids.next().price(400_000_100L).quantity(431_000L);
        bids.next().price(400_000_090L).quantity(12_000L);
        bids.next().price(400_000_080L).quantity(7L);
        final BookSnapshotEncoder.AsksEncoder asks = encoder.asksCount(2);
        asks.next().price(400_000_200L).quantity(12L);
        asks.next().price(400_000_210L).quantity(99_999L);

        final BookSnapshotDecoder decoder = new BookSnapshotDecoder();
        assertHeader(encoder.encodedLength(), BookSnapshotEncoder.TEMPLATE_ID, BookSnapshotEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 31);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(32, decoder.instrumentId());
        assertEquals(FULL_SYMBOL, decoder.symbol());
        assertEquals(-8, decoder.priceExponent());
        assertEquals(-1, decoder.sizeExponent());
        assertEquals(1_027_024L, decoder.lastUpdateId());
        final BookSnapshotDecoder.BidsDecoder bidsDecoder = decoder.bids();
        assertEquals(3, bidsDecoder.count());
        assertLevel(400_000_100L, 431_000L, bidsDecoder.next().price(), bidsDecoder.quantity());
        assertLevel(400_000_090L, 12_000L, bidsDecoder.next().price(), bidsDecoder.quantity());
        assertLevel(400_000_080L, 7L, bidsDecoder.next().price(), bidsDecoder.quantity());
        final BookSnapshotDecoder.AsksDecoder asksDecoder = decoder.asks();
        assertEquals(2, asksDecoder.count());
        assertLevel(400_000_200L, 12L, asksDecoder.next().price(), asksDecoder.quantity());
        assertLevel(400_000_210L, 99_999L, asksDecoder.next().price(), asksDecoder.quantity());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void roundTripBookDelta()
    {
        final BookDeltaEncoder encoder = new BookDeltaEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 41);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(42)
            .symbol(SHORT_SYMBOL)
            .priceExponent((byte)-4)
            .sizeExponent((byte)-5)
            .firstUpdateId(157L)
            .lastUpdateId(160L);
        final BookDeltaEncoder.BidsEncoder bids = encoder.bidsCount(2);
        bids.next().price(15_000L).quantity(0L);
        bids.next().price(14_990L).quantity(31L);
        final BookDeltaEncoder.AsksEncoder asks = encoder.asksCount(3);
        asks.next().price(15_010L).quantity(2L);
        asks.next().price(15_020L).quantity(0L);
        asks.next().price(15_030L).quantity(3L);

        final BookDeltaDecoder decoder = new BookDeltaDecoder();
        assertHeader(encoder.encodedLength(), BookDeltaEncoder.TEMPLATE_ID, BookDeltaEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 41);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(42, decoder.instrumentId());
        assertEquals(SHORT_SYMBOL, decoder.symbol());
        assertEquals(-4, decoder.priceExponent());
        assertEquals(-5, decoder.sizeExponent());
        assertEquals(157L, decoder.firstUpdateId());
        assertEquals(160L, decoder.lastUpdateId());
        final BookDeltaDecoder.BidsDecoder bidsDecoder = decoder.bids();
        assertEquals(2, bidsDecoder.count());
        assertLevel(15_000L, 0L, bidsDecoder.next().price(), bidsDecoder.quantity());
        assertLevel(14_990L, 31L, bidsDecoder.next().price(), bidsDecoder.quantity());
        final BookDeltaDecoder.AsksDecoder asksDecoder = decoder.asks();
        assertEquals(3, asksDecoder.count());
        assertLevel(15_010L, 2L, asksDecoder.next().price(), asksDecoder.quantity());
        assertLevel(15_020L, 0L, asksDecoder.next().price(), asksDecoder.quantity());
        assertLevel(15_030L, 3L, asksDecoder.next().price(), asksDecoder.quantity());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void roundTripBookDeltaWithEmptyGroups()
    {
        final BookDeltaEncoder encoder = new BookDeltaEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 45);
        encoder.venue(Venue.BINANCE_SPOT).instrumentId(46).symbol(SHORT_SYMBOL).firstUpdateId(1L).lastUpdateId(1L);
        encoder.bidsCount(0);
        encoder.asksCount(0);

        final BookDeltaDecoder decoder = new BookDeltaDecoder();
        assertHeader(encoder.encodedLength(), BookDeltaEncoder.TEMPLATE_ID, BookDeltaEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(0, decoder.bids().count());
        assertEquals(0, decoder.asks().count());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void roundTripBestBidAsk()
    {
        final BestBidAskEncoder encoder = new BestBidAskEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 51);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(52)
            .symbol(FULL_SYMBOL)
            .priceExponent((byte)-2)
            .sizeExponent((byte)-6)
            .updateId(400_900_217L)
            .bidPrice(3_943_299L)
            .bidQuantity(3_100L)
            .askPrice(3_943_362L)
            .askQuantity(66_851L);

        final BestBidAskDecoder decoder = new BestBidAskDecoder();
        assertHeader(encoder.encodedLength(), BestBidAskEncoder.TEMPLATE_ID, BestBidAskEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 51);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(52, decoder.instrumentId());
        assertEquals(FULL_SYMBOL, decoder.symbol());
        assertEquals(-2, decoder.priceExponent());
        assertEquals(-6, decoder.sizeExponent());
        assertEquals(400_900_217L, decoder.updateId());
        assertEquals(3_943_299L, decoder.bidPrice());
        assertEquals(3_100L, decoder.bidQuantity());
        assertEquals(3_943_362L, decoder.askPrice());
        assertEquals(66_851L, decoder.askQuantity());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripTicker24h()
    {
        final Ticker24hEncoder encoder = new Ticker24hEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 61);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(62)
            .symbol(SHORT_SYMBOL)
            .priceExponent((byte)-2)
            .sizeExponent((byte)-5)
            .quoteExponent((byte)-4)
            .percentExponent((byte)-3)
            .priceChange(-9_401L)
            .priceChangePercent(-2_384L)
            .weightedAvgPrice(3_900_001L)
            .prevClosePrice(3_900_002L)
            .lastPrice(3_900_003L)
            .lastQuantity(104L)
            .bidPrice(3_900_004L)
            .bidQuantity(105L)
            .askPrice(3_900_005L)
            .askQuantity(106L)
            .openPrice(3_900_006L)
            .highPrice(3_900_007L)
            .lowPrice(3_900_008L)
            .volume(107L)
            .quoteVolume(108L)
            .openTimeNs(1_610_000_000_000_000_001L)
            .closeTimeNs(1_610_086_400_000_000_002L)
            .firstTradeId(109L)
            .lastTradeId(110L)
            .tradeCount(111L);

        final Ticker24hDecoder decoder = new Ticker24hDecoder();
        assertHeader(encoder.encodedLength(), Ticker24hEncoder.TEMPLATE_ID, Ticker24hEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 61);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(62, decoder.instrumentId());
        assertEquals(SHORT_SYMBOL, decoder.symbol());
        assertEquals(-2, decoder.priceExponent());
        assertEquals(-5, decoder.sizeExponent());
        assertEquals(-4, decoder.quoteExponent());
        assertEquals(-3, decoder.percentExponent());
        assertEquals(-9_401L, decoder.priceChange());
        assertEquals(-2_384L, decoder.priceChangePercent());
        assertEquals(3_900_001L, decoder.weightedAvgPrice());
        assertEquals(3_900_002L, decoder.prevClosePrice());
        assertEquals(3_900_003L, decoder.lastPrice());
        assertEquals(104L, decoder.lastQuantity());
        assertEquals(3_900_004L, decoder.bidPrice());
        assertEquals(105L, decoder.bidQuantity());
        assertEquals(3_900_005L, decoder.askPrice());
        assertEquals(106L, decoder.askQuantity());
        assertEquals(3_900_006L, decoder.openPrice());
        assertEquals(3_900_007L, decoder.highPrice());
        assertEquals(3_900_008L, decoder.lowPrice());
        assertEquals(107L, decoder.volume());
        assertEquals(108L, decoder.quoteVolume());
        assertEquals(1_610_000_000_000_000_001L, decoder.openTimeNs());
        assertEquals(1_610_086_400_000_000_002L, decoder.closeTimeNs());
        assertEquals(109L, decoder.firstTradeId());
        assertEquals(110L, decoder.lastTradeId());
        assertEquals(111L, decoder.tradeCount());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripFeedStatus()
    {
        final String detail = "depth gap: expected U=161 got U=170";
        final FeedStatusEncoder encoder = new FeedStatusEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 71);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(72)
            .symbol(FULL_SYMBOL)
            .streamId(73)
            .state(FeedState.GAP)
            .previousState(FeedState.IN_SYNC)
            .detail(detail);

        final FeedStatusDecoder decoder = new FeedStatusDecoder();
        assertHeader(encoder.encodedLength(), FeedStatusEncoder.TEMPLATE_ID, FeedStatusEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 71);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(72, decoder.instrumentId());
        assertEquals(FULL_SYMBOL, decoder.symbol());
        assertEquals(73, decoder.streamId());
        assertEquals(FeedState.GAP, decoder.state());
        assertEquals(FeedState.IN_SYNC, decoder.previousState());
        assertEquals(detail, decoder.detail());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void roundTripOpenOrderState()
    {
        final OpenOrderStateEncoder encoder = new OpenOrderStateEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.venue(Venue.BINANCE_SPOT)
            .instrumentId(211)
            .symbol(FULL_SYMBOL)
            .strategyId(212)
            .clientOrderId(213L)
            .side(Side.BUY)
            .orderType(OrderType.LIMIT)
            .timeInForce(TimeInForce.GTC)
            .priceExponent((byte)-8)
            .sizeExponent((byte)-5)
            .price(4_200_000_000_000L)
            .quantity(300L)
            .filledQuantity(120L)
            .orderStatus(OrderStatus.PARTIALLY_FILLED)
            .timestampNs(1_610_064_000_000_000_215L)
            .replacesClientOrderId(216L);
        encoder.flags().clear().postOnly(true);

        final OpenOrderStateDecoder decoder = new OpenOrderStateDecoder();
        assertHeader(encoder.encodedLength(), OpenOrderStateEncoder.TEMPLATE_ID, OpenOrderStateEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(Venue.BINANCE_SPOT, decoder.venue());
        assertEquals(211, decoder.instrumentId());
        assertEquals(FULL_SYMBOL, decoder.symbol());
        assertEquals(212, decoder.strategyId());
        assertEquals(213L, decoder.clientOrderId());
        assertEquals(Side.BUY, decoder.side());
        assertEquals(OrderType.LIMIT, decoder.orderType());
        assertEquals(TimeInForce.GTC, decoder.timeInForce());
        assertTrue(decoder.flags().postOnly());
        assertFalse(decoder.flags().reduceOnly());
        assertEquals(-8, decoder.priceExponent());
        assertEquals(-5, decoder.sizeExponent());
        assertEquals(4_200_000_000_000L, decoder.price());
        assertEquals(300L, decoder.quantity());
        assertEquals(120L, decoder.filledQuantity());
        assertEquals(OrderStatus.PARTIALLY_FILLED, decoder.orderStatus());
        assertEquals(1_610_064_000_000_000_215L, decoder.timestampNs());
        assertEquals(216L, decoder.replacesClientOrderId());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripNewOrder()
    {
        final NewOrderEncoder encoder = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(201)
            .symbol(FULL_SYMBOL)
            .strategyId(202)
            .clientOrderId(203L)
            .side(Side.SELL)
            .orderType(OrderType.STOP_LIMIT)
            .timeInForce(TimeInForce.FOK)
            .priceExponent((byte)-2)
            .sizeExponent((byte)-6)
            .price(3_943_248L)
            .stopPrice(3_943_000L)
            .quantity(204L)
            .timestampNs(1_610_064_000_000_000_205L);
        // One choice only: with both set, two swapped bits would still read back right.
        encoder.flags().clear().reduceOnly(true);

        final NewOrderDecoder decoder = new NewOrderDecoder();
        assertHeader(encoder.encodedLength(), NewOrderEncoder.TEMPLATE_ID, NewOrderEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(201, decoder.instrumentId());
        assertEquals(FULL_SYMBOL, decoder.symbol());
        assertEquals(202, decoder.strategyId());
        assertEquals(203L, decoder.clientOrderId());
        assertEquals(Side.SELL, decoder.side());
        assertEquals(OrderType.STOP_LIMIT, decoder.orderType());
        assertEquals(TimeInForce.FOK, decoder.timeInForce());
        assertFalse(decoder.flags().postOnly());
        assertTrue(decoder.flags().reduceOnly());
        assertEquals(0b10, decoder.flags().getRaw(), "reduceOnly is bit 1");
        assertEquals(-2, decoder.priceExponent());
        assertEquals(-6, decoder.sizeExponent());
        assertEquals(3_943_248L, decoder.price());
        assertEquals(3_943_000L, decoder.stopPrice());
        assertEquals(204L, decoder.quantity());
        assertEquals(1_610_064_000_000_000_205L, decoder.timestampNs());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());

        encoder.flags().clear().postOnly(true);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertTrue(decoder.flags().postOnly());
        assertFalse(decoder.flags().reduceOnly());
        assertEquals(0b01, decoder.flags().getRaw(), "postOnly is bit 0");
    }

    @Test
    void roundTripCancelOrder()
    {
        final CancelOrderEncoder encoder = new CancelOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(211)
            .symbol(SHORT_SYMBOL)
            .strategyId(212)
            .clientOrderId(213L)
            .timestampNs(1_610_064_000_000_000_214L);

        final CancelOrderDecoder decoder = new CancelOrderDecoder();
        assertHeader(encoder.encodedLength(), CancelOrderEncoder.TEMPLATE_ID, CancelOrderEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(211, decoder.instrumentId());
        assertEquals(SHORT_SYMBOL, decoder.symbol());
        assertEquals(212, decoder.strategyId());
        assertEquals(213L, decoder.clientOrderId());
        assertEquals(1_610_064_000_000_000_214L, decoder.timestampNs());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripReplaceOrder()
    {
        final ReplaceOrderEncoder encoder = new ReplaceOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(221)
            .symbol(FULL_SYMBOL)
            .strategyId(222)
            .clientOrderId(223L)
            .newClientOrderId(224L)
            .priceExponent((byte)-3)
            .sizeExponent((byte)-4)
            .price(225L)
            .quantity(226L)
            .timestampNs(1_610_064_000_000_000_227L);

        final ReplaceOrderDecoder decoder = new ReplaceOrderDecoder();
        assertHeader(encoder.encodedLength(), ReplaceOrderEncoder.TEMPLATE_ID, ReplaceOrderEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(221, decoder.instrumentId());
        assertEquals(FULL_SYMBOL, decoder.symbol());
        assertEquals(222, decoder.strategyId());
        assertEquals(223L, decoder.clientOrderId());
        assertEquals(224L, decoder.newClientOrderId());
        assertEquals(-3, decoder.priceExponent());
        assertEquals(-4, decoder.sizeExponent());
        assertEquals(225L, decoder.price());
        assertEquals(226L, decoder.quantity());
        assertEquals(1_610_064_000_000_000_227L, decoder.timestampNs());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripExecutionReport()
    {
        final ExecutionReportEncoder encoder =
            new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 231);
        encoder.venue(Venue.SIMULATED)
            .instrumentId(232)
            .symbol(SHORT_SYMBOL)
            .clientOrderId(233L)
            .venueOrderId(234L)
            .execType(ExecType.PARTIAL_FILL)
            .orderStatus(OrderStatus.PARTIALLY_FILLED)
            .side(Side.SELL)
            .priceExponent((byte)-2)
            .sizeExponent((byte)-6)
            .lastPrice(235L)
            .lastQuantity(236L)
            .cumulativeQuantity(237L)
            .leavesQuantity(238L)
            .feeExponent((byte)-8)
            .fee(-239L)
            .liquidity(Liquidity.TAKER)
            .tradeId(240L)
            .venueRejectCode(-2010);

        final ExecutionReportDecoder decoder = new ExecutionReportDecoder();
        assertHeader(encoder.encodedLength(), ExecutionReportEncoder.TEMPLATE_ID, ExecutionReportEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 231);
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(232, decoder.instrumentId());
        assertEquals(SHORT_SYMBOL, decoder.symbol());
        assertEquals(233L, decoder.clientOrderId());
        assertEquals(234L, decoder.venueOrderId());
        assertEquals(ExecType.PARTIAL_FILL, decoder.execType());
        assertEquals(OrderStatus.PARTIALLY_FILLED, decoder.orderStatus());
        assertEquals(Side.SELL, decoder.side());
        assertEquals(-2, decoder.priceExponent());
        assertEquals(-6, decoder.sizeExponent());
        assertEquals(235L, decoder.lastPrice());
        assertEquals(236L, decoder.lastQuantity());
        assertEquals(237L, decoder.cumulativeQuantity());
        assertEquals(238L, decoder.leavesQuantity());
        assertEquals(-8, decoder.feeExponent());
        assertEquals(-239L, decoder.fee());
        assertEquals(Liquidity.TAKER, decoder.liquidity());
        assertEquals(240L, decoder.tradeId());
        assertEquals(-2010, decoder.venueRejectCode());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripRiskReject()
    {
        final RiskRejectEncoder encoder = new RiskRejectEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.timestampNs(1_610_064_000_000_000_241L)
            .strategyId(242)
            .instrumentId(243)
            .symbol(FULL_SYMBOL)
            .clientOrderId(244L)
            .reason(RiskRejectReason.PRICE_BAND)
            .valueExponent((byte)-4)
            .observed(245L)
            .limitValue(246L);

        final RiskRejectDecoder decoder = new RiskRejectDecoder();
        assertHeader(encoder.encodedLength(), RiskRejectEncoder.TEMPLATE_ID, RiskRejectEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1_610_064_000_000_000_241L, decoder.timestampNs());
        assertEquals(242, decoder.strategyId());
        assertEquals(243, decoder.instrumentId());
        assertEquals(FULL_SYMBOL, decoder.symbol());
        assertEquals(244L, decoder.clientOrderId());
        assertEquals(RiskRejectReason.PRICE_BAND, decoder.reason());
        assertEquals(-4, decoder.valueExponent());
        assertEquals(245L, decoder.observed());
        assertEquals(246L, decoder.limitValue());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripReconcileOrders()
    {
        final ReconcileOrdersEncoder encoder = new ReconcileOrdersEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 25);

        final ReconcileOrdersDecoder decoder = new ReconcileOrdersDecoder();
        assertHeader(encoder.encodedLength(), ReconcileOrdersEncoder.TEMPLATE_ID, ReconcileOrdersEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 25);
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripOrdersReconciling()
    {
        final OrdersReconcilingEncoder encoder = new OrdersReconcilingEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.timestampNs(1_610_064_000_000_000_261L)
            .requestSourceId(262)
            .requestSequence(263L)
            .messageCount(264);

        final OrdersReconcilingDecoder decoder = new OrdersReconcilingDecoder();
        assertHeader(encoder.encodedLength(), OrdersReconcilingEncoder.TEMPLATE_ID, OrdersReconcilingEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1_610_064_000_000_000_261L, decoder.timestampNs());
        assertEquals(262, decoder.requestSourceId());
        assertEquals(263L, decoder.requestSequence());
        assertEquals(264, decoder.messageCount());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripAccountBalances()
    {
        final AccountBalancesEncoder encoder = new AccountBalancesEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.source().sourceId(291).sequence(292L).eventTimeNs(1_610_064_000_000_000_293L)
            .receiveTimeNs(1_610_064_000_000_000_294L);
        encoder.venue(Venue.SIMULATED).update(BalanceUpdate.CHANGED).balanceExponent((byte)-7)
            .updateTimeNs(1_610_064_000_000_000_295L);
        encoder.balancesCount(2).next().asset(FULL_SYMBOL).free(296L).locked(297L).next().asset("BTC").free(298L).locked(0L);

        final AccountBalancesDecoder decoder = new AccountBalancesDecoder();
        assertHeader(encoder.encodedLength(), AccountBalancesEncoder.TEMPLATE_ID, AccountBalancesEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(291, decoder.source().sourceId());
        assertEquals(292L, decoder.source().sequence());
        assertEquals(1_610_064_000_000_000_293L, decoder.source().eventTimeNs());
        assertEquals(1_610_064_000_000_000_294L, decoder.source().receiveTimeNs());
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(BalanceUpdate.CHANGED, decoder.update());
        assertEquals(-7, decoder.balanceExponent());
        assertEquals(1_610_064_000_000_000_295L, decoder.updateTimeNs());
        final AccountBalancesDecoder.BalancesDecoder balances = decoder.balances();
        assertEquals(2, balances.count());
        balances.next();
        assertEquals(FULL_SYMBOL, balances.asset());
        assertEquals(296L, balances.free());
        assertEquals(297L, balances.locked());
        balances.next();
        assertEquals("BTC", balances.asset());
        assertEquals(298L, balances.free());
        assertEquals(0L, balances.locked());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripCancelAllOrders()
    {
        final CancelAllOrdersEncoder encoder = new CancelAllOrdersEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.timestampNs(1_610_064_000_000_000_271L).scope(Scope.INSTRUMENT).instrumentId(272);

        final CancelAllOrdersDecoder decoder = new CancelAllOrdersDecoder();
        assertHeader(encoder.encodedLength(), CancelAllOrdersEncoder.TEMPLATE_ID, CancelAllOrdersEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1_610_064_000_000_000_271L, decoder.timestampNs());
        assertEquals(Scope.INSTRUMENT, decoder.scope());
        assertEquals(272, decoder.instrumentId());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripCancelAllResult()
    {
        final CancelAllResultEncoder encoder = new CancelAllResultEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.source().sourceId(281).sequence(282L).eventTimeNs(1_610_064_000_000_000_283L)
            .receiveTimeNs(1_610_064_000_000_000_284L);
        encoder.venue(Venue.SIMULATED).instrumentId(285).symbol(FULL_SYMBOL).venueErrorCode(-2011);
        encoder.ordersCount(2).next().clientOrderId(286L).venueOrderId(287L).next().clientOrderId(0L).venueOrderId(288L);

        final CancelAllResultDecoder decoder = new CancelAllResultDecoder();
        assertHeader(encoder.encodedLength(), CancelAllResultEncoder.TEMPLATE_ID, CancelAllResultEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(281, decoder.source().sourceId());
        assertEquals(282L, decoder.source().sequence());
        assertEquals(1_610_064_000_000_000_283L, decoder.source().eventTimeNs());
        assertEquals(1_610_064_000_000_000_284L, decoder.source().receiveTimeNs());
        assertEquals(Venue.SIMULATED, decoder.venue());
        assertEquals(285, decoder.instrumentId());
        assertEquals(FULL_SYMBOL, decoder.symbol());
        assertEquals(-2011, decoder.venueErrorCode());
        final CancelAllResultDecoder.OrdersDecoder orders = decoder.orders();
        assertEquals(2, orders.count());
        orders.next();
        assertEquals(286L, orders.clientOrderId());
        assertEquals(287L, orders.venueOrderId());
        orders.next();
        assertEquals(0L, orders.clientOrderId());
        assertEquals(288L, orders.venueOrderId());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripSetTradingState()
    {
        final SetTradingStateEncoder encoder =
            new SetTradingStateEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 301);
        encoder.scope(Scope.INSTRUMENT)
            .targetId(302)
            .state(TradingState.REDUCING)
            .operatorName("alice@desk");

        final SetTradingStateDecoder decoder = new SetTradingStateDecoder();
        assertHeader(encoder.encodedLength(), SetTradingStateEncoder.TEMPLATE_ID, SetTradingStateEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 301);
        assertEquals(Scope.INSTRUMENT, decoder.scope());
        assertEquals(302, decoder.targetId());
        assertEquals(TradingState.REDUCING, decoder.state());
        assertEquals("alice@desk", decoder.operatorName());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void roundTripKillSwitch()
    {
        final KillSwitchEncoder encoder = new KillSwitchEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 311);
        encoder.scope(Scope.STRATEGY)
            .targetId(312)
            .operatorName("bob");

        final KillSwitchDecoder decoder = new KillSwitchDecoder();
        assertHeader(encoder.encodedLength(), KillSwitchEncoder.TEMPLATE_ID, KillSwitchEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 311);
        assertEquals(Scope.STRATEGY, decoder.scope());
        assertEquals(312, decoder.targetId());
        assertEquals("bob", decoder.operatorName());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void roundTripRiskDecision()
    {
        final RiskDecisionEncoder encoder = new RiskDecisionEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 601);
        encoder.causeLogPosition(602L)
            .venue(Venue.BINANCE_SPOT)
            .instrumentId(603)
            .putSymbol("BTCUSDT         ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0)
            .strategyId(604)
            .clientOrderId(605L)
            .replacedClientOrderId(606L)
            .side(Side.SELL)
            .orderType(OrderType.LIMIT)
            .priceExponent((byte)-2)
            .sizeExponent((byte)-8)
            .price(607L)
            .quantity(608L)
            .reason(RiskRejectReason.PRICE_BAND);
        final RiskDecisionEncoder.ChecksEncoder checks = encoder.checksCount(2);
        checks.next().check(RiskRejectReason.MAX_ORDER_NOTIONAL).scope(Scope.GLOBAL).targetId(0)
            .valueExponent((byte)-8).observed(609L).limitValue(610L);
        checks.next().check(RiskRejectReason.PRICE_BAND).scope(Scope.INSTRUMENT).targetId(603)
            .valueExponent((byte)0).observed(611L).limitValue(612L);

        final RiskDecisionDecoder decoder = new RiskDecisionDecoder();
        assertHeader(encoder.encodedLength(), RiskDecisionEncoder.TEMPLATE_ID, RiskDecisionEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 601);
        assertEquals(602L, decoder.causeLogPosition());
        assertEquals(Venue.BINANCE_SPOT, decoder.venue());
        assertEquals(603, decoder.instrumentId());
        assertEquals("BTCUSDT", decoder.symbol().trim());
        assertEquals(604, decoder.strategyId());
        assertEquals(605L, decoder.clientOrderId());
        assertEquals(606L, decoder.replacedClientOrderId());
        assertEquals(Side.SELL, decoder.side());
        assertEquals(OrderType.LIMIT, decoder.orderType());
        assertEquals(-2, decoder.priceExponent());
        assertEquals(-8, decoder.sizeExponent());
        assertEquals(607L, decoder.price());
        assertEquals(608L, decoder.quantity());
        assertEquals(RiskRejectReason.PRICE_BAND, decoder.reason());
        final RiskDecisionDecoder.ChecksDecoder decoded = decoder.checks();
        assertEquals(2, decoded.count());
        decoded.next();
        assertEquals(RiskRejectReason.MAX_ORDER_NOTIONAL, decoded.check());
        assertEquals(Scope.GLOBAL, decoded.scope());
        assertEquals(609L, decoded.observed());
        assertEquals(610L, decoded.limitValue());
        decoded.next();
        assertEquals(RiskRejectReason.PRICE_BAND, decoded.check());
        assertEquals(Scope.INSTRUMENT, decoded.scope());
        assertEquals(603, decoded.targetId());
        assertEquals(0, decoded.valueExponent());
        assertEquals(611L, decoded.observed());
        assertEquals(612L, decoded.limitValue());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void roundTripStrategyManifest()
    {
        final StrategyManifestEncoder encoder = new StrategyManifestEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 701);
        encoder.apiMajor(1);
        final StrategyManifestEncoder.StrategiesEncoder strategies = encoder.strategiesCount(2);
        final byte[] sha256 = new byte[32];
        sha256[0] = 1;
        sha256[31] = (byte)0xFF;
        strategies.next().strategyId(7).putJarSha256(sha256, 0, 32);
        strategies.name("echo").className("com.desk.Echo").jar("desk.jar").parameters("size = 100\n");
        strategies.next().strategyId(1).putJarSha256(new byte[32], 0, 32);
        strategies.name("mm").className("io.ferrum.engine.strategy.marketmaker.MarketMaker").jar("").parameters("");

        final StrategyManifestDecoder decoder = new StrategyManifestDecoder();
        assertHeader(encoder.encodedLength(), StrategyManifestEncoder.TEMPLATE_ID, StrategyManifestEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 701);
        assertEquals(1, decoder.apiMajor());
        final StrategyManifestDecoder.StrategiesDecoder decoded = decoder.strategies();
        assertEquals(2, decoded.count());
        decoded.next();
        assertEquals(7, decoded.strategyId());
        final byte[] decodedSha = new byte[32];
        decoded.getJarSha256(decodedSha, 0, 32);
        assertEquals(java.util.Arrays.toString(sha256), java.util.Arrays.toString(decodedSha));
        assertEquals("echo", decoded.name());
        assertEquals("com.desk.Echo", decoded.className());
        assertEquals("desk.jar", decoded.jar());
        assertEquals("size = 100\n", decoded.parameters());
        decoded.next();
        assertEquals(1, decoded.strategyId());
        assertEquals("mm", decoded.name());
        assertEquals("io.ferrum.engine.strategy.marketmaker.MarketMaker", decoded.className());
        assertEquals("", decoded.jar());
        assertEquals("", decoded.parameters());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void roundTripSetRiskLimit()
    {
        final SetRiskLimitEncoder encoder = new SetRiskLimitEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encodeSource(encoder.source(), 321);
        encoder.scope(Scope.STRATEGY)
            .targetId(322)
            .riskLimit(RiskLimit.MAX_DRAWDOWN_PCT)
            .valueExponent((byte)-2)
            .value(323L)
            .operatorName("carol.risk");

        final SetRiskLimitDecoder decoder = new SetRiskLimitDecoder();
        assertHeader(encoder.encodedLength(), SetRiskLimitEncoder.TEMPLATE_ID, SetRiskLimitEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertSource(decoder.source(), 321);
        assertEquals(Scope.STRATEGY, decoder.scope());
        assertEquals(322, decoder.targetId());
        assertEquals(RiskLimit.MAX_DRAWDOWN_PCT, decoder.riskLimit());
        assertEquals(-2, decoder.valueExponent());
        assertEquals(323L, decoder.value());
        assertEquals("carol.risk", decoder.operatorName());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void roundTripTimerFired()
    {
        final TimerFiredEncoder encoder = new TimerFiredEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.timerId(401L)
            .deadlineNs(1_610_064_000_000_000_402L)
            .timestampNs(1_610_064_000_000_000_403L);

        final TimerFiredDecoder decoder = new TimerFiredDecoder();
        assertHeader(encoder.encodedLength(), TimerFiredEncoder.TEMPLATE_ID, TimerFiredEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(401L, decoder.timerId());
        assertEquals(1_610_064_000_000_000_402L, decoder.deadlineNs());
        assertEquals(1_610_064_000_000_000_403L, decoder.timestampNs());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    @Test
    void roundTripEngineTelemetry()
    {
        final EngineTelemetryEncoder encoder =
            new EngineTelemetryEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.timestampNs(1_610_064_000_000_000_501L)
            .memberId(502)
            .logPosition(503L)
            .eventsProcessed(504L)
            .duplicatesDropped(505L)
            .ordersSent(506L)
            .fills(507L)
            .riskRejects(508L)
            .stateHash(0x8badf00d_deadbeefL);

        final EngineTelemetryDecoder decoder = new EngineTelemetryDecoder();
        assertHeader(encoder.encodedLength(), EngineTelemetryEncoder.TEMPLATE_ID, EngineTelemetryEncoder.BLOCK_LENGTH);
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1_610_064_000_000_000_501L, decoder.timestampNs());
        assertEquals(502, decoder.memberId());
        assertEquals(503L, decoder.logPosition());
        assertEquals(504L, decoder.eventsProcessed());
        assertEquals(505L, decoder.duplicatesDropped());
        assertEquals(506L, decoder.ordersSent());
        assertEquals(507L, decoder.fills());
        assertEquals(508L, decoder.riskRejects());
        assertEquals(0x8badf00d_deadbeefL, decoder.stateHash());
        assertEquals(encoder.encodedLength(), decoder.sbeDecodedLength());
    }

    /** Source values derived from a per-message seed so no two messages share them. */
    private static void encodeSource(final SourceEncoder source, final int seed)
    {
        source.sourceId(seed * 10 + 1)
            .sequence(seed * 10L + 2)
            .eventTimeNs(1_610_064_000_000_000_000L + seed * 10L + 3)
            .receiveTimeNs(1_610_064_000_000_000_000L + seed * 10L + 4);
    }

    private static void assertSource(final SourceDecoder source, final int seed)
    {
        assertEquals(seed * 10 + 1, source.sourceId());
        assertEquals(seed * 10L + 2, source.sequence());
        assertEquals(1_610_064_000_000_000_000L + seed * 10L + 3, source.eventTimeNs());
        assertEquals(1_610_064_000_000_000_000L + seed * 10L + 4, source.receiveTimeNs());
    }

    private static void assertLevel(
        final long expectedPrice, final long expectedQuantity, final long price, final long quantity)
    {
        assertEquals(expectedPrice, price, "price");
        assertEquals(expectedQuantity, quantity, "quantity");
    }

    /** Checks the header a reader sees before it picks a decoder. */
    private void assertHeader(final int encodedBodyLength, final int templateId, final int blockLength)
    {
        assertTrue(encodedBodyLength >= blockLength);
        headerDecoder.wrap(buffer, 0);
        assertEquals(templateId, headerDecoder.templateId());
        assertEquals(blockLength, headerDecoder.blockLength());
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, headerDecoder.schemaId());
        assertEquals(MessageHeaderDecoder.SCHEMA_VERSION, headerDecoder.version());
    }
}
