package io.ferrum.codecs.config;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The value types of configuration files, one spelling each: durations with a unit, byte sizes
 * with an optional binary suffix, integers and booleans. Each error names the key and echoes the
 * value, so that the caller only has to prefix where it was written.
 */
public final class ConfigValues
{
    /** Two-letter units first: "15ms" also ends with "s". */
    private static final String[] DURATION_SUFFIXES = { "ns", "us", "ms", "s", "m", "h" };
    private static final TimeUnit[] DURATION_UNITS = {
        TimeUnit.NANOSECONDS, TimeUnit.MICROSECONDS, TimeUnit.MILLISECONDS,
        TimeUnit.SECONDS, TimeUnit.MINUTES, TimeUnit.HOURS };

    private ConfigValues()
    {
    }

    /** A positive duration with a unit (ns, us, ms, s, m or h) of at most {@code maxNs}, in nanoseconds. */
    public static long durationNs(final String key, final String value, final long maxNs)
    {
        final String text = value.toLowerCase(Locale.ROOT);
        for (int i = 0; i < DURATION_SUFFIXES.length; i++)
        {
            final String suffix = DURATION_SUFFIXES[i];
            if (text.endsWith(suffix))
            {
                try
                {
                    final long amount = Long.parseLong(text.substring(0, text.length() - suffix.length()).strip());
                    final long nanos = DURATION_UNITS[i].toNanos(amount);
                    if (amount > 0 && nanos <= maxNs)
                    {
                        return nanos;
                    }
                }
                catch (final NumberFormatException ignore)
                {
                    // not a number before the unit: refused below
                }
                break;
            }
        }
        throw new IllegalArgumentException(
            key + " must be a positive duration like 500ms, 1s or 15m: '" + ConfigFile.printable(value) + "'");
    }

    /** Bytes: a positive number with an optional k, m or g suffix (binary units), at most 2g. */
    public static int size(final String key, final String value)
    {
        final String text = value.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String digits = text;
        if (text.endsWith("k") || text.endsWith("m") || text.endsWith("g"))
        {
            final char unit = text.charAt(text.length() - 1);
            multiplier = 'k' == unit ? 1024L : 'm' == unit ? 1024L * 1024 : 1024L * 1024 * 1024;
            digits = text.substring(0, text.length() - 1);
        }
        final long bytes;
        try
        {
            bytes = Math.multiplyExact(Long.parseLong(digits), multiplier);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(
                key + " must be a size like 65536, 64k or 16m: '" + ConfigFile.printable(value) + "'");
        }
        if (bytes <= 0 || bytes > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(key + " out of range 1..2g: '" + ConfigFile.printable(value) + "'");
        }
        return (int)bytes;
    }

    public static int integer(final String key, final String value)
    {
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " must be an integer: '" + ConfigFile.printable(value) + "'");
        }
    }

    public static long longValue(final String key, final String value)
    {
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " must be an integer: '" + ConfigFile.printable(value) + "'");
        }
    }

    /** {@code true} or {@code false}, any case; nothing else (Boolean.parseBoolean reads "yes" as false). */
    public static boolean bool(final String key, final String value)
    {
        final String text = value.toLowerCase(Locale.ROOT);
        if (!"true".equals(text) && !"false".equals(text))
        {
            throw new IllegalArgumentException(key + " must be true or false: " + ConfigFile.printable(value));
        }
        return "true".equals(text);
    }
}
