package io.ferrum.ops.backtest;

import java.math.BigInteger;

/**
 * Fixed-point products for accounting: price x quantity rescaled to the ledger's money
 * exponent, truncated toward zero. Exact in 128 bits; the BigInteger path only runs when
 * the 64-bit product would overflow, which is per fill or per sample, never per event.
 */
public final class Money
{
    private static final long[] POWERS = new long[19];

    static
    {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++)
        {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private Money()
    {
    }

    /**
     * @return a * 10^aExp * b * 10^bExp as a mantissa at {@code exponent}
     */
    public static long product(final long a, final int aExp, final long b, final int bExp, final int exponent)
    {
        final int shift = aExp + bExp - exponent;
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        final boolean fits = (high == 0 && low >= 0) || (high == -1 && low < 0);
        if (fits && shift <= 0 && -shift < POWERS.length)
        {
            return low / POWERS[-shift];
        }
        if (fits && shift > 0 && shift < POWERS.length)
        {
            return Math.multiplyExact(low, POWERS[shift]);
        }
        final BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        final BigInteger scaled = shift >= 0 ? product.multiply(BigInteger.TEN.pow(shift)) :
            product.divide(BigInteger.TEN.pow(-shift));
        return scaled.longValueExact();
    }

    /** @return value * 10^from as a mantissa at {@code to}, truncated toward zero */
    public static long rescale(final long value, final int from, final int to)
    {
        return product(value, from, 1, 0, to);
    }

    /** @return a * b / c, truncated toward zero, exact in 128 bits */
    public static long mulDiv(final long a, final long b, final long c)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            return low / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }
}
