package io.ferrum.gateway.sim;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.engine.book.UpdateIdChain;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.LevelsCursor;
import io.ferrum.gateway.book.DepthSnapshotDecoder;
import io.ferrum.gateway.book.LocalBook;
import io.ferrum.gateway.json.JsonObjectIndex;
import io.ferrum.gateway.json.JsonType;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The venue's own books, as the replay reaches them: each recorded REST snapshot resets a
 * symbol's book, and every recorded diff after it (including ones a fault keeps from the
 * client) moves it on. A depth request is answered from here, so a client resyncing after a
 * fault mid-session gets the book as it stands at that point, as the live venue would give.
 * Cold path: the simulator is not latency critical.
 */
final class VenueBooks
{
    private static final int EXPONENT = Instrument.BINANCE_EXPONENT;

    private final Map<String, LocalBook> books = new HashMap<>();
    private final DepthSnapshotDecoder snapshotDecoder = new DepthSnapshotDecoder();
    private final JsonObjectIndex outer = new JsonObjectIndex();
    private final JsonObjectIndex data = new JsonObjectIndex();
    private final LevelsCursor levels = new LevelsCursor();
    private final DecimalParser parser = new DecimalParser();

    void onSnapshot(final String symbol, final String body)
    {
        final LocalBook book = new LocalBook(1024);
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        if (snapshotDecoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, new Instrument(symbol, 1), book) == null)
        {
            books.put(symbol, book);
        }
    }

    /** Applies a recorded combined-stream depth diff to the symbol's book, if it chains. */
    void onFrame(final String payload)
    {
        if (!payload.contains("\"depthUpdate\""))
        {
            return;
        }
        final byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (outer.parse(buffer, 0, bytes.length) < 0)
        {
            return;
        }
        final int d = outer.findLongKey("data".getBytes(StandardCharsets.US_ASCII));
        if (d < 0 || outer.longValueType(d) != JsonType.OBJECT || data.parse(buffer, outer.longValueStart(d), outer.longValueEnd(d)) < 0)
        {
            return;
        }
        final LocalBook book = books.get(buffer.getStringWithoutLengthAscii(data.start('s'), data.length('s')));
        if (book == null)
        {
            return;
        }
        final long first = parser.parse(buffer, data.start('U'), data.length('U'), 0);
        final long last = parser.parse(buffer, data.start('u'), data.length('u'), 0);
        if (UpdateIdChain.classify(book.lastUpdateId(), first, last) != UpdateIdChain.CHAINS)
        {
            return;
        }
        levels.reset(buffer, data.start('b'), data.end('b'), EXPONENT, EXPONENT);
        while (levels.next())
        {
            book.setBid(levels.price(), levels.quantity());
        }
        levels.reset(buffer, data.start('a'), data.end('a'), EXPONENT, EXPONENT);
        while (levels.next())
        {
            book.setAsk(levels.price(), levels.quantity());
        }
        book.lastUpdateId(last);
    }

    /** @return the REST depth body for the symbol's book now, top {@code limit} levels, or null if unknown. */
    String depthJson(final String symbol, final int limit)
    {
        final LocalBook book = books.get(symbol);
        if (book == null)
        {
            return null;
        }
        final StringBuilder out = new StringBuilder(64 + 64 * limit);
        out.append("{\"lastUpdateId\":").append(book.lastUpdateId()).append(",\"bids\":[");
        for (int i = 0; i < Math.min(limit, book.bidLevels()); i++)
        {
            level(out, i, book.bidPrice(i), book.bidQuantity(i));
        }
        out.append("],\"asks\":[");
        for (int i = 0; i < Math.min(limit, book.askLevels()); i++)
        {
            level(out, i, book.askPrice(i), book.askQuantity(i));
        }
        return out.append("]}").toString();
    }

    private static void level(final StringBuilder out, final int index, final long price, final long quantity)
    {
        if (index > 0)
        {
            out.append(',');
        }
        FixedPoint.appendTo(out.append("[\""), price, EXPONENT).append("\",\"");
        FixedPoint.appendTo(out, quantity, EXPONENT).append("\"]");
    }
}
