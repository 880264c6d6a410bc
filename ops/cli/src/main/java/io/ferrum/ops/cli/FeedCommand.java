package io.ferrum.ops.cli;

import io.ferrum.gateway.check.FeedCheck;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

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
        final Arguments a = new Arguments(args);
        while (a.hasNext())
        {
            switch (a.next())
            {
                case "--ws" -> ws = a.value();
                case "--rest" -> rest = a.value();
                case "--symbols" -> symbols = a.list(true);
                case "--streams" -> streams = a.list(false);
                case "--until-idle" -> untilIdle = a.duration();
                case "--duration" -> duration = a.duration();
                case "--depth-limit" -> depthLimit = a.intValue();
                case "--events" -> events = true;
                default -> throw a.unknown();
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

    /** For DemoCommand's --duration until it reads its arguments with {@link Arguments}; remove then. */
    static Duration duration(final String text)
    {
        return Arguments.duration("--duration", text);
    }
}
