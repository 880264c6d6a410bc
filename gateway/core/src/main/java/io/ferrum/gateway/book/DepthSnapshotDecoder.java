package io.ferrum.gateway.book;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.gateway.binance.BadInput;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.LevelsCursor;
import io.ferrum.gateway.json.JsonObjectIndex;
import io.ferrum.gateway.json.JsonScanner;
import io.ferrum.gateway.json.JsonType;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Reads a REST {@code /api/v3/depth} body {@code {"lastUpdateId":N,"bids":[...],"asks":[...]}}
 * into a {@link LocalBook}, checking it fully before the book is trusted.
 */
public final class DepthSnapshotDecoder
{
    private static final byte[] LAST_UPDATE_ID = "lastUpdateId".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BIDS = "bids".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASKS = "asks".getBytes(StandardCharsets.US_ASCII);

    private final JsonObjectIndex index = new JsonObjectIndex();
    private final DecimalParser parser = new DecimalParser();
    private final LevelsCursor levels = new LevelsCursor();

    /** @return null on success, else why the body was refused (the book is then cleared). */
    public BadInput decode(final DirectBuffer buffer, final int offset, final int length, final Instrument instrument, final LocalBook book)
    {
        book.clear();
        final int limit = offset + length;
        final int end = index.parse(buffer, offset, limit);
        if (end < 0 || JsonScanner.skipWhitespace(buffer, end, limit) != limit)
        {
            return BadInput.MALFORMED_JSON;
        }
        final int id = index.findLongKey(LAST_UPDATE_ID);
        final int bids = index.findLongKey(BIDS);
        final int asks = index.findLongKey(ASKS);
        if (id < 0 || bids < 0 || asks < 0 || index.longKeyCount() != 3 || index.presentLow() != 0 || index.presentHigh() != 0 ||
            index.longValueType(id) != JsonType.NUMBER || index.longValueType(bids) != JsonType.ARRAY ||
            index.longValueType(asks) != JsonType.ARRAY)
        {
            return BadInput.UNEXPECTED_FIELDS;
        }
        final long lastUpdateId = parser.parse(
            buffer, index.longValueStart(id), index.longValueEnd(id) - index.longValueStart(id), 0);
        if (lastUpdateId == DecimalParser.INVALID || lastUpdateId <= 0)
        {
            return BadInput.BAD_NUMBER;
        }
        BadInput error = load(buffer, index.longValueStart(bids), index.longValueEnd(bids), instrument, book, true);
        if (error == null)
        {
            error = load(buffer, index.longValueStart(asks), index.longValueEnd(asks), instrument, book, false);
        }
        if (error == null && book.isCrossed())
        {
            error = BadInput.BAD_NUMBER;
        }
        if (error != null)
        {
            book.clear();
            return error;
        }
        book.lastUpdateId(lastUpdateId);
        return null;
    }

    private BadInput load(
        final DirectBuffer buffer, final int start, final int end, final Instrument instrument, final LocalBook book, final boolean bid)
    {
        levels.reset(buffer, start, end, instrument.priceExponent(), instrument.sizeExponent());
        while (levels.next())
        {
            if (bid)
            {
                book.setBid(levels.price(), levels.quantity());
            }
            else
            {
                book.setAsk(levels.price(), levels.quantity());
            }
        }
        return levels.error();
    }
}
