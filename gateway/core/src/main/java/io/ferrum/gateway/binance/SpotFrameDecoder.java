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

    /** What {@link #decodeFixedLayout} returns when the frame is not in Binance's exact layout. */
    private static final int NOT_FIXED_LAYOUT = -1;
    // Binance's compact layouts, key by key: the fast path matches these bytes
    private static final byte[] STREAM_PREFIX = ascii("{\"stream\":");
    private static final byte[] DATA_PREFIX = ascii(",\"data\":{");
    private static final byte[] TRADE_PREFIX = ascii("\"e\":\"trade\",\"E\":");
    private static final byte[] AGG_TRADE_PREFIX = ascii("\"e\":\"aggTrade\",\"E\":");
    private static final byte[] DEPTH_PREFIX = ascii("\"e\":\"depthUpdate\",\"E\":");
    private static final byte[] TICKER_PREFIX = ascii("\"e\":\"24hrTicker\",\"E\":");
    private static final byte[] BOOK_TICKER_PREFIX = ascii("\"u\":");
    private static final byte[] KEY_S = key('s');
    private static final byte[] KEY_T = key('t');
    private static final byte[] KEY_P = key('p');
    private static final byte[] KEY_Q = key('q');
    private static final byte[] KEY_B = key('b');
    private static final byte[] KEY_A = key('a');
    private static final byte[] KEY_UPPER_B = key('B');
    private static final byte[] KEY_UPPER_A = key('A');
    private static final byte[] KEY_UPPER_T = key('T');
    private static final byte[] KEY_M = key('m');
    private static final byte[] KEY_UPPER_M = key('M');
    private static final byte[] KEY_F = key('f');
    private static final byte[] KEY_L = key('l');
    private static final byte[] KEY_UPPER_U = key('U');
    private static final byte[] KEY_U = key('u');

    // 24hrTicker fields, in Binance's order (after "e"): index into tickerValues
    private static final int EVENT_TIME = 0;
    private static final int PRICE_CHANGE = 1;
    private static final int PRICE_CHANGE_PERCENT = 2;
    private static final int WEIGHTED_AVG_PRICE = 3;
    private static final int PREV_CLOSE_PRICE = 4;
    private static final int LAST_PRICE = 5;
    private static final int LAST_QUANTITY = 6;
    private static final int BID_PRICE = 7;
    private static final int BID_QUANTITY = 8;
    private static final int ASK_PRICE = 9;
    private static final int ASK_QUANTITY = 10;
    private static final int OPEN_PRICE = 11;
    private static final int HIGH_PRICE = 12;
    private static final int LOW_PRICE = 13;
    private static final int VOLUME = 14;
    private static final int QUOTE_VOLUME = 15;
    private static final int OPEN_TIME = 16;
    private static final int CLOSE_TIME = 17;
    private static final int FIRST_TRADE_ID = 18;
    private static final int LAST_TRADE_ID = 19;
    private static final int TRADE_COUNT = 20;
    private static final String TICKER_KEYS_IN_ORDER = "EpPwxcQbBaAohlvqOCFLn";
    private static final byte[][] TICKER_FIELD_KEYS = new byte[TICKER_KEYS_IN_ORDER.length()][];

    static
    {
        for (int f = 0; f < TICKER_FIELD_KEYS.length; f++)
        {
            TICKER_FIELD_KEYS[f] = key(TICKER_KEYS_IN_ORDER.charAt(f));
        }
    }

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
    private final FixedLayoutCursor cursor = new FixedLayoutCursor();
    private final long[] tickerValues = new long[TICKER_KEYS_IN_ORDER.length()];
    private final boolean fastPath;

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
        this(instruments, publisher, depthSink, sequence, badInput, venue, maxFrameLength, true);
    }

    /** @param fastPath false for the generic decoder alone: tests compare the two paths frame by frame */
    SpotFrameDecoder(
        final InstrumentTable instruments,
        final InboundPublisher publisher,
        final DepthUpdateSink depthSink,
        final SourceSequence sequence,
        final BadInputCounters badInput,
        final Venue venue,
        final int maxFrameLength,
        final boolean fastPath)
    {
        this.fastPath = fastPath;
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
        if (fastPath)
        {
            final int result = decodeFixedLayout(buffer, offset, limit);
            if (result != NOT_FIXED_LAYOUT)
            {
                return result;
            }
        }
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

    /**
     * The fast path: trade, aggTrade, bookTicker, depthUpdate and 24hrTicker frames exactly as Binance
     * writes them (compact, keys in its order, raw or in a combined stream), scanned once with the
     * values parsed in place. Anything else, and anything a rule would refuse (unknown symbol, a bad
     * number, ids out of order), returns {@link #NOT_FIXED_LAYOUT} having published nothing, and the
     * generic path decides, so the two always agree.
     */
    private int decodeFixedLayout(final DirectBuffer buffer, final int offset, final int limit)
    {
        final FixedLayoutCursor c = cursor;
        c.reset(buffer, offset, limit);
        final boolean wrapped = c.peek(STREAM_PREFIX);
        if (wrapped)
        {
            c.string();
            c.expect(DATA_PREFIX);
        }
        else
        {
            c.expect((byte)'{');
        }
        if (!c.ok())
        {
            return NOT_FIXED_LAYOUT;
        }
        if (c.peek(DEPTH_PREFIX))
        {
            return fixedDepthUpdate(buffer, c, wrapped);
        }
        if (c.peek(BOOK_TICKER_PREFIX))
        {
            return fixedBookTicker(buffer, c, wrapped);
        }
        if (c.peek(TRADE_PREFIX))
        {
            return fixedTrade(buffer, c, wrapped);
        }
        if (c.peek(AGG_TRADE_PREFIX))
        {
            return fixedAggTrade(buffer, c, wrapped);
        }
        if (c.peek(TICKER_PREFIX))
        {
            return fixedTicker(buffer, c, wrapped);
        }
        return NOT_FIXED_LAYOUT;
    }

    private int fixedTrade(final DirectBuffer buffer, final FixedLayoutCursor c, final boolean wrapped)
    {
        final long eventMs = c.integer();
        final Instrument instrument = fixedInstrument(buffer, c);
        c.expect(KEY_T);
        final long tradeId = c.integer();
        c.expect(KEY_P);
        final long price = c.decimal(instrument == null ? 0 : instrument.priceExponent());
        c.expect(KEY_Q);
        final long quantity = c.decimal(instrument == null ? 0 : instrument.sizeExponent());
        if (c.peek(KEY_B)) // buyer and seller order ids: sent until 2023
        {
            c.integer();
            c.expect(KEY_A);
            c.integer();
        }
        c.expect(KEY_UPPER_T);
        final long tradeMs = c.integer();
        c.expect(KEY_M);
        final boolean buyerIsMaker = c.bool();
        c.expect(KEY_UPPER_M);
        c.bool();
        if (!endOfEvent(c, wrapped) || eventMs > MAX_MS || tradeMs > MAX_MS || price <= 0 || quantity <= 0)
        {
            return NOT_FIXED_LAYOUT;
        }
        return publishTrade(instrument, eventMs * MS_TO_NS, tradeId, price, quantity, tradeMs * MS_TO_NS,
            buyerIsMaker ? Side.SELL : Side.BUY);
    }

    private int fixedAggTrade(final DirectBuffer buffer, final FixedLayoutCursor c, final boolean wrapped)
    {
        final long eventMs = c.integer();
        final Instrument instrument = fixedInstrument(buffer, c);
        c.expect(KEY_A);
        final long aggTradeId = c.integer();
        c.expect(KEY_P);
        final long price = c.decimal(instrument == null ? 0 : instrument.priceExponent());
        c.expect(KEY_Q);
        final long quantity = c.decimal(instrument == null ? 0 : instrument.sizeExponent());
        c.expect(KEY_F);
        final long firstTradeId = c.integer();
        c.expect(KEY_L);
        final long lastTradeId = c.integer();
        c.expect(KEY_UPPER_T);
        final long tradeMs = c.integer();
        c.expect(KEY_M);
        final boolean buyerIsMaker = c.bool();
        c.expect(KEY_UPPER_M);
        c.bool();
        if (!endOfEvent(c, wrapped) || eventMs > MAX_MS || tradeMs > MAX_MS || price <= 0 || quantity <= 0 ||
            firstTradeId > lastTradeId)
        {
            return NOT_FIXED_LAYOUT;
        }
        return publishAggTrade(instrument, eventMs * MS_TO_NS, aggTradeId, price, quantity, firstTradeId, lastTradeId,
            tradeMs * MS_TO_NS, buyerIsMaker ? Side.SELL : Side.BUY);
    }

    private int fixedBookTicker(final DirectBuffer buffer, final FixedLayoutCursor c, final boolean wrapped)
    {
        final long updateId = c.integer();
        final Instrument instrument = fixedInstrument(buffer, c);
        final int px = instrument == null ? 0 : instrument.priceExponent();
        final int sz = instrument == null ? 0 : instrument.sizeExponent();
        c.expect(KEY_B);
        final long bidPrice = c.decimal(px);
        c.expect(KEY_UPPER_B);
        final long bidQuantity = c.decimal(sz);
        c.expect(KEY_A);
        final long askPrice = c.decimal(px);
        c.expect(KEY_UPPER_A);
        final long askQuantity = c.decimal(sz);
        if (!endOfEvent(c, wrapped) || (bidPrice | bidQuantity | askPrice | askQuantity) < 0)
        {
            return NOT_FIXED_LAYOUT;
        }
        return publishBookTicker(instrument, updateId, bidPrice, bidQuantity, askPrice, askQuantity);
    }

    private int fixedTicker(final DirectBuffer buffer, final FixedLayoutCursor c, final boolean wrapped)
    {
        final long[] v = tickerValues;
        v[EVENT_TIME] = c.integer();
        final Instrument instrument = fixedInstrument(buffer, c);
        final int px = instrument == null ? 0 : instrument.priceExponent();
        final int sz = instrument == null ? 0 : instrument.sizeExponent();
        long negative = 0;
        for (int f = PRICE_CHANGE; f <= QUOTE_VOLUME; f++)
        {
            c.expect(TICKER_FIELD_KEYS[f]);
            v[f] = c.decimal(tickerExponent(f, px, sz));
            negative |= f >= WEIGHTED_AVG_PRICE ? v[f] : 0; // only the change and its percent may be negative
        }
        for (int f = OPEN_TIME; f <= TRADE_COUNT; f++)
        {
            c.expect(TICKER_FIELD_KEYS[f]);
            v[f] = c.integer(); // F and L are -1 when there was no trade: the generic path takes those
        }
        if (!endOfEvent(c, wrapped) || negative < 0 || v[EVENT_TIME] > MAX_MS || v[OPEN_TIME] > MAX_MS ||
            v[CLOSE_TIME] > MAX_MS)
        {
            return NOT_FIXED_LAYOUT;
        }
        v[EVENT_TIME] *= MS_TO_NS;
        v[OPEN_TIME] *= MS_TO_NS;
        v[CLOSE_TIME] *= MS_TO_NS;
        return publishTicker(instrument);
    }

    private int fixedDepthUpdate(final DirectBuffer buffer, final FixedLayoutCursor c, final boolean wrapped)
    {
        final long eventMs = c.integer();
        final Instrument instrument = fixedInstrument(buffer, c);
        c.expect(KEY_UPPER_U);
        final long firstUpdateId = c.integer();
        c.expect(KEY_U);
        final long lastUpdateId = c.integer();
        if (!c.ok() || eventMs > MAX_MS || firstUpdateId <= 0 || firstUpdateId > lastUpdateId)
        {
            return NOT_FIXED_LAYOUT;
        }
        beginBookDelta(instrument, eventMs * MS_TO_NS, firstUpdateId, lastUpdateId);
        c.expect(KEY_B);
        final BookDeltaEncoder.BidsEncoder bids = bookDelta.bidsCount(BookDeltaEncoder.BidsEncoder.countMaxValue());
        final int px = instrument.priceExponent();
        final int sz = instrument.sizeExponent();
        c.expect((byte)'[');
        if (!c.peek((byte)']'))
        {
            do
            {
                c.expect((byte)'[');
                final long price = c.decimal(px);
                c.expect((byte)',');
                final long quantity = c.decimal(sz);
                c.expect((byte)']');
                if (!c.ok() || price <= 0 || quantity < 0 || !fits(bookDelta.limit(), BookDeltaEncoder.BidsEncoder.sbeBlockLength()))
                {
                    return NOT_FIXED_LAYOUT;
                }
                bids.next().price(price).quantity(quantity);
            }
            while (c.peek((byte)','));
            c.expect((byte)']');
        }
        bids.resetCountToIndex();
        c.expect(KEY_A);
        if (!c.ok() || !fits(bookDelta.limit(), BookDeltaEncoder.AsksEncoder.sbeHeaderSize()))
        {
            return NOT_FIXED_LAYOUT;
        }
        final BookDeltaEncoder.AsksEncoder asks = bookDelta.asksCount(BookDeltaEncoder.AsksEncoder.countMaxValue());
        c.expect((byte)'[');
        if (!c.peek((byte)']'))
        {
            do
            {
                c.expect((byte)'[');
                final long price = c.decimal(px);
                c.expect((byte)',');
                final long quantity = c.decimal(sz);
                c.expect((byte)']');
                if (!c.ok() || price <= 0 || quantity < 0 || !fits(bookDelta.limit(), BookDeltaEncoder.AsksEncoder.sbeBlockLength()))
                {
                    return NOT_FIXED_LAYOUT;
                }
                asks.next().price(price).quantity(quantity);
            }
            while (c.peek((byte)','));
            c.expect((byte)']');
        }
        asks.resetCountToIndex();
        if (!endOfEvent(c, wrapped))
        {
            return NOT_FIXED_LAYOUT;
        }
        return publishBookDelta(instrument, firstUpdateId, lastUpdateId);
    }

    /** {@code ,"s":"SYMBOL"}: the configured instrument, else null with the cursor failed (the generic path counts it). */
    private Instrument fixedInstrument(final DirectBuffer buffer, final FixedLayoutCursor c)
    {
        c.expect(KEY_S);
        final int start = c.string();
        if (!c.ok())
        {
            return null;
        }
        final Instrument instrument = instruments.lookup(buffer, start, c.stringLength());
        if (instrument == null)
        {
            c.fail();
        }
        return instrument;
    }

    /** The event's closing brace, the stream's if wrapped, and nothing after them. */
    private static boolean endOfEvent(final FixedLayoutCursor c, final boolean wrapped)
    {
        c.expect((byte)'}');
        if (wrapped)
        {
            c.expect((byte)'}');
        }
        return c.ok() && c.atEnd();
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
        return publishTrade(instrument, eventTimeNs, tradeId, price, quantity, tradeTimeNs, aggressor);
    }

    private int publishTrade(
        final Instrument instrument,
        final long eventTimeNs,
        final long tradeId,
        final long price,
        final long quantity,
        final long tradeTimeNs,
        final Side aggressor)
    {
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
        return publishAggTrade(instrument, eventTimeNs, aggTradeId, price, quantity, firstTradeId, lastTradeId, tradeTimeNs,
            aggressor);
    }

    private int publishAggTrade(
        final Instrument instrument,
        final long eventTimeNs,
        final long aggTradeId,
        final long price,
        final long quantity,
        final long firstTradeId,
        final long lastTradeId,
        final long tradeTimeNs,
        final Side aggressor)
    {
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
        return publishBookTicker(instrument, updateId, bidPrice, bidQuantity, askPrice, askQuantity);
    }

    private int publishBookTicker(
        final Instrument instrument,
        final long updateId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
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
        final long[] v = tickerValues;
        v[EVENT_TIME] = millisToNanos(buffer, event, 'E');
        v[PRICE_CHANGE] = decimal(buffer, event, 'p', px);
        v[PRICE_CHANGE_PERCENT] = decimal(buffer, event, 'P', TICKER_EXPONENT);
        for (int f = WEIGHTED_AVG_PRICE; f <= QUOTE_VOLUME; f++)
        {
            v[f] = notNegative(decimal(buffer, event, TICKER_KEYS_IN_ORDER.charAt(f), tickerExponent(f, px, sz)));
        }
        v[OPEN_TIME] = millisToNanos(buffer, event, 'O');
        v[CLOSE_TIME] = millisToNanos(buffer, event, 'C');
        v[FIRST_TRADE_ID] = integer(buffer, event, 'F');
        v[LAST_TRADE_ID] = integer(buffer, event, 'L');
        v[TRADE_COUNT] = notNegative(integer(buffer, event, 'n'));
        if (failure != null)
        {
            return DecodeResult.DROPPED;
        }
        return publishTicker(instrument);
    }

    /** Exponent of a decimal ticker field: the price's, the size's, or the ticker's own. */
    private static int tickerExponent(final int field, final int px, final int sz)
    {
        switch (field)
        {
            case LAST_QUANTITY:
            case BID_QUANTITY:
            case ASK_QUANTITY:
            case VOLUME:
                return sz;
            case PRICE_CHANGE_PERCENT:
            case QUOTE_VOLUME:
                return TICKER_EXPONENT;
            default:
                return px;
        }
    }

    /** Publishes the 24hrTicker in {@link #tickerValues}. */
    private int publishTicker(final Instrument instrument)
    {
        final int px = instrument.priceExponent();
        final int sz = instrument.sizeExponent();
        final long[] v = tickerValues;
        final MutableDirectBuffer slot = publisher.claim();
        if (slot == null)
        {
            return DecodeResult.BACK_PRESSURED;
        }
        ticker.wrapAndApplyHeader(slot, 0, header).source()
            .sourceId(sequence.sourceId()).sequence(sequence.next()).eventTimeNs(v[EVENT_TIME]).receiveTimeNs(receiveTimeNs);
        ticker.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)px).sizeExponent((byte)sz)
            .quoteExponent((byte)TICKER_EXPONENT).percentExponent((byte)TICKER_EXPONENT)
            .priceChange(v[PRICE_CHANGE]).priceChangePercent(v[PRICE_CHANGE_PERCENT]).weightedAvgPrice(v[WEIGHTED_AVG_PRICE])
            .prevClosePrice(v[PREV_CLOSE_PRICE]).lastPrice(v[LAST_PRICE]).lastQuantity(v[LAST_QUANTITY])
            .bidPrice(v[BID_PRICE]).bidQuantity(v[BID_QUANTITY]).askPrice(v[ASK_PRICE]).askQuantity(v[ASK_QUANTITY])
            .openPrice(v[OPEN_PRICE]).highPrice(v[HIGH_PRICE]).lowPrice(v[LOW_PRICE]).volume(v[VOLUME])
            .quoteVolume(v[QUOTE_VOLUME]).openTimeNs(v[OPEN_TIME]).closeTimeNs(v[CLOSE_TIME])
            .firstTradeId(v[FIRST_TRADE_ID]).lastTradeId(v[LAST_TRADE_ID]).tradeCount(v[TRADE_COUNT]);
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
        beginBookDelta(instrument, eventTimeNs, firstUpdateId, lastUpdateId);
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
        return publishBookDelta(instrument, firstUpdateId, lastUpdateId);
    }

    /** Starts the BookDelta of a depth diff in the scratch buffer (published only by {@link #publishBookDelta}). */
    private void beginBookDelta(
        final Instrument instrument, final long eventTimeNs, final long firstUpdateId, final long lastUpdateId)
    {
        bookDelta.wrapAndApplyHeader(scratch, 0, header).source()
            .sourceId(sequence.sourceId()).sequence(0).eventTimeNs(eventTimeNs).receiveTimeNs(receiveTimeNs);
        bookDelta.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .firstUpdateId(firstUpdateId).lastUpdateId(lastUpdateId);
    }

    private int publishBookDelta(final Instrument instrument, final long firstUpdateId, final long lastUpdateId)
    {
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

    /** {@code ,"k":} */
    private static byte[] key(final char name)
    {
        return ascii(",\"" + name + "\":");
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
