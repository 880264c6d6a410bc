package io.ferrum.gateway.binance.api;

import io.ferrum.gateway.json.JsonScanner;
import io.ferrum.gateway.json.JsonType;
import org.agrona.DirectBuffer;

/**
 * Finds one member of a JSON object in place, for the API's response objects, whose long keys are too
 * many for {@link io.ferrum.gateway.json.JsonObjectIndex}: a linear walk with the shared scanner, no
 * allocation. Positions are as the index gives them: inside the quotes for a string.
 */
final class JsonMember
{
    /** Not found, or the object is malformed. */
    static final int MISSING = -1;

    private JsonMember()
    {
    }

    /**
     * @param object position of the object's opening brace
     * @return the start of {@code key}'s value (after the opening quote of a string), or {@link #MISSING};
     * its end is {@link #end}
     */
    static int find(final DirectBuffer buffer, final int object, final int limit, final byte[] key)
    {
        int i = JsonScanner.skipWhitespace(buffer, object, limit);
        if (i >= limit || buffer.getByte(i) != '{')
        {
            return MISSING;
        }
        i = JsonScanner.skipWhitespace(buffer, i + 1, limit);
        while (i < limit && buffer.getByte(i) == '"')
        {
            final int keyStart = i + 1;
            final int keyEnd = JsonScanner.skipString(buffer, i, limit);
            if (keyEnd < 0)
            {
                return MISSING;
            }
            i = JsonScanner.skipWhitespace(buffer, keyEnd, limit);
            if (i >= limit || buffer.getByte(i) != ':')
            {
                return MISSING;
            }
            final int valueStart = JsonScanner.skipWhitespace(buffer, i + 1, limit);
            if (valueStart >= limit)
            {
                return MISSING;
            }
            if (keyEnd - 1 - keyStart == key.length && equals(buffer, keyStart, key))
            {
                return JsonScanner.typeAt(buffer, valueStart) == JsonType.STRING ? valueStart + 1 : valueStart;
            }
            final int valueEnd = JsonScanner.skipValue(buffer, valueStart, limit);
            if (valueEnd < 0)
            {
                return MISSING;
            }
            i = JsonScanner.skipWhitespace(buffer, valueEnd, limit);
            if (i < limit && buffer.getByte(i) == ',')
            {
                i = JsonScanner.skipWhitespace(buffer, i + 1, limit);
            }
            else
            {
                return MISSING;
            }
        }
        return MISSING;
    }

    /** End (exclusive) of the value found at {@code start}: before the closing quote of a string. */
    static int end(final DirectBuffer buffer, final int start, final int limit)
    {
        if (start > 0 && buffer.getByte(start - 1) == '"')
        {
            final int after = JsonScanner.skipString(buffer, start - 1, limit);
            return after < 0 ? after : after - 1;
        }
        return JsonScanner.skipValue(buffer, start, limit);
    }

    /** A JSON integer in place; {@code fallback} when it is not one. */
    static long longValue(final DirectBuffer buffer, final int start, final int limit, final long fallback)
    {
        if (start < 0 || start >= limit)
        {
            return fallback;
        }
        int i = start;
        final boolean negative = buffer.getByte(i) == '-';
        if (negative)
        {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < limit)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            if (++digits > 18)
            {
                return fallback;
            }
            value = value * 10 + digit;
            i++;
        }
        return digits == 0 ? fallback : negative ? -value : value;
    }

    static boolean equals(final DirectBuffer buffer, final int position, final byte[] text)
    {
        if (position < 0 || position + text.length > buffer.capacity())
        {
            return false;
        }
        for (int i = 0; i < text.length; i++)
        {
            if (buffer.getByte(position + i) != text[i])
            {
                return false;
            }
        }
        return true;
    }
}
