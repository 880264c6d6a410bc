package io.ferrum.sequencer.cluster;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The value syntax of the cluster configuration: integers, sizes with binary units and durations
 * with a unit. A bad value is an {@link IllegalArgumentException} naming the key, which the parser
 * reports with the file's name.
 */
final class ConfigValues
{
    private static final long MAX_DURATION_NS = TimeUnit.DAYS.toNanos(1);
    private static final String[][] DURATION_UNITS = {
        { "ns", "NANOSECONDS" }, { "us", "MICROSECONDS" }, { "ms", "MILLISECONDS" },
        { "s", "SECONDS" }, { "m", "MINUTES" }, { "h", "HOURS" } };

    private ConfigValues()
    {
    }

    static int integer(final String key, final String value)
    {
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " must be an integer: '" + value + "'");
        }
    }

    /** Bytes: a number with an optional k, m or g suffix (binary units). */
    static int size(final String key, final String text)
    {
        final String value = text.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String digits = value;
        if (value.endsWith("k") || value.endsWith("m") || value.endsWith("g"))
        {
            final char unit = value.charAt(value.length() - 1);
            multiplier = 'k' == unit ? 1024L : 'm' == unit ? 1024L * 1024 : 1024L * 1024 * 1024;
            digits = value.substring(0, value.length() - 1);
        }
        try
        {
            final long bytes = Math.multiplyExact(Long.parseLong(digits), multiplier);
            if (bytes <= 0 || bytes > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException(key + " out of range 1..2g: '" + value + "'");
            }
            return (int)bytes;
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(key + " must be a size like 65536, 64k or 16m: '" + value + "'");
        }
    }

    /** A positive duration with a unit: ns, us, ms, s, m or h, at most a day. */
    static long duration(final String key, final String text)
    {
        final String value = text.toLowerCase(Locale.ROOT);
        for (final String[] unit : DURATION_UNITS)
        {
            if (value.endsWith(unit[0]))
            {
                try
                {
                    final long amount = Long.parseLong(value.substring(0, value.length() - unit[0].length()).strip());
                    final long nanos = TimeUnit.valueOf(unit[1]).toNanos(amount);
                    if (amount > 0 && nanos <= MAX_DURATION_NS)
                    {
                        return nanos;
                    }
                }
                catch (final NumberFormatException ex)
                {
                    break;
                }
            }
        }
        throw new IllegalArgumentException(key + " must be a positive duration like 500ms, 1s or 15m: '" + value + "'");
    }
}
