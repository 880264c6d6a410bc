package io.ferrum.gateway.json;

import org.agrona.DirectBuffer;

/**
 * Indexes the members of one JSON object in place: for each key, where its value starts
 * and ends and what type it is. Binance's event fields are single ASCII letters, so those
 * go into arrays indexed by the letter and a 128-bit presence mask; longer keys
 * ("stream", "lastUpdateId", "pu"...) go into a short list. Nothing is allocated: reuse one
 * index per decoder.
 */
public final class JsonObjectIndex
{
    /** Longer keys than this many per object are refused as {@link JsonError#TOO_COMPLEX}. */
    public static final int MAX_LONG_KEYS = 8;

    private final int[] start = new int[128];
    private final int[] end = new int[128];
    private final byte[] type = new byte[128];
    private long presentLow;
    private long presentHigh;

    private final int[] longKeyStart = new int[MAX_LONG_KEYS];
    private final int[] longKeyLength = new int[MAX_LONG_KEYS];
    private final int[] longValueStart = new int[MAX_LONG_KEYS];
    private final int[] longValueEnd = new int[MAX_LONG_KEYS];
    private final byte[] longValueType = new byte[MAX_LONG_KEYS];
    private int longKeyCount;
    private DirectBuffer buffer;

    /**
     * @param position of the opening brace (leading whitespace allowed)
     * @return the position after the closing brace, or a negative {@link JsonError}
     */
    public int parse(final DirectBuffer buffer, final int position, final int limit)
    {
        this.buffer = buffer;
        presentLow = 0;
        presentHigh = 0;
        longKeyCount = 0;

        int i = JsonScanner.skipWhitespace(buffer, position, limit);
        if (i >= limit)
        {
            return JsonError.TRUNCATED;
        }
        if (buffer.getByte(i) != '{')
        {
            return JsonError.MALFORMED;
        }
        i = JsonScanner.skipWhitespace(buffer, i + 1, limit);
        if (i < limit && buffer.getByte(i) == '}')
        {
            return i + 1;
        }
        while (true)
        {
            if (i >= limit)
            {
                return JsonError.TRUNCATED;
            }
            if (buffer.getByte(i) != '"')
            {
                return JsonError.MALFORMED;
            }
            final int keyStart = i + 1;
            final int keyEnd = JsonScanner.skipString(buffer, i, limit);
            if (keyEnd < 0)
            {
                return keyEnd;
            }
            final int keyLength = keyEnd - 1 - keyStart;
            i = JsonScanner.skipWhitespace(buffer, keyEnd, limit);
            if (i >= limit)
            {
                return JsonError.TRUNCATED;
            }
            if (buffer.getByte(i) != ':')
            {
                return JsonError.MALFORMED;
            }
            i = JsonScanner.skipWhitespace(buffer, i + 1, limit);
            final int valueEnd = JsonScanner.skipValue(buffer, i, limit);
            if (valueEnd < 0)
            {
                return valueEnd;
            }
            final int stored = store(keyStart, keyLength, i, valueEnd);
            if (stored < 0)
            {
                return stored;
            }
            i = JsonScanner.skipWhitespace(buffer, valueEnd, limit);
            if (i >= limit)
            {
                return JsonError.TRUNCATED;
            }
            final byte separator = buffer.getByte(i);
            if (separator == '}')
            {
                return i + 1;
            }
            if (separator != ',')
            {
                return JsonError.MALFORMED;
            }
            i = JsonScanner.skipWhitespace(buffer, i + 1, limit);
        }
    }

    private int store(final int keyStart, final int keyLength, final int valueStart, final int valueEnd)
    {
        final byte valueType = JsonScanner.typeAt(buffer, valueStart);
        final boolean quoted = valueType == JsonType.STRING;
        final int from = quoted ? valueStart + 1 : valueStart;
        final int to = quoted ? valueEnd - 1 : valueEnd;
        if (keyLength == 1 && buffer.getByte(keyStart) >= 0)
        {
            final int key = buffer.getByte(keyStart);
            if (has(key))
            {
                return JsonError.DUPLICATE_KEY;
            }
            if (key < 64)
            {
                presentLow |= 1L << key;
            }
            else
            {
                presentHigh |= 1L << (key - 64);
            }
            start[key] = from;
            end[key] = to;
            type[key] = valueType;
            return 0;
        }
        if (longKeyCount == MAX_LONG_KEYS)
        {
            return JsonError.TOO_COMPLEX;
        }
        final int n = longKeyCount++;
        longKeyStart[n] = keyStart;
        longKeyLength[n] = keyLength;
        longValueStart[n] = from;
        longValueEnd[n] = to;
        longValueType[n] = valueType;
        return 0;
    }

    public boolean has(final int key)
    {
        return key < 64 ? (presentLow & (1L << key)) != 0 : (presentHigh & (1L << (key - 64))) != 0;
    }

    /** Presence mask of single-letter keys with ASCII code below 64. */
    public long presentLow()
    {
        return presentLow;
    }

    /** Presence mask of single-letter keys with ASCII code 64 to 127 (bit = code - 64). */
    public long presentHigh()
    {
        return presentHigh;
    }

    public int longKeyCount()
    {
        return longKeyCount;
    }

    /** Start of the value (inside the quotes for a string). */
    public int start(final int key)
    {
        return start[key];
    }

    /** End of the value, exclusive (before the closing quote for a string). */
    public int end(final int key)
    {
        return end[key];
    }

    public int length(final int key)
    {
        return end[key] - start[key];
    }

    public byte type(final int key)
    {
        return has(key) ? type[key] : JsonType.NONE;
    }

    /** @return the index of the long key with this ASCII name, or -1. */
    public int findLongKey(final byte[] name)
    {
        for (int n = 0; n < longKeyCount; n++)
        {
            if (longKeyLength[n] == name.length && equals(longKeyStart[n], name))
            {
                return n;
            }
        }
        return -1;
    }

    public int longValueStart(final int n)
    {
        return longValueStart[n];
    }

    public int longValueEnd(final int n)
    {
        return longValueEnd[n];
    }

    public byte longValueType(final int n)
    {
        return longValueType[n];
    }

    /** Whether the value of a single-letter key is the string {@code text}. */
    public boolean stringEquals(final int key, final byte[] text)
    {
        return type(key) == JsonType.STRING && length(key) == text.length && equals(start[key], text);
    }

    private boolean equals(final int position, final byte[] text)
    {
        for (int i = 0; i < text.length; i++)
        {
            if (buffer.getByte(position + i) != text[i])
            {
                return false;
            }
        }
        return true;
    }

    /** Bit mask of single-letter keys, for comparison with {@link #presentLow()} / {@link #presentHigh()}. */
    public static long maskLow(final String keys)
    {
        long mask = 0;
        for (int i = 0; i < keys.length(); i++)
        {
            final char c = keys.charAt(i);
            mask |= c < 64 ? 1L << c : 0;
        }
        return mask;
    }

    public static long maskHigh(final String keys)
    {
        long mask = 0;
        for (int i = 0; i < keys.length(); i++)
        {
            final char c = keys.charAt(i);
            mask |= c >= 64 && c < 128 ? 1L << (c - 64) : 0;
        }
        return mask;
    }
}
