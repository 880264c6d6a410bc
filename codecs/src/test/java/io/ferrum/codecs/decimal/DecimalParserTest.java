package io.ferrum.codecs.decimal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalParserTest
{
    private final DecimalParser parser = new DecimalParser();

    @ParameterizedTest(name = "{0} at 10^{1} = {2}")
    @CsvSource({
        "58005.11000000, -8, 5800511000000",
        "58005.11000000, -2, 5800511",
        "0.00000001, -8, 1",
        "0.00000000, -8, 0",
        "-1.5, -1, -15",
        "+1.5, -3, 1500",
        "1., -2, 100",
        ".5, -1, 5",
        "007, 0, 7",
        "9223372036854775807, 0, 9223372036854775807",
        "-9223372036854775807, 0, -9223372036854775807",
        "92233720368547758.07, -2, 9223372036854775807",
        "1, -18, 1000000000000000000",
    })
    void parsesVenueDecimals(final String text, final int exponent, final long expected)
    {
        assertEquals(expected, parse(text, exponent));
        assertEquals(DecimalError.NONE, parser.error());
    }

    @ParameterizedTest(name = "''{0}'' at 10^{1} is {2}")
    @CsvSource({
        "'', -8, EMPTY",
        "-, -8, MALFORMED",
        "+, -8, MALFORMED",
        "., -8, MALFORMED",
        "-., -8, MALFORMED",
        "1.2.3, -8, MALFORMED",
        "1e5, -8, MALFORMED",
        "' 1', -8, MALFORMED",
        "'1 ', -8, MALFORMED",
        "--1, -8, MALFORMED",
        "+-1, -8, MALFORMED",
        "0x10, 0, MALFORMED",
        "NaN, -8, MALFORMED",
        "Infinity, -8, MALFORMED",
        "'\"1\"', -8, MALFORMED",
        "1.005, -2, TOO_MANY_DECIMALS",
        "0.000000001, -8, TOO_MANY_DECIMALS",
        "9223372036854775808, 0, OVERFLOW",
        "-9223372036854775808, 0, OVERFLOW",
        "92233720368547758.08, -2, OVERFLOW",
        "10, -18, OVERFLOW",
        "99999999999999999999999999999, -8, OVERFLOW",
        "1, 1, BAD_EXPONENT",
        "1, -19, BAD_EXPONENT",
    })
    void refusesWhatItCannotRepresentExactly(final String text, final int exponent, final DecimalError expected)
    {
        assertEquals(DecimalParser.INVALID, parse(text, exponent));
        assertEquals(expected, parser.error());
    }

    @Test
    void readsOnlyItsWindowOfALargerFrame()
    {
        final byte[] frame = "{\"p\":\"58942.01000000\",\"q\":\"0.00035600\"}".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);

        assertEquals(5894201000000L, parser.parse(buffer, 6, 14, -8));
        assertEquals(35600L, parser.parse(buffer, 27, 10, -8));
    }

    @Test
    void errorIsClearedBySuccess()
    {
        parse("junk", -8);
        assertEquals(DecimalError.MALFORMED, parser.error());
        parse("1", -8);
        assertEquals(DecimalError.NONE, parser.error());
    }

    @Test
    void coldPathNamesTextAndReason()
    {
        assertEquals(150L, DecimalParser.parse("1.5", -2));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> DecimalParser.parse("1.234", -2));
        assertTrue(ex.getMessage().contains("'1.234'"), ex.getMessage());
        assertTrue(ex.getMessage().contains(DecimalError.TOO_MANY_DECIMALS.description()), ex.getMessage());
    }

    @Test
    void allocatesNothingPerParse()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final UnsafeBuffer buffer = new UnsafeBuffer("58005.11000000 1e5".getBytes(StandardCharsets.US_ASCII));
        long sink = 0;
        for (int i = 0; i < 200_000; i++) // warm up until compiled
        {
            sink += parser.parse(buffer, 0, 14, -8) + parser.parse(buffer, 15, 3, -8);
        }

        // The least of a few rounds: a one-off allocation by the JIT or the runtime (an OSR
        // transition, a deoptimisation) can land in one round; one per parse lands in all.
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1_000_000; i++)
            {
                sink += parser.parse(buffer, 0, 14, -8) + parser.parse(buffer, 15, 3, -8);
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }

        assertEquals(0, allocated, "bytes allocated over 2 million parses (sink " + sink + ")");
    }

    private long parse(final String text, final int exponent)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        // Surround the text with digits so a parser that read outside its window would be caught.
        final byte[] padded = new byte[bytes.length + 2];
        padded[0] = '9';
        System.arraycopy(bytes, 0, padded, 1, bytes.length);
        padded[padded.length - 1] = '9';
        return parser.parse(new UnsafeBuffer(padded), 1, bytes.length, exponent);
    }
}
