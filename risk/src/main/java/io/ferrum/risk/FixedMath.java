package io.ferrum.risk;

import io.ferrum.codecs.decimal.FixedPoint;

/**
 * Fixed-point arithmetic for risk limits with a 128-bit intermediate: a price and a
 * quantity at exponent -8 each multiply to 10^-16 units, which overflows a long for any
 * notional above about 922 (quote currency). Results that do not fit a long saturate to
 * {@link Long#MAX_VALUE}, which is above every limit, so an overflow can only reject,
 * never pass an order silently.
 */
public final class FixedMath
{
    /** Value returned when a result does not fit a long: larger than any limit. */
    public static final long SATURATED = Long.MAX_VALUE;

    private static final long LOW_32_BITS = 0xFFFF_FFFFL;
    private static final long MAX_SQRT = 3_037_000_499L; // floor(sqrt(Long.MAX_VALUE))
    private static final int MAX_DIVISION_STEP = 9; // 10^9 < 2^30, so remainder << 32 fits a long

    private FixedMath()
    {
    }

    /**
     * {@code a * b * 10^shift}, rounded up or down, for non-negative {@code a} and {@code b}.
     *
     * @return the exact rounded value, or {@link #SATURATED} when it does not fit a long.
     */
    public static long scaledProduct(final long a, final long b, final int shift, final boolean roundUp)
    {
        if (a < 0 || b < 0)
        {
            throw new IllegalArgumentException("negative operand");
        }
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (shift >= 0)
        {
            if (high != 0 || low < 0)
            {
                return SATURATED;
            }
            return shift == 0 ? low : multiplySaturated(low, shift);
        }
        if (high == 0 && low >= 0 && shift >= -MAX_DIVISION_STEP)
        {
            // the product fits a long: one division, not the 128-bit loop
            final long quotient = divideByPowerOfTen(low, -shift);
            return roundUp && quotient * FixedPoint.powerOfTen(-shift) != low ? quotient + 1 : quotient;
        }

        boolean remainder = false;
        for (int k = -shift; k > 0; k -= MAX_DIVISION_STEP)
        {
            if (high == 0 && low == 0)
            {
                break; // nothing left to divide; a remainder seen earlier still rounds up
            }
            final int step = Math.min(k, MAX_DIVISION_STEP);
            final long divisor = FixedPoint.powerOfTen(step);
            final long highQuotient = divideByPowerOfTen(high, step);
            long r = high - highQuotient * divisor;
            final long upper = (r << 32) | (low >>> 32);
            final long upperQuotient = divideByPowerOfTen(upper, step);
            r = upper - upperQuotient * divisor;
            final long lower = (r << 32) | (low & LOW_32_BITS);
            final long lowerQuotient = divideByPowerOfTen(lower, step);
            r = lower - lowerQuotient * divisor;
            high = highQuotient;
            low = (upperQuotient << 32) | lowerQuotient;
            remainder |= r != 0;
        }
        if (high != 0 || low < 0)
        {
            return SATURATED;
        }
        if (roundUp && remainder && low != SATURATED)
        {
            return low + 1;
        }
        return low;
    }

    /**
     * A non-negative value moved from one exponent to another, rounded up or down;
     * {@link #SATURATED} when it does not fit.
     */
    public static long rescale(final long value, final int fromExponent, final int toExponent, final boolean roundUp)
    {
        return scaledProduct(value, 1, fromExponent - toExponent, roundUp);
    }

    /**
     * A signed value moved to another exponent only when nothing is lost.
     *
     * @return the value at {@code toExponent}, or {@link Long#MIN_VALUE} when it would
     * lose digits or not fit.
     */
    public static long rescaleExact(final long value, final int fromExponent, final int toExponent)
    {
        if (value == Long.MIN_VALUE)
        {
            return Long.MIN_VALUE;
        }
        if (fromExponent == toExponent)
        {
            return value; // exact, and ±Long.MAX_VALUE must not be taken for rescale's SATURATED
        }
        final long magnitude = Math.abs(value);
        final long down = rescale(magnitude, fromExponent, toExponent, false);
        final long up = rescale(magnitude, fromExponent, toExponent, true);
        if (down != up || down == SATURATED)
        {
            return Long.MIN_VALUE;
        }
        return value < 0 ? -down : down;
    }

