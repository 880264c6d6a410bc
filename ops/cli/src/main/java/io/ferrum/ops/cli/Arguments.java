package io.ferrum.ops.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one way a command reads its arguments: walk them with {@link #next()}, and for an option
 * that takes a value read it typed ({@link #duration()}, {@link #intValue()}, ...). Anything the
 * user got wrong is a {@link UsageException} naming the option and the text given.
 * <pre>
 * final Arguments a = new Arguments(args);
 * while (a.hasNext())
 * {
 *     switch (a.next())
 *     {
 *         case "--ws" -> ws = a.value();
 *         case "--duration" -> duration = a.duration();
 *         case "--events" -> events = true;
 *         default -> throw a.unknown();
 *     }
 * }
 * </pre>
 */
public final class Arguments
{
    private final List<String> args;
    private int index;
    private String current;

    public Arguments(final List<String> args)
    {
        this.args = args;
    }

    public boolean hasNext()
    {
        return index < args.size();
    }

    /** The next argument, an option or a positional one. */
    public String next()
    {
        current = args.get(index++);
        return current;
    }

    /** True when the argument just read looks like an option ({@code -x}, {@code --name}). */
    public boolean isOption()
    {
        return current.startsWith("-");
    }

    /** The value after the option just read; a missing value or another option is a usage error. */
    public String value()
    {
        if (index >= args.size() || args.get(index).startsWith("--"))
        {
            throw new UsageException(current + " needs a value");
        }
        return args.get(index++);
    }

    public Path path()
    {
        return Path.of(value());
    }

    public long longValue()
    {
        final String text = value();
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException(current + " needs an integer: '" + text + "'");
        }
    }

    public int intValue()
    {
        final String option = current;
        final long value = longValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            throw new UsageException(option + " out of range: " + value);
        }
        return (int)value;
    }

    /** An integer above zero. */
    public long positiveLong()
    {
        final long value = longValue();
        if (value <= 0)
        {
            throw new UsageException(current + " must be positive: " + value);
        }
        return value;
    }

    /** A TCP port, 0 (pick a free one) to 65535. */
    public int port()
    {
        final long value = longValue();
        if (value < 0 || value > 65_535)
        {
            throw new UsageException(current + " port out of range: " + value);
        }
        return (int)value;
    }

    /** A plain decimal such as a pace factor; never for prices or quantities (those are fixed point). */
    public double decimal()
    {
        final String text = value();
        try
        {
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException(current + " needs a number: '" + text + "'");
        }
    }

    /** A comma-separated list, blanks dropped; upper-cased when {@code upperCase}; empty is an error. */
    public List<String> list(final boolean upperCase)
    {
        final String text = value();
        final List<String> items = Arrays.stream(text.split(","))
            .map(String::trim).filter(s -> !s.isEmpty())
            .map(s -> upperCase ? s.toUpperCase(Locale.ROOT) : s)
            .toList();
        if (items.isEmpty())
        {
            throw new UsageException(current + " needs a list: '" + text + "'");
        }
        return items;
    }

    /** A positive duration: {@code 500ms}, {@code 3s}, {@code 2m}. */
    public Duration duration()
    {
        final String option = current;
        return duration(option, value());
    }

    /** {@code text} as a positive duration ({@code 500ms}, {@code 3s}, {@code 2m}) given for {@code option}. */
    public static Duration duration(final String option, final String text)
    {
        final Duration duration = parseDuration(text);
        if (duration == null)
        {
            throw new UsageException(option + " needs a duration (500ms, 3s, 2m): '" + text + "'");
        }
        if (duration.isNegative() || duration.isZero())
        {
            throw new UsageException(option + " must be positive: '" + text + "'");
        }
        return duration;
    }

    /** The value at {@code index} of a command line walked by index, for {@code option}. */
    public static String value(final List<String> args, final int index, final String option)
    {
        if (index >= args.size())
        {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    /** {@code text} as a cluster member id (0, 1, ...) given for {@code --member}. */
    public static int memberId(final String text)
    {
        try
        {
            final int id = Integer.parseInt(text);
            if (id >= 0)
            {
                return id;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below
        }
        throw new UsageException("--member must be a member id (0, 1, ...): '" + text + "'");
    }

    /** The error for the argument just read when the command does not know it. */
    public UsageException unknown()
    {
        return new UsageException((isOption() ? "unknown option: " : "unexpected argument: ") + current);
    }

    private static Duration parseDuration(final String text)
    {
        try
        {
            if (text.endsWith("ms"))
            {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s"))
            {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m"))
            {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            // not a duration: the caller says so
        }
        return null;
    }
}
