package io.ferrum.bench.codecs;

import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.ExecutionReportEncoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.SourceDecoder;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Ferrum's own SBE messages, encoded and decoded with the generated flyweights as the gateway
 * (Trade, BookDelta), the engine's output (NewOrder) and the venue side (a fill ExecutionReport)
 * use them: header, every field, and for BookDelta the two level groups (5 bids, 5 asks, a typical
 * 100 ms depth diff of a liquid symbol).
 * <p>
 * Encoders take their values from a counter that changes every operation, so nothing is a
 * compile-time constant; the bytes land in a heap buffer held by the state, so the stores cannot
 * be dropped. Decoders read every field of a message encoded in setup (the header first, then the
 * body wrapped at the header's block length and version, as the engine does) and fold the values
 * into the returned long.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class SbeCodecBenchmark
{
    private static final int LEVELS = 5;
    private static final byte[] SYMBOL = "ZILUSDT\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);

    private final UnsafeBuffer out = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer trade = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer delta = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer newOrder = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer fill = new UnsafeBuffer(new byte[512]);

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final TradeEncoder tradeEncoder = new TradeEncoder();
    private final TradeDecoder tradeDecoder = new TradeDecoder();
    private final BookDeltaEncoder deltaEncoder = new BookDeltaEncoder();
    private final BookDeltaDecoder deltaDecoder = new BookDeltaDecoder();
    private final NewOrderEncoder newOrderEncoder = new NewOrderEncoder();
    private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
    private final ExecutionReportEncoder fillEncoder = new ExecutionReportEncoder();
    private final ExecutionReportDecoder fillDecoder = new ExecutionReportDecoder();

    private long n = 1_617_647_603_000_000_000L;

    @Setup
    public void setUp()
    {
        encodeTrade(trade, n);
        encodeDelta(delta, n);
        encodeNewOrder(newOrder, n);
        encodeFill(fill, n);
    }

    @Benchmark
    public int encodeTrade()
    {
        return encodeTrade(out, ++n);
    }

    @Benchmark
    public long decodeTrade()
    {
        headerDecoder.wrap(trade, 0);
        final TradeDecoder d = tradeDecoder.wrap(
            trade, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        final SourceDecoder source = d.source();
        long h = headerDecoder.templateId();
        h = 31 * h + source.sourceId();
        h = 31 * h + source.sequence();
        h = 31 * h + source.eventTimeNs();
        h = 31 * h + source.receiveTimeNs();
        h = 31 * h + d.venue().ordinal();
        h = 31 * h + d.instrumentId();
        h = 31 * h + d.symbol(0);
        h = 31 * h + d.priceExponent();
        h = 31 * h + d.sizeExponent();
        h = 31 * h + d.tradeId();
        h = 31 * h + d.price();
        h = 31 * h + d.quantity();
        h = 31 * h + d.tradeTimeNs();
        return 31 * h + d.aggressor().ordinal();
    }

    @Benchmark
    public int encodeBookDelta()
    {
        return encodeDelta(out, ++n);
    }

    @Benchmark
    public long decodeBookDelta()
    {
        headerDecoder.wrap(delta, 0);
        final BookDeltaDecoder d = deltaDecoder.wrap(
            delta, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        final SourceDecoder source = d.source();
        long h = headerDecoder.templateId();
        h = 31 * h + source.sourceId();
        h = 31 * h + source.sequence();
        h = 31 * h + source.eventTimeNs();
        h = 31 * h + source.receiveTimeNs();
        h = 31 * h + d.venue().ordinal();
        h = 31 * h + d.instrumentId();
        h = 31 * h + d.symbol(0);
        h = 31 * h + d.priceExponent();
        h = 31 * h + d.sizeExponent();
        h = 31 * h + d.firstUpdateId();
        h = 31 * h + d.lastUpdateId();
        for (final BookDeltaDecoder.BidsDecoder level : d.bids())
        {
            h = 31 * (31 * h + level.price()) + level.quantity();
        }
        for (final BookDeltaDecoder.AsksDecoder level : d.asks())
        {
            h = 31 * (31 * h + level.price()) + level.quantity();
        }
        return h;
    }

    @Benchmark
    public int encodeNewOrder()
    {
        return encodeNewOrder(out, ++n);
    }

    @Benchmark
    public long decodeNewOrder()
    {
        headerDecoder.wrap(newOrder, 0);
        final NewOrderDecoder d = newOrderDecoder.wrap(
            newOrder, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        long h = headerDecoder.templateId();
        h = 31 * h + d.venue().ordinal();
        h = 31 * h + d.instrumentId();
        h = 31 * h + d.symbol(0);
        h = 31 * h + d.strategyId();
        h = 31 * h + d.clientOrderId();
        h = 31 * h + d.side().ordinal();
        h = 31 * h + d.orderType().ordinal();
        h = 31 * h + d.timeInForce().ordinal();
        h = 31 * h + (d.flags().postOnly() ? 1 : 0) + (d.flags().reduceOnly() ? 2 : 0);
        h = 31 * h + d.priceExponent();
        h = 31 * h + d.sizeExponent();
        h = 31 * h + d.price();
        h = 31 * h + d.stopPrice();
        h = 31 * h + d.quantity();
        return 31 * h + d.timestampNs();
    }

    @Benchmark
    public int encodeFill()
    {
        return encodeFill(out, ++n);
    }

    @Benchmark
    public long decodeFill()
    {
        headerDecoder.wrap(fill, 0);
        final ExecutionReportDecoder d = fillDecoder.wrap(
            fill, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        final SourceDecoder source = d.source();
        long h = headerDecoder.templateId();
        h = 31 * h + source.sourceId();
        h = 31 * h + source.sequence();
        h = 31 * h + source.eventTimeNs();
        h = 31 * h + source.receiveTimeNs();
        h = 31 * h + d.venue().ordinal();
        h = 31 * h + d.instrumentId();
        h = 31 * h + d.symbol(0);
        h = 31 * h + d.clientOrderId();
        h = 31 * h + d.venueOrderId();
        h = 31 * h + d.execType().ordinal();
        h = 31 * h + d.orderStatus().ordinal();
        h = 31 * h + d.side().ordinal();
        h = 31 * h + d.priceExponent();
        h = 31 * h + d.sizeExponent();
        h = 31 * h + d.lastPrice();
        h = 31 * h + d.lastQuantity();
        h = 31 * h + d.cumulativeQuantity();
        h = 31 * h + d.leavesQuantity();
        h = 31 * h + d.feeExponent();
        h = 31 * h + d.fee();
        h = 31 * h + d.liquidity().ordinal();
        h = 31 * h + d.tradeId();
        return 31 * h + d.venueRejectCode();
    }

    private int encodeTrade(final UnsafeBuffer buffer, final long v)
    {
        final TradeEncoder e = tradeEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        e.source().sourceId(1).sequence(v).eventTimeNs(v).receiveTimeNs(v + 1_000);
        e.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(SYMBOL, 0).priceExponent((byte)-8).sizeExponent((byte)-8)
            .tradeId(v).price(21_448_000 + (v & 15)).quantity(206_290_000_000L + v).tradeTimeNs(v)
            .aggressor((v & 1) == 0 ? Side.BUY : Side.SELL);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int encodeDelta(final UnsafeBuffer buffer, final long v)
    {
        final BookDeltaEncoder e = deltaEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        e.source().sourceId(1).sequence(v).eventTimeNs(v).receiveTimeNs(v + 1_000);
        e.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(SYMBOL, 0).priceExponent((byte)-8).sizeExponent((byte)-8)
            .firstUpdateId(v).lastUpdateId(v + 9);
        final BookDeltaEncoder.BidsEncoder bids = e.bidsCount(LEVELS);
        for (int i = 0; i < LEVELS; i++)
        {
            bids.next().price(21_437_000 - i * 1_000).quantity(v + i);
        }
        final BookDeltaEncoder.AsksEncoder asks = e.asksCount(LEVELS);
        for (int i = 0; i < LEVELS; i++)
        {
            asks.next().price(21_448_000 + i * 1_000).quantity(v - i);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int encodeNewOrder(final UnsafeBuffer buffer, final long v)
    {
        final NewOrderEncoder e = newOrderEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        e.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(SYMBOL, 0).strategyId(1).clientOrderId(v)
            .side((v & 1) == 0 ? Side.BUY : Side.SELL).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC);
        e.flags().clear().postOnly(true);
        e.priceExponent((byte)-8).sizeExponent((byte)-8).price(21_440_000 + (v & 15)).stopPrice(0)
            .quantity(1_000_000_000L + (v & 7)).timestampNs(v);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int encodeFill(final UnsafeBuffer buffer, final long v)
    {
        final ExecutionReportEncoder e = fillEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        e.source().sourceId(2).sequence(v).eventTimeNs(v).receiveTimeNs(v + 1_000);
        e.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(SYMBOL, 0).clientOrderId(v).venueOrderId(v + 7)
            .execType(ExecType.FILL).orderStatus(OrderStatus.FILLED).side((v & 1) == 0 ? Side.BUY : Side.SELL)
            .priceExponent((byte)-8).sizeExponent((byte)-8).lastPrice(21_440_000 + (v & 15))
            .lastQuantity(1_000_000_000L).cumulativeQuantity(1_000_000_000L).leavesQuantity(0)
            .feeExponent((byte)-8).fee(v & 1023).liquidity(Liquidity.MAKER).tradeId(v).venueRejectCode(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }
}