    /**
     * {@code a * b * 10^shift > limit}, exactly, for non-negative operands: the same answer as
     * comparing {@link #scaledProduct} rounded up with the limit, but without a 128-bit
     * division for shifts down to -18 (the limit is scaled up instead), which is what a
     * check needs on its accept path.
     */
    public static boolean scaledProductGreater(final long a, final long b, final int shift, final long limit)
    {
        if (shift >= 0)
        {
            final long product = scaledProduct(a, b, shift, false);
            if (product != SATURATED)
            {
                return product > limit;
            }
            // The value is at least Long.MAX_VALUE; it equals it only for a * b == MAX_VALUE at shift 0.
            return limit != SATURATED || shift != 0 || Math.multiplyHigh(a, b) != 0 || a * b != SATURATED;
        }
        if (shift >= -18)
        {
            return productGreater(a, b, limit, FixedPoint.powerOfTen(-shift));
        }
        return scaledProduct(a, b, shift, true) > limit;
    }

    /** {@code a * b > c * d} for non-negative operands, exactly (128-bit products). */
    public static boolean productGreater(final long a, final long b, final long c, final long d)
    {
        final long leftHigh = Math.multiplyHigh(a, b);
        final long rightHigh = Math.multiplyHigh(c, d);
        if (leftHigh != rightHigh)
        {
            return leftHigh > rightHigh;
        }
        return Long.compareUnsigned(a * b, c * d) > 0;
    }

    /** Integer square root: the largest r with r * r <= n, for n >= 0. */
    public static long sqrt(final long n)
    {
        if (n < 0)
        {
            throw new IllegalArgumentException("negative");
        }
        long r = Math.min((long)Math.sqrt((double)n), MAX_SQRT); // a guess only; corrected exactly below
        while (r * r > n)
        {
            r--;
        }
        while (r < MAX_SQRT && (r + 1) * (r + 1) <= n)
        {
            r++;
        }
        return r;
    }

    /** {@code a + b} for non-negative operands, saturated. */
    public static long addSaturated(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? SATURATED : sum;
    }

    /** Ceiling of a / b for a >= 0 and b > 0; a saturated numerator stays saturated. */
    static long divideRoundingUp(final long a, final long b)
    {
        if (a == SATURATED)
        {
            return a;
        }
        return a / b + (a % b != 0 ? 1 : 0);
    }

    /**
     * {@code value / 10^k} for {@code 1 <= k <= 9}: each divisor a constant, which the JIT turns into
     * a multiplication and a shift instead of a hardware division (tens of cycles, several per check).
     */
    private static long divideByPowerOfTen(final long value, final int k)
    {
        switch (k)
        {
            case 1: return value / 10L;
            case 2: return value / 100L;
            case 3: return value / 1_000L;
            case 4: return value / 10_000L;
            case 5: return value / 100_000L;
            case 6: return value / 1_000_000L;
            case 7: return value / 10_000_000L;
            case 8: return value / 100_000_000L;
            case 9: return value / 1_000_000_000L;
            default: throw new IllegalArgumentException("power of ten " + k);
        }
    }

    private static long multiplySaturated(final long value, final int exponent)
    {
        if (value == 0)
        {
            return 0;
        }
        if (exponent > 18)
        {
            return SATURATED;
        }
        final long factor = FixedPoint.powerOfTen(exponent);
        if (Math.multiplyHigh(value, factor) != 0 || value * factor < 0)
        {
            return SATURATED;
        }
        return value * factor;
    }
}
