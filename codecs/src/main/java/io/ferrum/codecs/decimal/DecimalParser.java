package io.ferrum.codecs.decimal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Parses ASCII decimal strings such as {@code 58005.11000000} straight from a buffer to a
 * fixed-point mantissa at a given exponent: {@code value = mantissa * 10^exponent}.
 * <p>
 * No {@code double} and no allocation on the hot path. Digits past the exponent are allowed
 * only when they are zeros (venues pad to 8 decimals); anything that would lose precision,
 * overflow, or is not a plain decimal is refused with {@link #INVALID} and a reason in
 * {@link #error()}, never turned into a wrong number.
 * <p>
 * Not thread safe: each decoder owns its parser, which only keeps the last error.
 */
public final class DecimalParser
{
    /** Returned for every refused input; never a valid mantissa, as the accepted range is symmetric. */
    public static final long INVALID = Long.MIN_VALUE;
    /** Smallest supported exponent: 10^18 is the largest power of ten in a long. */
    public static final int MIN_EXPONENT = -18;

    private static final long MAX_BEFORE_MULTIPLY = Long.MAX_VALUE / 10;

    private DecimalError error = DecimalError.NONE;

    /**
     * @param buffer   holding ASCII text
     * @param offset   of the first character
     * @param length   of the text, quotes excluded
     * @param exponent of the result, in [{@link #MIN_EXPONENT}, 0]
     * @return the mantissa, or {@link #INVALID} with the reason in {@link #error()}
     */
    public long parse(final DirectBuffer buffer, final int offset, final int length, final int exponent)
    {
        if (exponent > 0 || exponent < MIN_EXPONENT)
        {
            return fail(DecimalError.BAD_EXPONENT);
        }
        if (length <= 0)
        {
            return fail(DecimalError.EMPTY);
        }

        int i = offset;
        final int end = offset + length;
        boolean negative = false;
        final byte first = buffer.getByte(i);
        if (first == '-' || first == '+')
        {
            negative = first == '-';
            i++;
        }

        long mantissa = 0;
        int digits = 0;
        int fractionDigits = -1; // -1 until the decimal point is seen
        final int scale = -exponent;
        for (; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (b == '.')
            {
                if (fractionDigits >= 0)
                {
                    return fail(DecimalError.MALFORMED);
                }
                fractionDigits = 0;
                continue;
            }
            final int digit = b - '0';
            if (digit < 0 || digit > 9)
            {
                return fail(DecimalError.MALFORMED);
            }
            digits++;
            if (fractionDigits >= 0)
            {
                if (fractionDigits == scale)
                {
                    if (digit != 0)
                    {
                        return fail(DecimalError.TOO_MANY_DECIMALS);
                    }
                    continue; // padding zero past the exponent: no precision lost
                }
                fractionDigits++;
            }
            mantissa = accumulate(mantissa, digit);
            if (mantissa < 0)
            {
                return fail(DecimalError.OVERFLOW);
            }
        }
        if (digits == 0)
        {
            return fail(DecimalError.MALFORMED);
        }

        for (int missing = scale - Math.max(fractionDigits, 0); missing > 0; missing--)
        {
            mantissa = accumulate(mantissa, 0);
            if (mantissa < 0)
            {
                return fail(DecimalError.OVERFLOW);
            }
        }

        error = DecimalError.NONE;
        return negative ? -mantissa : mantissa;
    }

    /**
     * Cold-path convenience for configuration and tests: the same rules, on a string.
     *
     * @throws IllegalArgumentException naming the text and the reason when it is refused.
     */
    public static long parse(final CharSequence text, final int exponent)
    {
        final byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        final DecimalParser parser = new DecimalParser();
        final long mantissa = parser.parse(new UnsafeBuffer(bytes), 0, bytes.length, exponent);
        if (mantissa == INVALID)
        {
            throw new IllegalArgumentException(
                "invalid decimal '" + text + "' at exponent " + exponent + ": " + parser.error().description());
        }
        return mantissa;
    }

    /** Reason for the last {@link #INVALID}, or {@link DecimalError#NONE} after a success. */
    public DecimalError error()
    {
        return error;
    }

    /** @return mantissa * 10 + digit, or a negative number when that overflows a long. */
    private static long accumulate(final long mantissa, final int digit)
    {
        if (mantissa > MAX_BEFORE_MULTIPLY)
        {
            return -1;
        }
        return mantissa * 10 + digit; // wraps negative exactly when it exceeds Long.MAX_VALUE
    }

    private long fail(final DecimalError reason)
    {
        error = reason;
        return INVALID;
    }
}
