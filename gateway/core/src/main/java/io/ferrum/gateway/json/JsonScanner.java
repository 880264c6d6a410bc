package io.ferrum.gateway.json;

import org.agrona.DirectBuffer;

/**
 * Stateless helpers that walk JSON text in place. Every method returns the position after
 * what it scanned, or a negative {@link JsonError}.
 */
public final class JsonScanner
{
    /** Deeper nesting than this is refused: Binance frames nest at most four levels. */
    public static final int MAX_DEPTH = 16;

    private JsonScanner()
    {
    }

    public static int skipWhitespace(final DirectBuffer buffer, final int position, final int limit)
    {
        int i = position;
        while (i < limit)
        {
            final byte b = buffer.getByte(i);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t')
            {
                break;
            }
            i++;
        }
        return i;
    }

    /** @param position at the opening quote; returns the position after the closing quote. */
    public static int skipString(final DirectBuffer buffer, final int position, final int limit)
    {
        int i = position + 1;
        while (i < limit)
        {
            final byte b = buffer.getByte(i);
            if (b == '"')
            {
                return i + 1;
            }
            if (b == '\\')
            {
                i++;
            }
            else if (b >= 0 && b < 0x20)
            {
                return JsonError.MALFORMED;
            }
            i++;
        }
        return JsonError.TRUNCATED;
    }

    /** @return the type of the value starting at position (no whitespace skipped), or NONE. */
    public static byte typeAt(final DirectBuffer buffer, final int position)
    {
        final byte b = buffer.getByte(position);
        switch (b)
        {
            case '"': return JsonType.STRING;
            case '{': return JsonType.OBJECT;
            case '[': return JsonType.ARRAY;
            case 't': return JsonType.TRUE;
            case 'f': return JsonType.FALSE;
            case 'n': return JsonType.NULL;
            default: return b == '-' || (b >= '0' && b <= '9') ? JsonType.NUMBER : JsonType.NONE;
        }
    }

    /** Skips one value of any type starting at position (no leading whitespace). */
    public static int skipValue(final DirectBuffer buffer, final int position, final int limit)
    {
        if (position >= limit)
        {
            return JsonError.TRUNCATED;
        }
        switch (typeAt(buffer, position))
        {
            case JsonType.STRING: return skipString(buffer, position, limit);
            case JsonType.NUMBER: return skipNumber(buffer, position, limit);
            case JsonType.TRUE: return skipLiteral(buffer, position, limit, "true");
            case JsonType.FALSE: return skipLiteral(buffer, position, limit, "false");
            case JsonType.NULL: return skipLiteral(buffer, position, limit, "null");
            case JsonType.OBJECT:
            case JsonType.ARRAY: return skipContainer(buffer, position, limit);
            default: return JsonError.MALFORMED;
        }
    }

    private static int skipNumber(final DirectBuffer buffer, final int position, final int limit)
    {
        int i = position;
        while (i < limit)
        {
            final byte b = buffer.getByte(i);
            if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E')
            {
                i++;
            }
            else
            {
                return i;
            }
        }
        return JsonError.TRUNCATED;
    }

    private static int skipLiteral(final DirectBuffer buffer, final int position, final int limit, final String word)
    {
        final int end = position + word.length();
        if (end > limit)
        {
            return JsonError.TRUNCATED;
        }
        for (int i = 0; i < word.length(); i++)
        {
            if (buffer.getByte(position + i) != word.charAt(i))
            {
                return JsonError.MALFORMED;
            }
        }
        return end;
    }

    /**
     * Skips a nested object or array, checking structure: brackets match, strings are closed,
     * and values are separated by commas. Bounded by {@link #MAX_DEPTH}.
     */
    private static int skipContainer(final DirectBuffer buffer, final int position, final int limit)
    {
        long closers = 0; // bit per depth: 1 when the container at that depth is an object
        int depth = 0;
        int i = position;
        while (i < limit)
        {
            final byte b = buffer.getByte(i);
            if (b == '{' || b == '[')
            {
                if (depth == MAX_DEPTH)
                {
                    return JsonError.TOO_COMPLEX;
                }
                closers = b == '{' ? closers | (1L << depth) : closers & ~(1L << depth);
                depth++;
                i++;
            }
            else if (b == '}' || b == ']')
            {
                depth--;
                final boolean isObject = (closers & (1L << depth)) != 0;
                if (isObject != (b == '}'))
                {
                    return JsonError.MALFORMED;
                }
                i++;
                if (depth == 0)
                {
                    return i;
                }
            }
            else if (b == '"')
            {
                i = skipString(buffer, i, limit);
                if (i < 0)
                {
                    return i;
                }
            }
            else if (b == ',' || b == ':' || b == ' ' || b == '\n' || b == '\r' || b == '\t')
            {
                i++;
            }
            else
            {
                final int end = skipValue(buffer, i, limit);
                if (end < 0)
                {
                    return end;
                }
                i = end;
            }
        }
        return JsonError.TRUNCATED;
    }
}
