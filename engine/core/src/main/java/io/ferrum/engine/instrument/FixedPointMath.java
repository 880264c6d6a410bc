package io.ferrum.engine.instrument;

import io.ferrum.codecs.decimal.FixedPoint;

/**
 * Fixed-point arithmetic for money. A value is {@code mantissa * 10^exponent}; every method
 * says the exponent of its result. A product of two mantissas at exponent -8 each can exceed a
 * long (60 000 * 1 BTC is 6e20 at exponent -16), so products are formed in 128 bits with
 * {@link Math#multiplyHigh} and only then scaled down to the requested exponent.
 * <p>
 * Rounding is always toward zero (truncation), which is what an integer ledger does; results
 * that do not fit a long saturate at {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE + 1}
 * rather than wrapping to a wrong sign.
 */
public final class FixedPointMath
{
    /** Largest result magnitude; {@link Long#MIN_VALUE} is kept free as a "no value" marker. */
    public static final long SATURATED = Long.MAX_VALUE;

    private FixedPointMath()
    {
    }

    /**
     * {@code price * quantity} expressed at {@code resultExponent}.
     *
     * @param price          mantissa at {@code priceExponent}
     * @param priceExponent  of the price
     * @param quantity       mantissa at {@code sizeExponent}
     * @param sizeExponent   of the quantity
     * @param resultExponent of the returned notional
     * @return the notional mantissa at {@code resultExponent}, truncated toward zero
     */
    public static long notional(
        final long price, final int priceExponent, final long quantity, final int sizeExponent, final int resultExponent)
    {
        final int shift = priceExponent + sizeExponent - resultExponent;
        if (shift <= 0)
        {
            return mulDiv(price, quantity, FixedPoint.powerOfTen(-shift));
        }
        return mulDiv(mulDiv(price, quantity, 1), FixedPoint.powerOfTen(shift), 1);
    }

    /** Re-expresses a mantissa from one exponent to another, truncating toward zero when precision is dropped. */
    public static long rescale(final long mantissa, final int fromExponent, final int toExponent)
    {
        final int shift = fromExponent - toExponent;
        if (shift == 0)
        {
            return mantissa;
        }
        if (shift > 0)
        {
            return mulDiv(mantissa, FixedPoint.powerOfTen(shift), 1);
        }
        return mantissa / FixedPoint.powerOfTen(-shift);
    }

    /**
     * {@code a * b / c} with a 128-bit intermediate product, truncated toward zero.
     *
     * @param c positive divisor
     */
    public static long mulDiv(final long a, final long b, final long c)
    {
        final long lo = a * b;
        final long hi = Math.multiplyHigh(a, b);
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))
        {
            return lo == Long.MIN_VALUE && c == 1 ? -SATURATED : lo / c;
        }

        final boolean negative = hi < 0;
        long uHi = hi;
        long uLo = lo;
        if (negative)
        {
            // Two's complement negation of the 128-bit value.
            uLo = -lo;
            uHi = ~hi + (lo == 0 ? 1 : 0);
        }
        if (Long.compareUnsigned(uHi, c) >= 0)
        {
            return negative ? -SATURATED : SATURATED;
        }
        final long quotient = divide128By64(uHi, uLo, c);
        if (quotient < 0)
        {
            return negative ? -SATURATED : SATURATED;
        }
        return negative ? -quotient : quotient;
    }

    /** Unsigned (hi:lo) / divisor for hi < divisor, by shift-and-subtract; only on the rare overflow path. */
    private static long divide128By64(final long hi, final long lo, final long divisor)
    {
        long remainder = hi;
        long quotient = 0;
        for (int i = 63; i >= 0; i--)
        {
            final boolean carry = remainder < 0;
            remainder = (remainder << 1) | ((lo >>> i) & 1L);
            quotient <<= 1;
            if (carry || Long.compareUnsigned(remainder, divisor) >= 0)
            {
                remainder -= divisor;
                quotient |= 1L;
            }
        }
        return quotient;
    }
}
