package io.ferrum.gateway.binance;

import io.ferrum.codecs.decimal.DecimalParser;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * One forward pass over a frame that is expected to have an exact byte layout: Binance sends its
 * events compact, with the keys always in the same order, so the decoder's fast path matches the
 * keys as literal bytes and parses each value where it stands, instead of indexing the object
 * first. The first byte that differs from the expected layout (whitespace, another key order, an
 * escape, a sign, too many digits) clears {@link #ok()}; the caller then hands the frame to the
 * generic decoder, which accepts or refuses it by the full rules. So this cursor never refuses a
 * frame itself, and never reads outside {@code [position, limit)}.
 */
final class FixedLayoutCursor
{
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long HIGH_NIBBLES = 0xF0F0_F0F0_F0F0_F0F0L;
    private static final long SIXES = 0x0606_0606_0606_0606L;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long QUOTES = 0x2222_2222_2222_2222L;
    private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;
    private static final long SPACES = 0x2020_2020_2020_2020L;
    private static final long EIGHT_DIGIT_SCALE = 100_000_000L;
    /** Integer digits whose value times 10^8 still fits a long. */
    private static final int MAX_WHOLE_DIGITS = 10;
    /** Digits of a JSON integer accepted here; longer ones go to the generic path. */
    private static final int MAX_INTEGER_DIGITS = 18;

    private final DecimalParser parser = new DecimalParser();
    private DirectBuffer buffer;
    private int position;
    private int limit;
    private boolean ok;

    void reset(final DirectBuffer buffer, final int offset, final int limit)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
        this.ok = true;
    }

    /** Marks the frame as not in the layout (e.g. a value the fast path does not take). */
    void fail()
    {
        ok = false;
    }

    /** False once anything differed from the expected layout. */
    boolean ok()
    {
        return ok;
    }

    int position()
    {
        return position;
    }

    boolean atEnd()
    {
        return position == limit;
    }

    /** Whether the next bytes are {@code text} (consumed if so; nothing changes otherwise). */
    boolean peek(final byte[] text)
    {
        final int end = position + text.length;
        if (!ok || end > limit)
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
        position = end;
        return true;
    }

    /** The next bytes must be {@code text}. */
    void expect(final byte[] text)
    {
        if (!peek(text))
        {
            ok = false;
        }
    }

    /** The next byte must be {@code b}. */
    void expect(final byte b)
    {
        if (ok && position < limit && buffer.getByte(position) == b)
        {
            position++;
        }
        else
        {
            ok = false;
        }
    }

    /** Whether the next byte is {@code b} (consumed if so). */
    boolean peek(final byte b)
    {
        if (ok && position < limit && buffer.getByte(position) == b)
        {
            position++;
            return true;
        }
        return false;
    }

    /**
     * A JSON integer of plain digits (no sign, fraction or exponent), at most 18 of them: eight at a
     * time while they last (a 13-digit millisecond time is one word and five digits), then one by one.
     */
    long integer()
    {
        if (!ok)
        {
            return 0;
        }
        long value = 0;
        int i = position;
        while (i + Long.BYTES <= limit && i - position < 2 * Long.BYTES) // 16 digits by words, 2 more one by one
        {
            final long word = buffer.getLong(i, ByteOrder.LITTLE_ENDIAN);
            if (!isEightDigits(word))
            {
                break;
            }
            value = value * EIGHT_DIGIT_SCALE + eightDigits(word);
            i += Long.BYTES;
        }
        final int end = Math.min(limit, position + MAX_INTEGER_DIGITS + 1);
        while (i < end)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            value = value * 10 + digit;
            i++;
        }
        if (i == position || i - position > MAX_INTEGER_DIGITS || !ok)
        {
            ok = false;
            return 0;
        }
        position = i;
        return value;
    }

    /**
     * A quoted string without escapes or control characters: returns its start and leaves its
     * length in {@link #stringLength()}; the position moves past the closing quote.
     */
    int string()
    {
        if (!ok || position >= limit || buffer.getByte(position) != '"')
        {
            ok = false;
            return 0;
        }
        final int start = position + 1;
        int i = start;
        while (i + Long.BYTES <= limit)
        {
            // the first quote, backslash or control character of the next eight bytes, if any
            final long word = buffer.getLong(i, ByteOrder.LITTLE_ENDIAN);
            final long quote = word ^ QUOTES;
            final long backslash = word ^ BACKSLASHES;
            final long special = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (word - SPACES) & ~word) & HIGH_BITS;
            if (special != 0)
            {
                i += Long.numberOfTrailingZeros(special) >>> 3;
                break;
            }
            i += Long.BYTES;
        }
        for (; i < limit; i++)
        {
            final byte b = buffer.getByte(i);
            if (b == '"')
            {
                stringLength = i - start;
                position = i + 1;
                return start;
            }
            if (b == '\\' || (b >= 0 && b < 0x20))
            {
                break;
            }
        }
        ok = false;
        return 0;
    }

    private int stringLength;

    int stringLength()
    {
        return stringLength;
    }

    /**
     * A quoted decimal at {@code exponent}. Binance writes prices and quantities with exactly 8
     * decimals: at exponent -8 those are read as one 8-byte word and converted with three
     * multiplications (SWAR), the whole part digit by digit; any other shape goes through the
     * codec's {@link DecimalParser}, whose rules are the generic path's.
     */
    long decimal(final int exponent)
    {
        final int start = string();
        if (!ok)
        {
            return 0;
        }
        final int length = stringLength;
        if (exponent == -8 && length >= 10 && length <= MAX_WHOLE_DIGITS + 9 && buffer.getByte(start + length - 9) == '.')
        {
            final int point = start + length - 9;
            long whole = 0;
            boolean digits = true;
            for (int i = start; i < point; i++)
            {
                final int digit = buffer.getByte(i) - '0';
                digits &= digit >= 0 && digit <= 9;
                whole = whole * 10 + digit;
            }
            final long word = buffer.getLong(point + 1, ByteOrder.LITTLE_ENDIAN);
            if (digits && isEightDigits(word))
            {
                return whole * EIGHT_DIGIT_SCALE + eightDigits(word);
            }
        }
        final long value = parser.parse(buffer, start, length, exponent);
        if (value == DecimalParser.INVALID)
        {
            ok = false;
            return 0;
        }
        return value;
    }

    /** {@code true} or {@code false}. */
    boolean bool()
    {
        if (peek(TRUE))
        {
            return true;
        }
        if (!peek(FALSE))
        {
            ok = false;
        }
        return false;
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** Every byte of the word is an ASCII digit. */
    private static boolean isEightDigits(final long word)
    {
        return (word & HIGH_NIBBLES) == ZEROS && ((word + SIXES) & HIGH_NIBBLES) == ZEROS;
    }

    /** The value of eight ASCII digits, the first in the lowest byte (Lemire's unrolled parse). */
    private static long eightDigits(final long word)
    {
        long v = word - ZEROS;
        v = v * 10 + (v >>> 8);
        return (((v & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32))) +
            (((v >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32)))) >>> 32;
    }
}
