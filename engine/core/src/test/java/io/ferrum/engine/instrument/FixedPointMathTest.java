package io.ferrum.engine.instrument;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixedPointMathTest
{
    @Test
    void notionalOfBtcAtExponentMinus8BothSidesDoesNotOverflow()
    {
        // 60 000.12345678 USDT * 1.5 BTC = 90 000.18518517 USDT; the raw product is 9e24, far past a long.
        final long price = 6_000_012_345_678L;
        final long quantity = 150_000_000L;
        assertEquals(9_000_018_518_517L, FixedPointMath.notional(price, -8, quantity, -8, -8));
    }

    @Test
    void notionalTruncatesTowardZeroAndKeepsSign()
    {
        assertEquals(3, FixedPointMath.notional(7, -1, 5, -1, -1)); // 0.7 * 0.5 = 0.35 -> 0.3
        assertEquals(-3, FixedPointMath.notional(-7, -1, 5, -1, -1));
        assertEquals(3500, FixedPointMath.notional(7, -1, 5, -1, -4)); // finer result exponent multiplies
    }

    @Test
    void saturatesInsteadOfWrapping()
    {
        assertEquals(Long.MAX_VALUE, FixedPointMath.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, 1));
        assertEquals(-Long.MAX_VALUE, FixedPointMath.mulDiv(Long.MAX_VALUE, -Long.MAX_VALUE, 3));
    }

    @Test
    void rescale()
    {
        assertEquals(123_400, FixedPointMath.rescale(1234, -2, -4));
        assertEquals(12, FixedPointMath.rescale(1234, -2, 0));
        assertEquals(-12, FixedPointMath.rescale(-1234, -2, 0));
    }

    @Property(tries = 2000)
    void mulDivAgreesWithBigInteger(
        @ForAll final long a,
        @ForAll final long b,
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) final long c)
    {
        final BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c));
        final long expected;
        if (exact.bitLength() < 64 && exact.abs().compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0)
        {
            expected = exact.longValueExact();
        }
        else
        {
            expected = exact.signum() < 0 ? -Long.MAX_VALUE : Long.MAX_VALUE;
        }
        assertEquals(expected, FixedPointMath.mulDiv(a, b, c), () -> a + " * " + b + " / " + c);
    }
}
