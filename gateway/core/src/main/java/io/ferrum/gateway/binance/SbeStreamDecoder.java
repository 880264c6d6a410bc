package io.ferrum.gateway.binance;

import io.ferrum.codecs.binance.sbe.BestBidAskStreamEventDecoder;
import io.ferrum.codecs.binance.sbe.BoolEnum;
import io.ferrum.codecs.binance.sbe.DepthDiffStreamEventDecoder;
import io.ferrum.codecs.binance.sbe.TradesStreamEventDecoder;
import io.ferrum.codecs.sbe.BestBidAskEncoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.InboundPublisher;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Decodes Binance's SBE market-data stream frames (binary WebSocket frames, schema
 * {@code stream_1_0.xml}, codecs in {@code io.ferrum.codecs.binance.sbe}) into the same
 * Ferrum messages as the JSON decoder: trades into {@code Trade} (one per trade in the
 * frame), best bid/ask into {@code BestBidAsk}, depth diffs into {@code BookDelta} through
 * the {@link DepthUpdateSink}. Mantissas are rescaled from the frame's exponents to the
 * instrument's, refusing any value that would lose digits. Times arrive in microseconds.
 */
public final class SbeStreamDecoder
{
    private static final int HEADER_LENGTH = 8;

    private final io.ferrum.codecs.binance.sbe.MessageHeaderDecoder header = new io.ferrum.codecs.binance.sbe.MessageHeaderDecoder();
    private final TradesStreamEventDecoder trades = new TradesStreamEventDecoder();
    private final BestBidAskStreamEventDecoder bestBidAsk = new BestBidAskStreamEventDecoder();
    private final DepthDiffStreamEventDecoder depthDiff = new DepthDiffStreamEventDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final BestBidAskEncoder quote = new BestBidAskEncoder();
    private final BookDeltaEncoder bookDelta = new BookDeltaEncoder();
    private final UnsafeBuffer symbol = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer scratch;

    private final InstrumentTable instruments;
    private final InboundPublisher publisher;
    private final DepthUpdateSink depthSink;
    private final SourceSequence sequence;
    private final BadInputCounters badInput;
    private final Venue venue;
    private final int maxFrameLength;
    private boolean badScale;

    public SbeStreamDecoder(
        final InstrumentTable instruments,
        final InboundPublisher publisher,
        final DepthUpdateSink depthSink,
        final SourceSequence sequence,
        final BadInputCounters badInput,
        final Venue venue,
        final int maxFrameLength)
    {
        this.instruments = instruments;
        this.publisher = publisher;
        this.depthSink = depthSink;
        this.sequence = sequence;
        this.badInput = badInput;
        this.venue = venue;
        this.maxFrameLength = maxFrameLength;
        this.scratch = new UnsafeBuffer(new byte[publisher.maxMessageLength()]);
    }

    /** @return a {@link DecodeResult} */
    public int onFrame(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        final BadInput failure = validate(buffer, offset, length);
        if (failure != null)
        {
            return drop(failure, buffer, offset, length);
        }
        final int body = offset + HEADER_LENGTH;
        return switch (header.templateId())
        {
            case TradesStreamEventDecoder.TEMPLATE_ID -> trades(buffer, body, offset, length, receiveTimeNs);
            case BestBidAskStreamEventDecoder.TEMPLATE_ID -> bestBidAsk(buffer, body, offset, length, receiveTimeNs);
            default -> depthDiff(buffer, body, offset, length, receiveTimeNs);
        };
    }

