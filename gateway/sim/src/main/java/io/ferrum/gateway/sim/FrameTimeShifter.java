package io.ferrum.gateway.sim;

import io.ferrum.gateway.json.JsonObjectIndex;
import io.ferrum.gateway.json.JsonType;
import org.agrona.AsciiEncoding;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.function.LongUnaryOperator;

/**
 * Maps the venue times of a recorded Binance spot JSON frame (a combined-stream wrapper or
 * a bare event) through a clock, rewriting the digits in place, so that the simulator serves
 * them on its own clock. The times moved are those Binance's spot events
 * carry: {@code E} of every event, {@code T} of trade and aggTrade, {@code O} and {@code C}
 * of 24hrTicker, {@code t} and {@code T} of a kline's {@code k}. Every other byte stays as
 * recorded. A millisecond time keeps its 13 digits until the year 2286, so the frame keeps
 * its length; should a time's digit count change, the rest of the frame moves, within the
 * buffer's capacity. A field that is not a plain integer, or that would map below 0, stays
 * as recorded; so does a frame that does not parse. One instance per thread, nothing allocated.
 */
final class FrameTimeShifter
{
    /** Capacity a frame may need beyond its length: every time field growing to 19 digits. */
    static final int MAX_GROWTH = 4 * 19;

    private static final int MAX_FIELDS = 4;
    private static final int MAX_DIGITS = 18;
    private static final byte[] DATA = ascii("data");
    private static final byte[] TRADE = ascii("trade");
    private static final byte[] AGG_TRADE = ascii("aggTrade");
    private static final byte[] TICKER = ascii("24hrTicker");
    private static final byte[] KLINE = ascii("kline");

    private final JsonObjectIndex outer = new JsonObjectIndex();
    private final JsonObjectIndex event = new JsonObjectIndex();
    private final JsonObjectIndex kline = new JsonObjectIndex();
    private final int[] fieldStart = new int[MAX_FIELDS];
    private final int[] fieldEnd = new int[MAX_FIELDS];
    private int fields;

    /**
     * @param buffer holding the frame at {@code offset}; capacity up to {@code offset + length + MAX_GROWTH}
     *               lets every time change its digit count
     * @param clockMs maps a recorded time in epoch milliseconds to the one to serve
     * @return the frame's length once shifted (its length as given, unless a time's digit count changed)
     */
    int shift(final MutableDirectBuffer buffer, final int offset, final int length, final LongUnaryOperator clockMs)
    {
        if (!findFields(buffer, offset, offset + length))
        {
            return length;
        }
        sortFields();
        int end = offset + length;
        int moved = 0;
        for (int i = 0; i < fields; i++)
        {
            final int start = fieldStart[i] + moved;
            final int oldLength = fieldEnd[i] - fieldStart[i];
            final long shifted = clockMs.applyAsLong(buffer.parseNaturalLongAscii(start, oldLength));
            if (shifted < 0)
            {
                continue;
            }
            final int newLength = AsciiEncoding.digitCount(shifted);
            if (newLength != oldLength)
            {
                if (end + newLength - oldLength > buffer.capacity())
                {
                    continue;
                }
                move(buffer, start + oldLength, start + newLength, end - start - oldLength);
                end += newLength - oldLength;
                moved += newLength - oldLength;
            }
            buffer.putNaturalLongAscii(start, shifted);
        }
        return end - offset;
    }

    private boolean findFields(final MutableDirectBuffer buffer, final int offset, final int limit)
    {
        fields = 0;
        if (outer.parse(buffer, offset, limit) < 0)
        {
            return false;
        }
        final int data = outer.findLongKey(DATA);
        if (data < 0)
        {
            return addFields(buffer, outer);
        }
        return outer.longValueType(data) == JsonType.OBJECT &&
            event.parse(buffer, outer.longValueStart(data), outer.longValueEnd(data)) >= 0 &&
            addFields(buffer, event);
    }

    private boolean addFields(final MutableDirectBuffer buffer, final JsonObjectIndex e)
    {
        if (!e.has('e') || e.type('e') != JsonType.STRING)
        {
            return false; // bookTicker and partial depth carry no time
        }
        add(buffer, e, 'E');
        if (e.stringEquals('e', TRADE) || e.stringEquals('e', AGG_TRADE))
        {
            add(buffer, e, 'T');
        }
        else if (e.stringEquals('e', TICKER))
        {
            add(buffer, e, 'O');
            add(buffer, e, 'C');
        }
        else if (e.stringEquals('e', KLINE) && e.has('k') && e.type('k') == JsonType.OBJECT &&
            kline.parse(buffer, e.start('k'), e.end('k')) >= 0)
        {
            add(buffer, kline, 't');
            add(buffer, kline, 'T');
        }
        return fields > 0;
    }

    private void add(final MutableDirectBuffer buffer, final JsonObjectIndex index, final int key)
    {
        if (!index.has(key) || index.type(key) != JsonType.NUMBER)
        {
            return;
        }
        final int start = index.start(key);
        final int end = index.end(key);
        if (end - start > MAX_DIGITS)
        {
            return;
        }
        for (int i = start; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (b < '0' || b > '9')
            {
                return;
            }
        }
        fieldStart[fields] = start;
        fieldEnd[fields] = end;
        fields++;
    }

    /** Copies {@code length} bytes to an overlapping place, in the order that reads each byte before overwriting it. */
    private static void move(final MutableDirectBuffer buffer, final int from, final int to, final int length)
    {
        if (to > from)
        {
            for (int i = length - 1; i >= 0; i--)
            {
                buffer.putByte(to + i, buffer.getByte(from + i));
            }
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                buffer.putByte(to + i, buffer.getByte(from + i));
            }
        }
    }

    /** In frame order, so that a field whose length changes moves only the ones after it. */
    private void sortFields()
    {
        for (int i = 1; i < fields; i++)
        {
            final int start = fieldStart[i];
            final int end = fieldEnd[i];
            int j = i - 1;
            while (j >= 0 && fieldStart[j] > start)
            {
                fieldStart[j + 1] = fieldStart[j];
                fieldEnd[j + 1] = fieldEnd[j];
                j--;
            }
            fieldStart[j + 1] = start;
            fieldEnd[j + 1] = end;
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
