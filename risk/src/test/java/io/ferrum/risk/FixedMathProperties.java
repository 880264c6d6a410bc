package io.ferrum.risk;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixedMathProperties
{
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Property(tries = 2000)
    void scaledProductIsExactOrSaturated(
        @ForAll @LongRange(min = 0) final long a,
        @ForAll @LongRange(min = 0) final long b,
        @ForAll @IntRange(min = -40, max = 20) final int shift,
        @ForAll final boolean roundUp)
    {
        final BigDecimal exact = new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))).scaleByPowerOfTen(shift);
        final BigInteger rounded = exact.setScale(0, roundUp ? RoundingMode.CEILING : RoundingMode.FLOOR).toBigIntegerExact();
        final long expected = rounded.compareTo(MAX) > 0 ? Long.MAX_VALUE : rounded.longValueExact();
        assertEquals(expected, FixedMath.scaledProduct(a, b, shift, roundUp));
    }

    @Property(tries = 2000)
    void scaledProductOfRealisticMantissas(
        @ForAll @LongRange(min = 1, max = 10_000_000_000_000L) final long price,
        @ForAll @LongRange(min = 1, max = 100_000_000_000_000L) final long quantity)
    {
        final BigInteger product = BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity));
        final BigInteger[] qr = product.divideAndRemainder(BigInteger.TEN.pow(8));
        final BigInteger ceil = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        assertEquals(ceil.min(MAX).longValueExact(), FixedMath.scaledProduct(price, quantity, -8, true));
    }

    @Property(tries = 3000)
    void scaledProductGreaterIsTheExactComparison(
        @ForAll @LongRange(min = 0) final long a,
        @ForAll @LongRange(min = 0) final long b,
        @ForAll @IntRange(min = -30, max = 10) final int shift,
        @ForAll @LongRange(min = 0) final long limit)
    {
        final BigDecimal exact = new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))).scaleByPowerOfTen(shift);
        assertEquals(exact.compareTo(BigDecimal.valueOf(limit)) > 0, FixedMath.scaledProductGreater(a, b, shift, limit));
    }

    @Property(tries = 2000)
    void productGreaterIsExact(
        @ForAll @LongRange(min = 0) final long a, @ForAll @LongRange(min = 0) final long b,
        @ForAll @LongRange(min = 0) final long c, @ForAll @LongRange(min = 0) final long d)
    {
        final boolean expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
            .compareTo(BigInteger.valueOf(c).multiply(BigInteger.valueOf(d))) > 0;
        assertEquals(expected, FixedMath.productGreater(a, b, c, d));
    }

    @Property(tries = 2000)
    void sqrtIsTheFloorRoot(@ForAll @LongRange(min = 0) final long n)
    {
        assertEquals(BigInteger.valueOf(n).sqrt().longValueExact(), FixedMath.sqrt(n));
    }

    @Property(tries = 1000)
    void rescaleExactRefusesLoss(
        @ForAll final long value, @ForAll @IntRange(min = -18, max = 18) final int from,
        @ForAll @IntRange(min = -18, max = 0) final int to)
    {
        final BigDecimal exact = new BigDecimal(BigInteger.valueOf(value)).scaleByPowerOfTen(from - to);
        long expected;
        try
        {
            expected = exact.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
            if (expected == Long.MIN_VALUE)
            {
                expected = Long.MIN_VALUE;
            }
        }
        catch (final ArithmeticException ex)
        {
            expected = Long.MIN_VALUE;
        }
        assertEquals(expected, FixedMath.rescaleExact(value, from, to));
    }

    @Test
    void edgeCases()
    {
        assertEquals(Long.MAX_VALUE, FixedMath.scaledProduct(Long.MAX_VALUE, Long.MAX_VALUE, -18, true));
        assertEquals(0, FixedMath.scaledProduct(0, Long.MAX_VALUE, 30, true));
        assertEquals(Long.MAX_VALUE, FixedMath.rescaleExact(Long.MAX_VALUE, -8, -8), "the largest value, unchanged, fits");
        assertEquals(-Long.MAX_VALUE, FixedMath.rescaleExact(-Long.MAX_VALUE, 0, 0));
        assertEquals(1, FixedMath.scaledProduct(1, 1, -40, true));
        assertEquals(0, FixedMath.scaledProduct(1, 1, -40, false));
        assertEquals(3_037_000_499L, FixedMath.sqrt(Long.MAX_VALUE));
        assertEquals(false, FixedMath.scaledProductGreater(Long.MAX_VALUE, 1, 0, Long.MAX_VALUE));
        assertEquals(true, FixedMath.scaledProductGreater(Long.MAX_VALUE, 2, 0, Long.MAX_VALUE));
        assertEquals(true, FixedMath.scaledProductGreater(Long.MAX_VALUE, 1, 1, Long.MAX_VALUE));
        assertEquals(false, FixedMath.scaledProductGreater(Long.MAX_VALUE, 1, -1, Long.MAX_VALUE / 10 + 1));
    }
}