    private BadInput validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > maxFrameLength)
        {
            return BadInput.OVERSIZE;
        }
        if (length < HEADER_LENGTH)
        {
            return BadInput.TRUNCATED;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != TradesStreamEventDecoder.SCHEMA_ID)
        {
            return BadInput.UNKNOWN_EVENT;
        }
        final int body = offset + HEADER_LENGTH;
        final int limit = offset + length;
        final int blockLength = header.blockLength();
        final boolean complete;
        switch (header.templateId())
        {
            case TradesStreamEventDecoder.TEMPLATE_ID -> complete = SbeFrameBounds.complete(buffer, body, blockLength,
                TradesStreamEventDecoder.BLOCK_LENGTH, limit, SbeFrameBounds.GROUP_HEADER_32, TradesStreamEventDecoder.TradesDecoder.sbeBlockLength());
            case BestBidAskStreamEventDecoder.TEMPLATE_ID -> complete = SbeFrameBounds.complete(buffer, body, blockLength,
                BestBidAskStreamEventDecoder.BLOCK_LENGTH, limit);
            case DepthDiffStreamEventDecoder.TEMPLATE_ID -> complete = SbeFrameBounds.complete(buffer, body, blockLength,
                DepthDiffStreamEventDecoder.BLOCK_LENGTH, limit,
                SbeFrameBounds.GROUP_HEADER_16, DepthDiffStreamEventDecoder.BidsDecoder.sbeBlockLength(),
                SbeFrameBounds.GROUP_HEADER_16, DepthDiffStreamEventDecoder.AsksDecoder.sbeBlockLength());
            default ->
            {
                return BadInput.UNKNOWN_EVENT; // depth20 snapshots are not subscribed
            }
        }
        return complete ? null : BadInput.TRUNCATED;
    }

    private int trades(final DirectBuffer buffer, final int body, final int offset, final int length, final long receiveTimeNs)
    {
        trades.wrap(buffer, body, header.blockLength(), header.version());
        for (final TradesStreamEventDecoder.TradesDecoder skipped = trades.trades(); skipped.hasNext(); )
        {
            skipped.next(); // walk the group: the symbol follows it
        }
        trades.wrapSymbol(symbol);
        final Instrument instrument = instruments.lookup(symbol, 0, symbol.capacity());
        if (instrument == null)
        {
            return drop(BadInput.UNKNOWN_SYMBOL, buffer, offset, length);
        }
        trades.wrap(buffer, body, header.blockLength(), header.version());
        final int priceExponent = trades.priceExponent();
        final int qtyExponent = trades.qtyExponent();
        final long eventTimeNs = microsToNanos(trades.eventTime());
        final long tradeTimeNs = microsToNanos(trades.transactTime());
        badScale = eventTimeNs < 0 || tradeTimeNs < 0;
        for (final TradesStreamEventDecoder.TradesDecoder entry : trades.trades())
        {
            rescale(entry.price(), priceExponent, instrument.priceExponent(), true);
            rescale(entry.qty(), qtyExponent, instrument.sizeExponent(), true);
        }
        if (badScale)
        {
            return drop(BadInput.BAD_NUMBER, buffer, offset, length);
        }
        trades.wrap(buffer, body, header.blockLength(), header.version());
        for (final TradesStreamEventDecoder.TradesDecoder entry : trades.trades())
        {
            if (entry.id() <= instrument.lastTradeId)
            {
                continue; // published already: by an overlapping connection, or before back-pressure stopped this frame
            }
            final MutableDirectBuffer slot = publisher.claim();
            if (slot == null)
            {
                return DecodeResult.BACK_PRESSURED;
            }
            trade.wrapAndApplyHeader(slot, 0, headerEncoder).source()
                .sourceId(sequence.sourceId()).sequence(sequence.next()).eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
            trade.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
                .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
                .tradeId(entry.id())
                .price(rescale(entry.price(), priceExponent, instrument.priceExponent(), true))
                .quantity(rescale(entry.qty(), qtyExponent, instrument.sizeExponent(), true))
                .tradeTimeNs(tradeTimeNs)
                .aggressor(entry.isBuyerMaker() == BoolEnum.True ? Side.SELL : Side.BUY);
            publisher.commit(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
            instrument.lastTradeId = entry.id();
        }
        instrument.lastUpdateNs = receiveTimeNs;
        return DecodeResult.OK;
    }

    private int bestBidAsk(final DirectBuffer buffer, final int body, final int offset, final int length, final long receiveTimeNs)
    {
        bestBidAsk.wrap(buffer, body, header.blockLength(), header.version());
        bestBidAsk.wrapSymbol(symbol);
        final Instrument instrument = instruments.lookup(symbol, 0, symbol.capacity());
        if (instrument == null)
        {
            return drop(BadInput.UNKNOWN_SYMBOL, buffer, offset, length);
        }
        bestBidAsk.wrap(buffer, body, header.blockLength(), header.version());
        final int px = bestBidAsk.priceExponent();
        final int qx = bestBidAsk.qtyExponent();
        badScale = false;
        final long eventTimeNs = microsToNanos(bestBidAsk.eventTime());
        final long bidPrice = rescale(bestBidAsk.bidPrice(), px, instrument.priceExponent(), false);
        final long bidQty = rescale(bestBidAsk.bidQty(), qx, instrument.sizeExponent(), false);
        final long askPrice = rescale(bestBidAsk.askPrice(), px, instrument.priceExponent(), false);
        final long askQty = rescale(bestBidAsk.askQty(), qx, instrument.sizeExponent(), false);
        if (badScale || eventTimeNs < 0)
        {
            return drop(BadInput.BAD_NUMBER, buffer, offset, length);
        }
        if (bestBidAsk.bookUpdateId() <= instrument.lastQuoteUpdateId)
        {
            return DecodeResult.OK; // already published from an overlapping connection
        }
        final MutableDirectBuffer slot = publisher.claim();
        if (slot == null)
        {
            return DecodeResult.BACK_PRESSURED;
        }
        instrument.lastQuoteUpdateId = bestBidAsk.bookUpdateId();
        quote.wrapAndApplyHeader(slot, 0, headerEncoder).source()
            .sourceId(sequence.sourceId()).sequence(sequence.next()).eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        quote.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .updateId(bestBidAsk.bookUpdateId()).bidPrice(bidPrice).bidQuantity(bidQty).askPrice(askPrice).askQuantity(askQty);
        publisher.commit(MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength());
        instrument.lastUpdateNs = receiveTimeNs;
        instrument.lastQuoteNs = receiveTimeNs;
        return DecodeResult.OK;
    }

    private int depthDiff(final DirectBuffer buffer, final int body, final int offset, final int length, final long receiveTimeNs)
    {
        depthDiff.wrap(buffer, body, header.blockLength(), header.version());
        for (final DepthDiffStreamEventDecoder.BidsDecoder skipped = depthDiff.bids(); skipped.hasNext(); )
        {
            skipped.next(); // walk the groups: the symbol follows them
        }
        for (final DepthDiffStreamEventDecoder.AsksDecoder skipped = depthDiff.asks(); skipped.hasNext(); )
        {
            skipped.next();
        }
        depthDiff.wrapSymbol(symbol);
        final Instrument instrument = instruments.lookup(symbol, 0, symbol.capacity());
        if (instrument == null)
        {
            return drop(BadInput.UNKNOWN_SYMBOL, buffer, offset, length);
        }
        depthDiff.wrap(buffer, body, header.blockLength(), header.version());
        final long first = depthDiff.firstBookUpdateId();
        final long last = depthDiff.lastBookUpdateId();
        final long eventTimeNs = microsToNanos(depthDiff.eventTime());
        if (first <= 0 || first > last || eventTimeNs < 0)
        {
            return drop(BadInput.BAD_NUMBER, buffer, offset, length);
        }
        final int px = depthDiff.priceExponent();
        final int qx = depthDiff.qtyExponent();
        // Binance levels are 16 bytes as ours are, so the BookDelta is never longer than the frame plus our root block
        if (MessageHeaderEncoder.ENCODED_LENGTH + BookDeltaEncoder.BLOCK_LENGTH + 2 * BookDeltaEncoder.BidsEncoder.sbeHeaderSize() +
            (long)length > scratch.capacity())
        {
            return drop(BadInput.TOO_MANY_LEVELS, buffer, offset, length);
        }
        bookDelta.wrapAndApplyHeader(scratch, 0, headerEncoder).source()
            .sourceId(sequence.sourceId()).sequence(0).eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        bookDelta.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .firstUpdateId(first).lastUpdateId(last);
        badScale = false;
        final DepthDiffStreamEventDecoder.BidsDecoder bids = depthDiff.bids();
        final BookDeltaEncoder.BidsEncoder bidsOut = bookDelta.bidsCount(bids.count());
        for (final DepthDiffStreamEventDecoder.BidsDecoder level : bids)
        {
            bidsOut.next().price(positive(rescale(level.price(), px, instrument.priceExponent(), false)))
                .quantity(rescale(level.qty(), qx, instrument.sizeExponent(), false));
        }
        final DepthDiffStreamEventDecoder.AsksDecoder asks = depthDiff.asks();
        final BookDeltaEncoder.AsksEncoder asksOut = bookDelta.asksCount(asks.count());
        for (final DepthDiffStreamEventDecoder.AsksDecoder level : asks)
        {
            asksOut.next().price(positive(rescale(level.price(), px, instrument.priceExponent(), false)))
                .quantity(rescale(level.qty(), qx, instrument.sizeExponent(), false));
        }
        if (badScale)
        {
            return drop(BadInput.BAD_NUMBER, buffer, offset, length);
        }
        final int result = depthSink.onDepthUpdate(
            instrument, scratch, MessageHeaderEncoder.ENCODED_LENGTH + bookDelta.encodedLength(), first, last);
        if (result == DecodeResult.OK)
        {
            instrument.lastUpdateNs = receiveTimeNs;
        }
        return result;
    }

    /**
     * {@code mantissa * 10^from} as a mantissa at {@code to}; flags {@link #badScale} when that loses
     * digits, overflows, or is negative (or zero when {@code positive}).
     */
    private long rescale(final long mantissa, final int from, final int to, final boolean positive)
    {
        if (mantissa < 0 || (positive && mantissa == 0) || from < -18 || from > 18)
        {
            badScale = true;
            return 0;
        }
        if (from == to)
        {
            return mantissa;
        }
        if (from > to)
        {
            final int shift = from - to;
            if (shift > 18 || mantissa > Long.MAX_VALUE / io.ferrum.codecs.decimal.FixedPoint.powerOfTen(shift))
            {
                badScale = true;
                return 0;
            }
            return mantissa * io.ferrum.codecs.decimal.FixedPoint.powerOfTen(shift);
        }
        final int shift = to - from;
        if (shift > 18)
        {
            badScale = mantissa != 0;
            return 0;
        }
        final long divisor = io.ferrum.codecs.decimal.FixedPoint.powerOfTen(shift);
        if (mantissa % divisor != 0)
        {
            badScale = true;
            return 0;
        }
        return mantissa / divisor;
    }

    private long positive(final long value)
    {
        if (value <= 0)
        {
            badScale = true;
        }
        return value;
    }

    private static long microsToNanos(final long micros)
    {
        return micros < 0 || micros > Long.MAX_VALUE / 1_000 ? -1 : micros * 1_000;
    }

    private int drop(final BadInput kind, final DirectBuffer buffer, final int offset, final int length)
    {
        badInput.record(kind, buffer, offset, 0); // binary: log the kind, not the bytes
        return DecodeResult.DROPPED;
    }
}
