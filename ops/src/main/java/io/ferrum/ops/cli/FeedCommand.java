package io.ferrum.ops.cli;

import io.ferrum.gateway.check.FeedCheck;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./ferrum feed}: checks a Binance-compatible market-data endpoint (the live venue or
 * the simulator) and prints one {@code book_summary} JSON line per symbol, and with
 * {@code --events} every decoded event as an event-contract JSON line first.
 */
public final class FeedCommand implements Command
{
    public String name()
    {
        return "feed";
    }

    public String summary()
    {
        return "check a Binance-compatible market-data feed and print its books";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: ./ferrum feed --ws URL --rest URL --symbols BTCUSDT,ETHUSDT [--until-idle 3s | --duration 30s] [--events]",
            "                     [--streams depth@100ms,bookTicker,aggTrade] [--depth-limit 1000]",
            "  --ws          WebSocket base, e.g. wss://stream.binance.com:9443 or ws://127.0.0.1:PORT",
            "  --rest        REST base, e.g. https://api.binance.com or http://127.0.0.1:PORT",
            "  --until-idle  stop once nothing has arrived for this long (default 3s)",
            "  --duration    stop after this long instead",
            "  --events      print every decoded event as one JSON line");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        String ws = null;
        String rest = null;
        List<String> symbols = null;
        List<String> streams = List.of("depth@100ms", "bookTicker", "aggTrade");
        Duration untilIdle = null;
        Duration duration = null;
        boolean events = false;
        int depthLimit = 1000;
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            switch (arg)
            {
                case "--ws" -> ws = value(args, ++i, arg);
                case "--rest" -> rest = value(args, ++i, arg);
                case "--symbols" -> symbols = list(value(args, ++i, arg), true);
                case "--streams" -> streams = list(value(args, ++i, arg), false);
                case "--until-idle" -> untilIdle = duration(value(args, ++i, arg));
                case "--duration" -> duration = duration(value(args, ++i, arg));
                case "--depth-limit" -> depthLimit = integer(value(args, ++i, arg));
                case "--events" -> events = true;
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        if (ws == null || rest == null || symbols == null)
        {
            throw new UsageException("--ws, --rest and --symbols are required");
        }
        if (untilIdle != null && duration != null)
        {
            throw new UsageException("give --until-idle or --duration, not both");
        }
        if (untilIdle == null && duration == null)
        {
            untilIdle = Duration.ofSeconds(3);
        }
        final List<FeedCheck.BookSummary> summaries;
        try
        {
            summaries = FeedCheck.run(
                new FeedCheck.Options(ws, rest, symbols, streams, untilIdle, duration, events, depthLimit), out);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        out.flush();
        return summaries.stream().anyMatch(FeedCheck.BookSummary::crossed) ? EXIT_DATA : 0;
    }

    private static String value(final List<String> args, final int index, final String option)
    {
        if (index >= args.size())
        {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static List<String> list(final String text, final boolean upperCase)
    {
        final List<String> items = Arrays.stream(text.split(","))
            .map(String::trim).filter(s -> !s.isEmpty())
            .map(s -> upperCase ? s.toUpperCase(Locale.ROOT) : s)
            .toList();
        if (items.isEmpty())
        {
            throw new UsageException("empty list: '" + text + "'");
        }
        return items;
    }

    private static int integer(final String text)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException("not an integer: '" + text + "'");
        }
    }

    /** {@code 500ms}, {@code 3s}, {@code 2m}. */
    static Duration duration(final String text)
    {
        try
        {
            if (text.endsWith("ms"))
            {
                return positive(Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2))), text);
            }
            if (text.endsWith("s"))
            {
                return positive(Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1))), text);
            }
            if (text.endsWith("m"))
            {
                return positive(Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1))), text);
            }
        }
        catch (final NumberFormatException ex)
        {
            // falls through to the usage error
        }
        throw new UsageException("not a duration (500ms, 3s, 2m): '" + text + "'");
    }

    private static Duration positive(final Duration duration, final String text)
    {
        if (duration.isNegative() || duration.isZero())
        {
            throw new UsageException("duration must be positive: '" + text + "'");
        }
        return duration;
    }
}
