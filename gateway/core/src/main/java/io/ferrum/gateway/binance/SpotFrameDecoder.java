package io.ferrum.gateway.binance;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.AggTradeEncoder;
import io.ferrum.codecs.sbe.BestBidAskEncoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Ticker24hEncoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.InboundPublisher;
import io.ferrum.gateway.json.JsonError;
import io.ferrum.gateway.json.JsonObjectIndex;
import io.ferrum.gateway.json.JsonScanner;
import io.ferrum.gateway.json.JsonType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decodes Binance spot WebSocket text frames (raw or combined-stream) in place into Ferrum
 * SBE messages: trade, aggTrade, bookTicker and 24hrTicker straight into a claimed ring
 * slot; depthUpdate into a BookDelta handed to the {@link DepthUpdateSink}, which decides
 * whether it chains. Each event must carry exactly the spot fields: futures frames (which
 * add {@code T}, {@code pu}, {@code ps}... or lack {@code M}) are refused, never mis-read.
 * Allocates nothing per frame.
 */
public final class SpotFrameDecoder
{
    /** Exponent of the ticker's quote volume and price change percent. */
    public static final int TICKER_EXPONENT = -8;
    private static final long MS_TO_NS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / MS_TO_NS;

    private static final byte[] STREAM = ascii("stream");
    private static final byte[] DATA = ascii("data");
    private static final byte[] TRADE = ascii("trade");
    private static final byte[] AGG_TRADE = ascii("aggTrade");
    private static final byte[] DEPTH_UPDATE = ascii("depthUpdate");
    private static final byte[] TICKER = ascii("24hrTicker");
    private static final byte[] SERVER_SHUTDOWN = ascii("serverShutdown");

    // "b" and "a" of a trade are buyer and seller order ids, which Binance stopped sending in 2023
    private static final KeySet TRADE_KEYS = new KeySet("eEstpqTmM", "ba");
    private static final KeySet AGG_TRADE_KEYS = new KeySet("eEsapqflTmM", "");
    private static final KeySet DEPTH_KEYS = new KeySet("eEsUuba", "");
    private static final KeySet BOOK_TICKER_KEYS = new KeySet("usbBaA", "");
    private static final KeySet TICKER_KEYS = new KeySet("eEspPwxcQbBaAohlvqOCFLn", "");
    private static final KeySet SHUTDOWN_KEYS = new KeySet("eE", "");

    private final JsonObjectIndex outer = new JsonObjectIndex();
    private final JsonObjectIndex inner = new JsonObjectIndex();
    private final DecimalParser parser = new DecimalParser();
    private final LevelsCursor levels = new LevelsCursor();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final AggTradeEncoder aggTrade = new AggTradeEncoder();
    private final BestBidAskEncoder bestBidAsk = new BestBidAskEncoder();
    private final Ticker24hEncoder ticker = new Ticker24hEncoder();
    private final BookDeltaEncoder bookDelta = new BookDeltaEncoder();
    private final UnsafeBuffer scratch;

    private final InstrumentTable instruments;
    private final InboundPublisher publisher;
    private final DepthUpdateSink depthSink;
    private final SourceSequence sequence;
    private final BadInputCounters badInput;
    private final Venue venue;
    private final int maxFrameLength;

    private long duplicates;
    private BadInput failure;
    private long receiveTimeNs;

    public SpotFrameDecoder(
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
        this.receiveTimeNs = receiveTimeNs;
        failure = null;
        final int result = decode(buffer, offset, length);
        if (failure != null)
        {
            badInput.record(failure, buffer, offset, length);
            return DecodeResult.DROPPED;
        }
        return result;
    }

