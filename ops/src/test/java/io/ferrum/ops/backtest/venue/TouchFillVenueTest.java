package io.ferrum.ops.backtest.venue;

import io.ferrum.codecs.sbe.CancelOrderEncoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.ReplaceOrderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.ops.backtest.data.Instrument;
import io.ferrum.ops.backtest.data.MarketDataEncoder;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TouchFillVenueTest
{
    private record Report(long clientOrderId, ExecType type, long price, long quantity, long fee, Liquidity liquidity)
    {
    }

    private final List<Report> reports = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ExecutionReportDecoder decoder = new ExecutionReportDecoder();
    // fees 10 bps taker, 2 bps maker; 1 bp impact per level
    private final TouchFillVenue venue = new TouchFillVenue((b, o, l, t) ->
    {
        decoder.wrapAndApplyHeader(b, o, header);
        reports.add(new Report(decoder.clientOrderId(), decoder.execType(), decoder.lastPrice(), decoder.lastQuantity(),
            decoder.fee(), decoder.liquidity()));
    }, new FeeSchedule(200, 1000), 100, 100);
    private final MarketDataEncoder market = new MarketDataEncoder(new Instrument("BTCUSDT", 1, -2, -3), Venue.SIMULATED);
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(256);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private long time = 1;

    private void quote(final long bid, final long bidSize, final long ask, final long askSize)
    {
        market.bestBidAsk(time, time, time, bid, bidSize, ask, askSize);
        venue.onMarketData(market.buffer(), 0, market.length(), time++);
    }

    private void trade(final long price, final long quantity)
    {
        market.trade(time, time, time, price, quantity, Side.SELL);
        venue.onMarketData(market.buffer(), 0, market.length(), time++);
    }

    private void order(final long id, final Side side, final OrderType type, final long price, final long quantity)
    {
        final NewOrderEncoder order = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .venue(Venue.SIMULATED).instrumentId(1).symbol("BTCUSDT").strategyId(1).clientOrderId(id).side(side)
            .orderType(type).timeInForce(type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC)
            .priceExponent((byte)-2).sizeExponent((byte)-3).price(price).stopPrice(0).quantity(quantity).timestampNs(time);
        venue.onOrder(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength(), time++);
    }

    @Test
    void marketOrderTakesTheTouchThenWalksAssumedLevels()
    {
        quote(9_999_00, 2_000, 10_000_00, 1_000); // 9999.00 x 2.000 / 10000.00 x 1.000
        order(1, Side.BUY, OrderType.MARKET, 0, 2_500);
        assertEquals(List.of(
            new Report(1, ExecType.NEW, 0, 0, 0, Liquidity.TAKER),
            // 1.000 at 10000.00: notional 10 000, fee 10 bps = 10 at 10^-8
            new Report(1, ExecType.PARTIAL_FILL, 10_000_00, 1_000, 1_000_000_000L, Liquidity.TAKER),
            new Report(1, ExecType.PARTIAL_FILL, 10_001_00, 1_000, 1_000_100_000L, Liquidity.TAKER),
            new Report(1, ExecType.FILL, 10_002_00, 500, 500_100_000L, Liquidity.TAKER)), reports);
    }

    @Test
    void restingLimitWaitsForTheQueueAheadThenFillsAsMaker()
    {
        quote(9_999_00, 2_000, 10_000_00, 1_000);
        order(2, Side.BUY, OrderType.LIMIT, 9_999_00, 1_000); // joins behind 2.000 at the bid
        reports.clear();
        trade(9_999_00, 1_500);
        assertEquals(List.of(), reports, "1.500 of the 2.000 ahead traded");
        trade(9_999_00, 800);
        assertEquals(List.of(new Report(2, ExecType.PARTIAL_FILL, 9_999_00, 300, 59_994_000L, Liquidity.MAKER)), reports,
            "0.300 past the queue fills ours, maker fee 2 bps");
        reports.clear();
        trade(9_998_00, 1);
        assertEquals(List.of(new Report(2, ExecType.FILL, 9_999_00, 700, 139_986_000L, Liquidity.MAKER)), reports,
            "a trade through the level fills the rest at our price");
    }

    @Test
    void improvingLimitHasNoQueueAndCrossingQuoteFillsIt()
    {
        quote(9_999_00, 2_000, 10_001_00, 1_000);
        order(3, Side.SELL, OrderType.LIMIT, 10_000_00, 1_000);
        reports.clear();
        trade(10_000_00, 400);
        assertEquals(ExecType.PARTIAL_FILL, reports.get(0).type());
        assertEquals(400, reports.get(0).quantity());
        reports.clear();
        quote(10_000_50, 100, 10_002_00, 100);
        assertEquals(List.of(new Report(3, ExecType.FILL, 10_000_00, 600, 120_000_000L, Liquidity.MAKER)), reports);
    }

    @Test
    void cancelReplaceAndRejects()
    {
        order(9, Side.BUY, OrderType.MARKET, 0, 1_000);
        assertEquals(ExecType.REJECTED, reports.get(0).type(), "no price yet");
        quote(9_999_00, 2_000, 10_001_00, 1_000);
        order(4, Side.BUY, OrderType.LIMIT, 9_000_00, 1_000);
        reports.clear();

        final ReplaceOrderEncoder replace = new ReplaceOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .venue(Venue.SIMULATED).instrumentId(1).symbol("BTCUSDT").strategyId(1).clientOrderId(4).newClientOrderId(5)
            .priceExponent((byte)-2).sizeExponent((byte)-3).price(10_001_00).quantity(1_500).timestampNs(time);
        venue.onOrder(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + replace.encodedLength(), time++);
        assertEquals(List.of(
            new Report(5, ExecType.REPLACED, 0, 0, 0, Liquidity.MAKER),
            new Report(5, ExecType.PARTIAL_FILL, 10_001_00, 1_000, 1_000_100_000L, Liquidity.TAKER)), reports,
            "replaced to a crossing price: takes the ask's 1.000, 0.500 rests");
        reports.clear();

        final CancelOrderEncoder cancel = new CancelOrderEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .venue(Venue.SIMULATED).instrumentId(1).symbol("BTCUSDT").strategyId(1).clientOrderId(5).timestampNs(time);
        venue.onOrder(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength(), time++);
        venue.onOrder(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength(), time++);
        assertEquals(ExecType.CANCELED, reports.get(0).type());
        assertEquals(ExecType.REJECTED, reports.get(1).type(), "cancelling it again: unknown order");
        reports.clear();
        trade(9_000_00, 10_000);
        assertEquals(List.of(), reports, "a cancelled order never fills");
    }
}
