package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.AggTradeEncoder;
import io.ferrum.codecs.sbe.BestBidAskEncoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes one instrument's market data as Ferrum SBE messages into a reusable buffer, the
 * way the gateway would have published them; importers and the synthetic generator share
 * it, so their output is the same bytes for the same data. One encoder per thread.
 * <p>
 * The buffer has a fixed capacity that book messages check once, before encoding, and grow
 * (rarely: a deep snapshot) by wrapping a larger array: an expandable buffer would check its
 * capacity again on every field, which the synthetic generator pays on every event.
 */
public final class MarketDataEncoder
{
    /** Source id stamped on every replayed market-data message. */
    public static final int BACKTEST_SOURCE_ID = 900;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final AggTradeEncoder aggTrade = new AggTradeEncoder();
    private final BestBidAskEncoder bestBidAsk = new BestBidAskEncoder();
    private final BookDeltaEncoder bookDelta = new BookDeltaEncoder();
    private final BookSnapshotEncoder bookSnapshot = new BookSnapshotEncoder();
    private final Instrument instrument;
    private final byte[] symbol;
    private final Venue venue;
    private long sequence;
    private int length;

    public MarketDataEncoder(final Instrument instrument, final Venue venue)
    {
        this.instrument = instrument;
        this.symbol = instrument.symbolBytes();
        this.venue = venue;
    }

    public Instrument instrument()
    {
        return instrument;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /** Length of the last encoded message, header included; it starts at offset 0. */
    public int length()
    {
        return length;
    }

    public int trade(
        final long eventTimeNs, final long receiveTimeNs, final long tradeId, final long price, final long quantity,
        final Side aggressor)
    {
        trade.wrapAndApplyHeader(buffer, 0, header);
        trade.source().sourceId(BACKTEST_SOURCE_ID).sequence(++sequence)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        trade.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(symbol, 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .tradeId(tradeId).price(price).quantity(quantity).tradeTimeNs(eventTimeNs).aggressor(aggressor);
        return length = MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    public int aggTrade(
        final long eventTimeNs, final long receiveTimeNs, final long aggTradeId, final long price,
        final long quantity, final long firstTradeId, final long lastTradeId, final Side aggressor)
    {
        aggTrade.wrapAndApplyHeader(buffer, 0, header);
        aggTrade.source().sourceId(BACKTEST_SOURCE_ID).sequence(++sequence)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        aggTrade.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(symbol, 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .aggTradeId(aggTradeId).price(price).quantity(quantity).firstTradeId(firstTradeId)
            .lastTradeId(lastTradeId).tradeTimeNs(eventTimeNs).aggressor(aggressor);
        return length = MessageHeaderEncoder.ENCODED_LENGTH + aggTrade.encodedLength();
    }

    public int bestBidAsk(
        final long eventTimeNs, final long receiveTimeNs, final long updateId,
        final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
    {
        bestBidAsk.wrapAndApplyHeader(buffer, 0, header);
        bestBidAsk.source().sourceId(BACKTEST_SOURCE_ID).sequence(++sequence)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        bestBidAsk.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(symbol, 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .updateId(updateId).bidPrice(bidPrice).bidQuantity(bidQuantity)
            .askPrice(askPrice).askQuantity(askQuantity);
        return length = MessageHeaderEncoder.ENCODED_LENGTH + bestBidAsk.encodedLength();
    }

    /**
     * A book delta with the given levels; {@code bids}/{@code asks} hold price, quantity
     * pairs, {@code bidLevels}/{@code askLevels} of them are used.
     */
    public int bookDelta(
        final long eventTimeNs, final long receiveTimeNs, final long firstUpdateId, final long lastUpdateId,
        final long[] bids, final int bidLevels, final long[] asks, final int askLevels)
    {
        ensureCapacity(BookDeltaEncoder.BLOCK_LENGTH, bidLevels + askLevels);
        bookDelta.wrapAndApplyHeader(buffer, 0, header);
        bookDelta.source().sourceId(BACKTEST_SOURCE_ID).sequence(++sequence)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        bookDelta.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(symbol, 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .firstUpdateId(firstUpdateId).lastUpdateId(lastUpdateId);
        final BookDeltaEncoder.BidsEncoder bidGroup = bookDelta.bidsCount(bidLevels);
        for (int i = 0; i < bidLevels; i++)
        {
            bidGroup.next().price(bids[2 * i]).quantity(bids[2 * i + 1]);
        }
        final BookDeltaEncoder.AsksEncoder askGroup = bookDelta.asksCount(askLevels);
        for (int i = 0; i < askLevels; i++)
        {
            askGroup.next().price(asks[2 * i]).quantity(asks[2 * i + 1]);
        }
        return length = MessageHeaderEncoder.ENCODED_LENGTH + bookDelta.encodedLength();
    }

    /** A full book at {@code lastUpdateId}; levels as in {@link #bookDelta}. */
    public int bookSnapshot(
        final long eventTimeNs, final long receiveTimeNs, final long lastUpdateId,
        final long[] bids, final int bidLevels, final long[] asks, final int askLevels)
    {
        ensureCapacity(BookSnapshotEncoder.BLOCK_LENGTH, bidLevels + askLevels);
        bookSnapshot.wrapAndApplyHeader(buffer, 0, header);
        bookSnapshot.source().sourceId(BACKTEST_SOURCE_ID).sequence(++sequence)
            .eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        bookSnapshot.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(symbol, 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .lastUpdateId(lastUpdateId);
        final BookSnapshotEncoder.BidsEncoder bidGroup = bookSnapshot.bidsCount(bidLevels);
        for (int i = 0; i < bidLevels; i++)
        {
            bidGroup.next().price(bids[2 * i]).quantity(bids[2 * i + 1]);
        }
        final BookSnapshotEncoder.AsksEncoder askGroup = bookSnapshot.asksCount(askLevels);
        for (int i = 0; i < askLevels; i++)
        {
            askGroup.next().price(asks[2 * i]).quantity(asks[2 * i + 1]);
        }
        return length = MessageHeaderEncoder.ENCODED_LENGTH + bookSnapshot.encodedLength();
    }

    /** Room for a book message of {@code levels} levels in its two groups; grows to the next power of two. */
    private void ensureCapacity(final int blockLength, final int levels)
    {
        // both messages' groups have the same shape as BookDelta's (price, quantity)
        final int required = MessageHeaderEncoder.ENCODED_LENGTH + blockLength +
            2 * BookDeltaEncoder.BidsEncoder.sbeHeaderSize() + levels * BookDeltaEncoder.BidsEncoder.sbeBlockLength();
        if (required > buffer.capacity())
        {
            buffer.wrap(new byte[Integer.highestOneBit(required - 1) << 1]);
        }
    }
}
