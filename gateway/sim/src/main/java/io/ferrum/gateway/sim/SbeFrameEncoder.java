package io.ferrum.gateway.sim;

import io.ferrum.codecs.binance.sbe.BestBidAskStreamEventEncoder;
import io.ferrum.codecs.binance.sbe.DepthDiffStreamEventEncoder;
import io.ferrum.codecs.binance.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.gateway.binance.LevelsCursor;
import io.ferrum.gateway.json.JsonObjectIndex;
import io.ferrum.gateway.json.JsonType;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.function.LongUnaryOperator;

/**
 * Turns a recorded combined-stream JSON frame into the frame Binance's SBE market-data
 * endpoint sends for the same event: depth diffs into {@code DepthDiffStreamEvent}, bookTicker
 * into {@code BestBidAskStreamEvent} (exponent -8, times in microseconds). Other events have
 * no SBE stream here (aggTrade has none) and give null. Event times go through the simulator's
 * clock (a depth diff's {@code E}; a bookTicker, which records none, gets its receive time).
 * Simulator only: a cold path.
 */
final class SbeFrameEncoder
{
    private static final int EXPONENT = -8;
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

    private final JsonObjectIndex outer = new JsonObjectIndex();
    private final JsonObjectIndex data = new JsonObjectIndex();
    private final LevelsCursor levels = new LevelsCursor();
    private final DecimalParser parser = new DecimalParser();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final DepthDiffStreamEventEncoder depth = new DepthDiffStreamEventEncoder();
    private final BestBidAskStreamEventEncoder quote = new BestBidAskStreamEventEncoder();

    /**
     * @param clock maps a recorded epoch time in nanoseconds to the one served, see {@link VenueSimulator#venueTimeNs}
     * @return the SBE frame, or null when the event has no SBE stream or does not parse
     */
    byte[] encode(final String payload, final long receiveTimeNs, final LongUnaryOperator clock)
    {
        final byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer in = new UnsafeBuffer(bytes);
        if (outer.parse(in, 0, bytes.length) < 0)
        {
            return null;
        }
        final int d = outer.findLongKey(DATA);
        if (d < 0 || outer.longValueType(d) != JsonType.OBJECT || data.parse(in, outer.longValueStart(d), outer.longValueEnd(d)) < 0)
        {
            return null;
        }
        final String symbol = in.getStringWithoutLengthAscii(data.start('s'), data.length('s'));
        final UnsafeBuffer out = new UnsafeBuffer(new byte[bytes.length + 256]);
        if (data.type('e') == JsonType.STRING && payload.contains("\"depthUpdate\""))
        {
            depth.wrapAndApplyHeader(out, 0, header)
                .eventTime(clock.applyAsLong(number(in, 'E') * 1_000_000L) / 1000).firstBookUpdateId(number(in, 'U')).lastBookUpdateId(number(in, 'u'))
                .priceExponent((byte)EXPONENT).qtyExponent((byte)EXPONENT);
            final DepthDiffStreamEventEncoder.BidsEncoder bids = depth.bidsCount(count(in, 'b'));
            levels.reset(in, data.start('b'), data.end('b'), EXPONENT, EXPONENT);
            while (levels.next())
            {
                bids.next().price(levels.price()).qty(levels.quantity());
            }
            final DepthDiffStreamEventEncoder.AsksEncoder asks = depth.asksCount(count(in, 'a'));
            levels.reset(in, data.start('a'), data.end('a'), EXPONENT, EXPONENT);
            while (levels.next())
            {
                asks.next().price(levels.price()).qty(levels.quantity());
            }
            depth.symbol(symbol);
            return copy(out, MessageHeaderEncoder.ENCODED_LENGTH + depth.encodedLength());
        }
        if (!data.has('e') && data.has('u'))
        {
            quote.wrapAndApplyHeader(out, 0, header)
                .eventTime(clock.applyAsLong(receiveTimeNs) / 1000).bookUpdateId(number(in, 'u'))
                .priceExponent((byte)EXPONENT).qtyExponent((byte)EXPONENT)
                .bidPrice(decimal(in, 'b')).bidQty(decimal(in, 'B')).askPrice(decimal(in, 'a')).askQty(decimal(in, 'A'));
            quote.symbol(symbol);
            return copy(out, MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength());
        }
        return null;
    }

    private int count(final UnsafeBuffer in, final int key)
    {
        int count = 0;
        levels.reset(in, data.start(key), data.end(key), EXPONENT, EXPONENT);
        while (levels.next())
        {
            count++;
        }
        return count;
    }

    private long number(final UnsafeBuffer in, final int key)
    {
        return parser.parse(in, data.start(key), data.length(key), 0);
    }

    private long decimal(final UnsafeBuffer in, final int key)
    {
        return parser.parse(in, data.start(key), data.length(key), EXPONENT);
    }

    private static byte[] copy(final UnsafeBuffer out, final int length)
    {
        final byte[] frame = new byte[length];
        out.getBytes(0, frame);
        return frame;
    }
}
