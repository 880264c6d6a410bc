package io.ferrum.gateway.sim.venue;

import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.CapturingOutput;
import io.ferrum.engine.TestMessages;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimulatedVenueTest
{
    // Price exponent -2, size exponent -3; fees at exponent -8.
    private final Instrument instrument = new Instrument(1, "TESTUSDT", Venue.SIMULATED, -2, -3, 1, 1);
    private final InstrumentRegistry instruments = new InstrumentRegistry().add(instrument);
    private final OrderBook book = new OrderBook(instrument, 64);
    private final CapturingOutput reports = new CapturingOutput();
    private final TestMessages encode = new TestMessages();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private SimulatedVenue venue;
    private long updateId;

    @BeforeEach
    void setUp()
    {
        venue = new SimulatedVenue(new SimulatedVenue.Context().latencyNs(1_000).makerFeePpm(-100).takerFeePpm(1_000),
            instruments, id -> id == 1 ? book : null, reports);
        snapshot(new long[][]{{9_900, 5_000}, {9_800, 1_000}}, new long[][]{{10_000, 1_000}, {10_100, 2_000}});
    }

    private void snapshot(final long[][] bids, final long[][] asks)
    {
        final int length = encode.bookSnapshot(buffer, 0, 1, ++updateId, 0, instrument, updateId, bids, asks);
        final BookSnapshotDecoder d = new BookSnapshotDecoder();
        d.wrapAndApplyHeader(buffer, 0, header.wrap(buffer, 0));
        book.apply(d, 0);
        venue.onMarketData(buffer, 0, length, 0);
    }

    private void delta(final long[][] bids, final long[][] asks, final long nowNs)
    {
        final int length = encode.bookDelta(buffer, 0, 1, ++updateId, 0, instrument, updateId, updateId, bids, asks);
        final BookDeltaDecoder d = new BookDeltaDecoder();
        d.wrapAndApplyHeader(buffer, 0, header.wrap(buffer, 0));
        book.apply(d, 0);
        venue.onMarketData(buffer, 0, length, nowNs);
    }

    private void order(
        final long id, final Side side, final OrderType type, final TimeInForce tif, final boolean postOnly,
        final long price, final long stopPrice, final long quantity, final long nowNs)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
        final NewOrderEncoder e = new NewOrderEncoder().wrapAndApplyHeader(out, 0, new MessageHeaderEncoder());
        e.venue(Venue.SIMULATED).instrumentId(1).putSymbol(instrument.symbolBytes(), 0).strategyId(1)
            .clientOrderId(id).side(side).orderType(type).timeInForce(tif);
        e.flags().clear().postOnly(postOnly);
        e.priceExponent((byte)-2).sizeExponent((byte)-3).price(price).stopPrice(stopPrice).quantity(quantity)
            .timestampNs(nowNs);
        venue.onOrderMessage(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength(), nowNs);
    }

    private List<String> drain()
    {
        final List<String> result = new ArrayList<>();
        final ExecutionReportDecoder d = new ExecutionReportDecoder();
        for (final byte[] message : reports.messages)
        {
            d.wrapAndApplyHeader(new UnsafeBuffer(message), 0, header.wrap(new UnsafeBuffer(message), 0));
            result.add(d.clientOrderId() + " " + d.execType() + " " + d.orderStatus() +
                (d.lastQuantity() > 0 ? " " + d.lastQuantity() + "@" + d.lastPrice() + " fee=" + d.fee() + " " +
                d.liquidity() : "") + " cum=" + d.cumulativeQuantity() + " leaves=" + d.leavesQuantity());
        }
        reports.clear();
        return result;
    }

    @Test
    void marketOrderWalksTheBookAfterTheLatency()
    {
        order(1, Side.BUY, OrderType.MARKET, TimeInForce.IOC, false, 0, 0, 2_500, 0);
        venue.poll(999);
        assertEquals(List.of(), drain(), "not before the latency elapsed");
        venue.poll(1_000);
        // 1.000 @ 100.00 = 100 USDT -> taker fee 0.1% = 0.1 USDT = 10 000 000 at -8.
        assertEquals(List.of(
            "1 NEW ACKNOWLEDGED cum=0 leaves=2500",
            "1 PARTIAL_FILL PARTIALLY_FILLED 1000@10000 fee=10000000 TAKER cum=1000 leaves=1500",
            "1 FILL FILLED 1500@10100 fee=15150000 TAKER cum=2500 leaves=0"), drain());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void unfilledRestOfIocExpiresAndFokNeedsEverything()
    {
        order(1, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false, 10_000, 0, 1_500, 0);
        order(2, Side.SELL, OrderType.MARKET, TimeInForce.FOK, false, 0, 0, 7_000, 0);
        venue.poll(1_000);
        assertEquals(List.of(
            "1 NEW ACKNOWLEDGED cum=0 leaves=1500",
            "1 PARTIAL_FILL PARTIALLY_FILLED 1000@10000 fee=10000000 TAKER cum=1000 leaves=500",
            "1 EXPIRED EXPIRED cum=1000 leaves=0",
            "2 NEW ACKNOWLEDGED cum=0 leaves=7000",
            "2 EXPIRED EXPIRED cum=0 leaves=0"), drain());
    }

    @Test
    void postOnlyThatWouldCrossIsRejected()
    {
        order(1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, true, 10_000, 0, 1_000, 0);
        venue.poll(1_000);
        assertEquals(List.of("1 REJECTED REJECTED cum=0 leaves=0"), drain());
    }

    @Test
    void restingOrderWaitsForTheQueueAheadOfIt()
    {
        order(1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, true, 9_900, 0, 2_000, 0);
        venue.poll(1_000);
        assertEquals(List.of("1 NEW ACKNOWLEDGED cum=0 leaves=2000"), drain());
        venue.onTrade(1, 9_900, 3_000, 2_000); // 5.000 ahead: 2.000 left ahead
        assertEquals(List.of(), drain());
        venue.onTrade(1, 9_900, 3_000, 3_000); // eats the 2.000, then 1.000 for us (maker rebate)
        assertEquals(List.of("1 PARTIAL_FILL PARTIALLY_FILLED 1000@9900 fee=-990000 MAKER cum=1000 leaves=1000"),
            drain());
        venue.onTrade(1, 9_800, 100, 4_000); // trades through our price: the rest fills
        assertEquals(List.of("1 FILL FILLED 1000@9900 fee=-990000 MAKER cum=2000 leaves=0"), drain());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void cancelsAheadShrinkTheQueueAndACrossingBookFills()
    {
        order(1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_900, 0, 1_000, 0);
        order(2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 10_200, 0, 1_000, 0);
        venue.poll(1_000);
        drain();
        delta(new long[][]{{9_900, 500}}, new long[0][], 2_000); // 4.500 cancelled ahead of us
        venue.onTrade(1, 9_900, 1_500, 3_000); // 0.500 left ahead, then our 1.000
        assertEquals(List.of("1 FILL FILLED 1000@9900 fee=-990000 MAKER cum=1000 leaves=0"), drain());
        delta(new long[][]{{10_200, 700}}, new long[][]{{10_000, 0}, {10_100, 0}, {10_300, 100}}, 4_000);
        assertEquals(List.of("2 FILL FILLED 1000@10200 fee=-1020000 MAKER cum=1000 leaves=0"), drain());
    }

    @Test
    void stopMarketTriggersOnATradeThroughItsPrice()
    {
        order(1, Side.BUY, OrderType.STOP_MARKET, TimeInForce.IOC, false, 0, 10_050, 500, 0);
        venue.poll(1_000);
        venue.onTrade(1, 10_000, 1, 2_000);
        assertEquals(List.of("1 NEW ACKNOWLEDGED cum=0 leaves=500"), drain());
        venue.onTrade(1, 10_050, 1, 3_000);
        assertEquals(List.of(
            "1 TRIGGERED ACKNOWLEDGED cum=0 leaves=500",
            "1 FILL FILLED 500@10000 fee=5000000 TAKER cum=500 leaves=0"), drain());
    }

    @Test
    void cancelAndReplace()
    {
        order(1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 9_800, 0, 1_000, 0);
        venue.poll(1_000);
        drain();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
        final io.ferrum.codecs.sbe.ReplaceOrderEncoder r = new io.ferrum.codecs.sbe.ReplaceOrderEncoder()
            .wrapAndApplyHeader(out, 0, new MessageHeaderEncoder());
        r.instrumentId(1).clientOrderId(1).newClientOrderId(2).priceExponent((byte)-2).sizeExponent((byte)-3)
            .price(9_850).quantity(3_000);
        venue.onOrderMessage(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + r.encodedLength(), 2_000);
        final io.ferrum.codecs.sbe.CancelOrderEncoder c = new io.ferrum.codecs.sbe.CancelOrderEncoder()
            .wrapAndApplyHeader(out, 128, new MessageHeaderEncoder());
        c.instrumentId(1).clientOrderId(2);
        venue.onOrderMessage(out, 128, MessageHeaderEncoder.ENCODED_LENGTH + c.encodedLength(), 2_500);
        venue.poll(3_000);
        assertEquals(List.of("2 REPLACED ACKNOWLEDGED cum=0 leaves=3000"), drain());
        venue.poll(3_500);
        assertEquals(List.of("2 CANCELED CANCELED cum=0 leaves=0"), drain());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void aReplaceOfAnOrderThatFilledOnTheWayIsRejectedForTheNewId()
    {
        order(1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, true, 9_900, 0, 1_000, 0);
        venue.poll(1_000);
        drain();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
        final io.ferrum.codecs.sbe.ReplaceOrderEncoder r = new io.ferrum.codecs.sbe.ReplaceOrderEncoder()
            .wrapAndApplyHeader(out, 0, new MessageHeaderEncoder());
        r.instrumentId(1).clientOrderId(1).newClientOrderId(2).priceExponent((byte)-2).sizeExponent((byte)-3)
            .price(9_850).quantity(1_000);
        venue.onOrderMessage(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + r.encodedLength(), 2_000);
        venue.onTrade(1, 9_800, 100, 2_500); // trades through the bid while the replace is in flight
        venue.poll(3_000);
        assertEquals(List.of(
            "1 FILL FILLED 1000@9900 fee=-990000 MAKER cum=1000 leaves=0",
            "2 REJECTED REJECTED cum=0 leaves=0"), drain(), "the engine hears back about its replacement");
        final ExecutionReportDecoder rejected = new ExecutionReportDecoder();
        venue.onOrderMessage(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + r.encodedLength(), 4_000);
        venue.poll(5_000);
        final byte[] message = reports.messages.get(0);
        rejected.wrapAndApplyHeader(new UnsafeBuffer(message), 0, header.wrap(new UnsafeBuffer(message), 0));
        assertEquals(1, rejected.instrumentId(), "with the instrument and exponents the engine checks");
        assertEquals(-2, rejected.priceExponent());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void aTradeThroughAnOrderThatImprovesTheMarketFillsOnlyTheTradesQuantity()
    {
        // the market's best bid is 99.00; our bids at 99.50 improve on it, our ask at 100.00 joins 1.000 there
        order(1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, true, 9_950, 0, 2_000, 0);
        order(2, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, true, 9_950, 0, 2_000, 0);
        venue.poll(1_000);
        drain();
        venue.onTrade(1, 9_900, 1_500, 2_000); // a sell of 1.500 at the market's bid: it would have met our bids first
        assertEquals(List.of("1 PARTIAL_FILL PARTIALLY_FILLED 1500@9950 fee=-1492500 MAKER cum=1500 leaves=500"), drain(),
            "one trade never fills more than its size, shared in arrival order");
        venue.onTrade(1, 9_900, 1_000, 3_000);
        assertEquals(List.of(
            "1 FILL FILLED 500@9950 fee=-497500 MAKER cum=2000 leaves=0",
            "2 PARTIAL_FILL PARTIALLY_FILLED 500@9950 fee=-497500 MAKER cum=500 leaves=1500"), drain());
        delta(new long[][]{{9_950, 3_000}}, new long[0][], 4_000); // the market now shows 30.00 at our price too
        venue.onTrade(1, 9_900, 100, 5_000); // a print below a price the book shows: that price was swept
        assertEquals(List.of("2 FILL FILLED 1500@9950 fee=-1492500 MAKER cum=2000 leaves=0"), drain());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void aSpotAccountRefusesWhatItCannotPayForAndNeverGoesNegative()
    {
        venue = new SimulatedVenue(new SimulatedVenue.Context().latencyNs(1_000).makerFeePpm(-100).takerFeePpm(1_000)
            .startBalances(java.util.Map.of("USDT", "150", "TEST", "1")), instruments, id -> id == 1 ? book : null,
            reports);
        snapshot(new long[][]{{9_900, 5_000}, {9_800, 1_000}}, new long[][]{{10_000, 1_000}, {10_100, 2_000}});
        final SpotAccounts accounts = venue.accounts();
        assertEquals(List.of("TEST", "USDT"), accounts.assets(), "TESTUSDT split by its quote suffix");

        // selling 2 TEST with 1 in the account: refused as Binance refuses it, -2010
        order(1, Side.SELL, OrderType.MARKET, TimeInForce.IOC, false, 0, 0, 2_000, 0);
        venue.poll(1_000);
        assertEquals(SimulatedVenue.INSUFFICIENT_BALANCE, lastRejectCode());
        assertEquals(List.of("1 REJECTED REJECTED cum=0 leaves=0"), drain());

        // a resting sell locks its TEST: a second sell finds none free
        order(2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 10_500, 0, 1_000, 0);
        order(3, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 10_500, 0, 1, 0);
        venue.poll(1_000);
        assertEquals(List.of("2 NEW ACKNOWLEDGED cum=0 leaves=1000", "3 REJECTED REJECTED cum=0 leaves=0"), drain());
        assertEquals("0.00000000", accounts.free("TEST"));
        assertEquals("1.00000000", accounts.locked("TEST"));

        // a limit buy of 2 at 100.00 needs 200 USDT and the fee: refused
        order(4, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 10_000, 0, 2_000, 0);
        venue.poll(1_000);
        assertEquals(List.of("4 REJECTED REJECTED cum=0 leaves=0"), drain());

        // a market buy takes what 150 USDT pays for: 1.000 at 100.00 (100.1 with the fee), then 0.493 at 101.00
        // (49.842793 with the fee; 0.494 would cost 49.943894 of the 49.9 left), and the rest expires
        order(5, Side.BUY, OrderType.MARKET, TimeInForce.IOC, false, 0, 0, 2_000, 0);
        venue.poll(1_000);
        assertEquals(List.of(
            "5 NEW ACKNOWLEDGED cum=0 leaves=2000",
            "5 PARTIAL_FILL PARTIALLY_FILLED 1000@10000 fee=10000000 TAKER cum=1000 leaves=1000",
            "5 PARTIAL_FILL PARTIALLY_FILLED 493@10100 fee=4979300 TAKER cum=1493 leaves=507",
            "5 EXPIRED EXPIRED cum=1493 leaves=0"), drain());
        assertEquals("0.05720700", accounts.free("USDT"));
        assertEquals("1.49300000", accounts.free("TEST"));

        // the resting sell fills as a maker: its lock pays, the USDT (with the rebate) comes in
        delta(new long[0][], new long[][]{{10_000, 0}, {10_100, 0}, {10_500, 500}}, 2_000);
        venue.onTrade(1, 10_600, 1_000, 3_000);
        assertEquals(List.of("2 FILL FILLED 1000@10500 fee=-1050000 MAKER cum=1000 leaves=0"), drain());
        assertEquals("0.00000000", accounts.locked("TEST"));
        assertEquals("105.06770700", accounts.free("USDT"));
        assertEquals(3, accounts.refused(), "orders 1, 3 and 4; the market buy was cut, not refused");
    }

    private int lastRejectCode()
    {
        final ExecutionReportDecoder d = new ExecutionReportDecoder();
        final UnsafeBuffer last = new UnsafeBuffer(reports.messages.get(reports.messages.size() - 1));
        d.wrapAndApplyHeader(last, 0, header.wrap(last, 0));
        return d.venueRejectCode();
    }
}
