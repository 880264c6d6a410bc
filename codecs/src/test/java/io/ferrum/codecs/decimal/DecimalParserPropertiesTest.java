package io.ferrum.codecs.decimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The parser against {@link BigDecimal} as the reference, over thousands of generated
 * strings: well-formed venue decimals, near the limits of a long, and hostile junk.
 */
class DecimalParserPropertiesTest
{
    /** The grammar the parser accepts; BigDecimal accepts more (exponents), so it is checked first. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)");
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final DecimalParser parser = new DecimalParser();

    @Property(tries = 5000)
    void agreesWithBigDecimalOnWellFormedDecimals(
        @ForAll("decimals") final String text, @ForAll @IntRange(min = -18, max = 0) final int exponent)
    {
        assertAgreesWithReference(text, exponent);
    }

    @Property(tries = 5000)
    void agreesWithBigDecimalOnHostileText(
        @ForAll("junk") final String text, @ForAll @IntRange(min = -18, max = 0) final int exponent)
    {
        assertAgreesWithReference(text, exponent);
    }

    @Property(tries = 3000)
    void formatsBackToTheVenueString(
        @ForAll("mantissas") final long mantissa, @ForAll @IntRange(min = -18, max = 0) final int exponent)
    {
        final String text = FixedPoint.format(mantissa, exponent);

        assertEquals(BigDecimal.valueOf(mantissa, -exponent).toPlainString(), text);
        assertEquals(mantissa, parse(text, exponent));
    }

    private void assertAgreesWithReference(final String text, final int exponent)
    {
        final BigInteger expected = reference(text, exponent);
        final long actual = parse(text, exponent);
        if (null == expected)
        {
            assertEquals(DecimalParser.INVALID, actual, () -> "accepted '" + text + "' at 10^" + exponent);
            assertNotEquals(DecimalError.NONE, parser.error());
        }
        else
        {
            assertEquals(expected.longValueExact(), actual, () -> "'" + text + "' at 10^" + exponent);
            assertEquals(DecimalError.NONE, parser.error());
        }
    }

    /** The exact mantissa, or null when the text must be refused. */
    private static BigInteger reference(final String text, final int exponent)
    {
        if (!PLAIN_DECIMAL.matcher(text).matches())
        {
            return null;
        }
        final BigDecimal scaled = new BigDecimal(text).movePointRight(-exponent);
        final BigInteger mantissa;
        try
        {
            mantissa = scaled.toBigIntegerExact();
        }
        catch (final ArithmeticException lostPrecision)
        {
            return null;
        }
        return mantissa.abs().compareTo(MAX) > 0 ? null : mantissa;
    }

    private long parse(final String text, final int exponent)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return parser.parse(new UnsafeBuffer(bytes), 0, bytes.length, exponent);
    }

    @Provide
    Arbitrary<String> decimals()
    {
        final Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
        final Arbitrary<String> integer = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(21);
        final Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20);
        final Arbitrary<String> point = Arbitraries.of(".", ".", "");
        final Arbitrary<String> padding = Arbitraries.strings().withChars('0').ofMaxLength(10);
        return Combinators.combine(sign, integer, point, fraction, padding)
            .as((s, i, p, f, z) -> s + i + p + (p.isEmpty() ? "" : f + z));
    }

    @Provide
    Arbitrary<String> junk()
    {
        return Arbitraries.strings()
            .withChars("0123456789.-+eE xX\",:{}\u00e9\u0000")
            .ofMinLength(0).ofMaxLength(30);
    }

    @Provide
    Arbitrary<Long> mantissas()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(-Long.MAX_VALUE, Long.MAX_VALUE),
            Arbitraries.longs().between(-1000, 1000),
            Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, -Long.MAX_VALUE));
    }
}
