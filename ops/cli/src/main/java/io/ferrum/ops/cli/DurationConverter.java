package io.ferrum.ops.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a duration is written on the command line: a positive whole number and a unit,
 * {@code 500ms}, {@code 20s}, {@code 5m} or {@code 1h}. Registered for every {@link Duration}
 * option by {@link Main}, so {@code --duration} reads the same in every command.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    private static final Pattern DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h)");

    public Duration convert(final String text)
    {
        final Matcher m = DURATION.matcher(text.trim());
        if (!m.matches())
        {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration (500ms, 20s, 5m, 1h)");
        }
        final long amount = Long.parseLong(m.group(1));
        final Duration duration;
        try
        {
            duration = switch (m.group(2))
            {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            duration.toNanos(); // every user of a duration reads it in nanoseconds
        }
        catch (final ArithmeticException ex)
        {
            throw new CommandLine.TypeConversionException("'" + text + "' is too long a duration");
        }
        if (duration.isZero())
        {
            throw new CommandLine.TypeConversionException("'" + text + "' must be positive");
        }
        return duration;
    }
}
