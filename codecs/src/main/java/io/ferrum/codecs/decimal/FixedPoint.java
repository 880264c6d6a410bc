package io.ferrum.codecs.decimal;

/**
 * Renders fixed-point values as the plain decimal strings venues use, for the JSON
 * boundaries (cold path). {@code format(5800511000000L, -8)} is {@code "58005.11000000"}.
 */
public final class FixedPoint
{
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private FixedPoint()
    {
    }

    /** 10^n for n in [0, 18]. */
    public static long powerOfTen(final int n)
    {
        return POWERS_OF_TEN[n];
    }

    public static String format(final long mantissa, final int exponent)
    {
        return appendTo(new StringBuilder(24), mantissa, exponent).toString();
    }

    /** Appends exactly {@code -exponent} decimals, so a value keeps the venue's precision. */
    public static StringBuilder appendTo(final StringBuilder out, final long mantissa, final int exponent)
    {
        if (exponent >= 0)
        {
            out.append(mantissa);
            for (int i = 0; i < exponent; i++)
            {
                out.append('0');
            }
            return out;
        }
        final int scale = -exponent;
        if (mantissa < 0)
        {
            out.append('-');
        }
        // Long.MIN_VALUE has no positive counterpart: format it through its unsigned digits.
        final String digits = mantissa == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(mantissa));
        final int integerDigits = digits.length() - scale;
        if (integerDigits <= 0)
        {
            out.append("0.");
            for (int i = integerDigits; i < 0; i++)
            {
                out.append('0');
            }
            return out.append(digits);
        }
        return out.append(digits, 0, integerDigits).append('.').append(digits, integerDigits, digits.length());
    }
}