    private int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > maxFrameLength)
        {
            return fail(BadInput.OVERSIZE);
        }
        final int limit = offset + length;
        final int end = outer.parse(buffer, offset, limit);
        if (end < 0)
        {
            return fail(jsonFailure(end));
        }
        if (JsonScanner.skipWhitespace(buffer, end, limit) != limit)
        {
            return fail(BadInput.MALFORMED_JSON);
        }

        JsonObjectIndex event = outer;
        final int data = outer.findLongKey(DATA);
        if (data >= 0)
        {
            if (outer.findLongKey(STREAM) < 0 || outer.longKeyCount() != 2 || outer.presentLow() != 0 || outer.presentHigh() != 0)
            {
                return fail(BadInput.UNEXPECTED_FIELDS);
            }
            if (outer.longValueType(data) != JsonType.OBJECT)
            {
                return fail(BadInput.UNKNOWN_EVENT); // array streams such as !ticker@arr are not subscribed
            }
            final int innerEnd = inner.parse(buffer, outer.longValueStart(data), outer.longValueEnd(data));
            if (innerEnd < 0)
            {
                return fail(jsonFailure(innerEnd));
            }
            event = inner;
        }
        if (event.longKeyCount() != 0)
        {
            return fail(event.has('e') && !isKnownEvent(event) ? BadInput.UNKNOWN_EVENT : BadInput.UNEXPECTED_FIELDS);
        }

        if (!event.has('e'))
        {
            return BOOK_TICKER_KEYS.matches(event) ? bookTicker(buffer, event) : fail(BadInput.UNKNOWN_EVENT);
        }
        if (event.stringEquals('e', DEPTH_UPDATE))
        {
            return DEPTH_KEYS.matches(event) ? depthUpdate(buffer, event) : fail(BadInput.UNEXPECTED_FIELDS);
        }
        if (event.stringEquals('e', AGG_TRADE))
        {
            return AGG_TRADE_KEYS.matches(event) ? aggTrade(buffer, event) : fail(BadInput.UNEXPECTED_FIELDS);
        }
        if (event.stringEquals('e', TRADE))
        {
            return TRADE_KEYS.matches(event) ? trade(buffer, event) : fail(BadInput.UNEXPECTED_FIELDS);
        }
        if (event.stringEquals('e', TICKER))
        {
            return TICKER_KEYS.matches(event) ? ticker(buffer, event) : fail(BadInput.UNEXPECTED_FIELDS);
        }
        if (event.stringEquals('e', SERVER_SHUTDOWN))
        {
            if (!SHUTDOWN_KEYS.matches(event))
            {
                return fail(BadInput.UNEXPECTED_FIELDS);
            }
            final long eventTimeNs = millisToNanos(buffer, event, 'E');
            if (failure != null)
            {
                return DecodeResult.DROPPED;
            }
            depthSink.onServerShutdown(eventTimeNs);
            return DecodeResult.OK;
        }
        return fail(BadInput.UNKNOWN_EVENT);
    }

    private int trade(final DirectBuffer buffer, final JsonObjectIndex event)
    {
        final Instrument instrument = instrument(buffer, event);
        if (instrument == null)
        {
            return DecodeResult.DROPPED;
        }
        final long eventTimeNs = millisToNanos(buffer, event, 'E');
        final long tradeId = integer(buffer, event, 't');
        final long price = positive(decimal(buffer, event, 'p', instrument.priceExponent()));
        final long quantity = positive(decimal(buffer, event, 'q', instrument.sizeExponent()));
        final long tradeTimeNs = millisToNanos(buffer, event, 'T');
        final Side aggressor = aggressor(event);
        if (failure != null)
        {
            return DecodeResult.DROPPED;
        }
        if (tradeId <= instrument.lastTradeId)
        {
            duplicates++;
            return DecodeResult.OK;
        }
        final MutableDirectBuffer slot = publisher.claim();
        if (slot == null)
        {
            return DecodeResult.BACK_PRESSURED;
        }
        instrument.lastTradeId = tradeId;
        trade.wrapAndApplyHeader(slot, 0, header).source()
            .sourceId(sequence.sourceId()).sequence(sequence.next()).eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        trade.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .tradeId(tradeId).price(price).quantity(quantity).tradeTimeNs(tradeTimeNs).aggressor(aggressor);
        instrument.lastUpdateNs = receiveTimeNs;
        publisher.commit(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        return DecodeResult.OK;
    }

    private int aggTrade(final DirectBuffer buffer, final JsonObjectIndex event)
    {
        final Instrument instrument = instrument(buffer, event);
        if (instrument == null)
        {
            return DecodeResult.DROPPED;
        }
        final long eventTimeNs = millisToNanos(buffer, event, 'E');
        final long aggTradeId = integer(buffer, event, 'a');
        final long price = positive(decimal(buffer, event, 'p', instrument.priceExponent()));
        final long quantity = positive(decimal(buffer, event, 'q', instrument.sizeExponent()));
        final long firstTradeId = integer(buffer, event, 'f');
        final long lastTradeId = integer(buffer, event, 'l');
        final long tradeTimeNs = millisToNanos(buffer, event, 'T');
        final Side aggressor = aggressor(event);
        if (failure == null && firstTradeId > lastTradeId)
        {
            failure = BadInput.BAD_NUMBER;
        }
        if (failure != null)
        {
            return DecodeResult.DROPPED;
        }
        if (aggTradeId <= instrument.lastAggTradeId)
        {
            duplicates++;
            return DecodeResult.OK;
        }
        final MutableDirectBuffer slot = publisher.claim();
        if (slot == null)
        {
            return DecodeResult.BACK_PRESSURED;
        }
        instrument.lastAggTradeId = aggTradeId;
        aggTrade.wrapAndApplyHeader(slot, 0, header).source()
            .sourceId(sequence.sourceId()).sequence(sequence.next()).eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        aggTrade.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .aggTradeId(aggTradeId).price(price).quantity(quantity).firstTradeId(firstTradeId).lastTradeId(lastTradeId)
            .tradeTimeNs(tradeTimeNs).aggressor(aggressor);
        instrument.lastUpdateNs = receiveTimeNs;
        publisher.commit(MessageHeaderEncoder.ENCODED_LENGTH + aggTrade.encodedLength());
        return DecodeResult.OK;
    }

    private int bookTicker(final DirectBuffer buffer, final JsonObjectIndex event)
    {
        final Instrument instrument = instrument(buffer, event);
        if (instrument == null)
        {
            return DecodeResult.DROPPED;
        }
        final long updateId = integer(buffer, event, 'u');
        final long bidPrice = notNegative(decimal(buffer, event, 'b', instrument.priceExponent()));
        final long bidQuantity = notNegative(decimal(buffer, event, 'B', instrument.sizeExponent()));
        final long askPrice = notNegative(decimal(buffer, event, 'a', instrument.priceExponent()));
        final long askQuantity = notNegative(decimal(buffer, event, 'A', instrument.sizeExponent()));
        if (failure != null)
        {
            return DecodeResult.DROPPED;
        }
        if (updateId <= instrument.lastQuoteUpdateId)
        {
            duplicates++;
            return DecodeResult.OK;
        }
        final MutableDirectBuffer slot = publisher.claim();
        if (slot == null)
        {
            return DecodeResult.BACK_PRESSURED;
        }
        instrument.lastQuoteUpdateId = updateId;
        // bookTicker carries no event time: 0 says so rather than inventing one
        bestBidAsk.wrapAndApplyHeader(slot, 0, header).source()
            .sourceId(sequence.sourceId()).sequence(sequence.next()).eventTimeNs(0).receiveTimeNs(receiveTimeNs);
        bestBidAsk.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .updateId(updateId).bidPrice(bidPrice).bidQuantity(bidQuantity).askPrice(askPrice).askQuantity(askQuantity);
        instrument.lastUpdateNs = receiveTimeNs;
        instrument.lastQuoteNs = receiveTimeNs;
        publisher.commit(MessageHeaderEncoder.ENCODED_LENGTH + bestBidAsk.encodedLength());
        return DecodeResult.OK;
    }

    private int ticker(final DirectBuffer buffer, final JsonObjectIndex event)
    {
        final Instrument instrument = instrument(buffer, event);
        if (instrument == null)
        {
            return DecodeResult.DROPPED;
        }
        final int px = instrument.priceExponent();
        final int sz = instrument.sizeExponent();
        final long eventTimeNs = millisToNanos(buffer, event, 'E');
        final long priceChange = decimal(buffer, event, 'p', px);
        final long priceChangePercent = decimal(buffer, event, 'P', TICKER_EXPONENT);
        final long weightedAvgPrice = notNegative(decimal(buffer, event, 'w', px));
        final long prevClosePrice = notNegative(decimal(buffer, event, 'x', px));
        final long lastPrice = notNegative(decimal(buffer, event, 'c', px));
        final long lastQuantity = notNegative(decimal(buffer, event, 'Q', sz));
        final long bidPrice = notNegative(decimal(buffer, event, 'b', px));
        final long bidQuantity = notNegative(decimal(buffer, event, 'B', sz));
        final long askPrice = notNegative(decimal(buffer, event, 'a', px));
        final long askQuantity = notNegative(decimal(buffer, event, 'A', sz));
        final long openPrice = notNegative(decimal(buffer, event, 'o', px));
        final long highPrice = notNegative(decimal(buffer, event, 'h', px));
        final long lowPrice = notNegative(decimal(buffer, event, 'l', px));
        final long volume = notNegative(decimal(buffer, event, 'v', sz));
        final long quoteVolume = notNegative(decimal(buffer, event, 'q', TICKER_EXPONENT));
        final long openTimeNs = millisToNanos(buffer, event, 'O');
        final long closeTimeNs = millisToNanos(buffer, event, 'C');
        final long firstTradeId = integer(buffer, event, 'F');
        final long lastTradeId = integer(buffer, event, 'L');
        final long tradeCount = notNegative(integer(buffer, event, 'n'));
        if (failure != null)
        {
            return DecodeResult.DROPPED;
        }
        final MutableDirectBuffer slot = publisher.claim();
        if (slot == null)
        {
            return DecodeResult.BACK_PRESSURED;
        }
        ticker.wrapAndApplyHeader(slot, 0, header).source()
            .sourceId(sequence.sourceId()).sequence(sequence.next()).eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        ticker.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)px).sizeExponent((byte)sz)
            .quoteExponent((byte)TICKER_EXPONENT).percentExponent((byte)TICKER_EXPONENT)
            .priceChange(priceChange).priceChangePercent(priceChangePercent).weightedAvgPrice(weightedAvgPrice)
            .prevClosePrice(prevClosePrice).lastPrice(lastPrice).lastQuantity(lastQuantity)
            .bidPrice(bidPrice).bidQuantity(bidQuantity).askPrice(askPrice).askQuantity(askQuantity)
            .openPrice(openPrice).highPrice(highPrice).lowPrice(lowPrice).volume(volume).quoteVolume(quoteVolume)
            .openTimeNs(openTimeNs).closeTimeNs(closeTimeNs)
            .firstTradeId(firstTradeId).lastTradeId(lastTradeId).tradeCount(tradeCount);
        instrument.lastUpdateNs = receiveTimeNs;
        publisher.commit(MessageHeaderEncoder.ENCODED_LENGTH + ticker.encodedLength());
        return DecodeResult.OK;
    }

    private int depthUpdate(final DirectBuffer buffer, final JsonObjectIndex event)
    {
        final Instrument instrument = instrument(buffer, event);
        if (instrument == null)
        {
            return DecodeResult.DROPPED;
        }
        final long eventTimeNs = millisToNanos(buffer, event, 'E');
        final long firstUpdateId = positive(integer(buffer, event, 'U'));
        final long lastUpdateId = positive(integer(buffer, event, 'u'));
        if (failure == null && firstUpdateId > lastUpdateId)
        {
            failure = BadInput.BAD_NUMBER;
        }
        if (failure != null || event.type('b') != JsonType.ARRAY || event.type('a') != JsonType.ARRAY)
        {
            return fail(failure != null ? failure : BadInput.UNEXPECTED_FIELDS);
        }
        bookDelta.wrapAndApplyHeader(scratch, 0, header).source()
            .sourceId(sequence.sourceId()).sequence(0).eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        bookDelta.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .firstUpdateId(firstUpdateId).lastUpdateId(lastUpdateId);
        final BookDeltaEncoder.BidsEncoder bids = bookDelta.bidsCount(BookDeltaEncoder.BidsEncoder.countMaxValue());
        levels.reset(buffer, event.start('b'), event.end('b'), instrument.priceExponent(), instrument.sizeExponent());
        while (levels.next())
        {
            if (!fits(bookDelta.limit(), BookDeltaEncoder.BidsEncoder.sbeBlockLength()))
            {
                return fail(BadInput.TOO_MANY_LEVELS);
            }
            bids.next().price(levels.price()).quantity(levels.quantity());
        }
        if (levels.error() != null)
        {
            return fail(levels.error());
        }
        bids.resetCountToIndex();
        if (!fits(bookDelta.limit(), BookDeltaEncoder.AsksEncoder.sbeHeaderSize()))
        {
            return fail(BadInput.TOO_MANY_LEVELS);
        }
        final BookDeltaEncoder.AsksEncoder asks = bookDelta.asksCount(BookDeltaEncoder.AsksEncoder.countMaxValue());
        levels.reset(buffer, event.start('a'), event.end('a'), instrument.priceExponent(), instrument.sizeExponent());
        while (levels.next())
        {
            if (!fits(bookDelta.limit(), BookDeltaEncoder.AsksEncoder.sbeBlockLength()))
            {
                return fail(BadInput.TOO_MANY_LEVELS);
            }
            asks.next().price(levels.price()).quantity(levels.quantity());
        }
        if (levels.error() != null)
        {
            return fail(levels.error());
        }
        asks.resetCountToIndex();
        final int result = depthSink.onDepthUpdate(
            instrument, scratch, MessageHeaderEncoder.ENCODED_LENGTH + bookDelta.encodedLength(), firstUpdateId, lastUpdateId);
        if (result == DecodeResult.OK)
        {
            instrument.lastUpdateNs = receiveTimeNs;
        }
        return result;
    }

    private boolean fits(final int limit, final int more)
    {
        return limit + more <= scratch.capacity();
    }

    private Instrument instrument(final DirectBuffer buffer, final JsonObjectIndex event)
    {
        if (event.type('s') != JsonType.STRING)
        {
            failure = BadInput.UNEXPECTED_FIELDS;
            return null;
        }
        final Instrument instrument = instruments.lookup(buffer, event.start('s'), event.length('s'));
        if (instrument == null)
        {
            failure = BadInput.UNKNOWN_SYMBOL;
        }
        return instrument;
    }

    private Side aggressor(final JsonObjectIndex event)
    {
        final byte maker = event.type('m');
        if (maker != JsonType.TRUE && maker != JsonType.FALSE)
        {
            failure = BadInput.UNEXPECTED_FIELDS;
            return Side.NULL_VAL;
        }
        return maker == JsonType.TRUE ? Side.SELL : Side.BUY; // buyer is maker: the seller took
    }

    private long decimal(final DirectBuffer buffer, final JsonObjectIndex event, final int key, final int exponent)
    {
        if (event.type(key) != JsonType.STRING)
        {
            failure = failure != null ? failure : BadInput.UNEXPECTED_FIELDS;
            return 0;
        }
        return checked(parser.parse(buffer, event.start(key), event.length(key), exponent));
    }

    private long integer(final DirectBuffer buffer, final JsonObjectIndex event, final int key)
    {
        if (event.type(key) != JsonType.NUMBER)
        {
            failure = failure != null ? failure : BadInput.UNEXPECTED_FIELDS;
            return 0;
        }
        return checked(parser.parse(buffer, event.start(key), event.length(key), 0));
    }

    private long millisToNanos(final DirectBuffer buffer, final JsonObjectIndex event, final int key)
    {
        final long millis = notNegative(integer(buffer, event, key));
        if (millis > MAX_MS)
        {
            failure = failure != null ? failure : BadInput.BAD_NUMBER;
            return 0;
        }
        return millis * MS_TO_NS;
    }

    private long checked(final long value)
    {
        if (value == DecimalParser.INVALID)
        {
            failure = failure != null ? failure : BadInput.BAD_NUMBER;
            return 0;
        }
        return value;
    }

    private long positive(final long value)
    {
        if (value <= 0 && failure == null)
        {
            failure = BadInput.BAD_NUMBER;
        }
        return value;
    }

    private long notNegative(final long value)
    {
        if (value < 0 && failure == null)
        {
            failure = BadInput.BAD_NUMBER;
        }
        return value;
    }

    private static boolean isKnownEvent(final JsonObjectIndex event)
    {
        return event.stringEquals('e', TRADE) || event.stringEquals('e', AGG_TRADE) || event.stringEquals('e', DEPTH_UPDATE) ||
            event.stringEquals('e', TICKER) || event.stringEquals('e', SERVER_SHUTDOWN);
    }

    private int fail(final BadInput reason)
    {
        failure = reason;
        return DecodeResult.DROPPED;
    }

    private static BadInput jsonFailure(final int error)
    {
        return error == JsonError.TRUNCATED ? BadInput.TRUNCATED : BadInput.MALFORMED_JSON;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Trades and quotes not published again because an id at or above theirs already was (connection overlap). */
    public long duplicates()
    {
        return duplicates;
    }

    public BadInputCounters badInput()
    {
        return badInput;
    }
}
